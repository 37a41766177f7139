import { useState } from 'react';
import { useQuery } from 'urql';
import type { RevenuePartyKind } from '../gql/graphql';
import { useApp } from '../app-context';
import { BarChart, DeviationBand } from '../components/charts';
import { Badge, Cite, ErrorBox, Explained, ListState, Loading, NeedSignIn, Section } from '../components/ui';
import { basisText, marVerdict } from '../lib/explain';
import { fenOf, fenToChartNumber, formatDate, formatDateTime, formatNumber, formatPercent, formatYuan, statementFileName, type Money } from '../lib/format';
import { useLookups } from '../lookups';
import { FINANCE_DESK, SHARES_BY, STATEMENT, STATEMENTS } from '../queries';

interface Survey {
  id: string;
  name: string;
  jurisdiction: string;
  surveyYear: number;
  periodStart: string;
  periodEnd: string;
  operator: { id: string; name: string };
  mar: Money;
  effectiveMar: Money;
  revenueDeviation: { actual: Money; mar: Money; difference: Money; deviationPercent: string; direction: string; bandPercent: string; action: string; source: string; explanation: string };
}
interface SummaryRow { key: string; partyKind: string | null; amount: Money }
export interface StatementRow { partyKind: RevenuePartyKind; partyId: string; partyName: string | null; total: Money }

export function FinanceDesk() {
  const { t, e, lang, claims } = useApp();
  const [{ data, fetching, error }, refetch] = useQuery({ query: FINANCE_DESK, variables: { first: 50 }, pause: !claims });
  const [chosen, setChosen] = useState<string | null>(null);
  if (!claims) return <NeedSignIn />;
  const settlements = data?.settlements.edges.map((e) => e.node) ?? [];
  const settlementId = chosen ?? settlements[0]?.id ?? null;
  const retry = () => refetch({ requestPolicy: 'network-only' });
  return (
    <div className="desk">
      <h1>{t('nav.finance')}</h1>
      <Section
        title={t('fin.settlements')}
        actions={
          settlements.length ? (
            <label>
              {t('fin.pickSettlement')}{' '}
              <select name="settlement" value={settlementId ?? ''} onChange={(ev) => setChosen(ev.target.value)}>
                {settlements.map((s) => (
                  <option key={s.id} value={s.id}>
                    {e(s.jurisdiction)} {formatDate(s.periodStart, lang)} – {formatDate(s.periodEnd, lang)}
                  </option>
                ))}
              </select>
            </label>
          ) : null
        }
      >
        <ListState fetching={fetching} error={error} empty={!settlements.length} onRetry={retry}>
          <table className="table">
            <thead>
              <tr>
                <th>{t('common.period')}</th>
                <th>{t('common.status')}</th>
                <th className="num">{t('common.amount')}</th>
                <th>{t('common.done')}</th>
              </tr>
            </thead>
            <tbody>
              {settlements.map((s) => (
                <tr key={s.id} className={s.id === settlementId ? 'selected' : ''}>
                  <td>
                    {e(s.jurisdiction)} {formatDate(s.periodStart, lang)} – {formatDate(s.periodEnd, lang)}
                  </td>
                  <td>
                    <Badge value={s.status} /> {s.reconciliation.reconciled ? <span className="badge ok">✓ {t('fin.reconciled')}</span> : <span className="badge bad">✗ {t('fin.unreconciled')}</span>}
                    <div className="progress" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={s.status === 'COMPLETED' ? 100 : 50}>
                      <div className={s.status === 'COMPLETED' ? 'bar-fill full' : 'bar-fill half'} />
                    </div>
                    <small className="muted">{t('fin.progress', { n: formatNumber(s.chargeCount, lang), p: formatNumber(s.productCount, lang) })}</small>
                  </td>
                  <td className="num">{formatYuan(s.total, { lang })}</td>
                  <td>{s.completedAt ? formatDateTime(s.completedAt, lang) : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ListState>
      </Section>
      {settlementId ? <Shares settlementId={settlementId} /> : null}
      <PeriodChart />
      {settlementId ? <Statements settlementId={settlementId} /> : null}
      <Section title={t('fin.mar')}>
        <ListState fetching={fetching} error={error} empty={!data?.costSurveys.edges.length} onRetry={retry}>
          {data?.costSurveys.edges.map(({ node }) => <MarCard key={node.id} s={node} />)}
        </ListState>
      </Section>
    </div>
  );
}

function Shares({ settlementId }: { settlementId: string }) {
  const { t, e, lang } = useApp();
  const names = useLookups(lang);
  const [{ data, fetching, error }] = useQuery({ query: SHARES_BY, variables: { filter: { settlementId }, groupBy: 'PARTY' } });
  const rows = data?.revenueShareSummary ?? [];
  const partyName = (r: SummaryRow) => (r.partyKind === 'JURISDICTION' ? e(r.key) : names.org(r.key));
  return (
    <Section title={t('fin.shares')}>
      <ListState fetching={fetching} error={error} empty={!rows.length}>
        <div className="grid2">
          <BarChart
            title={t('fin.shares')}
            data={rows.map((r, i) => ({ label: partyName(r), value: fenToChartNumber(fenOf(r.amount)), display: formatYuan(r.amount, { lang }), tone: i }))}
          />
          <table className="table">
            <thead>
              <tr>
                <th>{t('fin.party')}</th>
                <th>{t('fin.partyKind')}</th>
                <th className="num">{t('common.amount')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={`${r.partyKind}-${r.key}`}>
                  <td>{partyName(r)}</td>
                  <td>{e(r.partyKind)}</td>
                  <td className="num">{formatYuan(r.amount, { lang })}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th colSpan={2}>Σ</th>
                <th className="num">{formatYuan({ fen: rows.reduce((s, r) => s + fenOf(r.amount), 0n).toString(), yuan: '' }, { lang })}</th>
              </tr>
            </tfoot>
          </table>
        </div>
      </ListState>
    </Section>
  );
}

/** A PERIOD key ("2026-07-01–2026-09-30" or one day) in the locale's date form. */
function periodLabel(key: string, lang: 'zh' | 'en'): string {
  const m = /^(\d{4}-\d{2}-\d{2})\s*[–/_~ -]+\s*(\d{4}-\d{2}-\d{2})$/.exec(key);
  if (m) return `${formatDate(m[1], lang)} – ${formatDate(m[2], lang)}`;
  return /^\d{4}-\d{2}-\d{2}$/.test(key) ? formatDate(key, lang) : key;
}

function PeriodChart() {
  const { t, lang } = useApp();
  const [{ data, fetching, error }] = useQuery({ query: SHARES_BY, variables: { groupBy: 'PERIOD' } });
  const rows = data?.revenueShareSummary ?? [];
  return (
    <Section title={`${t('fin.shares').replace(/（.*）|\(.*\)/, '')} · ${t('fin.byPeriod')}`}>
      <ListState fetching={fetching} error={error} empty={!rows.length}>
        <BarChart title={t('fin.byPeriod')} height={180} data={rows.map((r, i) => ({ label: periodLabel(r.key, lang), value: fenToChartNumber(fenOf(r.amount)), display: formatYuan(r.amount, { lang }), tone: i }))} />
      </ListState>
    </Section>
  );
}

function Statements({ settlementId }: { settlementId: string }) {
  const { t, e, lang } = useApp();
  const [{ data, fetching, error }] = useQuery({ query: STATEMENTS, variables: { settlementId, first: 50 } });
  const [party, setParty] = useState<StatementRow | null>(null);
  const rows = data?.revenueStatements.edges.map((x) => x.node) ?? [];
  return (
    <Section title={t('fin.statement')}>
      <ListState fetching={fetching} error={error} empty={!rows.length}>
        <p className="muted">{t('fin.pickParty')}</p>
        <ul className="party-list">
          {rows.map((r) => (
            <li key={`${r.partyKind}-${r.partyId}`}>
              <button type="button" className={party?.partyId === r.partyId && party.partyKind === r.partyKind ? 'btn small primary' : 'btn small'} onClick={() => setParty(r)}>
                {r.partyName ?? r.partyId} · {e(r.partyKind)} · {formatYuan(r.total, { lang })}
              </button>
            </li>
          ))}
        </ul>
        {party ? <StatementView settlementId={settlementId} party={party} /> : null}
      </ListState>
    </Section>
  );
}

export function StatementView({ settlementId, party }: { settlementId: string; party: StatementRow }) {
  const { t, e, lang } = useApp();
  const [{ data, fetching, error }] = useQuery({ query: STATEMENT, variables: { settlementId, partyId: party.partyId, partyKind: party.partyKind } });
  if (error) return <ErrorBox error={error} />;
  const s = data?.revenueStatement;
  if (fetching && !s) return <Loading />;
  if (!s) return null;
  const download = () => {
    // A BOM so spreadsheet programs read the Chinese text as UTF-8.
    const blob = new Blob(['\ufeff', s.csv], { type: 'text/csv;charset=utf-8' });
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = statementFileName(s.partyName, s.partyId, s.periodStart, s.periodEnd);
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };
  return (
    <div className="statement" data-party={s.partyId}>
      <div className="card-head">
        <h3>
          {s.partyName ?? s.partyId} · {e(s.partyKind)} · {formatDate(s.periodStart, lang)} – {formatDate(s.periodEnd, lang)}
        </h3>
        <button type="button" className="btn primary" onClick={download}>
          ⬇ {t('fin.download')}
        </button>
      </div>
      <table className="table">
        <thead>
          <tr>
            <th>{t('mine.product')}</th>
            <th className="num">{t('fin.actual')}</th>
            <th className="num">{t('mine.units')}</th>
            <th>{t('fin.basis')}</th>
            <th className="num">{t('common.amount')}</th>
          </tr>
        </thead>
        <tbody>
          {s.lines.map((l) => (
            <tr key={l.productId}>
              <td>
                {l.productName} <small className="muted">{l.productCode}</small>
              </td>
              <td className="num">{formatYuan(l.productRevenue, { lang })}</td>
              <td className="num">{formatNumber(l.units, lang)}</td>
              <td>
                <Explained value={basisText(l.basis, lang)} />
                {l.weight ? <small className="muted"> ({l.weight})</small> : null}
              </td>
              <td className="num">{formatYuan(l.amount, { lang })}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th colSpan={4}>Σ</th>
            <th className="num">{formatYuan(s.total, { lang })}</th>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

function MarCard({ s }: { s: Survey }) {
  const { t, e, lang } = useApp();
  const d = s.revenueDeviation;
  const inBand = Math.abs(Number(d.deviationPercent)) <= Number(d.bandPercent);
  return (
    <div className="mar-card">
      <h3>
        {s.name} <small className="muted">{formatDate(s.periodStart, lang)} – {formatDate(s.periodEnd, lang)}</small>
      </h3>
      <DeviationBand
        title={t('fin.mar')}
        marLabel={t('fin.marAxis')}
        mar={fenToChartNumber(fenOf(d.mar))}
        actual={fenToChartNumber(fenOf(d.actual))}
        bandPercent={Number(d.bandPercent)}
        inBand={inBand}
      />
      <dl className="facts">
        <dt>{t('fin.marShort')}</dt>
        <dd className="num">{formatYuan(d.mar, { lang })}</dd>
        <dt>{t('fin.actual')}</dt>
        <dd className="num">{formatYuan(d.actual, { lang })}</dd>
        <dt>{t('fin.deviation')}</dt>
        <dd>
          {formatYuan(d.difference, { sign: true, lang })} ({e(d.direction)} {formatPercent(d.deviationPercent.replace(/^-/, ''), lang)}) · {t('fin.band', { b: formatPercent(d.bandPercent, lang) })} ·{' '}
          <span className={inBand ? 'badge ok' : 'badge bad'}>{inBand ? t('fin.withinBand') : t('fin.outsideBand')}</span>
        </dd>
        <dt>{t('fin.action')}</dt>
        <dd>
          {e(d.action)} <small className="muted"><Cite source={d.source} /></small>
        </dd>
      </dl>
      <p className="muted verdict">{marVerdict(d, lang)}</p>
    </div>
  );
}
