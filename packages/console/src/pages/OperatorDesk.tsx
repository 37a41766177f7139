import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { useApp } from '../app-context';
import { Badge, Cite, Due, ErrorBox, Explained, Link, ListState, NeedSignIn, Section } from '../components/ui';
import { gateDetail } from '../lib/explain';
import { venueName } from '../lib/listing';
import { daysUntil, formatDate, renewalWindow, todayInChina, type RenewalWindowKind } from '../lib/format';
import { OutputReviewQueue, RecipePanel } from './OperatingDomain';
import { SecurityDutiesView } from './SecurityDuties';
import { CompanyPersons } from './CompanyPersons';
import { ListingAction } from './ListingAction';
import { ASSESS_USAGE, DECIDE_USAGE, OPERATOR_DESK, POLICY_PROFILE, SUBMIT_PRODUCT } from '../queries';

interface Agreement {
  id: string;
  number: string;
  jurisdiction: string;
  mode: string;
  status: string;
  startDate: string;
  endDate: string;
  trialEndDate: string | null;
  signedOn: string;
  statusReason: string | null;
  gates: Array<{ gate: string; required: boolean; satisfied: boolean; detail: string; source: string }>;
  renewals: Array<{ id: string; requestedOn: string; proposedEndDate: string; status: string; decisionNote: string | null }>;
}
interface UsageApp {
  id: string;
  status: string;
  purpose: string;
  scenario: string;
  scope: string;
  method: string;
  startDate: string;
  endDate: string;
  requestedQuota: string | null;
  createdAt: string;
  product: { id: string; name: string } | null;
  developer: { id: string; name: string };
  assessment: { recommend: boolean; opinion: string } | null;
}

export function OperatorDesk() {
  const { t, lang, claims } = useApp();
  const [{ data, fetching, error }, refetch] = useQuery({ query: OPERATOR_DESK, variables: { operatorId: claims?.org ?? null, first: 50 }, pause: !claims });
  const [submitted, submit] = useMutation(SUBMIT_PRODUCT);
  if (!claims) return <NeedSignIn />;
  const retry = () => refetch({ requestPolicy: 'network-only' });
  return (
    <div className="desk">
      <h1>{t('nav.operator')}</h1>
      <Section title={t('op.agreement')}>
        <ListState fetching={fetching} error={error} empty={!data?.agreements.edges.length} onRetry={retry} emptyText={t('op.noAgreement')}>
          {data?.agreements.edges.map(({ node }) => <AgreementCard key={node.id} a={node} />)}
        </ListState>
      </Section>
      <Section title={t('op.scenarios')}>
        <ListState fetching={fetching} error={error} empty={!data?.dataScenarios.edges.length} onRetry={retry}>
          <table className="table">
            <thead>
              <tr>
                <th>{t('common.name')}</th>
                <th>{t('common.status')}</th>
                <th>{t('common.dueOn')}</th>
                <th>{t('product.resources')}</th>
              </tr>
            </thead>
            <tbody>
              {data?.dataScenarios.edges.map(({ node: s }) => (
                <tr key={s.id}>
                  <td>
                    {s.nameZh}
                    {s.refusalReasons.length ? <div className="muted">{s.refusalReasons.join('；')}</div> : null}
                  </td>
                  <td>
                    <Badge value={s.status} /> {s.decidedAt ? <small className="muted">{formatDate(s.decidedAt, lang)}</small> : null}
                  </td>
                  <td>{s.status === 'SUBMITTED' ? <Due on={s.reviewDueOn} /> : formatDate(s.reviewDueOn, lang)}</td>
                  <td>
                    {s.resources.map((r) => (
                      <div key={r.resourceId}>
                        {r.resource.nameZh} <Badge value={r.decision} />
                      </div>
                    ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ListState>
      </Section>
      <Section title={t('op.products')}>
        <ErrorBox error={submitted.error} />
        <ListState fetching={fetching} error={error} empty={!data?.dataProducts.edges.length} onRetry={retry}>
          <table className="table">
            <thead>
              <tr>
                <th>{t('common.name')}</th>
                <th>{t('product.review')}</th>
                <th>{t('product.registration')}</th>
                <th>{t('product.listing')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {data?.dataProducts.edges.map(({ node: p }) => (
                <tr key={p.id} data-product={p.code}>
                  <td>
                    <Link to={`/product/${p.id}`}>{p.name}</Link> <small className="muted"><code>{p.code}</code></small>
                  </td>
                  <td>
                    {t('common.version', { n: p.currentVersion?.version ?? p.latestVersion })} <Badge value={p.currentVersion?.status} />
                    {p.review?.reasons.length ? <div className="muted">{p.review.reasons.join('；')}</div> : null}
                  </td>
                  <td>
                    {p.registration ? <Badge value={p.registration.state} /> : <span className="muted">{t('product.noRegistration')}</span>}
                    {p.registration?.awaiting ? <div><Due on={p.registration.dueOn} overdue={p.registration.overdue} /></div> : null}
                  </td>
                  <td>
                    <Badge value={p.listingStatus} />
                    {p.exchangeListingRef ? (
                      <div className="muted" data-exchange-ref={p.exchangeListingRef}>
                        {t('op.listedAt', { venue: venueName(p.exchangeVenue, lang) ?? '—' })} <code>{p.exchangeListingRef}</code>
                      </div>
                    ) : null}
                  </td>
                  <td>
                    {p.currentVersion?.status === 'DRAFT' ? (
                      <button type="button" className="btn small" disabled={submitted.fetching} onClick={() => void submit({ productId: p.id }).then(retry)}>
                        {t('op.submitReview')}
                      </button>
                    ) : null}
                    {p.currentVersion?.status === 'APPROVED' && p.listingStatus === 'UNLISTED' ? (
                      <ListingAction product={p} onDone={retry} />
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ListState>
      </Section>
      <Section title={t('op.applications')}>
        <ListState fetching={fetching} error={error} empty={!data?.usageApplications.edges.length} onRetry={retry}>
          <div className="stack">
            {data?.usageApplications.edges.map(({ node }) => <UsageApplicationRow key={node.id} a={node} onDone={retry} />)}
          </div>
        </ListState>
      </Section>
      <RecipePanel products={data?.dataProducts.edges.map(({ node }) => ({ id: node.id, name: node.name, latestVersion: node.latestVersion })) ?? []} />
      <OutputReviewQueue />
      {claims.jurisdiction ? <SecurityDutiesView jurisdiction={claims.jurisdiction} org={claims.org} /> : null}
      {claims.org && claims.jurisdiction ? <CompanyPersons org={claims.org} jurisdiction={claims.jurisdiction} /> : null}
    </div>
  );
}

function AgreementCard({ a }: { a: Agreement }) {
  const { t, e, lang } = useApp();
  const today = todayInChina();
  const [{ data }] = useQuery({ query: POLICY_PROFILE, variables: { jurisdiction: a.jurisdiction }, requestPolicy: 'cache-first' });
  const setting = data?.policyProfile.settings.find((s) => s.name === 'renewalWindow');
  const rule = setting?.value as { kind: RenewalWindowKind; months: number | null } | undefined;
  const win = rule ? renewalWindow(a.endDate, rule, today) : null;
  const left = daysUntil(a.endDate, today);
  return (
    <div className="agreement">
      <div className="agreement-head">
        <strong>{a.number}</strong> <Badge value={a.status} /> <span className="badge">{e(a.jurisdiction)}</span>
      </div>
      <dl className="facts">
        <dt>{t('op.term')}</dt>
        <dd>
          {formatDate(a.startDate, lang)} – {formatDate(a.endDate, lang)} ·{' '}
          <strong className={left < 90 ? 'warn' : ''}>{left >= 0 ? t('op.expiresIn', { n: left }) : t('op.expired')}</strong>
        </dd>
        <dt>{t('op.renewal')}</dt>
        <dd className="renewal">
          {win
            ? win.state === 'OPEN'
              ? t('op.renewalOpen', { n: win.days })
              : win.state === 'NOT_YET_OPEN'
                ? t('op.renewalNotYet', { n: win.days, d: formatDate(win.opensOn, lang) })
                : t('op.renewalClosed')
            : '—'}
          {setting ? <div className="muted">{t('op.renewalRule', { s: '' })}<Cite source={setting.source} /></div> : null}
          {a.renewals.map((r) => (
            <div key={r.id}>
              {formatDate(r.requestedOn, lang)} → {formatDate(r.proposedEndDate, lang)} <Badge value={r.status} />
            </div>
          ))}
        </dd>
        {a.statusReason ? (
          <>
            <dt>{t('common.reason')}</dt>
            <dd>{a.statusReason}</dd>
          </>
        ) : null}
      </dl>
      {a.gates.length ? (
        <details>
          <summary>{t('op.gates')}</summary>
          <ul className="gates">
            {a.gates.map((g) => (
              <li key={g.gate} className={g.satisfied ? 'ok' : 'bad'}>
                {g.satisfied ? '✓' : '✗'} {e(g.gate)} — <Explained value={gateDetail(g.detail, lang)} /> <small className="muted"><Cite source={g.source} /></small>
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </div>
  );
}

function UsageApplicationRow({ a, onDone }: { a: UsageApp; onDone: () => void }) {
  const { t, lang } = useApp();
  const [opinion, setOpinion] = useState('');
  const [assessed, assess] = useMutation(ASSESS_USAGE);
  const [decided, decide] = useMutation(DECIDE_USAGE);
  const doAssess = async (recommend: boolean) => {
    const r = await assess({
      input: { applicationId: a.id, capabilityAdequate: recommend, needReasonable: recommend, scenarioCompliant: recommend, securityRisk: recommend ? 'LOW' : 'HIGH', recommend, opinion: opinion || (recommend ? '同意' : '不同意') },
    });
    if (!r.error) onDone();
  };
  const doDecide = async (approve: boolean) => {
    const r = await decide({ applicationId: a.id, approve, reasons: approve ? null : [opinion || '不符合使用条件'] });
    if (!r.error) onDone();
  };
  return (
    <div className="app-row" data-status={a.status}>
      <div>
        <strong>{a.developer.name}</strong> → {a.product?.name ?? '—'} <Badge value={a.status} />
        <div className="muted">
          {a.purpose} · {a.scenario} · {formatDate(a.startDate, lang)} – {formatDate(a.endDate, lang)}
        </div>
        {a.assessment ? <div className="muted">{t('op.assessOpinion')}: {a.assessment.opinion}</div> : null}
      </div>
      {a.status === 'APPLIED' || a.status === 'ASSESSED' ? (
        <div className="actions">
          <input aria-label={t('op.assessOpinion')} placeholder={t('op.assessOpinion')} value={opinion} onChange={(ev) => setOpinion(ev.target.value)} />
          {a.status === 'APPLIED' ? (
            <>
              <button type="button" className="btn small primary" disabled={assessed.fetching} onClick={() => void doAssess(true)}>
                {t('op.recommend')}
              </button>
              <button type="button" className="btn small" disabled={assessed.fetching} onClick={() => void doAssess(false)}>
                {t('op.notRecommend')}
              </button>
            </>
          ) : (
            <>
              <button type="button" className="btn small primary" disabled={decided.fetching} onClick={() => void doDecide(true)}>
                {t('common.approve')}
              </button>
              <button type="button" className="btn small" disabled={decided.fetching} onClick={() => void doDecide(false)}>
                {t('common.refuse')}
              </button>
            </>
          )}
          <ErrorBox error={assessed.error ?? decided.error} />
        </div>
      ) : null}
    </div>
  );
}
