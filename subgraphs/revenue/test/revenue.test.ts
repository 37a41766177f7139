import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyEvent, seedOnce, sql } from '@pdo/platform';
import { startTestStack, who, type TestStack } from '@pdo/testing';
import { DEMO_PRODUCTS, DEMO_SETTLED_PERIOD, orgByKey } from '@pdo/demo';
import type { EventName } from '@pdo/events';
import { definition } from '../src/index.js';
import { demoSettlementId } from '../src/seed.js';

let stack: TestStack;
const HN_OP = orgByKey('hn-operator').id;
const QHD_OP = orgByKey('qhd-operator').id;
const MARKET = orgByKey('hn-src-market').id;
const TRANSPORT = orgByKey('hn-src-transport').id;
const SVC = orgByKey('svc-cloud').id;
const HN_AGREEMENT = DEMO_PRODUCTS.find((p) => p.jurisdiction === 'HN')!.agreementId;
const QHD_AGREEMENT = DEMO_PRODUCTS.find((p) => p.jurisdiction === 'QHD')!.agreementId;
const DEV = randomUUID();
const OTHER_DEV = randomUUID();
const finance = who('FINANCE', orgByKey('hn-authority').id, 'HN');
const qhdFinance = who('FINANCE', orgByKey('qhd-authority').id, 'QHD');
const operator = who('OPERATOR', HN_OP, 'HN');
const source = who('SOURCE_UNIT', MARKET, 'HN');
const developer = who('DEVELOPER', DEV, 'HN');
const PAID = randomUUID();
const FREE = randomUUID();

const count = async (table: string) => Number((await sql<{ n: string }>(stack.em('revenue'), `select count(*) as n from ${table}`))[0]!.n);
const deliver = (name: EventName, payload: object, eventId = randomUUID()) =>
  applyEvent(stack.runtimes.revenue!.orm, 'revenue', definition.handlers!, { id: eventId, name, version: 1, producer: 'products', occurredAt: new Date().toISOString(), jurisdiction: 'HN', payload } as never);
const product = (productId: string, category: 'FREE' | 'PAID', code: string) => ({
  productId, productCode: code, version: 1, jurisdiction: 'HN', operatorId: HN_OP, agreementId: HN_AGREEMENT, scenarioId: randomUUID(), nameZh: `测试产品 ${code}`, form: 'API', category,
  resources: [{ resourceId: randomUUID(), sourceAgencyId: MARKET }, { resourceId: randomUUID(), sourceAgencyId: TRANSPORT }, { resourceId: randomUUID(), sourceAgencyId: MARKET }],
  listedAt: '2026-12-01T00:00:00Z',
});
const usage = (usageId: string, productId: string, category: 'FREE' | 'PAID', units: string, occurredAt: string) => ({
  usageId, entitlementId: randomUUID(), usageAgreementId: randomUUID(), productId, operatorId: HN_OP, developerId: DEV, jurisdiction: 'HN', category, chargingUnit: 'PER_CALL', units, occurredAt,
});

beforeAll(async () => {
  stack = await startTestStack([definition], { gateway: true });
  await seedOnce(stack.runtimes.revenue!);
}, 120_000);
afterAll(async () => {
  await stack?.stop();
});

const SURVEY_INPUT = {
  operatorId: HN_OP, name: '河南数据集团 2027 成本调查', periodStart: '2027-01-01', periodEnd: '2027-12-31', surveyYear: 2026,
  costItems: { platform: '1000000.00', dataHandling: '500000.00', personnel: '800000.00', dataAcquisition: '200000.00', periodExpenses: '100000.00' },
  subsidies: '100000.00', taxes: '50000.00', markupPp: '6',
};
const RECORD = `mutation($input: RecordCostSurveyInput!) { recordCostSurvey(input: $input) { id mar { fen yuan } effectiveMar { fen yuan } ratePercent permittedProfit { fen yuan } operatingCost { fen yuan } working carryIn { fen yuan } } }`;
let surveyId: string;

describe('demo seed', () => {
  it('has 2026 Q3 settled for HN with shares that reconcile, and a source agency statement through the gateway', async () => {
    const id = demoSettlementId('HN');
    const r = await stack.gql(`query($id: ID!) { settlement(id: $id) { status periodStart periodEnd total { fen yuan } products { productId revenue { fen yuan } planVersion } reconciliation { reconciled shares { fen yuan } ledgerDebits { fen yuan } } } }`, { id }, { as: finance });
    expect(r.errors).toBeUndefined();
    expect(r.data.settlement).toMatchObject({ status: 'COMPLETED', periodStart: DEMO_SETTLED_PERIOD.start, periodEnd: DEMO_SETTLED_PERIOD.end, reconciliation: { reconciled: true } });
    expect(BigInt(r.data.settlement.total.fen)).toBeGreaterThan(0n);
    const st = await stack.gql(`query($s: ID!, $p: String!) { revenueStatement(settlementId: $s, partyId: $p) { partyKind partyName total { fen yuan } lines { productCode amount { fen yuan } basis } csv } }`, { s: id, p: MARKET }, { as: source });
    expect(st.errors).toBeUndefined();
    expect(st.data.revenueStatement.partyKind).toBe('SOURCE_AGENCY');
    expect(st.data.revenueStatement.partyName).toBe('河南省市场监督管理局');
    const sum = st.data.revenueStatement.lines.reduce((a: bigint, l: any) => a + BigInt(l.amount.fen), 0n);
    expect(sum).toBe(BigInt(st.data.revenueStatement.total.fen));
    expect(st.data.revenueStatement.csv).toContain('HN-CP-0001');
    // Another agency may not read it.
    const denied = await stack.gql(`query($s: ID!, $p: String!) { revenueStatement(settlementId: $s, partyId: $p) { total { fen yuan } } }`, { s: id, p: MARKET }, { as: who('SOURCE_UNIT', TRANSPORT, 'HN') });
    expect(denied.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('cost survey and MAR', () => {
  it('records the MAR with its working (2025 bond yield 1.75% + 6 pp)', async () => {
    const r = await stack.subgraph('revenue', RECORD, { input: SURVEY_INPUT }, { as: finance });
    expect(r.errors).toBeUndefined();
    const s = r.data.recordCostSurvey;
    surveyId = s.id;
    expect(s.ratePercent).toBe('7.75');
    expect(s.operatingCost.yuan).toBe('2500000.00');
    expect(s.permittedProfit.yuan).toBe('193750.00');
    expect(s.mar).toEqual({ fen: '274375000', yuan: '2743750.00' });
    expect(s.working.join('\n')).toMatch(/2025 average 10-year government bond yield 1\.75%/);
  });

  it('refuses a markup above 6 pp, a float, a fraction of a fen, or a non-finance caller — and records nothing', async () => {
    const before = await count('cost_survey');
    const other = { ...SURVEY_INPUT, periodStart: '2028-01-01', periodEnd: '2028-12-31' };
    const high = await stack.subgraph('revenue', RECORD, { input: { ...other, markupPp: '6.5' } }, { as: finance });
    expect(high.errors?.[0]?.extensions).toMatchObject({ code: 'POLICY_VIOLATION', rule: 'MARKUP_ABOVE_MAX' });
    // A JSON number for money is refused as BAD_USER_INPUT, as a literal or through a variable
    // (the platform unwraps the nested coercion error), and nothing is written.
    const literal = `mutation { recordCostSurvey(input: { operatorId: "${HN_OP}", name: "x", periodStart: "2028-01-01", periodEnd: "2028-12-31", surveyYear: 2026,
      costItems: { platform: "1", dataHandling: "1", personnel: "1", dataAcquisition: "1", periodExpenses: "1" }, subsidies: "0", taxes: 50000.5, markupPp: "6" }) { id } }`;
    const float = await stack.subgraph('revenue', literal, {}, { as: finance });
    expect(float.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const floatVar = await stack.subgraph('revenue', RECORD, { input: { ...other, taxes: 50000.5 } }, { as: finance });
    expect(floatVar.errors?.length).toBe(1);
    expect(floatVar.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const fraction = await stack.subgraph('revenue', literal.replace('50000.5', '"1.001"'), {}, { as: finance });
    expect(fraction.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const op = await stack.subgraph('revenue', RECORD, { input: other }, { as: operator });
    expect(op.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const overlap = await stack.subgraph('revenue', RECORD, { input: SURVEY_INPUT }, { as: finance });
    expect(overlap.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(await count('cost_survey')).toBe(before);
  });
});

const CAPS = `mutation($input: SetPriceCapsInput!) { setPriceCaps(input: $input) { id cap { fen yuan } forecastRevenue { fen yuan } effectiveFrom } }`;
const PRICE = `mutation($input: SetProductPriceInput!) { setProductPrice(input: $input) { id version price { fen yuan } effectiveFrom } }`;

describe('caps and prices', () => {
  beforeAll(async () => {
    await deliver('ProductListed', product(PAID, 'PAID', 'HN-T-0001'));
    await deliver('ProductListed', product(FREE, 'FREE', 'HN-T-0002'));
  });

  it('sets caps within the MAR and refuses caps whose forecast revenue exceeds it, writing nothing', async () => {
    const ok = await stack.subgraph('revenue', CAPS, { input: { costSurveyId: surveyId, effectiveFrom: '2027-01-01', caps: [{ productId: PAID, chargingUnit: 'PER_CALL', cap: '1.00', forecastUnits: '1000000' }, { productId: FREE, chargingUnit: 'PER_CALL', cap: '0', forecastUnits: '5000' }] } }, { as: finance });
    expect(ok.errors).toBeUndefined();
    expect(ok.data.setPriceCaps[0].forecastRevenue.yuan).toBe('1000000.00');
    const before = await count('price_cap');
    // 1.00 × 2,743,751 > 2,743,750.00
    const over = await stack.subgraph('revenue', CAPS, { input: { costSurveyId: surveyId, effectiveFrom: '2027-06-01', caps: [{ productId: PAID, chargingUnit: 'PER_CALL', cap: '1.00', forecastUnits: '2743751' }] } }, { as: finance });
    expect(over.errors?.[0]?.extensions).toMatchObject({ code: 'POLICY_VIOLATION', rule: 'CAPS_EXCEED_MAR' });
    const free = await stack.subgraph('revenue', CAPS, { input: { costSurveyId: surveyId, effectiveFrom: '2027-06-01', caps: [{ productId: FREE, chargingUnit: 'PER_CALL', cap: '0.01', forecastUnits: '1' }] } }, { as: finance });
    expect(free.errors?.[0]?.extensions).toMatchObject({ code: 'POLICY_VIOLATION', rule: 'FREE_PRODUCT_PRICED' });
    expect(await count('price_cap')).toBe(before);
  });

  it('lets the operator price at or below the cap, versioned by effective date', async () => {
    const now = '2026-12-20T02:00:00Z';
    const v1 = await stack.subgraph('revenue', PRICE, { input: { productId: PAID, chargingUnit: 'PER_CALL', price: '0.80', effectiveFrom: '2027-01-01' } }, { as: operator, now });
    expect(v1.errors).toBeUndefined();
    expect(v1.data.setProductPrice).toMatchObject({ version: 1, price: { fen: '80' } });
    const v2 = await stack.subgraph('revenue', PRICE, { input: { productId: PAID, chargingUnit: 'PER_CALL', price: '0.60', effectiveFrom: '2027-01-16' } }, { as: operator, now });
    expect(v2.data.setProductPrice.version).toBe(2);
    const before = await count('price');
    const above = await stack.subgraph('revenue', PRICE, { input: { productId: PAID, chargingUnit: 'PER_CALL', price: '1.01', effectiveFrom: '2027-02-01' } }, { as: operator, now });
    expect(above.errors?.[0]?.extensions).toMatchObject({ code: 'POLICY_VIOLATION', rule: 'PRICE_ABOVE_CAP' });
    const freePriced = await stack.subgraph('revenue', PRICE, { input: { productId: FREE, chargingUnit: 'PER_CALL', price: '0.01', effectiveFrom: '2027-02-01' } }, { as: operator, now });
    expect(freePriced.errors?.[0]?.extensions).toMatchObject({ code: 'POLICY_VIOLATION', rule: 'FREE_PRODUCT_PRICED' });
    const notMine = await stack.subgraph('revenue', PRICE, { input: { productId: PAID, chargingUnit: 'PER_CALL', price: '0.50', effectiveFrom: '2027-02-01' } }, { as: who('OPERATOR', QHD_OP, 'QHD'), now });
    expect(notMine.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const past = await stack.subgraph('revenue', PRICE, { input: { productId: PAID, chargingUnit: 'PER_CALL', price: '0.50', effectiveFrom: '2026-12-01' } }, { as: operator, now });
    expect(past.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(await count('price')).toBe(before);
  });
});

describe('charges', () => {
  const u1 = randomUUID();
  it('turns each usage into exactly one charge at the price in force when used, however often it is delivered', async () => {
    const payload = usage(u1, PAID, 'PAID', '100', '2027-01-10T03:00:00Z');
    const eventId = randomUUID();
    expect(await deliver('UsageRecorded', payload, eventId)).toBe(true);
    expect(await deliver('UsageRecorded', payload, eventId)).toBe(false); // same envelope: deduped by event id
    await deliver('UsageRecorded', payload); // redelivered under a new event id: deduped by usage id
    await deliver('UsageRecorded', usage(randomUUID(), PAID, 'PAID', '50', '2027-01-20T03:00:00Z')); // after the 2027-01-16 price
    await deliver('UsageRecorded', usage(randomUUID(), FREE, 'FREE', '999', '2027-01-20T03:00:00Z'));
    const r = await stack.subgraph('revenue', `query { charges(first: 10) { totalCount edges { node { usageId productId units unitPrice { fen yuan } amount { fen yuan } priced } } } }`, {}, { as: developer });
    expect(r.errors).toBeUndefined();
    expect(r.data.charges.totalCount).toBe(3);
    const byUsage = r.data.charges.edges.map((e: any) => e.node);
    expect(byUsage.filter((c: any) => c.usageId === u1)).toHaveLength(1);
    expect(byUsage.find((c: any) => c.usageId === u1).amount.yuan).toBe('80.00');
    expect(byUsage.find((c: any) => c.units === '50').amount.yuan).toBe('30.00');
    expect(byUsage.find((c: any) => c.productId === FREE).amount.fen).toBe('0');
    const other = await stack.subgraph('revenue', `query { charges(first: 10) { totalCount } }`, {}, { as: who('DEVELOPER', OTHER_DEV, 'HN') });
    expect(other.data.charges.totalCount).toBe(0);
  });
});

const PLAN = `mutation($input: SetDistributionPlanInput!) { setDistributionPlan(input: $input) { id version parties { kind partyId weight } } }`;
const RUN = `mutation($input: RunSettlementInput!) { runSettlement(input: $input) { id status total { fen yuan } chargeCount contributionAssessmentId } }`;
const JAN = { jurisdiction: 'HN', periodStart: '2027-01-01', periodEnd: '2027-01-31' };
let settlementId: string;

describe('distribution plans and settlement', () => {
  it('versions plans and refuses weights that do not sum to a positive total or a revenue right the profile lacks', async () => {
    // The plan chooses contribution scores as the pool's weights (no profile makes them the default).
    const input = { agreementId: HN_AGREEMENT, productId: PAID, sourceBasis: 'CONTRIBUTION', parties: [{ kind: 'OPERATOR', weight: '50' }, { kind: 'SOURCE_AGENCIES', weight: '40' }, { kind: 'SERVICE_PROVIDER', partyId: SVC, weight: '10' }] };
    const r = await stack.subgraph('revenue', PLAN, { input }, { as: finance });
    expect(r.errors).toBeUndefined();
    expect(r.data.setDistributionPlan.version).toBe(1);
    const before = await count('distribution_plan');
    const zero = await stack.subgraph('revenue', PLAN, { input: { ...input, parties: [{ kind: 'OPERATOR', weight: '0' }, { kind: 'SOURCE_AGENCIES', weight: '0' }] } }, { as: finance });
    expect(zero.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const twice = await stack.subgraph('revenue', PLAN, { input: { ...input, parties: [...input.parties, { kind: 'SERVICE_PROVIDER', partyId: SVC, weight: '5' }] } }, { as: finance });
    expect(twice.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.parties' });
    expect(twice.errors?.[0]?.message).toMatch(/服务商.*service provider may appear only once/s);
    const qhd = await stack.subgraph('revenue', PLAN, { input: { agreementId: QHD_AGREEMENT, parties: [{ kind: 'OPERATOR', weight: '90' }, { kind: 'JURISDICTION', weight: '10' }] } }, { as: qhdFinance });
    expect(qhd.errors?.[0]?.extensions).toMatchObject({ code: 'POLICY_VIOLATION', rule: 'NO_JURISDICTION_REVENUE_RIGHT' });
    expect(await count('distribution_plan')).toBe(before);
  });

  it('refuses to settle an open period and creates nothing', async () => {
    const r = await stack.subgraph('revenue', RUN, { input: JAN }, { as: finance, now: '2027-01-25T02:00:00Z' });
    expect(r.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect((await sql(stack.em('revenue'), `select 1 from settlement where period_start = '2027-01-01'`)).length).toBe(0);
  });

  it('settles a closed month once, even when two runs race, splitting exactly with contribution scores', async () => {
    await applyEvent(stack.runtimes.revenue!.orm, 'revenue', definition.handlers!, {
      id: randomUUID(), name: 'ContributionAssessed', version: 1, producer: 'evaluation', occurredAt: new Date().toISOString(), jurisdiction: 'HN',
      payload: { assessmentId: randomUUID(), jurisdiction: 'HN', periodStart: '2027-01-01', periodEnd: '2027-03-31', scores: [{ agencyId: MARKET, score: '3' }, { agencyId: TRANSPORT, score: '1' }] },
    } as never);
    const now = '2027-02-03T02:00:00Z';
    const [a, b] = await Promise.all([stack.subgraph('revenue', RUN, { input: JAN }, { as: finance, now }), stack.subgraph('revenue', RUN, { input: JAN }, { as: finance, now })]);
    expect(a.errors).toBeUndefined();
    expect(b.errors).toBeUndefined();
    expect(a.data.runSettlement.id).toBe(b.data.runSettlement.id);
    settlementId = a.data.runSettlement.id;
    expect(a.data.runSettlement).toMatchObject({ status: 'COMPLETED', total: { yuan: '110.00' }, chargeCount: '3' });
    expect(a.data.runSettlement.contributionAssessmentId).not.toBeNull();
    const again = await stack.subgraph('revenue', RUN, { input: JAN }, { as: finance, now: '2027-03-01T00:00:00Z' });
    expect(again.data.runSettlement.id).toBe(settlementId);
    const shares = await stack.subgraph('revenue', `query($f: RevenueShareFilter) { revenueShares(filter: $f, first: 50) { totalCount edges { node { partyKind partyId amount { fen yuan } } } } }`, { f: { settlementId } }, { as: finance });
    const got = Object.fromEntries(shares.data.revenueShares.edges.map((e: any) => [e.node.partyId, e.node.amount.fen]));
    // 11000 fen: operator 50% = 5500; pool 40% = 4400 → market 3/4 = 3300, transport 1/4 = 1100; service provider 10% = 1100.
    expect(got).toEqual({ [HN_OP]: '5500', [MARKET]: '3300', [TRANSPORT]: '1100', [SVC]: '1100' });
    const rec = await stack.subgraph('revenue', `query($id: ID!) { settlement(id: $id) { reconciliation { reconciled charges { fen yuan } shares { fen yuan } ledgerDebits { fen yuan } ledgerCredits { fen yuan } } products { productId planVersion } } }`, { id: settlementId }, { as: finance });
    expect(rec.data.settlement.reconciliation).toMatchObject({ reconciled: true, charges: { fen: '11000' }, ledgerCredits: { fen: '11000' } });
    expect(await count(`settlement where period_start = '2027-01-01'`)).toBe(1);
  });

  it('reports the settlement run in its metrics: one run (the racing one settled nothing), its duration and the shares it wrote', async () => {
    const { body } = await stack.runtimes.revenue!.metrics.text();
    const sample = (name: string) => Number(new RegExp(`^${name}\\{[^}]*jurisdiction="HN"[^}]*\\} (\\S+)$`, 'm').exec(body)?.[1]);
    expect(body).toMatch(/^pdo_settlement_runs_total\{jurisdiction="HN",outcome="COMPLETED",service="revenue"\} 1$/m);
    expect(sample('pdo_settlement_shares_written_total')).toBe(4);
    expect(sample('pdo_settlement_last_duration_seconds')).toBeGreaterThan(0);
    expect(sample('pdo_settlement_last_completed_timestamp_seconds')).toBeGreaterThan(0);
  });

  it('gives a source agency its own statement with lines that explain the amount, and a CSV', async () => {
    const r = await stack.gql(`query($s: ID!, $p: String!) { revenueStatement(settlementId: $s, partyId: $p) { partyKind total { fen yuan } lines { productCode productRevenue { fen yuan } weight basis amount { fen yuan } } csv } }`, { s: settlementId, p: MARKET }, { as: source });
    expect(r.errors).toBeUndefined();
    const st = r.data.revenueStatement;
    expect(st.total.fen).toBe('3300');
    expect(st.lines).toHaveLength(1);
    expect(st.lines[0]).toMatchObject({ productCode: 'HN-T-0001', productRevenue: { fen: '11000' }, weight: '3' });
    expect(st.lines[0].basis).toContain('contribution score 3');
    expect(st.csv.split('\r\n')[0]).toContain('amount_fen');
    expect(st.csv).toContain('TOTAL');
    const dev = await stack.subgraph('revenue', `query($s: ID!, $p: String!) { revenueStatement(settlementId: $s, partyId: $p) { partyKind total { fen yuan } } }`, { s: settlementId, p: DEV }, { as: developer });
    expect(dev.data.revenueStatement).toMatchObject({ partyKind: 'DEVELOPER', total: { fen: '11000' } });
    const mine = await stack.subgraph('revenue', `query { revenueShareSummary(groupBy: PARTY) { key amount { fen yuan } } }`, {}, { as: source });
    expect(mine.data.revenueShareSummary.every((row: any) => row.key === MARKET)).toBe(true);
  });

  it('compares actual revenue with the MAR (PN §4)', async () => {
    const r = await stack.subgraph('revenue', `query($id: ID!) { costSurvey(id: $id) { revenueDeviation { actual { fen yuan } direction action deviationPercent } priceCaps { cap { fen yuan } } } }`, { id: surveyId }, { as: finance });
    expect(r.errors).toBeUndefined();
    expect(r.data.costSurvey.revenueDeviation).toMatchObject({ actual: { fen: '11000' }, direction: 'BELOW', action: 'AUTHORITY_RESETS_CAP' });
  });
});

describe('ledger', () => {
  it('is append-only and balanced, enforced by the database', async () => {
    const em = stack.em('revenue');
    await expect(sql(em, `update ledger_line set debit_fen = debit_fen + 1`)).rejects.toThrow(/append-only/);
    await expect(sql(em, `delete from ledger_entry`)).rejects.toThrow(/append-only/);
    // The service role has no TRUNCATE at all; the owner meets the trigger.
    const owner = await stack.ownerEm('revenue');
    for (const t of ['charge', 'revenue_share', 'settlement_line', 'settlement_product', 'ledger_line']) {
      await expect(sql(em, `truncate ${t} cascade`), `${t} cannot be emptied by the service`).rejects.toThrow(/permission denied/);
      await expect(sql(owner, `truncate ${t} cascade`), `${t} cannot be emptied by the owner`).rejects.toThrow(/append-only: TRUNCATE refused/);
    }
    await expect(sql(em, `update settlement set total_fen = 0 where id = $1`, [settlementId])).rejects.toThrow(/immutable/);
    // A settlement's result rows must belong to a settlement (checked per statement, SQLSTATE 23503 as a foreign key).
    const ghost = randomUUID();
    await expect(
      sql(em, `insert into revenue_share (id, settlement_id, product_id, party_kind, party_id, ordinal, weight, amount_fen, basis) values ($1, $2, $1, 'OPERATOR', 'x', 0, '1', 1, 'b')`, [randomUUID(), ghost]),
    ).rejects.toMatchObject({ code: '23503', message: expect.stringContaining(ghost) });
    await expect(sql(em, `insert into settlement_product (settlement_id, product_id, revenue_fen, charge_count, units) values ($1, $1, 1, 1, 1)`, [ghost])).rejects.toMatchObject({ code: '23503' });
    await expect(
      sql(em, `insert into settlement_line (settlement_id, product_id, developer_id, carried_from, revenue_fen, charge_count, units) values ($1, $2, $2, $3, 1, 1, 1)`, [settlementId, randomUUID(), ghost]),
    ).rejects.toMatchObject({ code: '23503', message: expect.stringContaining(ghost) });
    // Ledger lines must name an existing entry and account (checked per statement, migration 0012); accounts stay.
    const [acct] = await sql<{ id: string }>(em, `select id from ledger_account limit 1`);
    const [entry] = await sql<{ id: string }>(em, `select id from ledger_entry limit 1`);
    await expect(sql(em, `insert into ledger_line (entry_id, account_id, debit_fen) values ($1, $2, 5)`, [ghost, acct!.id])).rejects.toMatchObject({ code: '23503', message: expect.stringContaining(ghost) });
    await expect(sql(em, `insert into ledger_line (entry_id, account_id, debit_fen) values ($1, $2, 5)`, [entry!.id, ghost])).rejects.toMatchObject({ code: '23503', message: expect.stringContaining(ghost) });
    await expect(sql(em, `delete from ledger_account where id = $1`, [acct!.id])).rejects.toThrow(/append-only/);
    await expect(sql(em, `update ledger_account set party_id = 'x' where id = $1`, [acct!.id])).rejects.toThrow(/append-only/);
    await expect(sql(owner, `truncate ledger_account cascade`)).rejects.toThrow(/append-only: TRUNCATE refused/);
    await expect(
      stack.em('revenue').transactional(async (tx) => {
        const [acc] = await sql<{ id: string }>(tx, `select id from ledger_account limit 1`);
        const id = randomUUID();
        await sql(tx, `insert into ledger_entry (id, jurisdiction, entry_date, memo, created_by) values ($1, 'HN', '2027-01-31', 'bad', 'test')`, [id]);
        await sql(tx, `insert into ledger_line (entry_id, account_id, debit_fen) values ($1, $2, 5)`, [id, acc!.id]);
      }),
    ).rejects.toThrow(/not balanced/);
  });

  it('refuses an unbalanced manual entry and corrects by reversal; balances net to zero', async () => {
    const entries = await count('ledger_entry');
    const bad = await stack.subgraph('revenue', `mutation($input: PostLedgerAdjustmentInput!) { postLedgerAdjustment(input: $input) { id } }`, {
      input: { jurisdiction: 'HN', entryDate: '2027-02-01', memo: '收款', lines: [{ partyKind: 'DEVELOPER', partyId: DEV, credit: '10.00' }, { partyKind: 'OPERATOR', partyId: HN_OP, debit: '9.99' }] },
    }, { as: finance });
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(await count('ledger_entry')).toBe(entries);
    const s = await stack.subgraph('revenue', `query($id: ID!) { settlement(id: $id) { ledgerEntryId } }`, { id: settlementId }, { as: finance });
    const REV = `mutation($input: ReverseLedgerEntryInput!) { reverseLedgerEntry(input: $input) { id reversesEntryId lines { account { partyId } debit { fen yuan } credit { fen yuan } } } }`;
    const rev = await stack.subgraph('revenue', REV, { input: { entryId: s.data.settlement.ledgerEntryId, reason: '测试冲销' } }, { as: finance, now: '2027-02-05T02:00:00Z' });
    expect(rev.errors).toBeUndefined();
    expect(rev.data.reverseLedgerEntry.lines.find((l: any) => l.account.partyId === DEV).credit.fen).toBe('11000');
    const twice = await stack.subgraph('revenue', REV, { input: { entryId: s.data.settlement.ledgerEntryId, reason: 'again' } }, { as: finance });
    expect(twice.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    const bal = await stack.subgraph('revenue', `query { ledgerBalances(jurisdiction: "HN", asOf: "2027-12-31", first: 100) { edges { node { account { partyId partyKind } balance { fen yuan } } } } }`, {}, { as: finance });
    const nodes = bal.data.ledgerBalances.edges.map((e: any) => e.node);
    expect(nodes.reduce((a: bigint, n: any) => a + BigInt(n.balance.fen), 0n)).toBe(0n);
    const devBefore = await stack.subgraph('revenue', `query { ledgerBalances(jurisdiction: "HN", asOf: "2027-01-31", first: 10) { edges { node { balance { fen yuan } } } } }`, {}, { as: developer });
    expect(devBefore.data.ledgerBalances.edges[0].node.balance.fen).toBe('11000');
    const devAfter = nodes.find((n: any) => n.account.partyId === DEV);
    expect(devAfter.balance.fen).toBe('0');
  });
});

/** What a refused mutation must leave as it was: every ledger, settlement and audit row. */
const written = async () => ({
  entries: await count('ledger_entry'),
  lines: await count('ledger_line'),
  accounts: await count('ledger_account'),
  settlements: await count('settlement'),
  steps: await count('settlement_step'),
  audit: await count('audit_log'),
});
const ADJUST = `mutation($input: PostLedgerAdjustmentInput!) { postLedgerAdjustment(input: $input) { id lines { account { partyId } debit { fen yuan } credit { fen yuan } } } }`;
const adjustment = (lines: object[]) => ({ input: { jurisdiction: 'HN', entryDate: '2027-02-10', memo: '调整', lines } });

describe('ledger adjustments: amounts a ledger can hold and sum, parties that exist', () => {
  it('refuses bigint-max fen on both sides (and one fen above the bound) through the gateway, writing nothing', async () => {
    const before = await written();
    const max = { fen: '9223372036854775807' };
    const r = await stack.gql(ADJUST, adjustment([{ partyKind: 'OPERATOR', partyId: HN_OP, debit: max }, { partyKind: 'SOURCE_AGENCY', partyId: MARKET, credit: max }]), { as: finance });
    expect(r.errors?.[0]?.extensions, 'an amount beyond the per-entry maximum is a coded input error').toMatchObject({ code: 'BAD_USER_INPUT', details: { reason: 'MONEY_OUT_OF_RANGE', maxFen: '1000000000000' } });
    expect(r.errors?.[0]?.message).toMatch(/金额超出上限.*Amount out of range/s);
    const above = await stack.gql(ADJUST, adjustment([{ partyKind: 'OPERATOR', partyId: HN_OP, debit: '10000000000.01' }, { partyKind: 'SOURCE_AGENCY', partyId: MARKET, credit: '10000000000.01' }]), { as: finance });
    expect(above.errors?.[0]?.extensions?.code, 'one fen above ¥10,000,000,000.00 is refused too').toBe('BAD_USER_INPUT');
    expect(await written(), 'nothing written: no entry, line, account, audit record').toEqual(before);
    const atMax = await stack.gql(ADJUST, adjustment([{ partyKind: 'OPERATOR', partyId: HN_OP, debit: '10000000000.00' }, { partyKind: 'SOURCE_AGENCY', partyId: MARKET, credit: '10000000000.00' }]), { as: finance });
    expect(atMax.errors, 'the maximum itself is a valid amount').toBeUndefined();
    expect(atMax.data.postLedgerAdjustment.lines.map((l: any) => [l.debit.fen, l.credit.fen])).toEqual([['1000000000000', '0'], ['0', '1000000000000']]);
  });

  it('the database refuses a ledger line above the bound on its own (migration 0008)', async () => {
    await expect(
      stack.em('revenue').transactional(async (tx) => {
        const [acc] = await sql<{ id: string }>(tx, `select id from ledger_account limit 1`);
        await sql(tx, `insert into ledger_line (entry_id, account_id, debit_fen) values ((select id from ledger_entry limit 1), $1, 9223372036854775807)`, [acc!.id]);
      }),
    ).rejects.toMatchObject({ code: '23514', message: expect.stringContaining('ledger_line_amount_bounded') });
  });

  it('refuses a party that names nobody (NOT_FOUND), another jurisdiction, or an organisation of another kind, writing nothing', async () => {
    const before = await written();
    const nobody = randomUUID();
    const r = await stack.gql(ADJUST, adjustment([{ partyKind: 'OPERATOR', partyId: HN_OP, debit: '1.00' }, { partyKind: 'SOURCE_AGENCY', partyId: nobody, credit: '1.00' }]), { as: finance });
    expect(r.errors?.[0]?.extensions, 'an unknown party is NOT_FOUND, naming the line').toMatchObject({ code: 'NOT_FOUND', field: 'input.lines.1.partyId', details: { partyId: nobody } });
    const junk = await stack.gql(ADJUST, adjustment([{ partyKind: 'OPERATOR', partyId: HN_OP, debit: '1.00' }, { partyKind: 'DEVELOPER', partyId: 'not-a-party', credit: '1.00' }]), { as: finance });
    expect(junk.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const otherJurisdiction = await stack.gql(ADJUST, adjustment([{ partyKind: 'OPERATOR', partyId: HN_OP, debit: '1.00' }, { partyKind: 'JURISDICTION', partyId: 'QHD', credit: '1.00' }]), { as: finance });
    expect(otherJurisdiction.errors?.[0]?.extensions?.code, "HN's ledger has no account for QHD").toBe('NOT_FOUND');
    const wrongKind = await stack.gql(ADJUST, adjustment([{ partyKind: 'OPERATOR', partyId: MARKET, debit: '1.00' }, { partyKind: 'SOURCE_AGENCY', partyId: TRANSPORT, credit: '1.00' }]), { as: finance });
    expect(wrongKind.errors?.[0]?.extensions, 'a source agency is not an operator').toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.lines.0.partyId' });
    expect(await written(), 'nothing written: no entry, line, account (not even for the unknown party), audit record').toEqual(before);
    const ok = await stack.gql(ADJUST, adjustment([{ partyKind: 'OPERATOR', partyId: HN_OP, debit: '1.00' }, { partyKind: 'JURISDICTION', partyId: 'HN', credit: '1.00' }]), { as: finance });
    expect(ok.errors, 'known parties of the right kind, and the ledger’s own jurisdiction, are accepted').toBeUndefined();
  });
});

describe('distribution plans name registered service providers', () => {
  it('refuses a service provider that names nobody (NOT_FOUND) or an organisation of another kind, writing nothing', async () => {
    const plans = await count('distribution_plan');
    const before = await written();
    const base = [{ kind: 'OPERATOR', weight: '50' }, { kind: 'SOURCE_AGENCIES', weight: '40' }];
    const nobody = randomUUID();
    const r = await stack.gql(PLAN, { input: { agreementId: HN_AGREEMENT, productId: PAID, parties: [...base, { kind: 'SERVICE_PROVIDER', partyId: nobody, weight: '10' }] } }, { as: finance });
    expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'input.parties.2.partyId', details: { partyId: nobody } });
    const agency = await stack.gql(PLAN, { input: { agreementId: HN_AGREEMENT, productId: PAID, parties: [...base, { kind: 'SERVICE_PROVIDER', partyId: MARKET, weight: '10' }] } }, { as: finance });
    expect(agency.errors?.[0]?.extensions?.code, 'a source agency is not a service provider').toBe('BAD_USER_INPUT');
    expect(await count('distribution_plan')).toBe(plans);
    expect(await written()).toEqual(before);
  });
});

describe('settlement periods of a jurisdiction do not overlap', () => {
  const AUG = { jurisdiction: 'HN', periodStart: '2026-08-01', periodEnd: '2026-08-31' };
  it('refuses a monthly settlement inside the settled quarter (CONFLICT naming it), through the gateway, writing nothing', async () => {
    const quarter = demoSettlementId('HN');
    const before = await written();
    const r = await stack.gql(RUN, { input: AUG }, { as: finance, now: '2026-10-20T02:00:00Z' });
    expect(r.errors?.[0]?.extensions, 'the overlap is a conflict that names the settled quarter').toMatchObject({
      code: 'CONFLICT', details: { reason: 'SETTLEMENT_PERIOD_OVERLAP', overlapsSettlementId: quarter, overlapsPeriodStart: DEMO_SETTLED_PERIOD.start, overlapsPeriodEnd: DEMO_SETTLED_PERIOD.end },
    });
    expect(r.errors?.[0]?.message, 'in both languages, naming the settlement').toMatch(new RegExp(`${quarter}.*重叠.*overlaps settlement ${quarter}`, 's'));
    expect(await written(), 'no settlement row (not even FAILED), no progress step, no ledger or audit record').toEqual(before);
    const quarterOverMonth = await stack.gql(RUN, { input: { jurisdiction: 'HN', periodStart: '2027-01-01', periodEnd: '2027-03-31' } }, { as: finance, now: '2027-04-05T02:00:00Z' });
    expect(quarterOverMonth.errors?.[0]?.extensions, 'a quarter around a settled month (January 2027, above) is refused the same way').toMatchObject({ code: 'CONFLICT', details: { overlapsSettlementId: settlementId } });
    expect(await written()).toEqual(before);
    const same = await stack.gql(RUN, { input: { jurisdiction: 'HN', periodStart: DEMO_SETTLED_PERIOD.start, periodEnd: DEMO_SETTLED_PERIOD.end } }, { as: finance });
    expect(same.data?.runSettlement?.id, 'running the settled quarter itself still returns it (idempotent)').toBe(quarter);
    const qhd = await stack.gql(RUN, { input: { ...AUG, jurisdiction: 'QHD' } }, { as: qhdFinance, now: '2026-10-20T02:00:00Z' });
    expect(qhd.errors?.[0]?.extensions?.code, "another jurisdiction's settled quarter is another matter: QHD's own Q3 overlaps").toBe('CONFLICT');
    expect(qhd.errors?.[0]?.extensions?.details?.overlapsSettlementId).toBe(demoSettlementId('QHD'));
  });

  it('of two overlapping runs racing, exactly one settles and the other is CONFLICT, leaving no row of its own', async () => {
    const now = '2027-07-05T02:00:00Z';
    const q2 = { jurisdiction: 'HN', periodStart: '2027-04-01', periodEnd: '2027-06-30' };
    const may = { jurisdiction: 'HN', periodStart: '2027-05-01', periodEnd: '2027-05-31' };
    const [a, b] = await Promise.all([stack.gql(RUN, { input: q2 }, { as: finance, now }), stack.gql(RUN, { input: may }, { as: finance, now })]);
    const outcomes = [a, b].map((r) => (r.errors ? r.errors[0]!.extensions?.code : r.data.runSettlement.status)).sort();
    expect(outcomes).toEqual(['COMPLETED', 'CONFLICT']);
    const rows = await sql<{ period_end: string }>(stack.em('revenue'), `select period_end::text from settlement where jurisdiction = 'HN' and period_start <= '2027-06-30' and period_end >= '2027-04-01'`);
    expect(rows, 'one settlement of the overlapping periods, the winner').toEqual([{ period_end: (a.errors ? may : q2).periodEnd }]);
  });

  it('the database refuses an overlapping period on its own (exclusion constraint of migration 0008)', async () => {
    await expect(
      sql(stack.em('revenue'), `insert into settlement (id, jurisdiction, period_start, period_end, status, created_by, started_at) values ($1, 'HN', '2026-09-01', '2026-09-30', 'RUNNING', 'test', now())`, [randomUUID()]),
    ).rejects.toMatchObject({ code: '23P01', message: expect.stringContaining('settlement_periods_do_not_overlap') });
    // A jurisdiction with no settlement of that time is not affected by HN's quarter.
    await stack.em('revenue').transactional(async (tx) => {
      await sql(tx, `insert into settlement (id, jurisdiction, period_start, period_end, status, created_by, started_at) values ($1, 'NATIONAL', '2026-09-01', '2026-09-30', 'RUNNING', 'test', now())`, [randomUUID()]);
      throw new Error('roll back');
    }).catch((e: Error) => expect(e.message).toBe('roll back'));
  });
});

describe('statement CSV', () => {
  it('neutralises a party name that is a formula (OWASP CSV injection)', async () => {
    const name = '=HYPERLINK("http://x","y")';
    await applyEvent(stack.runtimes.revenue!.orm, 'revenue', definition.handlers!, {
      id: randomUUID(), name: 'OrganizationRegistered', version: 1, producer: 'licensing', occurredAt: new Date().toISOString(), jurisdiction: 'HN',
      payload: { organizationId: DEV, jurisdiction: 'HN', nameZh: name, kinds: ['DEVELOPER'] },
    } as never);
    const r = await stack.gql(`query($s: ID!, $p: String!) { revenueStatement(settlementId: $s, partyId: $p) { partyName total { fen yuan } csv } }`, { s: settlementId, p: DEV }, { as: developer });
    expect(r.errors).toBeUndefined();
    expect(r.data.revenueStatement.partyName, 'the API returns the name as registered').toBe(name);
    const rows = r.data.revenueStatement.csv.split('\r\n').filter(Boolean).slice(1);
    expect(rows.length).toBeGreaterThan(1);
    for (const row of rows) {
      expect(row, 'the party_name cell starts with a quote mark, inside quotes').toContain(`,"'=HYPERLINK(""http://x"",""y"")",`);
      expect(row).not.toMatch(/(^|,)=/);
    }
  });
});
