import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../gql';
import { useApp } from '../app-context';
import { Badge, Due, ErrorBox, ListState, Section } from '../components/ui';
import { formatDate } from '../lib/format';

/**
 * Applications just submitted (awaiting pre-check), selection publicity (公示) with its objections, and re-applications for renewal with the operator's evaluations
 * (docs/policy/selection-and-renewal.md): what the officials of a jurisdiction decide before an agreement is signed.
 */
const SELECTION_DESK = graphql(`
  query SelectionDesk($first: Int) {
    submitted: operatorApplications(status: SUBMITTED, first: $first) {
      edges { node { id submittedOn applicant { id name } call { id title } documents { kind } eligibility { eligible } } }
    }
    underPublicity: operatorApplications(status: PUBLICITY, first: $first) {
      edges { node { id publicityEndsOn averageScore renewsAgreementId applicant { id name } objections { index text raisedOn status resolution } } }
    }
    inReview: operatorApplications(status: EXPERT_REVIEW, first: $first) {
      edges { node { id submittedOn averageScore renewsAgreementId applicant { id name } operatorEvaluations { year total conclusion } } }
    }
  }
`);

const RESOLVE_OBJECTION = graphql(`
  mutation ResolveObjection($id: ID!, $index: Int!, $upheld: Boolean!, $resolution: String!) {
    resolveApplicationObjection(id: $id, index: $index, upheld: $upheld, resolution: $resolution) { id status objections { index status resolution } }
  }
`);

export function SelectionDesk() {
  const { t, lang } = useApp();
  const [{ data, fetching, error }, refetch] = useQuery({ query: SELECTION_DESK, variables: { first: 50 } });
  const [resolved, resolve] = useMutation(RESOLVE_OBJECTION);
  const [notes, setNotes] = useState<Record<string, string>>({});
  const retry = () => refetch({ requestPolicy: 'network-only' });
  const decide = (id: string, index: number, upheld: boolean) =>
    void resolve({ id, index, upheld, resolution: notes[`${id}:${index}`]?.trim() || t(upheld ? 'sel.uphold' : 'sel.dismiss') }).then((r) => {
      if (!r.error) retry();
    });
  const submitted = data?.submitted.edges ?? [];
  const publicity = data?.underPublicity.edges ?? [];
  const renewals = (data?.inReview.edges ?? []).filter(({ node }) => node.renewsAgreementId);
  return (
    <Section id="q-selection" title={t('sel.title')}>
      <p className="muted">{t('sel.hint')}</p>
      <ErrorBox error={resolved.error} />
      <h3>{t('sel.submitted')}</h3>
      <ListState fetching={fetching} error={error} onRetry={retry} empty={!submitted.length}>
        <table className="table">
          <tbody>
            {submitted.map(({ node: a }) => (
              <tr key={a.id} data-queue="submitted" data-application={a.id}>
                <td>{a.applicant?.name ?? a.id.slice(0, 8)}</td>
                <td>{t('sel.call')}：{a.call?.title ?? '—'}</td>
                <td>{formatDate(a.submittedOn, lang)}</td>
                <td>{t('sel.documents', { n: a.documents.length })}</td>
                <td><Badge value={a.eligibility.eligible ? 'ELIGIBLE' : 'NOT_ELIGIBLE'} tone={a.eligibility.eligible ? 'ok' : 'bad'} /></td>
              </tr>
            ))}
          </tbody>
        </table>
      </ListState>
      <h3>{t('sel.publicity')}</h3>
      <ListState fetching={fetching} error={error} onRetry={retry} empty={!publicity.length}>
        <table className="table">
          <tbody>
            {publicity.map(({ node: a }) => (
              <tr key={a.id} data-queue="publicity">
                <td>{a.applicant?.name ?? a.id.slice(0, 8)} {a.renewsAgreementId ? <small className="muted">（{t('sel.renewals')}）</small> : null}</td>
                <td>{t('sel.score')} {a.averageScore ?? '—'}</td>
                <td>{t('sel.publicityEnds')} <Due on={a.publicityEndsOn} /></td>
                <td>
                  {a.objections.length ? null : <span className="muted">{t('sel.noObjection')}</span>}
                  {a.objections.map((o) => (
                    <div key={o.index} className="objection">
                      <span>{formatDate(o.raisedOn, lang)}：{o.text}</span> <Badge value={o.status} />
                      {o.status === 'PENDING' ? (
                        <span className="actions">
                          <input aria-label={t('sel.resolution')} placeholder={t('sel.resolution')} value={notes[`${a.id}:${o.index}`] ?? ''} onChange={(ev) => setNotes({ ...notes, [`${a.id}:${o.index}`]: ev.target.value })} />
                          <button type="button" className="btn small" disabled={resolved.fetching} onClick={() => decide(a.id, o.index, true)}>{t('sel.uphold')}</button>
                          <button type="button" className="btn small" disabled={resolved.fetching} onClick={() => decide(a.id, o.index, false)}>{t('sel.dismiss')}</button>
                        </span>
                      ) : (
                        <small className="muted"> {o.resolution}</small>
                      )}
                    </div>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ListState>
      <h3>{t('sel.renewals')}</h3>
      <ListState fetching={fetching} error={error} onRetry={retry} empty={!renewals.length}>
        <table className="table">
          <tbody>
            {renewals.map(({ node: a }) => (
              <tr key={a.id} data-queue="renewal">
                <td>{a.applicant?.name ?? a.id.slice(0, 8)}</td>
                <td>{t('sel.renews')} <code>{a.renewsAgreementId?.slice(0, 8)}</code></td>
                <td>{formatDate(a.submittedOn, lang)}</td>
                <td>
                  {t('sel.evaluations')}：
                  {a.operatorEvaluations?.length
                    ? a.operatorEvaluations.map((e) => (
                        <span key={e.year}> {e.year} {e.total} <Badge value={e.conclusion} /></span>
                      ))
                    : <span className="muted">{t('sel.noEvaluation')}</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ListState>
    </Section>
  );
}
