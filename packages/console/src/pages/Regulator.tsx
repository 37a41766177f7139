import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import type { ProductComplianceItem } from '../gql/graphql';
import { useApp } from '../app-context';
import { Badge, Cite, Due, ErrorBox, Explained, Link, ListState, NeedSignIn, Pager, Section, usePager } from '../components/ui';
import { filterAudit, flattenChanges } from '../lib/audit';
import { factLabel, factValue } from '../lib/explain';
import { formatDate, formatDateTime, formatNumber } from '../lib/format';
import { useLookups } from '../lookups';
import { ProposalQueue } from './ProposalQueue';
import { SelectionDesk } from './SelectionDesk';
import { SecurityDutiesView } from './SecurityDuties';
import { AUDIT, AUDIT_ENTITY_TYPES, DECIDE_SCENARIO, DISCLOSURES, REGULATOR_QUEUES, REPORT_QUEUES, REVIEW_PRODUCT, REVIEW_REPORT } from '../queries';

interface Report { id: string; kind: string; periodStart: string; periodEnd: string; dueOn: string | null; status: string; overdue: boolean; operator: { id: string; name: string } }

const CHECK_ITEMS: ProductComplianceItem[] = ['DATA_SOURCE', 'DESENSITISATION', 'RAW_DATA_STAYS_IN_DOMAIN', 'ACCESS_CONTROL', 'ASSOCIATED_PARTY_AUTHORIZATION'];

export function Regulator() {
  const { t, claims } = useApp();
  if (!claims) return <NeedSignIn />;
  const jurisdiction = claims.jurisdiction ?? 'HN';
  return (
    <div className="desk">
      <h1>{t('nav.regulator')}</h1>
      <QueuesView jurisdiction={jurisdiction} />
      <ProposalQueue />
      <SelectionDesk />
      <SecurityDutiesView jurisdiction={jurisdiction} />
      <AuditTrail />
      <DisclosureFeed jurisdiction={jurisdiction} />
    </div>
  );
}

function QueuesView({ jurisdiction }: { jurisdiction: string }) {
  const { t, e, lang, claims } = useApp();
  const [{ data, fetching, error }, refetch] = useQuery({ query: REGULATOR_QUEUES, variables: { jurisdiction, first: 50 } });
  // Operating reports are the authority's to review (the API refuses them to the implementing agency).
  const readsReports = claims?.role === 'AUTHORITY';
  const [reportQuery, refetchReports] = useQuery({ query: REPORT_QUEUES, variables: { jurisdiction, first: 50 }, pause: !readsReports });
  const [scen, decideScenario] = useMutation(DECIDE_SCENARIO);
  const [rev, reviewProduct] = useMutation(REVIEW_PRODUCT);
  const [rep, reviewReport] = useMutation(REVIEW_REPORT);
  const retry = () => {
    refetch({ requestPolicy: 'network-only' });
    if (readsReports) refetchReports({ requestPolicy: 'network-only' });
  };
  const after = (r: { error?: unknown }) => {
    if (!r.error) retry();
  };
  const reports = new Map<string, Report>();
  for (const { node } of [...(reportQuery.data?.operatingReports.edges ?? []), ...(reportQuery.data?.overdueReports.edges ?? [])]) reports.set(node.id, node);
  const counts = {
    apps: data?.operatorApplications.edges.filter((x) => !['SIGNED', 'REJECTED', 'APPROVED'].includes(x.node.status)).length ?? 0,
    scen: data?.dataScenarios.totalCount ?? 0,
    rev: data?.pendingReviews.totalCount ?? 0,
    corr: data?.correctionRequests.totalCount ?? 0,
    rep: reports.size,
  };
  const state = { fetching, error, onRetry: retry };
  return (
    <>
      <nav className="queue-summary" aria-label={t('reg.queues')}>
        <a href="#q-apps">{t('reg.applications')} <b>{counts.apps}</b></a>
        <a href="#q-scen">{t('reg.scenarios')} <b>{counts.scen}</b></a>
        <a href="#q-rev">{t('reg.reviews')} <b>{counts.rev}</b></a>
        <a href="#q-corr">{t('reg.corrections')} <b>{counts.corr}</b></a>
        {readsReports ? <a href="#q-rep">{t('reg.reports')} <b>{counts.rep}</b></a> : null}
      </nav>
      <ErrorBox error={scen.error ?? rev.error ?? rep.error} />
      <Section id="q-apps" title={t('reg.applications')}>
        <ListState {...state} empty={!data?.operatorApplications.edges.length}>
          <table className="table">
            <tbody>
              {data?.operatorApplications.edges.map(({ node: a }) => (
                <tr key={a.id}>
                  <td>{a.applicant?.name ?? a.id.slice(0, 8)}</td>
                  <td>{formatDate(a.submittedOn, lang)}</td>
                  <td><Badge value={a.status} /></td>
                  <td>{a.publicityEndsOn ? <Due on={a.publicityEndsOn} /> : null}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ListState>
      </Section>
      <Section id="q-scen" title={t('reg.scenarios')}>
        <ListState {...state} empty={!data?.dataScenarios.edges.length}>
          <table className="table">
            <tbody>
              {data?.dataScenarios.edges.map(({ node: s }) => (
                <tr key={s.id} data-queue="scenario">
                  <td>{s.nameZh}</td>
                  <td>{formatDate(s.submittedOn, lang)}</td>
                  <td><Due on={s.reviewDueOn} /></td>
                  <td className="actions">
                    <button type="button" className="btn small primary" disabled={scen.fetching} onClick={() => void decideScenario({ scenarioId: s.id, approve: true, reasons: [] }).then(after)}>
                      {t('common.approve')}
                    </button>
                    <button type="button" className="btn small" disabled={scen.fetching} onClick={() => void decideScenario({ scenarioId: s.id, approve: false, reasons: ['不符合授权范围'] }).then(after)}>
                      {t('common.refuse')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ListState>
      </Section>
      <Section id="q-rev" title={t('reg.reviews')}>
        <ListState {...state} empty={!data?.pendingReviews.edges.length}>
          <table className="table">
            <tbody>
              {data?.pendingReviews.edges.map(({ node: p }) => (
                <tr key={p.id} data-queue="review">
                  <td><Link to={`/product/${p.id}`}>{p.name}</Link> <small className="muted"><code>{p.code}</code> {t('common.version', { n: p.currentVersion?.version ?? p.latestVersion })}</small></td>
                  <td>{p.operator.name}</td>
                  <td>{p.currentVersion?.submittedAt ? formatDate(p.currentVersion.submittedAt, lang) : '—'}</td>
                  <td className="actions">
                    <button
                      type="button"
                      className="btn small primary"
                      disabled={rev.fetching}
                      onClick={() =>
                        void reviewProduct({
                          input: {
                            productId: p.id,
                            version: p.currentVersion?.version ?? p.latestVersion,
                            decision: 'APPROVED',
                            checklist: CHECK_ITEMS.map((item) => ({ item, result: 'PASS', evidence: '控制台审核：已核对 | reviewed in the console' })),
                          },
                        }).then(after)
                      }
                    >
                      {t('reg.reviewPass')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ListState>
      </Section>
      <Section id="q-corr" title={t('reg.corrections')}>
        <ListState {...state} empty={!data?.correctionRequests.edges.length}>
          <table className="table">
            <tbody>
              {data?.correctionRequests.edges.map(({ node: c }) => (
                <tr key={c.id} className={c.overdue ? 'overdue-row' : ''}>
                  <td>{c.resource?.nameZh ?? '—'}<div className="muted">{c.problem}</div></td>
                  <td>{c.sourceAgency.name}</td>
                  <td>{formatDate(c.raisedOn, lang)}</td>
                  <td><Due on={c.dueOn} overdue={c.overdue} />{c.dueRule ? <div className="muted">{t('reg.dueRule', { s: '' })}<Cite source={c.dueRule} /></div> : null}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ListState>
      </Section>
      {readsReports ? (
      <Section id="q-rep" title={t('reg.reports')}>
        <ListState fetching={reportQuery.fetching} error={reportQuery.error} onRetry={retry} empty={!reports.size}>
          <table className="table">
            <tbody>
              {[...reports.values()].map((r) => (
                <tr key={r.id} data-queue="report" className={r.overdue ? 'overdue-row' : ''}>
                  <td>{r.operator.name}</td>
                  <td>{e(r.kind)} · {formatDate(r.periodStart, lang)} – {formatDate(r.periodEnd, lang)}</td>
                  <td><Badge value={r.status} /></td>
                  <td><Due on={r.dueOn} overdue={r.overdue} /></td>
                  <td className="actions">
                    {r.status === 'SUBMITTED' ? (
                      <>
                        <button type="button" className="btn small primary" disabled={rep.fetching} onClick={() => void reviewReport({ input: { reportId: r.id, decision: 'ACCEPT', note: null } }).then(after)}>
                          {t('reg.accept')}
                        </button>
                        <button type="button" className="btn small" disabled={rep.fetching} onClick={() => void reviewReport({ input: { reportId: r.id, decision: 'RETURN', note: '请补充说明 | please complete' } }).then(after)}>
                          {t('reg.return')}
                        </button>
                      </>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ListState>
      </Section>
      ) : null}
    </>
  );
}

type Domain = keyof typeof AUDIT;

/**
 * The audit trail, browsable: newest first per domain, narrowed by the API (object type, object id, date range);
 * the actor box matches any part of the actor on the loaded page (the API matches an actor exactly).
 */
function AuditTrail() {
  const { t, e, lang } = useApp();
  const names = useLookups(lang);
  const [domain, setDomain] = useState<Domain>('licensing');
  const [entityType, setEntityType] = useState('');
  const [draft, setDraft] = useState('');
  const [entityId, setEntityId] = useState<string | null>(null);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [actor, setActor] = useState('');
  const pager = usePager();
  const [{ data, fetching, error }] = useQuery({
    query: AUDIT[domain],
    // With an actor filter (applied here, not by the API) a larger page gives it more to find.
    variables: { entityType: entityType || null, entityId, from: from || null, to: to || null, first: actor.trim() ? 200 : 20, after: pager.after },
  });
  const onSubmit = (ev: FormEvent) => {
    ev.preventDefault();
    setEntityId(draft.trim() || null);
    pager.reset();
  };
  const rows = filterAudit(data?.trail.edges.map((x) => x.node) ?? [], { from: from || null, to: to || null, actor });
  const only = (id: string) => {
    setDraft(id);
    setEntityId(id);
    pager.reset();
  };
  return (
    <Section title={t('reg.audit')} id="audit">
      <p className="muted">{t('reg.auditBrowse')}</p>
      <form className="row audit-filters" onSubmit={onSubmit}>
        <label>
          {t('reg.auditSubgraph')}{' '}
          <select
            name="domain"
            value={domain}
            onChange={(ev) => {
              setDomain(ev.target.value as Domain);
              setEntityType('');
              pager.reset();
            }}
          >
            {(Object.keys(AUDIT) as Domain[]).map((d) => (
              <option key={d} value={d}>{t(`reg.auditDomain.${d}`)}</option>
            ))}
          </select>
        </label>
        <label>
          {t('reg.entityType')}{' '}
          <select
            name="entityType"
            value={entityType}
            onChange={(ev) => {
              setEntityType(ev.target.value);
              pager.reset();
            }}
          >
            <option value="">{t('reg.allTypes')}</option>
            {AUDIT_ENTITY_TYPES[domain].map((ty) => (
              <option key={ty} value={ty}>{e(ty)}</option>
            ))}
          </select>
        </label>
        <label>
          {t('reg.from')} <input type="date" name="from" value={from} onChange={(ev) => setFrom(ev.target.value)} />
        </label>
        <label>
          {t('reg.to')} <input type="date" name="to" value={to} onChange={(ev) => setTo(ev.target.value)} />
        </label>
        <label>
          {t('reg.actorFilter')} <input name="actor" value={actor} onChange={(ev) => setActor(ev.target.value)} />
        </label>
        <input name="entityId" className="grow" placeholder={t('reg.entityId')} aria-label={t('reg.entityId')} value={draft} onChange={(ev) => setDraft(ev.target.value)} />
        <button className="btn primary" type="submit">{t('reg.show')}</button>
        {entityId ? (
          <button className="btn" type="button" onClick={() => only('')}>
            {t('reg.clearObject')}
          </button>
        ) : null}
      </form>
      {from || to || actor ? <p className="muted">{t('reg.auditLocalFilter')}</p> : null}
      <ListState fetching={fetching} error={error} empty={!rows.length}>
        <p className="muted">{t('reg.auditShown', { shown: formatNumber(rows.length, lang), total: formatNumber(data?.trail.totalCount ?? 0, lang) })}</p>
        <ol className="timeline">
          {rows.map((r) => (
            <li key={r.seq} data-entity-type={r.entityType}>
              <div>
                <b>{e(r.action)}</b> · {e(r.entityType)} · <span className="muted">{formatDateTime(r.occurredAt, lang)}</span>
              </div>
              <div className="muted">
                {t('reg.actor')}: <code>{r.actorSub}</code> ({e(r.actorRole)}{r.actorOrg ? ` · ${names.org(r.actorOrg)}` : ''}){r.reason ? ` · ${r.reason}` : ''}
              </div>
              <div className="muted">
                {t('reg.object')}: <code>{r.entityId}</code>{' '}
                {r.entityId !== entityId ? (
                  <button type="button" className="btn small" onClick={() => only(r.entityId)}>
                    {t('reg.trailOf')}
                  </button>
                ) : null}
              </div>
              <ul className="changes">
                {flattenChanges(r.changes).map(([k, v]) => (
                  <li key={k}>
                    <code>{k}</code>: <Explained value={factValue(k, v, lang)} />
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ol>
        <Pager pager={pager} pageInfo={data?.trail.pageInfo} totalCount={data?.trail.totalCount} />
      </ListState>
    </Section>
  );
}


export function DisclosureFeed({ jurisdiction }: { jurisdiction: string | null }) {
  const { t, e, lang } = useApp();
  const pager = usePager();
  const [{ data, fetching, error }, refetch] = useQuery({ query: DISCLOSURES, variables: { jurisdiction, first: 10, after: pager.after } });
  return (
    <Section title={t('reg.disclosures')} id="disclosures">
      <ListState fetching={fetching} error={error} empty={!data?.disclosures.edges.length} onRetry={() => refetch({ requestPolicy: 'network-only' })}>
        <ul className="feed">
          {data?.disclosures.edges.map(({ node: d }) => (
            <li key={d.id}>
              <div>
                <span className="badge info">{e(d.kind)}</span> <b>{d.name}</b> <span className="muted">{formatDateTime(d.publishedAt, lang)} · {e(d.jurisdiction)}</span>
              </div>
              <dl className="facts-inline" aria-label={t('reg.facts')}>
                {d.facts.map((f) => (
                  <div key={f.key} data-fact={f.key}>
                    <dt><Explained value={factLabel(f.key, lang)} /></dt>
                    <dd><Explained value={factValue(f.key, f.value, lang)} /></dd>
                  </div>
                ))}
              </dl>
              {d.rule ? <small className="muted"><Cite source={d.rule} /></small> : null}
            </li>
          ))}
        </ul>
        <Pager pager={pager} pageInfo={data?.disclosures.pageInfo} totalCount={data?.disclosures.totalCount} />
      </ListState>
    </Section>
  );
}
