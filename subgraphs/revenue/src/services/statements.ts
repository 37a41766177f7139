import { notFound, toCsv, type Em, type Identity, type RequestContext } from '@pdo/platform';
import { formatYuan } from '@pdo/policy';
import { jurisdictionName } from '../domain/rules.js';
import { requireFinance, requirePartyOrFinance } from '../access.js';
import { developerLines, orgName, shareLines, statementParties } from '../data/statements.js';
import { settlementById, type SettlementRow } from '../data/settlements.js';

export type StatementPartyKind = 'DEVELOPER' | 'OPERATOR' | 'SERVICE_PROVIDER' | 'JURISDICTION' | 'SOURCE_AGENCY';

export interface StatementLine {
  productId: string;
  productCode: string;
  productName: string;
  productRevenue: bigint;
  chargeCount: string;
  units: string;
  weight: string | null;
  basis: string;
  amount: bigint;
  carriedFrom?: string | null;
}

export interface Statement {
  settlementId: string;
  jurisdiction: string;
  periodStart: string;
  periodEnd: string;
  partyKind: StatementPartyKind;
  partyId: string;
  partyName: string | null;
  total: bigint;
  lines: StatementLine[];
  csv: string;
}

async function partyName(em: Em, kind: string, partyId: string): Promise<string | null> {
  return kind === 'JURISDICTION' ? jurisdictionName(partyId) : orgName(em, partyId);
}

function build(s: SettlementRow, kind: StatementPartyKind, partyId: string, name: string | null, lines: StatementLine[]): Statement {
  const total = lines.reduce((a, l) => a + l.amount, 0n);
  const csv = toCsv(
    ['settlement', 'jurisdiction', 'period_start', 'period_end', 'party_kind', 'party_id', 'party_name', 'product_code', 'product_name', 'product_revenue_yuan', 'charges', 'units', 'weight', 'basis', 'amount_fen', 'amount_yuan'],
    [
      ...lines.map((l) => [s.id, s.jurisdiction, s.period_start, s.period_end, kind, partyId, name, l.productCode, l.productName, formatYuan(l.productRevenue), l.chargeCount, l.units, l.weight, l.basis, l.amount, formatYuan(l.amount)]),
      [s.id, s.jurisdiction, s.period_start, s.period_end, kind, partyId, name, 'TOTAL', '合计', null, null, null, null, null, total, formatYuan(total)],
    ],
  );
  return { settlementId: s.id, jurisdiction: s.jurisdiction, periodStart: s.period_start, periodEnd: s.period_end, partyKind: kind, partyId, partyName: name, total, lines, csv };
}

/**
 * 对账单 of one party for one settlement: a line per product that explains the amount (the product's revenue, the
 * plan weight and, for a source unit, its part of the pool). A developer's statement lists its charges per product
 * instead. Lines add up to the total. Finance of the jurisdiction, or the party itself.
 */
export async function statement(em: Em, identity: Identity, settlementId: string, partyId: string, kind?: StatementPartyKind | null): Promise<Statement> {
  const s = await settlementById(em, settlementId);
  if (!s) throw notFound('结算', 'Settlement', settlementId);
  requirePartyOrFinance(identity, s.jurisdiction, partyId);
  if (!kind || kind === 'DEVELOPER') {
    const dev = await developerLines(em, settlementId, partyId);
    if (dev.length > 0 || kind === 'DEVELOPER') {
      const lines = dev.map((r) => ({
        productId: r.product_id,
        productCode: r.code,
        productName: r.name_zh,
        productRevenue: BigInt(r.product_revenue),
        chargeCount: String(r.charge_count),
        units: String(r.units),
        weight: null,
        basis: `${r.charge_count} charges, ${r.units} units${r.carried_from ? ` — late charges of ${r.from_start}–${r.from_end}, carried from settlement ${r.carried_from}` : ''}`,
        amount: BigInt(r.revenue_fen),
        carriedFrom: r.carried_from ?? null,
      }));
      return build(s, 'DEVELOPER', partyId, await partyName(em, 'DEVELOPER', partyId), lines);
    }
  }
  const rows = await shareLines(em, settlementId, partyId, kind ?? null);
  const k = (kind ?? rows[0]?.party_kind ?? 'SOURCE_AGENCY') as StatementPartyKind;
  const lines = rows.map((r) => ({ productId: r.product_id, productCode: r.code, productName: r.name_zh, productRevenue: BigInt(r.product_revenue), chargeCount: String(r.charge_count), units: String(r.units), weight: r.weight, basis: r.basis, amount: BigInt(r.amount_fen) }));
  return build(s, k, partyId, await partyName(em, k, partyId), lines);
}

/** Every party's statement of a settlement (finance of its jurisdiction), a page at a time in a stable order. */
export async function statements(ctx: RequestContext<unknown>, settlementId: string, window: { limit: number; offset: number }): Promise<{ rows: Statement[]; totalCount: number }> {
  const s = await settlementById(ctx.em, settlementId);
  requireFinance(ctx.identity, s?.jurisdiction ?? '');
  const parties = await statementParties(ctx.em, settlementId);
  const rows: Statement[] = [];
  for (const p of parties.slice(window.offset, window.offset + window.limit)) rows.push(await statement(ctx.em, ctx.identity, settlementId, p.partyId, p.kind as StatementPartyKind));
  return { rows, totalCount: parties.length };
}
