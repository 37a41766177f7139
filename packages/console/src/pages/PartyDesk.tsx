import { useState } from 'react';
import { useQuery } from 'urql';
import type { RevenuePartyKind } from '../gql/graphql';
import { useApp } from '../app-context';
import { ListState, NeedSignIn, Section } from '../components/ui';
import { fenOf, formatDate, formatYuan } from '../lib/format';
import { MY_SHARES } from '../role-queries';
import { StatementView } from './FinanceDesk';

interface SettlementShares {
  settlementId: string;
  periodStart: string;
  periodEnd: string;
  partyKind: RevenuePartyKind;
  products: number;
  totalFen: bigint;
}

/**
 * A party's own side of the settlements (a data service provider, 数据服务商, JL §八(二)): its shares per settlement and
 * its statement of each, with the CSV the finance desk issues. The API shows it nothing but its own.
 */
export function PartyDesk() {
  const { t, e, lang, claims } = useApp();
  const partyId = claims?.org ?? '';
  const [{ data, fetching, error }, refetch] = useQuery({ query: MY_SHARES, variables: { partyId, first: 200 }, pause: !claims?.org });
  const [chosen, setChosen] = useState<SettlementShares | null>(null);
  if (!claims) return <NeedSignIn />;
  const bySettlement = new Map<string, SettlementShares>();
  for (const { node: s } of data?.revenueShares.edges ?? []) {
    const key = `${s.settlementId}:${s.partyKind}`;
    const row = bySettlement.get(key) ?? { settlementId: s.settlementId, periodStart: s.periodStart, periodEnd: s.periodEnd, partyKind: s.partyKind, products: 0, totalFen: 0n };
    row.products += 1;
    row.totalFen += fenOf(s.amount);
    bySettlement.set(key, row);
  }
  const rows = [...bySettlement.values()].sort((a, b) => b.periodStart.localeCompare(a.periodStart));
  return (
    <div className="desk">
      <h1>{t('nav.party')}</h1>
      <Section title={t('party.shares')} id="shares">
        <ListState fetching={fetching} error={error} empty={!rows.length} onRetry={() => refetch({ requestPolicy: 'network-only' })} emptyText={t('party.none')}>
          <table className="table">
            <thead>
              <tr>
                <th>{t('common.period')}</th>
                <th>{t('party.as')}</th>
                <th className="num">{t('party.products')}</th>
                <th className="num">{t('common.amount')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={`${r.settlementId}:${r.partyKind}`} data-settlement={r.settlementId}>
                  <td>
                    {formatDate(r.periodStart, lang)} – {formatDate(r.periodEnd, lang)}
                  </td>
                  <td>{e(r.partyKind)}</td>
                  <td className="num">{r.products}</td>
                  <td className="num">{formatYuan({ fen: r.totalFen.toString(), yuan: '' }, { lang })}</td>
                  <td>
                    <button type="button" className="btn small" onClick={() => setChosen(r)}>
                      {t('party.statement')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ListState>
      </Section>
      {chosen ? (
        <Section title={t('fin.statement')}>
          <StatementView key={`${chosen.settlementId}:${chosen.partyKind}`} settlementId={chosen.settlementId} party={{ partyId, partyKind: chosen.partyKind, partyName: null, total: { fen: chosen.totalFen.toString(), yuan: '' } }} />
        </Section>
      ) : null}
    </div>
  );
}
