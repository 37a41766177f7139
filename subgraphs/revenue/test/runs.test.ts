import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyEvent, encodeOffsetCursor, seedOnce, sql } from '@pdo/platform';
import { startTestStack, who, type TestStack } from '@pdo/testing';
import { DEMO_PRODUCTS, DEMO_USAGE_AGREEMENTS, orgByKey } from '@pdo/demo';
import type { EventName } from '@pdo/events';
import { definition } from '../src/index.js';
import { invariants } from '../src/data/invariants.js';
import { settle } from '../src/services/settlement.js';
import { demoCostSurveyId, demoSettlementId } from '../src/seed.js';

/**
 * Settlement runs over the demo world: late charges carried into the next settlement, progress
 * and failure of a run, N+1-free cost survey lists, the seed's price events and the invariants.
 */
let stack: TestStack;
const HN_OP = orgByKey('hn-operator').id;
const MARKET = orgByKey('hn-src-market').id;
const finance = who('FINANCE', orgByKey('hn-authority').id, 'HN');
const CARRIER = DEMO_PRODUCTS.find((p) => p.code === 'HN-CP-0001')!; // PER_CALL at 0.60
const CARRIER_UA = DEMO_USAGE_AGREEMENTS.find((u) => u.productId === CARRIER.id)!;
const Q3 = demoSettlementId('HN');

const deliver = (name: EventName, payload: object) =>
  applyEvent(stack.runtimes.revenue!.orm, 'revenue', definition.handlers!, { id: randomUUID(), name, version: 1, producer: 'products', occurredAt: new Date().toISOString(), jurisdiction: 'HN', payload } as never);
const usage = (productId: string, units: string, occurredAt: string, extra: object = {}) => ({
  usageId: randomUUID(), entitlementId: randomUUID(), usageAgreementId: CARRIER_UA.id, productId, operatorId: HN_OP, developerId: CARRIER_UA.developerId,
  jurisdiction: 'HN', category: 'PAID', chargingUnit: 'PER_CALL', units, occurredAt, ...extra,
});
const RUN = `mutation($input: RunSettlementInput!) { runSettlement(input: $input) { id status total { fen yuan } chargeCount carriedTotal { fen yuan } carriedChargeCount attempt } }`;
const SETTLEMENT = `query($id: ID!) { settlement(id: $id) { id status total { fen yuan } attempt failureReason carriedTotal { fen yuan }
  lines { productId developerId revenue { fen yuan } chargeCount carriedFrom carriedFromPeriodStart carriedFromPeriodEnd }
  progress { attempt step detail } reconciliation { reconciled charges { fen yuan } shares { fen yuan } ledgerDebits { fen yuan } } } }`;
const month = (start: string, end: string) => ({ jurisdiction: 'HN', periodStart: start, periodEnd: end });
const n = async (q: string, p: unknown[] = []) => Number((await sql<{ n: string }>(stack.em('revenue'), q, p))[0]!.n);

beforeAll(async () => {
  stack = await startTestStack([definition]);
  await seedOnce(stack.runtimes.revenue!);
}, 120_000);
afterAll(async () => {
  await stack?.stop();
});

describe('demo seed', () => {
  it('publishes PriceCapSet and PriceSet for every seeded cap and price (products shows listing prices from them)', async () => {
    const rows = await sql<{ name: string; product: string; fen: string }>(
      stack.em('revenue'),
      `select distinct data->>'name' as name, data->'payload'->>'productId' as product, coalesce(data->'payload'->>'priceFen', data->'payload'->>'capFen') as fen
       from pgboss.job where data->>'producer' = 'revenue' and data->>'name' in ('PriceCapSet', 'PriceSet')`,
    );
    const priced = DEMO_PRODUCTS.length;
    expect(rows.filter((r) => r.name === 'PriceCapSet')).toHaveLength(priced);
    expect(rows.filter((r) => r.name === 'PriceSet')).toHaveLength(priced);
    expect(rows.find((r) => r.name === 'PriceSet' && r.product === CARRIER.id)?.fen).toBe(String(CARRIER.priceFen));
    expect(rows.find((r) => r.name === 'PriceCapSet' && r.product === CARRIER.id)?.fen).toBe(String(CARRIER.capFen));
  });

  it('shows the seeded settlement progress and the books hold every invariant', async () => {
    const r = await stack.subgraph('revenue', SETTLEMENT, { id: Q3 }, { as: finance });
    expect(r.errors).toBeUndefined();
    expect(r.data.settlement.progress.map((s: any) => s.step)).toEqual(['STARTED', 'CHARGES_TOTALLED', 'SPLITS_COMPUTED', 'LEDGER_POSTED', 'COMPLETED']);
    expect(await invariants(stack.em('revenue'))).toEqual([]);
  });
});

describe('the split, written a batch of products at a time', () => {
  it('gives the same shares and ledger lines whatever the batch size', async () => {
    // Jilin has two paid products; Q2 is not settled in the demo world. Each run is rolled back, so both see the same charges.
    const outcome = async (splitBatch?: number) => {
      let seen: { shares: string[]; lines: string[] } | undefined;
      await stack
        .em('revenue')
        .transactional(async (tx) => {
          const id = randomUUID();
          await sql(tx, `insert into settlement (id, jurisdiction, period_start, period_end, status, created_by, started_at) values ($1, 'JL', '2026-04-01', '2026-06-30', 'RUNNING', 'test', now())`, [id]);
          const uow = { tx, audit: () => {}, publish: (name: EventName, payload: object) => stack.runtimes.revenue!.events.publish(tx, name, payload, 'JL') };
          await settle(uow as never, { id, jurisdiction: 'JL', start: '2026-04-01', end: '2026-06-30', identity: finance as never }, { splitBatch });
          const shares = await sql<{ s: string }>(tx, `select concat_ws('|', product_id, party_kind, party_id, ordinal, weight, amount_fen, basis) as s from revenue_share where settlement_id = $1 order by 1`, [id]);
          const lines = await sql<{ s: string }>(
            tx,
            `select concat_ws('|', a.party_kind, a.party_id, l.debit_fen, l.credit_fen) as s from ledger_line l join ledger_entry e on e.id = l.entry_id join ledger_account a on a.id = l.account_id where e.settlement_id = $1 order by 1`,
            [id],
          );
          seen = { shares: shares.map((r) => r.s), lines: lines.map((r) => r.s) };
          throw new Error('roll back');
        })
        .catch((e: Error) => {
          if (e.message !== 'roll back') throw e;
        });
      return seen!;
    };
    const one = await outcome(1);
    const all = await outcome();
    expect(new Set(one.shares.map((s) => s.split('|')[0])).size).toBeGreaterThan(1); // several batches of one product each
    expect(one).toEqual(all);
  });
});

describe('cost survey lists', () => {
  it('batch forecastRevenue and revenueDeviation: the same number of statements for 1 or many surveys', async () => {
    const RECORD = `mutation($input: RecordCostSurveyInput!) { recordCostSurvey(input: $input) { id } }`;
    for (const year of [2030, 2031, 2032]) {
      const r = await stack.subgraph('revenue', RECORD, {
        input: { operatorId: HN_OP, name: `成本调查 ${year}`, periodStart: `${year}-01-01`, periodEnd: `${year}-12-31`, surveyYear: 2026,
          costItems: { platform: '100000.00', dataHandling: '1.00', personnel: '1.00', dataAcquisition: '1.00', periodExpenses: '1.00' }, subsidies: '0', taxes: '0', markupPp: '6' },
      }, { as: finance });
      expect(r.errors).toBeUndefined();
    }
    const Q = `query($first: Int) { costSurveys(first: $first) { totalCount edges { node { id forecastRevenue { fen yuan } revenueDeviation { actual { fen yuan } action } priceCaps { cap { fen yuan } } } } } }`;
    const one = await stack.subgraph('revenue', Q, { first: 1 }, { as: finance });
    expect(one.errors).toBeUndefined();
    // Both pages full (a short page would tell its total and skip the count statement).
    const many = await stack.subgraph('revenue', Q, { first: one.data.costSurveys.totalCount }, { as: finance });
    expect(many.errors).toBeUndefined();
    expect(one.data.costSurveys.edges).toHaveLength(1);
    expect(many.data.costSurveys.edges.length).toBeGreaterThanOrEqual(4);
    expect(many.data.costSurveys.edges).toHaveLength(many.data.costSurveys.totalCount);
    expect(one.extensions?.sqlStatements).toMatchObject({ revenue: expect.any(Number) });
    expect(many.extensions?.sqlStatements).toEqual(one.extensions?.sqlStatements);
    const seeded = many.data.costSurveys.edges.find((e: any) => e.node.id === demoCostSurveyId('HN')).node;
    expect(BigInt(seeded.forecastRevenue.fen)).toBeGreaterThan(0n);
    expect(BigInt(seeded.revenueDeviation.actual.fen)).toBeGreaterThan(0n);
  });
});

describe('list pages past the end', () => {
  const after = (offset: number) => encodeOffsetCursor(offset - 1); // the cursor whose next page starts at `offset`
  const page = async (field: string, q: string, v: Record<string, unknown>, as = finance) => {
    const r = await stack.subgraph('revenue', q, v, { as });
    expect(r.errors).toBeUndefined();
    return r.data[field];
  };

  it('settlements, revenue shares and ledger balances keep their total beyond the last page (it read 0), with no next page', async () => {
    const SETTLEMENTS = `query($first: Int, $after: String) { settlements(first: $first, after: $after) { totalCount pageInfo { hasNextPage hasPreviousPage } edges { node { id } } } }`;
    const settled = await n(`select count(*) as n from settlement where jurisdiction = 'HN'`);
    expect(settled).toBeGreaterThanOrEqual(1);
    expect(await page('settlements', SETTLEMENTS, { first: 5 })).toMatchObject({ totalCount: settled, pageInfo: { hasNextPage: settled > 5 } });
    expect(await page('settlements', SETTLEMENTS, { first: 5, after: after(settled) })).toEqual({ totalCount: settled, pageInfo: { hasNextPage: false, hasPreviousPage: true }, edges: [] });
    expect(await page('settlements', SETTLEMENTS, { first: 5, after: after(settled + 100) })).toEqual({ totalCount: settled, pageInfo: { hasNextPage: false, hasPreviousPage: true }, edges: [] });

    // Finance sees the jurisdiction's shares; a source agency only its own — past the end as well.
    const SHARES = `query($first: Int, $after: String) { revenueShares(first: $first, after: $after) { totalCount pageInfo { hasNextPage } edges { node { id } } } }`;
    const shares = await n(`select count(*) as n from revenue_share s join settlement st on st.id = s.settlement_id where st.jurisdiction = 'HN'`);
    const own = await n(`select count(*) as n from revenue_share where party_id = $1`, [MARKET]);
    expect(own).toBeGreaterThanOrEqual(1);
    expect(shares).toBeGreaterThan(own);
    expect(await page('revenueShares', SHARES, { first: 3, after: after(shares) })).toEqual({ totalCount: shares, pageInfo: { hasNextPage: false }, edges: [] });
    const source = who('SOURCE_UNIT', MARKET, 'HN');
    expect(await page('revenueShares', SHARES, { first: 3, after: after(own + 2) }, source)).toEqual({ totalCount: own, pageInfo: { hasNextPage: false }, edges: [] });
    const lastOwn = await page('revenueShares', SHARES, { first: 3, after: own > 1 ? after(own - 1) : null }, source);
    expect(lastOwn).toMatchObject({ totalCount: own, pageInfo: { hasNextPage: false } });
    expect(lastOwn.edges).toHaveLength(1);

    // Balances are grouped per account: the total counts accounts.
    const BALANCES = `query($first: Int, $after: String) { ledgerBalances(jurisdiction: "HN", asOf: "2030-12-31", first: $first, after: $after) { totalCount pageInfo { hasNextPage } edges { node { balance { fen yuan } } } } }`;
    const accounts = await n(`select count(*) as n from ledger_account where jurisdiction = 'HN'`);
    expect(accounts).toBeGreaterThan(2);
    expect(await page('ledgerBalances', BALANCES, { first: 2 })).toMatchObject({ totalCount: accounts, pageInfo: { hasNextPage: true } });
    expect(await page('ledgerBalances', BALANCES, { first: 2, after: after(accounts) })).toEqual({ totalCount: accounts, pageInfo: { hasNextPage: false }, edges: [] });
    expect(await page('ledgerBalances', BALANCES, { first: 0 })).toEqual({ totalCount: accounts, pageInfo: { hasNextPage: true }, edges: [] });
  });
});

describe('late charges', () => {
  // 2026-08-10 falls in 2026 Q3, which the seed has settled: a late usage of it.
  const LATE_1 = 1000n * BigInt(CARRIER.priceFen);
  const LATE_2 = 7n * BigInt(CARRIER.priceFen);
  let oct: any;

  it('carries a charge whose usage falls in a settled period into the next settlement, once, naming where it came from', async () => {
    const q3Before = (await stack.subgraph('revenue', SETTLEMENT, { id: Q3 }, { as: finance })).data.settlement;
    const octOwn = await n(`select coalesce(sum(amount_fen), 0) as n from charge where jurisdiction = 'HN' and occurred_at >= '2026-09-30T16:00:00Z' and occurred_at < '2026-10-31T16:00:00Z'`);
    expect(octOwn).toBeGreaterThan(0);
    await deliver('UsageRecorded', usage(CARRIER.id, '1000', '2026-08-10T02:00:00Z'));
    const r = await stack.subgraph('revenue', RUN, { input: month('2026-10-01', '2026-10-31') }, { as: finance, now: '2026-11-03T02:00:00Z' });
    expect(r.errors).toBeUndefined();
    oct = r.data.runSettlement;
    expect(oct).toMatchObject({ status: 'COMPLETED', carriedTotal: { fen: String(LATE_1) }, carriedChargeCount: '1' });
    expect(BigInt(oct.total.fen)).toBe(BigInt(octOwn) + LATE_1);
    const s = (await stack.subgraph('revenue', SETTLEMENT, { id: oct.id }, { as: finance })).data.settlement;
    const carried = s.lines.filter((l: any) => l.carriedFrom);
    expect(carried).toEqual([{ productId: CARRIER.id, developerId: CARRIER_UA.developerId, revenue: { fen: String(LATE_1), yuan: expect.any(String) }, chargeCount: '1', carriedFrom: Q3, carriedFromPeriodStart: '2026-07-01', carriedFromPeriodEnd: '2026-09-30' }]);
    expect(s.reconciliation).toMatchObject({ reconciled: true, charges: { fen: oct.total.fen } });
    // The settled quarter is untouched: its total and reconciliation stay what they were.
    const q3After = (await stack.subgraph('revenue', SETTLEMENT, { id: Q3 }, { as: finance })).data.settlement;
    expect(q3After.total).toEqual(q3Before.total);
    expect(q3After.reconciliation).toEqual(q3Before.reconciliation);
    // The developer's statement shows the carried line separately.
    const st = await stack.subgraph('revenue', `query($s: ID!, $p: String!) { revenueStatement(settlementId: $s, partyId: $p) { total { fen yuan } lines { amount { fen yuan } carriedFrom basis } } }`, { s: oct.id, p: CARRIER_UA.developerId }, { as: who('DEVELOPER', CARRIER_UA.developerId, 'HN') });
    expect(st.errors).toBeUndefined();
    expect(st.data.revenueStatement.lines.find((l: any) => l.carriedFrom === Q3)).toMatchObject({ amount: { fen: String(LATE_1) } });
    expect(st.data.revenueStatement.lines.find((l: any) => l.carriedFrom === Q3).basis).toContain('late charges of 2026-07-01–2026-09-30');
    expect(await invariants(stack.em('revenue'))).toEqual([]);
  });

  it('never counts a late charge twice: re-running returns the first result and the next month does not take it again', async () => {
    const again = await stack.subgraph('revenue', RUN, { input: month('2026-10-01', '2026-10-31') }, { as: finance, now: '2026-11-20T02:00:00Z' });
    expect(again.data.runSettlement).toEqual(oct);
    expect(await n(`select count(*) as n from settled_charge x join charge c on c.id = x.charge_id where c.occurred_at = '2026-08-10T02:00:00Z'`)).toBe(1);
    // A second late usage of Q3 arrives after October was settled: it waits for the next settlement.
    await deliver('UsageRecorded', usage(CARRIER.id, '7', '2026-09-30T15:59:59Z'));
    expect(await n(`select count(*) as n from charge c where not exists (select 1 from settled_charge x where x.charge_id = c.id) and c.occurred_at >= '2026-06-30T16:00:00Z' and c.occurred_at < '2026-09-30T16:00:00Z' and c.jurisdiction = 'HN'`)).toBe(1);
  });

  describe('a run that fails', () => {
    const NEW_PRODUCT = randomUUID();
    const NEW_AGREEMENT = randomUUID();
    let failedId: string;

    it('is FAILED with a reason, with its progress, and posts nothing', async () => {
      // A new paid product whose agreement has no distribution plan yet, priced and used in November.
      await deliver('ProductListed', {
        productId: NEW_PRODUCT, productCode: 'HN-T-9001', version: 1, jurisdiction: 'HN', operatorId: HN_OP, agreementId: NEW_AGREEMENT, scenarioId: randomUUID(), nameZh: '测试产品', form: 'API', category: 'PAID',
        resources: [{ resourceId: randomUUID(), sourceAgencyId: MARKET }], listedAt: '2026-10-20T00:00:00Z',
      });
      const caps = await stack.subgraph('revenue', `mutation($input: SetPriceCapsInput!) { setPriceCaps(input: $input) { id } }`, { input: { costSurveyId: demoCostSurveyId('HN'), effectiveFrom: '2026-11-01', caps: [{ productId: NEW_PRODUCT, chargingUnit: 'PER_CALL', cap: '1.00', forecastUnits: '100' }] } }, { as: finance });
      expect(caps.errors).toBeUndefined();
      const price = await stack.subgraph('revenue', `mutation($input: SetProductPriceInput!) { setProductPrice(input: $input) { id } }`, { input: { productId: NEW_PRODUCT, chargingUnit: 'PER_CALL', price: '0.50', effectiveFrom: '2026-11-01' } }, { as: who('OPERATOR', HN_OP, 'HN'), now: '2026-10-25T02:00:00Z' });
      expect(price.errors).toBeUndefined();
      await deliver('UsageRecorded', usage(NEW_PRODUCT, '10', '2026-11-12T02:00:00Z', { usageAgreementId: randomUUID() }));
      const before = { entries: await n(`select count(*) as n from ledger_entry`), shares: await n(`select count(*) as n from revenue_share`), taken: await n(`select count(*) as n from settled_charge`) };

      const r = await stack.subgraph('revenue', RUN, { input: month('2026-11-01', '2026-11-30') }, { as: finance, now: '2026-12-02T02:00:00Z' });
      expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'POLICY_VIOLATION', rule: 'DISTRIBUTION_PLAN_MISSING' });
      const list = await stack.subgraph('revenue', `query { settlements(first: 20) { edges { node { id periodStart status failureReason attempt progress { step } } } } }`, {}, { as: finance });
      const failed = list.data.settlements.edges.map((e: any) => e.node).find((s: any) => s.periodStart === '2026-11-01');
      failedId = failed.id;
      expect(failed.status).toBe('FAILED');
      expect(failed.failureReason).toMatch(/^POLICY_VIOLATION DISTRIBUTION_PLAN_MISSING/);
      expect(failed.progress.map((s: any) => s.step)).toEqual(['STARTED', 'CHARGES_TOTALLED', 'FAILED']);
      // Nothing of the attempt was kept: no lines, shares, ledger entry, nor any charge taken.
      expect(await n(`select count(*) as n from settlement_line where settlement_id = $1`, [failedId])).toBe(0);
      expect({ entries: await n(`select count(*) as n from ledger_entry`), shares: await n(`select count(*) as n from revenue_share`), taken: await n(`select count(*) as n from settled_charge`) }).toEqual(before);
      expect(await n(`select count(*) as n from audit_log where entity_id = $1 and action = 'FAILED'`, [failedId])).toBe(1);
    });

    it('retries the same settlement once the cause is fixed, carrying the late charge still waiting', async () => {
      const plan = await stack.subgraph('revenue', `mutation($input: SetDistributionPlanInput!) { setDistributionPlan(input: $input) { id } }`, { input: { agreementId: NEW_AGREEMENT, parties: [{ kind: 'OPERATOR', weight: '70' }, { kind: 'SOURCE_AGENCIES', weight: '30' }] } }, { as: finance });
      expect(plan.errors).toBeUndefined();
      const r = await stack.subgraph('revenue', RUN, { input: month('2026-11-01', '2026-11-30') }, { as: finance, now: '2026-12-03T02:00:00Z' });
      expect(r.errors).toBeUndefined();
      expect(r.data.runSettlement).toMatchObject({ id: failedId, status: 'COMPLETED', attempt: 2, carriedTotal: { fen: String(LATE_2) }, carriedChargeCount: '1' });
      const s = (await stack.subgraph('revenue', SETTLEMENT, { id: failedId }, { as: finance })).data.settlement;
      expect(s.failureReason).toBeNull();
      expect(s.progress.map((p: any) => `${p.attempt}:${p.step}`)).toEqual(['1:STARTED', '1:CHARGES_TOTALLED', '1:FAILED', '2:STARTED', '2:CHARGES_TOTALLED', '2:SPLITS_COMPUTED', '2:LEDGER_POSTED', '2:COMPLETED']);
      expect(s.lines.find((l: any) => l.carriedFrom)).toMatchObject({ carriedFrom: Q3, revenue: { fen: String(LATE_2) } });
      expect(s.reconciliation.reconciled).toBe(true);
      // Every charge of HN from Q3 to November is settled (exactly once: settled_charge is keyed by the charge).
      expect(await n(`select count(*) as n from charge c where c.jurisdiction = 'HN' and c.occurred_at >= '2026-06-30T16:00:00Z' and c.occurred_at < '2026-11-30T16:00:00Z' and not exists (select 1 from settled_charge x where x.charge_id = c.id)`)).toBe(0);
      expect(await invariants(stack.em('revenue'))).toEqual([]);
    });
  });
});

describe('a charge committed after a run fixed its watermark', () => {
  it('is left out of that run and carried by the next one, never skipped', async () => {
    const late = usage(CARRIER.id, '3', '2026-12-15T02:00:00Z');
    const lateFen = 3n * BigInt(CARRIER.priceFen);
    // Hold the run after it has fixed its watermark: its first write waits on this lock.
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    let locked!: () => void;
    const isLocked = new Promise<void>((r) => (locked = r));
    const holder = stack.em('revenue').fork().transactional(async (tx) => {
      await sql(tx, `lock table settlement_line in exclusive mode`);
      locked();
      await released;
    });
    await isLocked;
    const dec = stack.subgraph('revenue', RUN, { input: month('2026-12-01', '2026-12-31') }, { as: finance, now: '2027-01-04T02:00:00Z' });
    const waiting = async () => n(`select count(*) as n from pg_locks where relation = 'settlement_line'::regclass and not granted`);
    for (let i = 0; i < 200 && (await waiting()) === 0; i++) await new Promise((r) => setTimeout(r, 25));
    expect(await waiting()).toBe(1);
    // Committed while the run works: the watermark lock was released with its savepoint, so ingestion does not wait.
    await deliver('UsageRecorded', late);
    const [charge] = await sql<{ id: string }>(stack.em('revenue'), `select id from charge where usage_id = $1`, [late.usageId]);
    release();
    await holder;
    const d = await dec;
    expect(d.errors).toBeUndefined();
    expect(d.data.runSettlement.status).toBe('COMPLETED');
    expect(await n(`select count(*) as n from settled_charge where charge_id = $1`, [charge!.id])).toBe(0);
    const decOwn = await n(`select coalesce(sum(amount_fen), 0) as n from charge where jurisdiction = 'HN' and occurred_at >= '2026-11-30T16:00:00Z' and occurred_at < '2026-12-31T16:00:00Z' and usage_id <> $1`, [late.usageId]);
    expect(BigInt(d.data.runSettlement.total.fen)).toBe(BigInt(decOwn));

    const jan = await stack.subgraph('revenue', RUN, { input: month('2027-01-01', '2027-01-31') }, { as: finance, now: '2027-02-03T02:00:00Z' });
    expect(jan.errors).toBeUndefined();
    expect(jan.data.runSettlement).toMatchObject({ status: 'COMPLETED', carriedTotal: { fen: String(lateFen) }, carriedChargeCount: '1' });
    const s = (await stack.subgraph('revenue', SETTLEMENT, { id: jan.data.runSettlement.id }, { as: finance })).data.settlement;
    expect(s.lines.filter((l: any) => l.carriedFrom)).toEqual([expect.objectContaining({ carriedFrom: d.data.runSettlement.id, carriedFromPeriodStart: '2026-12-01', chargeCount: '1' })]);
    expect(s.reconciliation.reconciled).toBe(true);
    expect(await n(`select count(*) as n from settled_charge where charge_id = $1 and settlement_id = $2`, [charge!.id, jan.data.runSettlement.id])).toBe(1);
    expect(await invariants(stack.em('revenue'))).toEqual([]);
  });
});

describe('invariants', () => {
  it('reports an unbalanced entry and shares that do not sum to the charges, in words', async () => {
    // Break the books inside a transaction with triggers off (as a faulty migration might), look, roll back.
    const seen: string[] = [];
    await expect(
      (await stack.ownerEm('revenue')).transactional(async (tx) => {
        // Only the owner can switch triggers off: the service role the subgraph runs as may not.
        await sql(tx, `set local session_replication_role = replica`);
        const [acc] = await sql<{ id: string }>(tx, `select id from ledger_account where jurisdiction = 'HN' limit 2`);
        const e = randomUUID();
        await sql(tx, `insert into ledger_entry (id, jurisdiction, entry_date, memo, created_by) values ($1, 'HN', '2026-12-01', 'broken', 'test')`, [e]);
        await sql(tx, `insert into ledger_line (entry_id, account_id, debit_fen) values ($1, $2, 5)`, [e, acc!.id]);
        await sql(tx, `update revenue_share set amount_fen = amount_fen + 1 where id = (select id from revenue_share where settlement_id = $1 and amount_fen > 0 limit 1)`, [Q3]);
        seen.push(...(await invariants(tx)));
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');
    expect(seen.some((v) => /^ledger entry .* does not balance: debit 5 fen, credit 0 fen, 1 lines$/.test(v))).toBe(true);
    expect(seen.some((v) => v.startsWith(`settlement ${Q3} (HN 2026-07-01–2026-09-30): shares sum to`))).toBe(true);
    expect(seen.some((v) => v.includes(`settlement ${Q3}, product`))).toBe(true);
    expect(await invariants(stack.em('revenue'))).toEqual([]);
  });
});

describe('the planner knows how many (product, developer) pairs the charges hold (migration 0013)', () => {
  it('after ANALYZE, the statistics on the pair count the pairs there are, not the product of the two columns', async () => {
    // Without them PostgreSQL multiplies the columns' distinct counts: it expected 20 × the real number of groups
    // for the bench's quarter and sorted a million charges to disk instead of hashing them.
    const owner = await stack.ownerEm('revenue');
    await sql(owner, `analyze charge`);
    const [stats] = await sql<{ n_distinct: string | null }>(owner, `select n_distinct::text from pg_stats_ext where statistics_name = 'charge_product_developer'`);
    const pairs = await n(`select count(*) as n from (select distinct product_id, developer_id from charge) p`);
    const products = await n(`select count(distinct product_id) as n from charge`);
    const developers = await n(`select count(distinct developer_id) as n from charge`);
    expect(pairs).toBeLessThan(products * developers);
    // pg_stats_ext gives {"2, 3": <pairs>} for the pair's column numbers.
    expect(Object.values(JSON.parse(stats!.n_distinct!))).toEqual([pairs]);
  });
});
