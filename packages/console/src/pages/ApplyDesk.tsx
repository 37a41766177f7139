import { useState } from 'react';
import { useQuery } from 'urql';
import { useApp } from '../app-context';
import { Cite, Due, ListState, NeedSignIn, Pager, Section, usePager } from '../components/ui';
import { articlesOf, openCallsFor, requiredDocuments } from '../lib/applying';
import { formatDate, todayInChina } from '../lib/format';
import { APPLY_DESK, MY_OPERATOR_APPLICATIONS } from '../apply-queries';
import { ApplicationForm } from './ApplicationForm';
import { MyApplications, PublicResults } from './MyApplications';

const PAGE = 20;

/**
 * A company applies to be an operator (docs/policy/selection-and-renewal.md): its eligibility as the jurisdiction's
 * rules see it today, the open calls it may apply to with their scoring rules, and its applications with the result.
 */
export function ApplyDesk() {
  const { t, claims } = useApp();
  if (!claims?.org || !claims.jurisdiction) return <NeedSignIn />;
  return <Desk org={claims.org} jurisdiction={claims.jurisdiction} title={t('nav.apply')} />;
}

function Desk({ org, jurisdiction, title }: { org: string; jurisdiction: string; title: string }) {
  const mineQuery = useQuery({ query: MY_OPERATOR_APPLICATIONS, variables: { jurisdiction, first: PAGE } });
  const [{ data: mine }, refetchMine] = mineQuery;
  const applied = new Set((mine?.operatorApplications.edges ?? []).map((x) => x.node.callId).filter((x): x is string => !!x));
  return (
    <div className="desk apply-desk">
      <h1>{title}</h1>
      <Calls org={org} jurisdiction={jurisdiction} applied={applied} onSubmitted={() => refetchMine({ requestPolicy: 'network-only' })} />
      <MyApplications query={mineQuery} />
      <PublicResults query={mineQuery} />
    </div>
  );
}

function Calls({ org, jurisdiction, applied, onSubmitted }: { org: string; jurisdiction: string; applied: Set<string>; onSubmitted: () => void }) {
  const { t, e, lang } = useApp();
  const pager = usePager();
  const [{ data, fetching, error }, refetch] = useQuery({ query: APPLY_DESK, variables: { org, jurisdiction, first: PAGE, after: pager.after } });
  const [open, setOpen] = useState<string | null>(null);
  const today = todayInChina();
  const calls = openCallsFor((data?.calls.edges ?? []).map((x) => x.node), org, today);
  const documents = requiredDocuments(data?.policyProfile?.settings);
  const retry = () => refetch({ requestPolicy: 'network-only' });
  const eligibility = data?.eligibilityCheck;
  return (
    <>
      <Section id="eligibility" title={t('opapp.eligibility')}>
        <p className="muted">{t('opapp.eligibilityHint')}</p>
        <ListState fetching={fetching} error={error} onRetry={retry} empty={!eligibility}>
          {eligibility ? (
            <>
              <div className={`state ${eligibility.eligible ? 'state-ok' : 'state-error'} eligibility`} data-eligible={eligibility.eligible}>
                {eligibility.eligible ? '✓' : '✗'} {t(eligibility.eligible ? 'opapp.eligible' : 'opapp.notEligible')}{' '}
                <small className="muted">{t('opapp.asOf', { d: formatDate(eligibility.asOf, lang), v: eligibility.profileVersion })}</small>
              </div>
              {eligibility.criteria.length ? null : <p className="muted" data-empty="criteria">{t('opapp.noCriteria')}</p>}
              <ul className="criteria">
                {eligibility.criteria.map((c) => (
                  <li key={c.criterion} data-criterion={c.criterion} data-passed={c.passed}>
                    <span className={`badge ${c.passed ? 'ok' : 'bad'}`}>{c.passed ? '✓' : '✗'}</span> <b>{e(c.criterion)}</b>：{lang === 'zh' ? c.reasonZh : c.reasonEn}{' '}
                    <small className="muted"><Cite source={lang === 'zh' ? articlesOf(c.source) : c.source} /></small>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </ListState>
      </Section>
      <Section id="calls" title={t('opapp.calls')}>
        <p className="muted">{t('opapp.callsHint')}</p>
        <ListState fetching={fetching} error={error} onRetry={retry} empty={!calls.length} emptyText={t('opapp.noCalls')}>
          {calls.map((c) => (
            <article key={c.id} className="call card-inner" data-call={c.id}>
              <h3>{c.title}</h3>
              <dl className="facts">
                <dt>{t('opapp.method')}</dt>
                <dd>{e(c.selectionMethod)}{c.selectionMethod === 'INVITED_TENDER' ? <small className="muted">（{t('opapp.invited')}）</small> : null}</dd>
                <dt>{t('opapp.mode')}</dt>
                <dd>{e(c.mode)}</dd>
                <dt>{t('opapp.window')}</dt>
                <dd>{formatDate(c.opensOn, lang)} – {formatDate(c.closesOn, lang)} · {t('opapp.deadline')} <Due on={c.closesOn} /></dd>
                <dt>{t('opapp.scope')}</dt>
                <dd>
                  {c.resourceIds.length ? t('opapp.resources', { n: c.resourceIds.length }) : null} {c.sectors.map((s) => <code key={s}>{s}</code>)}
                </dd>
                <dt>{t('opapp.scoring')}</dt>
                <dd>
                  <ul className="scoring">
                    {c.scoringRules.map((r) => (
                      <li key={r.criterion}>{r.criterion} · {t('opapp.weight', { w: r.weight })}</li>
                    ))}
                  </ul>
                </dd>
                <dt>{t('opapp.publicityPeriod')}</dt>
                <dd>{c.publicityWorkingDays ? t('opapp.publicity', { n: c.publicityWorkingDays }) : t('opapp.noPublicity')}</dd>
                {c.eligibilityNotes ? (
                  <>
                    <dt>{t('opapp.notes')}</dt>
                    <dd>{c.eligibilityNotes}</dd>
                  </>
                ) : null}
                <dt>{t('opapp.publishedBy')}</dt>
                <dd>{c.publishedBy?.name ?? '—'}</dd>
              </dl>
              {applied.has(c.id) ? (
                <span className="badge info applied">{t('opapp.applied')}</span>
              ) : open === c.id ? (
                <ApplicationForm callId={c.id} documents={documents} eligible={!!eligibility?.eligible} onSubmitted={() => { setOpen(null); onSubmitted(); }} onCancel={() => setOpen(null)} />
              ) : (
                <button type="button" className="btn primary" onClick={() => setOpen(c.id)}>{t('opapp.start')}</button>
              )}
            </article>
          ))}
        </ListState>
        <Pager pager={pager} pageInfo={data?.calls.pageInfo} totalCount={data?.calls.totalCount} />
      </Section>
    </>
  );
}
