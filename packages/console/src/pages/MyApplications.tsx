import { useState, type FormEvent } from 'react';
import { useMutation, type UseQueryResponse } from 'urql';
import { useApp } from '../app-context';
import { Badge, Cite, Due, ErrorBox, ListState, Section } from '../components/ui';
import { objectionOpen, resultOf, type SelectionResult } from '../lib/applying';
import { formatDate, todayInChina } from '../lib/format';
import { RAISE_OBJECTION } from '../apply-queries';
import { SupplementForm } from './SupplementForm';
import type { MyOperatorApplicationsQuery, MyOperatorApplicationsQueryVariables } from '../gql/graphql';

type Mine = UseQueryResponse<MyOperatorApplicationsQuery, MyOperatorApplicationsQueryVariables>;

/**
 * The company's own applications: where each stands, what is asked of it, the published result with its period and
 * the objections raised against it (objections to others' results are taken in PublicResults).
 */
export function MyApplications({ query }: { query: Mine }) {
  const { t, lang } = useApp();
  const [{ data, fetching, error }, refetch] = query;
  const retry = () => refetch({ requestPolicy: 'network-only' });
  const apps = data?.operatorApplications.edges.map((x) => x.node) ?? [];
  const disclosures = data?.disclosures.edges.map((x) => x.node) ?? [];
  return (
    <Section id="mine" title={t('opapp.mine')}>
      <ListState fetching={fetching} error={error} onRetry={retry} empty={!apps.length} emptyText={t('opapp.none')}>
        <table className="table">
          <thead>
            <tr>
              <th>{t('sel.call')}</th>
              <th>{t('opapp.submittedOn')}</th>
              <th>{t('common.status')}</th>
              <th>{t('opapp.result')}</th>
            </tr>
          </thead>
          <tbody>
            {apps.map((a) => {
              const result = resultOf(disclosures, a.id);
              return (
                <tr key={a.id} data-application={a.id} data-status={a.status}>
                  <td>{a.call?.title ?? '—'}</td>
                  <td>{formatDate(a.submittedOn, lang)}</td>
                  <td>
                    <Badge value={a.status} />
                    {a.supplementRequest ? <div className="muted supplement-request">{t('opapp.supplement')}：{a.supplementRequest}</div> : null}
                    {a.status === 'SUPPLEMENT_REQUESTED' ? <SupplementForm id={a.id} onSent={retry} /> : null}
                    {a.decisionNote ? <div className="muted">{a.decisionNote}</div> : null}
                  </td>
                  <td>
                    {result ? <ResultFacts result={result} /> : a.publicityEndsOn ? <>{t('sel.publicityEnds')} <Due on={a.publicityEndsOn} /></> : '—'}
                    {a.objections.map((o) => (
                      <div key={o.index} className="objection">{formatDate(o.raisedOn, lang)}：{o.text} <Badge value={o.status} /> {o.resolution ? <small className="muted">{o.resolution}</small> : null}</div>
                    ))}
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

/** Results under publicity in the jurisdiction (public): anyone signed in may object while the period runs (TZ Art 15). */
export function PublicResults({ query }: { query: Mine }) {
  const { t } = useApp();
  const [{ data, fetching, error }, refetch] = query;
  const retry = () => refetch({ requestPolicy: 'network-only' });
  const today = todayInChina();
  const own = new Set(data?.operatorApplications.edges.map((x) => x.node.id));
  const running = (data?.disclosures.edges.map((x) => x.node) ?? []).filter((d) => d.subjectId && !own.has(d.subjectId) && objectionOpen(resultOf([d], d.subjectId), today));
  return (
    <Section id="publicity" title={t('opapp.publicResults')}>
      <ListState fetching={fetching} error={error} onRetry={retry} empty={!running.length} emptyText={t('opapp.noResults')}>
        <ul className="results-list">
          {running.map((d) => (
            <li key={d.id} data-disclosure={d.subjectId}>
              <b>{d.name}</b> <ResultFacts result={resultOf([d], d.subjectId!)!} />
              <ObjectionForm id={d.subjectId!} onSent={retry} />
            </li>
          ))}
        </ul>
      </ListState>
    </Section>
  );
}

function ResultFacts({ result }: { result: SelectionResult }) {
  const { t, lang } = useApp();
  return (
    <span className="selection-result">
      {result.rank ? <span>{t('opapp.rank', { n: result.rank })}</span> : null}
      {result.score ? <span> · {t('opapp.score', { s: result.score })}</span> : null}
      {result.endsOn ? <span> · {t('opapp.period', { from: formatDate(result.startsOn, lang), to: formatDate(result.endsOn, lang) })}</span> : null}
      {result.rule ? <small className="muted"> <Cite source={result.rule} /></small> : null}
    </span>
  );
}

function ObjectionForm({ id, onSent }: { id: string; onSent: () => void }) {
  const { t } = useApp();
  const [text, setText] = useState('');
  const [empty, setEmpty] = useState(false);
  const [sent, setSent] = useState(false);
  const [result, raise] = useMutation(RAISE_OBJECTION);
  const onSubmit = async (ev: FormEvent) => {
    ev.preventDefault();
    setEmpty(!text.trim());
    if (!text.trim()) return;
    const r = await raise({ id, text: text.trim() });
    if (!r.error) {
      setText('');
      setSent(true);
      onSent();
    }
  };
  return (
    <form className="row objection-form" onSubmit={(ev) => void onSubmit(ev)} aria-label={t('opapp.object')} noValidate>
      <label className="grow">
        <span>{t('opapp.objectionText')}</span>
        <input name="objection" value={text} onChange={(ev) => setText(ev.target.value)} aria-invalid={empty ? true : undefined} />
      </label>
      <button type="submit" className="btn small" disabled={result.fetching}>{t('opapp.object')}</button>
      {empty ? <div className="state state-error field-error" role="alert">{t('opapp.objectionEmpty')}</div> : null}
      {sent ? <div className="state state-ok" role="status">{t('opapp.objectionSent')}</div> : null}
      <ErrorBox error={result.error} />
    </form>
  );
}
