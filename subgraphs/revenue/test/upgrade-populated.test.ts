import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import {
  CLOCK_HEADER,
  createOrm,
  createSubgraphRuntime,
  migrate,
  platformConfig,
  platformMigrations,
  serveSubgraph,
  signIdentityHeaders,
  sql,
  startBoss,
  type Identity,
  type SubgraphRuntime,
} from '@pdo/platform';
import { checkInvariants, startTestDatabase, who, type TestDatabase } from '@pdo/testing';
import { definition } from '../src/index.js';
import { invariants } from '../src/data/invariants.js';

/**
 * Upgrading a database that already holds settled revenue: migrations 0004–0006 (arrival numbers
 * `seq`, settlement watermarks, `settled_charge` as a view) applied on top of 0003 data written
 * the way the pre-0004 code wrote it (a settled_charge row per settled charge). What finance must
 * see afterwards: nothing settled twice, nothing lost, no recorded money changed.
 *
 * A = HN: January 2026 settled by the old code (S1); some January charges arrived after S1 (late),
 * February and a few others are unsettled. B = QHD: charges only. Charges of B and of A's February
 * arrived (created_at) in between A's settled ones, so numbering by arrival alone would be wrong.
 */
const A = 'HN';
const B = 'QHD';
const P1 = { start: '2026-01-01', end: '2026-01-31' };
const P2 = { start: '2026-02-01', end: '2026-02-28' };
const NOW = '2026-03-05T02:00:00Z';
const financeA = who('FINANCE', randomUUID(), A);
const financeB = who('FINANCE', randomUUID(), B);

const OP_A = randomUUID();
const OP_B = randomUUID();
const AG_A = randomUUID();
const AG_B = randomUUID();
const A1 = randomUUID();
const A2 = randomUUID();
const B1 = randomUUID();
const SRC1 = randomUUID();
const SRC2 = randomUUID();
const SRC3 = randomUUID();
const DEV1 = randomUUID();
const DEV2 = randomUUID();
const DEV3 = randomUUID();
const S1 = randomUUID();
const S1_ENTRY = randomUUID();
const S1_STARTED = '2026-02-03T02:00:00Z';
const S1_COMPLETED = '2026-02-03T02:00:05Z';

type Group = 'A_P1_SETTLED' | 'A_P1_LATE' | 'A_P2' | 'A_DEC' | 'A_MAR' | 'B_P1' | 'B_P2';
interface Charge {
  id: string;
  usage_id: string;
  product_id: string;
  operator_id: string;
  developer_id: string;
  jurisdiction: string;
  units: number;
  unit_price_fen: number;
  amount_fen: number;
  occurred_at: string;
  created_at: string;
  group: Group;
}

const iso = (s: string, plusMinutes = 0) => new Date(new Date(s).getTime() + plusMinutes * 60_000).toISOString();
const charges: Charge[] = [];
const add = (group: Group, product: string, dev: string, occurredAt: string, createdAt: string) => {
  const i = charges.length;
  const units = 1 + (i % 3);
  const price = 200 + 11 * i;
  const j = product === B1 ? B : A;
  charges.push({
    id: randomUUID(), usage_id: randomUUID(), product_id: product, operator_id: j === A ? OP_A : OP_B, developer_id: dev, jurisdiction: j,
    units, unit_price_fen: price, amount_fen: units * price, occurred_at: occurredAt, created_at: createdAt, group,
  });
};
// A, January (Shanghai days: Jan 1 00:00 = 2025-12-31T16:00Z, Jan 31 24:00 = 2026-01-31T16:00Z), taken by S1.
for (let k = 0; k < 11; k++) {
  const at = k === 0 ? '2025-12-31T16:00:00Z' : iso('2026-01-02T03:00:00Z', k * 2 * 24 * 60);
  add('A_P1_SETTLED', k % 2 ? A2 : A1, k % 3 ? DEV1 : DEV2, at, iso(at, 5));
}
// Delivered late but before S1 ran (after some February and B charges had arrived): still S1's.
add('A_P1_SETTLED', A1, DEV2, '2026-01-31T15:59:59Z', '2026-02-02T09:00:00Z');
// B, January and February: charges only, arriving among A's.
for (let k = 0; k < 6; k++) add('B_P1', B1, DEV3, iso('2026-01-03T05:00:00Z', k * 4 * 24 * 60), iso('2026-01-03T05:00:00Z', k * 4 * 24 * 60 + 2));
for (let k = 0; k < 5; k++) add('B_P2', B1, DEV3, iso('2026-02-02T05:00:00Z', k * 5 * 24 * 60), iso('2026-02-02T05:00:00Z', k * 5 * 24 * 60 + 2));
// A, February (the first one at 00:00 Shanghai on Feb 1, the last at 23:59:59 on Feb 28); two arrived before S1 ran.
add('A_P2', A1, DEV1, '2026-01-31T16:00:00Z', '2026-01-31T16:01:00Z');
add('A_P2', A2, DEV2, '2026-02-01T08:00:00Z', '2026-02-01T08:01:00Z');
for (let k = 0; k < 7; k++) add('A_P2', k % 2 ? A1 : A2, k % 2 ? DEV2 : DEV1, iso('2026-02-04T03:00:00Z', k * 3 * 24 * 60), iso('2026-02-04T03:00:00Z', k * 3 * 24 * 60 + 1));
add('A_P2', A2, DEV1, '2026-02-28T15:59:59Z', '2026-02-28T16:00:30Z');
// A, January usage that arrived after S1 took its charges: one committed while S1 ran, the rest later.
add('A_P1_LATE', A1, DEV1, '2026-01-20T04:00:00Z', '2026-02-03T02:00:02Z');
add('A_P1_LATE', A2, DEV2, '2026-01-25T04:00:00Z', '2026-02-10T04:00:00Z');
add('A_P1_LATE', A1, DEV2, '2025-12-31T16:00:00Z', '2026-02-20T04:00:00Z');
add('A_P1_LATE', A2, DEV1, '2026-01-31T15:59:59Z', '2026-03-02T04:00:00Z');
// A, December 2025 (never settled: not late for any settled period) and March 2026 (open period).
add('A_DEC', A1, DEV1, '2025-12-20T04:00:00Z', '2025-12-20T04:05:00Z');
add('A_MAR', A2, DEV2, '2026-02-28T16:00:00Z', '2026-02-28T16:05:00Z');

const of = (...groups: Group[]) => charges.filter((c) => groups.includes(c.group));
const ids = (cs: Charge[]) => cs.map((c) => c.id).sort();
const fen = (cs: Charge[]) => cs.reduce((a, c) => a + BigInt(c.amount_fen), 0n);
if (new Set(charges.map((c) => c.amount_fen)).size !== charges.length) throw new Error('test data: charge amounts must be distinct');

let db: TestDatabase;
let oldOrm: MikroORM | undefined;
let upOrm: MikroORM | undefined;
let boss: SubgraphRuntime['boss'] | undefined;
let rt: SubgraphRuntime<any> | undefined;
let server: Server | undefined;
let url: string;
const config = platformConfig();
const em = (): EntityManager => (rt?.orm ?? upOrm ?? oldOrm)!.em.fork() as EntityManager;
const q = <T = any>(text: string, params: unknown[] = []) => sql<T>(em(), text, params);
const gql = async (query: string, variables: Record<string, unknown>, as: Identity) => {
  const body = JSON.stringify({ query, variables });
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...signIdentityHeaders(as, config.gatewaySecret, { audience: 'revenue', method: 'POST', path: new URL(url).pathname, body }), [CLOCK_HEADER]: NOW },
    body,
  });
  return (await res.json()) as { data?: any; errors?: { message: string; extensions?: any }[] };
};
const RUN = `mutation($input: RunSettlementInput!) { runSettlement(input: $input) { id status total { fen yuan } chargeCount carriedTotal { fen yuan } carriedChargeCount } }`;
const SETTLEMENT = `query($id: ID!) { settlement(id: $id) { id status total { fen yuan } chargeCount reconciliation { reconciled charges { fen yuan } shares { fen yuan } ledgerDebits { fen yuan } ledgerCredits { fen yuan } } } }`;

/** Everything S1 recorded, and the charges (without the new seq column). */
async function snapshot() {
  const rows = async (text: string) => (await q<{ r: unknown }>(text, [S1])).map((x) => x.r);
  return {
    settlement: await rows(`select to_jsonb(s) - 'watermark' as r from settlement s where id = $1`),
    lines: await rows(`select to_jsonb(l) as r from settlement_line l where settlement_id = $1 order by product_id, developer_id`),
    products: await rows(`select to_jsonb(p) as r from settlement_product p where settlement_id = $1 order by product_id`),
    shares: await rows(`select to_jsonb(s) as r from revenue_share s where settlement_id = $1 order by product_id, ordinal, party_id`),
    entry: await rows(`select to_jsonb(e) as r from ledger_entry e where settlement_id = $1`),
    ledgerLines: await rows(`select to_jsonb(l) as r from ledger_line l join ledger_entry e on e.id = l.entry_id where e.settlement_id = $1 order by l.id`),
    accounts: await rows(`select to_jsonb(a) as r from ledger_account a where $1::uuid is not null order by id`),
    steps: await rows(`select to_jsonb(s) as r from settlement_step s where settlement_id = $1 order by id`),
  };
}
let before: Awaited<ReturnType<typeof snapshot>>;
let chargesBefore: unknown[];
// `basis` (migration 0011) is added after the snapshot is taken: null on every old charge, checked on its own.
const chargeRows = async () => (await q<{ r: unknown }>(`select to_jsonb(c) - 'seq' - 'basis' as r from charge c where id = any($1::uuid[]) order by id`, [charges.map((c) => c.id)])).map((x) => x.r);

/** S1 as the pre-0004 code left it: settlement, per-charge settled_charge rows, lines, products, shares, ledger, progress. */
async function populate(tx: EntityManager) {
  await sql(
    tx,
    `insert into product_view (id, jurisdiction, operator_id, agreement_id, code, name_zh, category, status, version, as_of)
     values ($1, 'HN', $4, $5, 'HN-UP-1', '升级测试产品一', 'PAID', 'LISTED', 1, '2025-11-01Z'),
            ($2, 'HN', $4, $5, 'HN-UP-2', '升级测试产品二', 'PAID', 'LISTED', 1, '2025-11-01Z'),
            ($3, 'QHD', $6, $7, 'QHD-UP-1', '升级测试产品三', 'PAID', 'LISTED', 1, '2025-11-01Z')`,
    [A1, A2, B1, OP_A, AG_A, OP_B, AG_B],
  );
  await sql(
    tx,
    `insert into product_resource (product_id, resource_id, source_agency_id, ordinal)
     values ($1, gen_random_uuid(), $4, 1), ($1, gen_random_uuid(), $5, 2), ($1, gen_random_uuid(), $4, 3), ($2, gen_random_uuid(), $4, 1), ($3, gen_random_uuid(), $6, 1)`,
    [A1, A2, B1, SRC1, SRC2, SRC3],
  );
  await sql(
    tx,
    `insert into agreement_view (id, jurisdiction, operator_id, agreement_number, status, start_date, end_date, as_of)
     values ($1, 'HN', $2, 'HN-UP-AG', 'ACTIVE', '2025-01-01', '2028-12-31', '2025-01-01Z'), ($3, 'QHD', $4, 'QHD-UP-AG', 'ACTIVE', '2025-01-01', '2028-12-31', '2025-01-01Z')`,
    [AG_A, OP_A, AG_B, OP_B],
  );
  const PLAN_A = randomUUID();
  const PLAN_B = randomUUID();
  await sql(
    tx,
    `insert into distribution_plan (id, agreement_id, product_id, jurisdiction, version, source_basis, created_by, created_at)
     values ($1, $2, null, 'HN', 1, 'RESOURCE_USAGE', 'finance-user', '2025-11-02Z'), ($3, $4, null, 'QHD', 1, 'RESOURCE_USAGE', 'finance-user', '2025-11-02Z')`,
    [PLAN_A, AG_A, PLAN_B, AG_B],
  );
  await sql(
    tx,
    `insert into distribution_plan_party (plan_id, ordinal, party_kind, party_id, weight)
     values ($1, 1, 'OPERATOR', $3, 60), ($1, 2, 'SOURCE_AGENCIES', null, 40), ($2, 1, 'OPERATOR', $4, 70), ($2, 2, 'SOURCE_AGENCIES', null, 30)`,
    [PLAN_A, PLAN_B, OP_A, OP_B],
  );
  await sql(
    tx,
    `insert into charge (id, usage_id, usage_agreement_id, product_id, operator_id, developer_id, jurisdiction, category, charging_unit, units, unit_price_fen, price_id, amount_fen, priced, occurred_at, created_at)
     select id, usage_id, gen_random_uuid(), product_id, operator_id, developer_id, jurisdiction, 'PAID', 'PER_CALL', units, unit_price_fen, null, amount_fen, true, occurred_at, created_at
     from jsonb_to_recordset($1::jsonb) as x(id uuid, usage_id uuid, product_id uuid, operator_id uuid, developer_id uuid, jurisdiction text, units bigint, unit_price_fen bigint, amount_fen bigint, occurred_at timestamptz, created_at timestamptz)`,
    [JSON.stringify(charges)],
  );

  // The old settle(): claim, take the period's charges row by row, aggregate, split, post.
  const taken = of('A_P1_SETTLED');
  await sql(
    tx,
    `insert into settlement (id, jurisdiction, period_start, period_end, status, created_by, started_at, attempt) values ($1, 'HN', $2::date, $3::date, 'RUNNING', 'finance-user', $4, 1)`,
    [S1, P1.start, P1.end, S1_STARTED],
  );
  await sql(tx, `insert into settled_charge (charge_id, settlement_id) select unnest($1::uuid[]), $2`, [ids(taken), S1]);
  await sql(
    tx,
    `insert into settlement_line (settlement_id, product_id, developer_id, carried_from, revenue_fen, charge_count, units)
     select $1, c.product_id, c.developer_id, x.carried_from, sum(c.amount_fen), count(*), sum(c.units)
     from settled_charge x join charge c on c.id = x.charge_id where x.settlement_id = $1 group by c.product_id, c.developer_id, x.carried_from`,
    [S1],
  );
  const products = await sql<{ product_id: string; revenue: string; n: string; units: string }>(
    tx,
    `select product_id, sum(revenue_fen)::text as revenue, sum(charge_count)::text as n, sum(units)::text as units from settlement_line where settlement_id = $1 group by product_id order by product_id`,
    [S1],
  );
  await sql(
    tx,
    `insert into settlement_product (settlement_id, product_id, plan_id, plan_version, revenue_fen, charge_count, units)
     select $1, p, $2, 1, r, n, u from unnest($3::uuid[], $4::bigint[], $5::bigint[], $6::bigint[]) as t(p, r, n, u)`,
    [S1, PLAN_A, products.map((p) => p.product_id), products.map((p) => p.revenue), products.map((p) => p.n), products.map((p) => p.units)],
  );
  // 60 % operator, 40 % source agencies by resources supplied (A1: SRC1 2 of 3, SRC2 1 of 3; A2: SRC1 only); remainders to the first.
  const shares: { product: string; kind: string; party: string; ordinal: number; weight: string; fen: bigint; basis: string }[] = [];
  for (const p of products) {
    const r = BigInt(p.revenue);
    const op = (r * 60n) / 100n;
    shares.push({ product: p.product_id, kind: 'OPERATOR', party: OP_A, ordinal: 1, weight: '60', fen: op, basis: 'operator 60 of 100' });
    const agencies = r - op;
    if (p.product_id === A1) {
      const two = agencies / 3n;
      shares.push({ product: p.product_id, kind: 'SOURCE_AGENCY', party: SRC1, ordinal: 2, weight: '2', fen: agencies - two, basis: "supplies 2 of the product's 3 resources" });
      shares.push({ product: p.product_id, kind: 'SOURCE_AGENCY', party: SRC2, ordinal: 2, weight: '1', fen: two, basis: "supplies 1 of the product's 3 resources" });
    } else {
      shares.push({ product: p.product_id, kind: 'SOURCE_AGENCY', party: SRC1, ordinal: 2, weight: '1', fen: agencies, basis: "supplies 1 of the product's 1 resources" });
    }
  }
  await sql(
    tx,
    `insert into revenue_share (id, settlement_id, product_id, party_kind, party_id, ordinal, weight, amount_fen, basis)
     select gen_random_uuid(), $1, p, k, pid, o, w, a, b from unnest($2::uuid[], $3::text[], $4::text[], $5::int[], $6::text[], $7::bigint[], $8::text[]) as t(p, k, pid, o, w, a, b)`,
    [S1, shares.map((s) => s.product), shares.map((s) => s.kind), shares.map((s) => s.party), shares.map((s) => s.ordinal), shares.map((s) => s.weight), shares.map((s) => s.fen.toString()), shares.map((s) => s.basis)],
  );
  const parties = [...new Set([...taken.map((c) => `DEVELOPER:${c.developer_id}`), ...shares.map((s) => `${s.kind}:${s.party}`)])].map((k) => k.split(':') as [string, string]);
  await sql(
    tx,
    `insert into ledger_account (id, jurisdiction, party_kind, party_id, created_at) select gen_random_uuid(), 'HN', k, p, $3 from unnest($1::text[], $2::text[]) as t(k, p)`,
    [parties.map((p) => p[0]), parties.map((p) => p[1]), S1_COMPLETED],
  );
  await sql(tx, `insert into ledger_entry (id, jurisdiction, entry_date, memo, settlement_id, created_by, created_at) values ($1, 'HN', $2::date, $3, $4, 'finance-user', $5)`, [
    S1_ENTRY, P1.end, `结算 Settlement HN ${P1.start}–${P1.end}`, S1, S1_COMPLETED,
  ]);
  await sql(
    tx,
    `insert into ledger_line (entry_id, account_id, debit_fen, credit_fen)
     select $1, a.id, sum(sl.revenue_fen), 0 from settlement_line sl join ledger_account a on a.jurisdiction = 'HN' and a.party_kind = 'DEVELOPER' and a.party_id = sl.developer_id::text
     where sl.settlement_id = $2 group by a.id having sum(sl.revenue_fen) > 0`,
    [S1_ENTRY, S1],
  );
  await sql(
    tx,
    `insert into ledger_line (entry_id, account_id, debit_fen, credit_fen)
     select $1, a.id, 0, sum(rs.amount_fen) from revenue_share rs join ledger_account a on a.jurisdiction = 'HN' and a.party_kind = rs.party_kind and a.party_id = rs.party_id
     where rs.settlement_id = $2 group by a.id having sum(rs.amount_fen) > 0`,
    [S1_ENTRY, S1],
  );
  const total = fen(taken);
  await sql(
    tx,
    `insert into settlement_step (settlement_id, attempt, step, detail, at) select $1, 1, s, d, $2::timestamptz from unnest($3::text[], $4::text[]) as t(s, d)`,
    [S1, S1_COMPLETED, ['STARTED', 'CHARGES_TOTALLED', 'SPLITS_COMPUTED', 'LEDGER_POSTED', 'COMPLETED'], ['settling HN', `${taken.length} charges`, `${shares.length} shares`, `ledger entry ${S1_ENTRY}`, `total ${total} fen`]],
  );
  await sql(
    tx,
    `update settlement set status = 'COMPLETED', total_fen = $2, charge_count = $3, product_count = $4, ledger_entry_id = $5, completed_at = $6, carried_fen = 0, carried_count = 0 where id = $1`,
    [S1, total.toString(), taken.length, products.length, S1_ENTRY, S1_COMPLETED],
  );
}

beforeAll(async () => {
  db = await startTestDatabase();
}, 120_000);
afterAll(async () => {
  if (server) {
    server.closeAllConnections();
    server.close();
  }
  await boss?.stop({ graceful: false, timeout: 1000 } as never).catch(() => {});
  for (const orm of [rt?.orm, upOrm, oldOrm]) await orm?.close().catch(() => {});
  await db?.stop();
});

describe('revenue migrations 0004–0006 on a database that already holds a settlement', () => {
  const order = definition.migrations.map((m) => m.name);

  it('migrates a fresh database to 0003 only and fills it the way the pre-0004 code did', async () => {
    expect(order.slice(0, 3), 'the first three revenue migrations are the pre-watermark ones').toEqual(['0001_cost_survey', '0002_pricing_ledger_settlement', '0003_settlement_runs_late_charges']);
    oldOrm = await createOrm({ url: db.url, schema: 'revenue', entities: definition.entities, migrations: [...platformMigrations, ...definition.migrations.slice(0, 3)] });
    expect(await migrate(oldOrm, 'revenue'), 'the database starts at revenue 0003').toEqual([...platformMigrations.map((m) => m.name), ...order.slice(0, 3)]);
    await em().transactional((tx) => populate(tx as EntityManager));

    // What finance saw before the upgrade.
    const s = (await q<{ total: string; n: string; taken: string; shares: string; debits: string; credits: string }>(
      `select s.total_fen::text as total, s.charge_count::text as n,
         (select coalesce(sum(c.amount_fen), 0) from settled_charge x join charge c on c.id = x.charge_id where x.settlement_id = s.id)::text as taken,
         (select sum(amount_fen) from revenue_share where settlement_id = s.id)::text as shares,
         (select sum(debit_fen) from ledger_line where entry_id = s.ledger_entry_id)::text as debits,
         (select sum(credit_fen) from ledger_line where entry_id = s.ledger_entry_id)::text as credits
       from settlement s where s.id = $1`,
      [S1],
    ))[0]!;
    const total = fen(of('A_P1_SETTLED')).toString();
    expect(s, 'the old January settlement reconciles before the upgrade: charges = total = shares = ledger debits = credits').toEqual({ total, n: String(of('A_P1_SETTLED').length), taken: total, shares: total, debits: total, credits: total });
    expect((await q(`select column_name from information_schema.columns where table_schema = 'revenue' and table_name = 'charge' and column_name = 'seq'`)).length, 'before 0004 charges have no seq').toBe(0);
    before = await snapshot();
    chargesBefore = await chargeRows();
    expect(chargesBefore, 'every charge of the fixture is stored').toHaveLength(charges.length);
    await oldOrm.close();
    oldOrm = undefined;
  });

  it('applies 0004, 0005 and 0006 on top', async () => {
    upOrm = await createOrm({ url: db.url, schema: 'revenue', entities: definition.entities, migrations: [...platformMigrations, ...definition.migrations] });
    expect(await migrate(upOrm, 'revenue'), 'the upgrade applies exactly the migrations after 0003').toEqual(order.slice(3));
    await upOrm.close();
    upOrm = undefined;
    // The service as it starts after the upgrade (nothing left to migrate), serving GraphQL.
    boss = await startBoss(db.url);
    rt = await createSubgraphRuntime(definition, { databaseUrl: db.url, boss, config, consume: false });
    const served = await serveSubgraph(rt, 0);
    server = served.server;
    url = `http://127.0.0.1:${served.port}/graphql`;
  });

  it('still reports every charge of the old settlement under it, and no other charge as settled', async () => {
    const rows = await q<{ charge_id: string; settlement_id: string; carried_from: string | null; amount_fen: string }>(`select charge_id, settlement_id, carried_from, amount_fen::text from settled_charge order by charge_id`);
    const expected = of('A_P1_SETTLED')
      .map((c) => ({ charge_id: c.id, settlement_id: S1, carried_from: null, amount_fen: String(c.amount_fen) }))
      .sort((a, b) => (a.charge_id < b.charge_id ? -1 : 1));
    expect(rows, 'settled_charge lists exactly the charges the January settlement took, each once, under S1, with its amount').toEqual(expected);
  });

  it('changes no amount and nothing the old settlement posted', async () => {
    expect(await q(`select 1 from charge where basis is not null and id = any($1::uuid[])`, [charges.map((c) => c.id)]), 'no old charge gains a basis').toHaveLength(0);
    expect(await chargeRows(), 'no charge (amount, usage, time, party) changed in the upgrade').toEqual(chargesBefore);
    expect(await snapshot(), 'the January settlement, its lines, products, shares, ledger entry and lines, accounts and progress are as before').toEqual(before);
    const r = await gql(SETTLEMENT, { id: S1 }, financeA);
    expect(r.errors, 'finance can open the old settlement after the upgrade').toBeUndefined();
    const total = fen(of('A_P1_SETTLED')).toString();
    expect(r.data.settlement, 'finance sees the old settlement reconciled with the same total').toMatchObject({
      status: 'COMPLETED', total: { fen: total }, chargeCount: String(of('A_P1_SETTLED').length),
      reconciliation: { reconciled: true, charges: { fen: total }, shares: { fen: total }, ledgerDebits: { fen: total }, ledgerCredits: { fen: total } },
    });
  });

  it('numbers every charge once and gives the old settlement a watermark that covers exactly what it took', async () => {
    const n = (await q<{ all: string; seq: string; distinct: string }>(`select count(*)::text as all, count(seq)::text as seq, count(distinct seq)::text as distinct from charge`))[0]!;
    expect(n, 'every charge has a seq, and no two charges share one').toEqual({ all: String(charges.length), seq: String(charges.length), distinct: String(charges.length) });
    const [w] = await q<{ watermark: string | null }>(`select watermark::text from settlement where id = $1`, [S1]);
    expect(w!.watermark, 'the old settlement got a watermark: the number of charges settled before the upgrade').toBe(String(of('A_P1_SETTLED').length));
    const seqs = new Map((await q<{ id: string; seq: string }>(`select id, seq::text from charge`)).map((r) => [r.id, BigInt(r.seq)]));
    const wm = BigInt(w!.watermark!);
    const wrongSide = charges.filter((c) => (c.group === 'A_P1_SETTLED') !== seqs.get(c.id)! <= wm).map((c) => `${c.group} ${c.occurred_at} seq ${seqs.get(c.id)}`);
    expect(wrongSide, 'charges the old settlement took are at or below its watermark; every charge still waiting is above it (else it would be lost or taken twice)').toEqual([]);
    const [next] = await q<{ seq: string }>(`insert into charge (id, usage_id, product_id, operator_id, developer_id, jurisdiction, category, charging_unit, units, unit_price_fen, amount_fen, priced, occurred_at)
       values (gen_random_uuid(), gen_random_uuid(), $1, $2, $3, 'HN', 'PAID', 'PER_CALL', 1, 9999, 9999, true, '2026-01-28T04:00:00Z') returning seq::text`, [A1, OP_A, DEV1]);
    expect(BigInt(next!.seq), 'a charge arriving after the upgrade is numbered after every existing one').toBe(BigInt(charges.length) + 1n);
    // This January usage arrived after the upgrade: it is late for the settled January as well.
    const [row] = await q<{ id: string; usage_id: string }>(`select id, usage_id from charge where seq = $1`, [next!.seq]);
    charges.push({ id: row!.id, usage_id: row!.usage_id, product_id: A1, operator_id: OP_A, developer_id: DEV1, jurisdiction: A, units: 1, unit_price_fen: 9999, amount_fen: 9999, occurred_at: '2026-01-28T04:00:00Z', created_at: NOW, group: 'A_P1_LATE' });
  });

  let febA: any;
  it("settles A's February: every February charge of A, and A's late January charges once, carried from the old settlement, nothing of B", async () => {
    const r = await gql(RUN, { input: { jurisdiction: A, periodStart: P2.start, periodEnd: P2.end } }, financeA);
    expect(r.errors, 'finance can run the first settlement after the upgrade').toBeUndefined();
    febA = r.data.runSettlement;
    const own = of('A_P2');
    const late = of('A_P1_LATE');
    expect(febA, "February's total is its own charges plus the late January ones, which are reported as carried").toMatchObject({
      status: 'COMPLETED', total: { fen: (fen(own) + fen(late)).toString() }, chargeCount: String(own.length + late.length), carriedTotal: { fen: fen(late).toString() }, carriedChargeCount: String(late.length),
    });
    const took = await q<{ charge_id: string; carried_from: string | null }>(`select charge_id, carried_from from settled_charge where settlement_id = $1 order by charge_id`, [febA.id]);
    expect(took.filter((t) => t.carried_from === null).map((t) => t.charge_id), "February took exactly A's February charges as its own").toEqual(ids(own));
    expect(took.filter((t) => t.carried_from !== null).map((t) => t.charge_id), 'February carried exactly the January charges that arrived after January was settled').toEqual(ids(late));
    expect([...new Set(took.filter((t) => t.carried_from !== null).map((t) => t.carried_from))], 'the carried charges name the old January settlement').toEqual([S1]);
    const [shares] = await q<{ fen: string }>(`select sum(amount_fen)::text as fen from revenue_share where settlement_id = $1`, [febA.id]);
    expect(shares!.fen, "February's shares add up exactly to its total").toBe(febA.total.fen);
    const s = await gql(SETTLEMENT, { id: febA.id }, financeA);
    expect(s.data?.settlement?.reconciliation, 'finance sees February reconciled (charges = total = shares = ledger)').toMatchObject({ reconciled: true });
  });

  it("settles B's January and February with B's charges only", async () => {
    for (const [period, group] of [[P1, 'B_P1'], [P2, 'B_P2']] as const) {
      const r = await gql(RUN, { input: { jurisdiction: B, periodStart: period.start, periodEnd: period.end } }, financeB);
      expect(r.errors, `finance of B can settle ${period.start}`).toBeUndefined();
      const s = r.data.runSettlement;
      expect(s, `B's ${period.start} total is its own charges; nothing is carried`).toMatchObject({ status: 'COMPLETED', total: { fen: fen(of(group)).toString() }, chargeCount: String(of(group).length), carriedChargeCount: '0' });
      const took = await q<{ charge_id: string }>(`select charge_id from settled_charge where settlement_id = $1 order by charge_id`, [s.id]);
      expect(took.map((t) => t.charge_id), `B's ${period.start} settlement took exactly B's charges of the month`).toEqual(ids(of(group)));
      const [shares] = await q<{ fen: string }>(`select sum(amount_fen)::text as fen from revenue_share where settlement_id = $1`, [s.id]);
      expect(shares!.fen, `B's ${period.start} shares add up exactly to its total`).toBe(s.total.fen);
    }
  });

  it('leaves every charge of a settled period settled exactly once, nothing else settled, the old settlement untouched, and the books sound', async () => {
    const counts = new Map((await q<{ charge_id: string; n: number }>(`select charge_id, count(*)::int as n from settled_charge group by charge_id`)).map((r) => [r.charge_id, r.n]));
    const settledPeriod = (c: Charge) => c.group !== 'A_DEC' && c.group !== 'A_MAR';
    const wrong = charges.filter((c) => (counts.get(c.id) ?? 0) !== (settledPeriod(c) ? 1 : 0)).map((c) => `${c.group} ${c.occurred_at}: settled ${counts.get(c.id) ?? 0} times`);
    expect(wrong, 'each charge of a settled period (A Jan/Feb, B Jan/Feb) is in settled_charge once; December and March charges of A are not settled').toEqual([]);
    expect(counts.size, 'settled_charge names no charge outside the fixture').toBe(charges.filter(settledPeriod).length);
    const after = await snapshot();
    expect({ ...after, accounts: undefined, settlement: undefined }, 'the old settlement still has the same lines, products, shares, ledger entry and progress after later runs').toEqual({ ...before, accounts: undefined, settlement: undefined });
    expect(after.settlement, 'the old settlement row itself is unchanged by later runs').toEqual(before.settlement);
    expect(await invariants(em()), 'the revenue invariants report no violation').toEqual([]);
    expect(await checkInvariants(db.url), 'the platform invariants report no violation').toEqual([]);
  });
});
