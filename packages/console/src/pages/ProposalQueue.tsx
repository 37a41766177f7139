import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { useApp } from '../app-context';
import { ErrorBox, ListState, Section } from '../components/ui';
import { formatDate } from '../lib/format';
import { proposedPersons } from '../lib/persons';
import { useLookups } from '../lookups';
import { ACCEPT_PROPOSAL, PENDING_PROPOSALS, REJECT_PROPOSAL } from '../party-queries';

/**
 * Changes a party proposed to its own record, pending with the officials of its jurisdiction: the persons behind a
 * company (JL §三(二); TZ Art 12(3)) or eligibility facts, each with its document. Accepting makes them the record.
 */
export function ProposalQueue() {
  const { t, e, lang } = useApp();
  const names = useLookups(lang);
  const [{ data, fetching, error }, refetch] = useQuery({ query: PENDING_PROPOSALS, variables: { first: 50 } });
  const [accepted, accept] = useMutation(ACCEPT_PROPOSAL);
  const [rejected, reject] = useMutation(REJECT_PROPOSAL);
  const [reasons, setReasons] = useState<Record<string, string>>({});
  const [missing, setMissing] = useState<string | null>(null);
  const retry = () => refetch({ requestPolicy: 'network-only' });
  const done = (r: { error?: unknown }) => {
    if (!r.error) retry();
  };
  const onReject = (id: string) => {
    const reason = reasons[id]?.trim();
    setMissing(reason ? null : id);
    if (reason) void reject({ id, reason }).then(done);
  };
  const edges = data?.organizationChangeProposals.edges ?? [];
  return (
    <Section id="q-proposals" title={t('proposals.title')}>
      <ErrorBox error={accepted.error ?? rejected.error} />
      <ListState fetching={fetching} error={error} empty={!edges.length} onRetry={retry}>
        <table className="table">
          <thead>
            <tr>
              <th>{t('proposals.org')}</th>
              <th>{t('proposals.what')}</th>
              <th>{t('proposals.evidence')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {edges.map(({ node: p }) => {
              const persons = proposedPersons(p.changes);
              const fields = Object.keys((p.changes ?? {}) as Record<string, unknown>).filter((k) => k !== 'persons');
              return (
                <tr key={p.id} data-queue="proposal" data-org={p.organizationId}>
                  <td>
                    {names.org(p.organizationId)}
                    <div className="muted">{formatDate(p.proposedAt, lang)}</div>
                  </td>
                  <td>
                    {persons.map((x, i) => (
                      <div key={i}>
                        {e(x.role)} {x.name}
                      </div>
                    ))}
                    {fields.length ? (
                      <div>
                        {t('proposals.facts')}
                        {fields.map((f) => (
                          <code key={f}> {f}</code>
                        ))}
                      </div>
                    ) : null}
                  </td>
                  <td>
                    {p.evidence.documentRef} · {formatDate(p.evidence.documentDate, lang)}
                    {p.evidence.note ? <div className="muted">{p.evidence.note}</div> : null}
                  </td>
                  <td className="actions">
                    <button type="button" className="btn small primary" disabled={accepted.fetching} onClick={() => void accept({ id: p.id }).then(done)}>
                      {t('proposals.accept')}
                    </button>
                    <input aria-label={t('proposals.reason')} placeholder={t('proposals.reason')} value={reasons[p.id] ?? ''} onChange={(ev) => setReasons((r) => ({ ...r, [p.id]: ev.target.value }))} />
                    <button type="button" className="btn small" disabled={rejected.fetching} onClick={() => onReject(p.id)}>
                      {t('proposals.reject')}
                    </button>
                    {missing === p.id ? <div className="state state-error field-error" role="alert">{t('proposals.needReason')}</div> : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </ListState>
    </Section>
  );
}
