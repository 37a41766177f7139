import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { useApp } from '../app-context';
import { Cite, ErrorBox } from '../components/ui';
import type { MessageKey } from '../lib/i18n';
import { designatedExchange, listingInput, venueName, type ListingProblem } from '../lib/listing';
import { LIST_PRODUCT, POLICY_PROFILE } from '../queries';

/**
 * 挂牌 an approved product. Where the product's jurisdiction designates an exchange or zone (QHD; ZJC), the operator
 * gives the listing reference there first; elsewhere one click lists it. A refusal shows the API's words.
 */
export function ListingAction({ product, onDone }: { product: { id: string; jurisdiction: string }; onDone: () => void }) {
  const { t, lang } = useApp();
  const [{ data }] = useQuery({ query: POLICY_PROFILE, variables: { jurisdiction: product.jurisdiction }, requestPolicy: 'cache-first' });
  const [listed, list] = useMutation(LIST_PRODUCT);
  const [open, setOpen] = useState(false);
  const [reference, setReference] = useState('');
  const [problem, setProblem] = useState<ListingProblem | null>(null);
  const setting = data?.policyProfile.settings.find((s) => s.name === 'designatedExchange');
  const rule = designatedExchange(setting?.value);
  const send = async (ev?: FormEvent) => {
    ev?.preventDefault();
    const checked = listingInput(product.id, rule, reference);
    setProblem('problem' in checked ? checked.problem : null);
    if ('problem' in checked) return;
    const r = await list(checked.input);
    if (!r.error) onDone();
  };
  if (!rule?.required || !open) {
    return (
      <div className="listing-action">
        <button type="button" className="btn small primary" disabled={listed.fetching || !data} onClick={() => (rule?.required ? setOpen(true) : void send())}>
          {t('op.list')}
        </button>
        <ErrorBox error={listed.error} />
      </div>
    );
  }
  const venue = venueName(rule.venue, lang);
  return (
    <form className="form listing-form" onSubmit={(ev) => void send(ev)} aria-label={t('op.listTitle')} noValidate>
      <p className="muted">
        {t('op.listVenue', { venue: venue ?? '—' })} <small><Cite source={setting?.source} /></small>
      </p>
      <label>
        {t('op.listRef')}
        <input name="exchangeListingRef" value={reference} maxLength={220} onChange={(ev) => setReference(ev.target.value)} aria-invalid={problem ? true : undefined} />
      </label>
      {problem ? (
        <div className="state state-error field-error" role="alert" data-problem={problem}>
          {t(`op.listErr.${problem}` as MessageKey, { venue: venue ?? '—' })}
        </div>
      ) : null}
      <ErrorBox error={listed.error} />
      <div className="actions">
        <button className="btn small primary" type="submit" disabled={listed.fetching}>
          {t('op.list')}
        </button>
        <button className="btn small" type="button" onClick={() => setOpen(false)}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
