import { notFound, toCsv, type Em, type Identity, type RequestContext } from '@pdo/platform';
import { formatYuan } from '@pdo/policy';
import { jurisdictionName } from '../domain/rules.js';
import { requireFinance, requirePartyOrFinance } from '../access.js';
import { developerLines, orgNames, shareLines, statementParties } from '../data/statements.js';
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

type DeveloperRow = Awaited<ReturnType<typeof developerLines>>[number];
type ShareRow = Awaited<ReturnType<typeof shareLines>>[number];

const developerLine = (r: DeveloperRow): StatementLine => ({
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
});

const shareLine = (r: ShareRow): StatementLine => ({ productId: r.product_id, productCode: r.code, productName: r.name_zh, productRevenue: BigInt(r.product_revenue), chargeCount: String(r.charge_count), units: String(r.units), weight: r.weight, basis: r.basis, amount: BigInt(r.amount_fen) });

/** Names of the parties, the jurisdictions' from the rules and the organisations' in one statement. */
async function partyNames(em: Em, parties: readonly { partyId: string; kind: string }[]): Promise<Map<string, string | null>> {
  const orgIds = [...new Set(parties.filter((p) => p.kind !== 'JURISDICTION').map((p) => p.partyId))];
  const names = new Map<string, string | null>((orgIds.length ? await orgNames(em, orgIds) : []).map((r) => [r.id, r.name_zh]));
  for (const p of parties) if (p.kind === 'JURISDICTION') names.set(`J:${p.partyId}`, jurisdictionName(p.partyId));
  return names;
}
const nameOf = (names: Map<string, string | null>, kind: string, partyId: string) => names.get(kind === 'JURISDICTION' ? `J:${partyId}` : partyId) ?? null;

function groupBy<R>(rows: readonly R[], key: (r: R) => string): Map<string, R[]> {
  const m = new Map<string, R[]>();
  for (const r of rows) {
    const k = key(r);
    const list = m.get(k);
    if (list) list.push(r);
    else m.set(k, [r]);
  }
  return m;
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
    const dev = await developerLines(em, settlementId, [partyId]);
    if (dev.length > 0 || kind === 'DEVELOPER') {
      const names = await partyNames(em, [{ partyId, kind: 'DEVELOPER' }]);
      return build(s, 'DEVELOPER', partyId, nameOf(names, 'DEVELOPER', partyId), dev.map(developerLine));
    }
  }
  const rows = await shareLines(em, settlementId, [{ partyId, kind: kind ?? null }]);
  const k = (kind ?? rows[0]?.party_kind ?? 'SOURCE_AGENCY') as StatementPartyKind;
  const names = await partyNames(em, [{ partyId, kind: k }]);
  return build(s, k, partyId, nameOf(names, k, partyId), rows.map(shareLine));
}

/**
 * Every party's statement of a settlement (finance of its jurisdiction), a page at a time in a stable order: the
 * page's lines and names are read in one statement each, so a page costs the same number of statements at any size.
 */
export async function statements(ctx: RequestContext<unknown>, settlementId: string, window: { limit: number; offset: number }): Promise<{ rows: Statement[]; totalCount: number }> {
  const s = await settlementById(ctx.em, settlementId);
  requireFinance(ctx.identity, s?.jurisdiction ?? '');
  if (!s) throw notFound('结算', 'Settlement', settlementId);
  const parties = await statementParties(ctx.em, settlementId);
  const page = parties.slice(window.offset, window.offset + window.limit);
  const developers = page.filter((p) => p.kind === 'DEVELOPER').map((p) => p.partyId);
  const sharers = page.filter((p) => p.kind !== 'DEVELOPER').map((p) => ({ partyId: p.partyId, kind: p.kind }));
  const dev = groupBy(await developerLines(ctx.em, settlementId, developers), (r) => r.developer_id);
  const share = groupBy(await shareLines(ctx.em, settlementId, sharers), (r) => `${r.party_kind}:${r.party_id}`);
  const names = await partyNames(ctx.em, page);
  const rows = page.map((p) =>
    p.kind === 'DEVELOPER'
      ? build(s, 'DEVELOPER', p.partyId, nameOf(names, p.kind, p.partyId), (dev.get(p.partyId) ?? []).map(developerLine))
      : build(s, p.kind as StatementPartyKind, p.partyId, nameOf(names, p.kind, p.partyId), (share.get(`${p.kind}:${p.partyId}`) ?? []).map(shareLine)),
  );
  return { rows, totalCount: parties.length };
}
