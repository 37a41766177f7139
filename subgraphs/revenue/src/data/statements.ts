import type { EntityManager } from '@mikro-orm/postgresql';
import { notFound, sql, sqlOne, toCsv, type Identity } from '@pdo/platform';
import { formatYuan } from '@pdo/policy';
import { requirePartyOrFinance } from '../domain/access.js';
import { jurisdictionName } from '../domain/rules.js';
import { SETTLEMENT_COLS, toSettlement } from './rows.js';
import type { RevenueStatement, RevenueStatementLine, Settlement } from '../schema/types.js';
import { RevenuePartyKind } from '../schema/types.js';

async function partyName(em: EntityManager, kind: string, partyId: string): Promise<string | null> {
  if (kind === 'JURISDICTION') return jurisdictionName(partyId);
  const r = await sqlOne<{ name_zh: string }>(em, `select name_zh from org_view where id::text = $1`, [partyId]);
  return r?.name_zh ?? null;
}

function build(s: Settlement, kind: RevenuePartyKind, partyId: string, name: string | null, lines: RevenueStatementLine[]): RevenueStatement {
  const total = lines.reduce((a, l) => a + l.amount, 0n);
  const csv = toCsv(
    ['settlement', 'jurisdiction', 'period_start', 'period_end', 'party_kind', 'party_id', 'party_name', 'product_code', 'product_name', 'product_revenue_yuan', 'charges', 'units', 'weight', 'basis', 'amount_fen', 'amount_yuan'],
    [
      ...lines.map((l) => [s.id, s.jurisdiction, s.periodStart, s.periodEnd, kind, partyId, name, l.productCode, l.productName, formatYuan(l.productRevenue), l.chargeCount, l.units, l.weight, l.basis, l.amount, formatYuan(l.amount)]),
      [s.id, s.jurisdiction, s.periodStart, s.periodEnd, kind, partyId, name, 'TOTAL', '合计', null, null, null, null, null, total, formatYuan(total)],
    ],
  );
  return { settlementId: s.id, jurisdiction: s.jurisdiction, periodStart: s.periodStart, periodEnd: s.periodEnd, partyKind: kind, partyId, partyName: name, total, lines, csv };
}

/**
 * 对账单 of one party for one settlement: a line per product that explains the amount (the
 * product's revenue, the plan weight and, for a source agency, its part of the pool). A
 * developer's statement lists its charges per product instead. Lines add up to the total.
 */
export async function statement(em: EntityManager, identity: Identity, settlementId: string, partyId: string, kind?: RevenuePartyKind | null): Promise<RevenueStatement> {
  const sr = await sqlOne(em, `select ${SETTLEMENT_COLS} from settlement where id = $1`, [settlementId]);
  if (!sr) throw notFound('结算', 'Settlement', settlementId);
  const s = toSettlement(sr);
  requirePartyOrFinance(identity, s.jurisdiction, partyId);
  if (!kind || kind === RevenuePartyKind.DEVELOPER) {
    const dev = await sql(
      em,
      `select sl.product_id, coalesce(pv.code, '') as code, coalesce(pv.name_zh, '') as name_zh, sp.revenue_fen as product_revenue, sl.charge_count, sl.units, sl.revenue_fen,
         sl.carried_from, f.period_start::text as from_start, f.period_end::text as from_end
       from settlement_line sl join settlement_product sp on sp.settlement_id = sl.settlement_id and sp.product_id = sl.product_id
       left join product_view pv on pv.id = sl.product_id
       left join settlement f on f.id = sl.carried_from
       where sl.settlement_id = $1 and sl.developer_id::text = $2 order by pv.code, sl.product_id, f.period_start nulls first`,
      [settlementId, partyId],
    );
    if (dev.length > 0 || kind === RevenuePartyKind.DEVELOPER) {
      const lines = dev.map((r: any) => ({ productId: r.product_id, productCode: r.code, productName: r.name_zh, productRevenue: BigInt(r.product_revenue), chargeCount: String(r.charge_count), units: String(r.units), weight: null, basis: `${r.charge_count} charges, ${r.units} units${r.carried_from ? ` — late charges of ${r.from_start}–${r.from_end}, carried from settlement ${r.carried_from}` : ''}`, amount: BigInt(r.revenue_fen), carriedFrom: r.carried_from ?? null }));
      return build(s, RevenuePartyKind.DEVELOPER, partyId, await partyName(em, 'DEVELOPER', partyId), lines);
    }
  }
  const rows = await sql(
    em,
    `select rs.product_id, rs.party_kind, coalesce(pv.code, '') as code, coalesce(pv.name_zh, '') as name_zh, sp.revenue_fen as product_revenue, sp.charge_count, sp.units, rs.weight, rs.basis, rs.amount_fen
     from revenue_share rs join settlement_product sp on sp.settlement_id = rs.settlement_id and sp.product_id = rs.product_id
     left join product_view pv on pv.id = rs.product_id
     where rs.settlement_id = $1 and rs.party_id = $2 and ($3::text is null or rs.party_kind = $3) order by pv.code, rs.product_id, rs.ordinal`,
    [settlementId, partyId, kind ?? null],
  );
  const k = (kind ?? rows[0]?.party_kind ?? RevenuePartyKind.SOURCE_AGENCY) as RevenuePartyKind;
  const lines = rows.map((r: any) => ({ productId: r.product_id, productCode: r.code, productName: r.name_zh, productRevenue: BigInt(r.product_revenue), chargeCount: String(r.charge_count), units: String(r.units), weight: r.weight, basis: r.basis, amount: BigInt(r.amount_fen) }));
  return build(s, k, partyId, await partyName(em, k, partyId), lines);
}

/** Every party of a settlement (finance view), one statement each, in a stable order. */
export async function statementParties(em: EntityManager, settlementId: string): Promise<{ kind: RevenuePartyKind; partyId: string }[]> {
  const rows = await sql<{ kind: RevenuePartyKind; party_id: string }>(
    em,
    `select distinct party_kind as kind, party_id from revenue_share where settlement_id = $1
     union select distinct 'DEVELOPER', developer_id::text from settlement_line where settlement_id = $1
     order by kind, party_id`,
    [settlementId],
  );
  return rows.map((r) => ({ kind: r.kind, partyId: r.party_id }));
}
