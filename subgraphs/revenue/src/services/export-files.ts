/**
 * Files finance staff file (use case of the exports, subgraphs/revenue/README.md "Exports"): statements, whole settlements, share summaries and the charges behind a
 * statement, as XLSX or CSV. The tables are built here from the same rows the API returns; rendering
 * (formula guard, fen → yuan, Asia/Shanghai times, BOM) is the platform's (packages/platform/src/export).
 * Totals rows are summed in bigint fen, so they equal the API's totals to the fen.
 */
import { conflict, csvFile, exportFilename, notFound, xlsxFile, type Em, type ExportColumn, type ExportColumnKind, type ExportFileData, type ExportTable, type ExportValue } from '@pdo/platform';
import { todayInShanghai } from '@pdo/policy';
import { jurisdictionName as nameOf } from '../domain/rules.js';
import { settlementById, type SettlementRow } from '../data/settlements.js';
import { settlementLineRows, settlementShareRows, statementChargeRows } from '../data/exports.js';
import type { SummaryGroup } from '../data/shares.js';
import type { Statement } from './statements.js';

export type ExportFormat = 'XLSX' | 'CSV';
export type ExportLanguage = 'ZH' | 'EN';
type Settlement = SettlementRow;

/** Largest export in rows: beyond it the caller narrows the request (a product, a period). */
export const EXPORT_MAX_ROWS = 200_000;

type Lang = ExportLanguage;
type Col = [zh: string, en: string, kind?: ExportColumnKind, width?: number];
const cols = (lang: Lang, cs: Col[]): ExportColumn[] => cs.map(([zh, en, kind, width]) => ({ header: lang === 'EN' ? en : zh, kind: kind ?? 'text', width }));
const t = (lang: Lang, zh: string, en: string) => (lang === 'EN' ? en : zh);

const PARTY_KIND: Record<string, [string, string]> = {
  DEVELOPER: ['开发者', 'Developer'],
  OPERATOR: ['运营机构', 'Operator'],
  SERVICE_PROVIDER: ['服务商', 'Service provider'],
  JURISDICTION: ['属地', 'Jurisdiction'],
  SOURCE_AGENCY: ['数据提供单位', 'Source agency'],
};
const partyKindLabel = (lang: Lang, k: string | null | undefined) => (k ? (PARTY_KIND[k]?.[lang === 'EN' ? 1 : 0] ?? k) : null);
const STATUS: Record<string, [string, string]> = { RUNNING: ['进行中', 'Running'], COMPLETED: ['已完成', 'Completed'], FAILED: ['失败', 'Failed'] };

const jurisdictionName = (code: string, lang: Lang): string | null => nameOf(code, lang === 'EN' ? 'EN' : 'ZH');
const partyName = (kind: string, id: string, orgName: string | null, lang: Lang) => (kind === 'JURISDICTION' ? jurisdictionName(id, lang) : orgName);
const sum = (xs: bigint[]) => xs.reduce((a, b) => a + b, 0n);

async function render(format: ExportFormat, nameParts: string[], tables: ExportTable[], now: Date): Promise<ExportFileData> {
  if (format === 'CSV') return csvFile(exportFilename(nameParts, 'csv'), tables[0]!);
  return xlsxFile(exportFilename(nameParts, 'xlsx'), tables, { created: now });
}

/** A settlement to export: it must exist and be completed (a running or failed one has nothing posted). */
export async function completedSettlement(em: Em, settlementId: string): Promise<Settlement> {
  const r = await settlementById(em, settlementId);
  if (!r) throw notFound('结算', 'Settlement', settlementId);
  return r;
}

export function requireCompleted(s: Settlement): void {
  if (s.status !== 'COMPLETED') throw conflict('结算尚未完成，无可导出内容', 'The settlement is not completed; there is nothing to export', { details: { status: s.status } });
}

function tooLarge(n: number): never {
  throw conflict(`导出超过 ${EXPORT_MAX_ROWS} 行，请按产品缩小范围`, `The export exceeds ${EXPORT_MAX_ROWS} rows; narrow it to a product`, { details: { maxRows: EXPORT_MAX_ROWS, rows: n } });
}

// ── a statement ──────────────────────────────────────────────────────────────
const STATEMENT_COLS: Col[] = [
  ['结算编号', 'Settlement ID', 'text', 38],
  ['辖区', 'Jurisdiction'],
  ['期间起', 'Period start', 'date', 12],
  ['期间止', 'Period end', 'date', 12],
  ['分配方类别', 'Party kind'],
  ['分配方编号', 'Party ID', 'text', 38],
  ['分配方名称', 'Party name', 'text', 28],
  ['产品编码', 'Product code', 'text', 14],
  ['产品名称', 'Product name', 'text', 28],
  ['产品收入（元）', 'Product revenue (CNY)', 'money', 16],
  ['费用笔数', 'Charges', 'integer'],
  ['用量', 'Units', 'integer'],
  ['权重', 'Weight', 'decimal'],
  ['计算依据', 'Basis', 'text', 50],
  ['金额（元）', 'Amount (CNY)', 'money', 16],
];

export function statementTable(st: Statement, lang: Lang): ExportTable {
  const kind = partyKindLabel(lang, st.partyKind);
  return {
    name: t(lang, '对账单', 'Statement'),
    columns: cols(lang, STATEMENT_COLS),
    rows: st.lines.map((l) => [st.settlementId, st.jurisdiction, st.periodStart, st.periodEnd, kind, st.partyId, st.partyName, l.productCode, l.productName, l.productRevenue, l.chargeCount, l.units, l.weight, l.basis, l.amount]),
    footer: [[t(lang, '合计', 'Total'), st.jurisdiction, st.periodStart, st.periodEnd, kind, st.partyId, st.partyName, null, null, null, null, null, null, null, sum(st.lines.map((l) => l.amount))]],
  };
}

export function statementFile(st: Statement, format: ExportFormat, lang: Lang, now: Date): Promise<ExportFileData> {
  return render(format, [t(lang, '对账单', 'statement'), st.jurisdiction, st.periodStart, st.periodEnd, st.partyName ?? st.partyId], [statementTable(st, lang)], now);
}

// ── a whole settlement ───────────────────────────────────────────────────────
/**
 * Every party of a settlement in one file: the settlement (times in Asia/Shanghai), the share lines
 * of every party (the CSV), the total per party, and the developers' charges per product. Each
 * sheet's totals row equals the settlement's total (it reconciles: charges = shares).
 */
export async function settlementFile(em: Em, s: Settlement, format: ExportFormat, lang: Lang, now: Date): Promise<ExportFileData> {
  const [shares, lines] = await Promise.all([settlementShareRows(em, s.id, EXPORT_MAX_ROWS + 1), settlementLineRows(em, s.id, EXPORT_MAX_ROWS + 1)]);
  if (shares.length > EXPORT_MAX_ROWS || lines.length > EXPORT_MAX_ROWS) tooLarge(Math.max(shares.length, lines.length));
  const jName = jurisdictionName(s.jurisdiction, lang);
  const shareRows: ExportValue[][] = shares.map((r) => [s.id, s.jurisdiction, s.period_start, s.period_end, partyKindLabel(lang, r.party_kind), r.party_id, partyName(r.party_kind, r.party_id, r.party_name, lang), r.code, r.product_name, r.weight, r.basis, BigInt(r.amount)]);
  const shareTotal = sum(shares.map((r) => BigInt(r.amount)));
  const detail: ExportTable = {
    name: t(lang, '分成明细', 'Shares'),
    columns: cols(lang, [
      ['结算编号', 'Settlement ID', 'text', 38], ['辖区', 'Jurisdiction'], ['期间起', 'Period start', 'date', 12], ['期间止', 'Period end', 'date', 12],
      ['分配方类别', 'Party kind'], ['分配方编号', 'Party ID', 'text', 38], ['分配方名称', 'Party name', 'text', 28], ['产品编码', 'Product code', 'text', 14], ['产品名称', 'Product name', 'text', 28],
      ['权重', 'Weight', 'decimal'], ['计算依据', 'Basis', 'text', 50], ['金额（元）', 'Amount (CNY)', 'money', 16],
    ]),
    rows: shareRows,
    footer: [[t(lang, '合计', 'Total'), s.jurisdiction, s.period_start, s.period_end, null, null, null, null, null, null, null, shareTotal]],
  };
  // Per party, summed in bigint from the same rows (no second query, no float).
  const byParty = new Map<string, { kind: string; id: string; name: string | null; amount: bigint; lines: number }>();
  for (const r of shares) {
    const k = `${r.party_kind}|${r.party_id}`;
    const p = byParty.get(k) ?? { kind: r.party_kind, id: r.party_id, name: partyName(r.party_kind, r.party_id, r.party_name, lang), amount: 0n, lines: 0 };
    p.amount += BigInt(r.amount);
    p.lines++;
    byParty.set(k, p);
  }
  const parties: ExportTable = {
    name: t(lang, '分配方汇总', 'Parties'),
    columns: cols(lang, [['分配方类别', 'Party kind'], ['分配方编号', 'Party ID', 'text', 38], ['分配方名称', 'Party name', 'text', 28], ['分成笔数', 'Share lines', 'integer'], ['金额（元）', 'Amount (CNY)', 'money', 16]]),
    rows: [...byParty.values()].map((p) => [partyKindLabel(lang, p.kind), p.id, p.name, p.lines, p.amount]),
    footer: [[t(lang, '合计', 'Total'), null, null, shares.length, shareTotal]],
  };
  const charges: ExportTable = {
    name: t(lang, '费用汇总', 'Charges'),
    columns: cols(lang, [
      ['产品编码', 'Product code', 'text', 14], ['产品名称', 'Product name', 'text', 28], ['开发者编号', 'Developer ID', 'text', 38], ['开发者名称', 'Developer name', 'text', 28],
      ['费用笔数', 'Charges', 'integer'], ['用量', 'Units', 'integer'], ['迟到费用所属期间', 'Late charges of period', 'text', 24], ['金额（元）', 'Amount (CNY)', 'money', 16],
    ]),
    rows: lines.map((r) => [r.code, r.product_name, r.developer_id, r.developer_name, r.charge_count, r.units, r.from_start ? `${r.from_start}/${r.from_end}` : null, BigInt(r.amount)]),
    footer: [[t(lang, '合计', 'Total'), null, null, null, sum(lines.map((r) => BigInt(r.charge_count))), sum(lines.map((r) => BigInt(r.units))), null, sum(lines.map((r) => BigInt(r.amount)))]],
  };
  const header: ExportTable = {
    name: t(lang, '结算', 'Settlement'),
    columns: cols(lang, [
      ['结算编号', 'Settlement ID', 'text', 38], ['辖区', 'Jurisdiction'], ['辖区名称', 'Jurisdiction name', 'text', 16], ['期间起', 'Period start', 'date', 12], ['期间止', 'Period end', 'date', 12],
      ['状态', 'Status'], ['费用笔数', 'Charges', 'integer'], ['产品数', 'Products', 'integer'], ['迟到费用（元）', 'Late charges carried (CNY)', 'money', 16], ['合计（元）', 'Total (CNY)', 'money', 16],
      ['开始时间（北京时间）', 'Started (Asia/Shanghai)', 'datetime', 20], ['完成时间（北京时间）', 'Completed (Asia/Shanghai)', 'datetime', 20], ['导出时间（北京时间）', 'Exported (Asia/Shanghai)', 'datetime', 20],
    ]),
    rows: [[s.id, s.jurisdiction, jName, s.period_start, s.period_end, STATUS[s.status]?.[lang === 'EN' ? 1 : 0] ?? s.status, s.charge_count, s.product_count, BigInt(s.carried_fen), BigInt(s.total_fen), new Date(s.started_at), s.completed_at ? new Date(s.completed_at) : null, now]],
  };
  return render(format, [t(lang, '结算', 'settlement'), s.jurisdiction, s.period_start, s.period_end], [detail, parties, charges, header], now);
}

// ── the share summary ────────────────────────────────────────────────────────
const KEY_HEADER: Record<SummaryGroup, [string, string]> = {
  PARTY: ['分配方编号', 'Party ID'],
  PRODUCT: ['产品编号', 'Product ID'],
  OPERATOR: ['运营机构编号', 'Operator ID'],
  JURISDICTION: ['辖区', 'Jurisdiction'],
  PERIOD: ['期间', 'Period'],
};

export function summaryFile(groupBy: SummaryGroup, rows: { key: string; partyKind: string | null; amount: bigint; name: string | null; code?: string | null }[], format: ExportFormat, lang: Lang, now: Date): Promise<ExportFileData> {
  const [kzh, ken] = KEY_HEADER[groupBy];
  const table: ExportTable = {
    name: t(lang, '收益汇总', 'Revenue summary'),
    columns: cols(lang, [[kzh, ken, 'text', 38], ['名称', 'Name', 'text', 28], ['编码', 'Code', 'text', 14], ['分配方类别', 'Party kind'], ['金额（元）', 'Amount (CNY)', 'money', 16]]),
    rows: rows.map((r) => [r.key, groupBy === 'JURISDICTION' || r.partyKind === 'JURISDICTION' ? jurisdictionName(r.key, lang) : r.name, r.code ?? null, partyKindLabel(lang, r.partyKind), r.amount]),
    footer: [[t(lang, '合计', 'Total'), null, null, null, sum(rows.map((r) => r.amount))]],
  };
  return render(format, [t(lang, '收益汇总', 'revenue-summary'), groupBy.toLowerCase(), todayInShanghai(now)], [table], now);
}

// ── the charges behind a statement ───────────────────────────────────────────
/**
 * Every charge a statement's amounts come from: the settlement's charges (its period's and the late
 * ones it carried) of the statement's products — only the developer's own for a developer's
 * statement, only its own products' for an operator (`scope`). For a developer the total equals the
 * statement's total; for a share party each product's charges sum to the line's product revenue.
 */
export async function statementChargesFile(
  em: Em,
  st: Statement,
  scope: { developerId: string | null; operatorId: string | null; productId: string | null },
  format: ExportFormat,
  lang: Lang,
  now: Date,
): Promise<ExportFileData> {
  const products = [...new Set(st.lines.map((l) => l.productId))].filter((p) => !scope.productId || p === scope.productId);
  const rows = products.length === 0 ? [] : await statementChargeRows(em, st.settlementId, products, scope, EXPORT_MAX_ROWS + 1);
  if (rows.length > EXPORT_MAX_ROWS) tooLarge(rows.length);
  const table: ExportTable = {
    name: t(lang, '费用明细', 'Charges'),
    columns: cols(lang, [
      ['费用编号', 'Charge ID', 'text', 38], ['发生时间（北京时间）', 'Occurred (Asia/Shanghai)', 'datetime', 20], ['产品编码', 'Product code', 'text', 14], ['产品名称', 'Product name', 'text', 28],
      ['开发者编号', 'Developer ID', 'text', 38], ['开发者名称', 'Developer name', 'text', 28], ['计费单位', 'Charging unit'], ['用量', 'Units', 'integer'], ['单价（元）', 'Unit price (CNY)', 'money', 14],
      ['已定价', 'Priced'], ['迟到费用所属结算', 'Late charge of settlement', 'text', 38], ['金额（元）', 'Amount (CNY)', 'money', 16],
    ]),
    rows: rows.map((r) => [r.id, new Date(r.occurred_at), r.code, r.product_name, r.developer_id, r.developer_name, r.charging_unit, r.units, r.unit_price === null ? null : BigInt(r.unit_price), r.priced ? t(lang, '是', 'yes') : t(lang, '否', 'no'), r.carried_from, BigInt(r.amount)]),
    footer: [[t(lang, '合计', 'Total'), null, null, null, null, null, null, sum(rows.map((r) => BigInt(r.units))), null, null, null, sum(rows.map((r) => BigInt(r.amount)))]],
  };
  return render(format, [t(lang, '费用明细', 'charges'), st.jurisdiction, st.periodStart, st.periodEnd, st.partyName ?? st.partyId], [table], now);
}
