/**
 * The executor of the operating domain against real PostgreSQL roles (docs/operating-domain/runtime.md):
 * a demo product's recipe is submitted during review, analysed and stored; once approved and listed
 * its reader role reads exactly its resources' current-batch views; the result passes the guard;
 * parameters are bound; a statement past the timeout is refused with a code; and every attempt to
 * cross the boundary — another product's reader, every subgraph's service role, a delisted product —
 * fails in the database itself.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureGatewayState, GATEWAY_ROLE, rolePassword, roleUrl, sql, transactionPgClient } from '@pdo/platform';
import { startTestStack, type TestStack } from '@pdo/testing';
import { definition as catalog } from '@pdo/catalog';
import { definition as licensing } from '@pdo/licensing';
import { definition as products } from '@pdo/products';
import type { DomainError } from '@pdo/platform';
import { analyseRecipe, definition, executeRecipe, runStatement } from '../src/index.js';
import { readerSessions } from '../src/services/reader-sessions.js';
import { agencyOf, approveAndList, operatorOf, product, readerRoleOf, SUBMIT_RECIPE, versionUnderReview } from './runtime-helpers.js';

let stack: TestStack;
const marriage = product('jl-marriage-verify');
const traffic = product('zjc-traffic-api');
let marriageVersion = 0;
let trafficVersion = 0;

const MARRIAGE_SQL = `select (kind = $2) as flag from jl_mz_0001 where id_no = $1`;
const TRAFFIC_SQL = `select checkpoint_id as checkpoint, sum(vehicle_count) as vehicles from zjc_jt_0001 where hour_start >= $1 group by checkpoint_id order by checkpoint_id`;

async function refusal(p: Promise<unknown>): Promise<DomainError> {
  try {
    await p;
  } catch (e) {
    return e as DomainError;
  }
  throw new Error('expected a refusal');
}

/** As the delivery service role, in a transaction: become `role` and try to read `view`. */
async function readAs(role: string, view: string): Promise<{ ok: true; n: number } | { ok: false; code: string }> {
  try {
    return await stack.em('delivery').fork().transactional(async (tx) => {
      const c = await transactionPgClient(tx);
      await c.query(`set local role ${role}`);
      const r = await c.query(`select count(*)::int as n from raw.${view}`);
      return { ok: true as const, n: r.rows[0].n as number };
    });
  } catch (e) {
    return { ok: false, code: (e as { code?: string }).code ?? 'unknown' };
  }
}

beforeAll(async () => {
  stack = await startTestStack([licensing, catalog, products, definition], { gateway: true, seed: true });
  await stack.settle();
  marriageVersion = await versionUnderReview(stack, 'jl-marriage-verify');
  trafficVersion = await versionUnderReview(stack, 'zjc-traffic-api');
}, 240_000);
afterAll(async () => stack?.stop());

describe('recipes stored with the product version', () => {
  it('the operator submits the verification recipe; it is analysed against its granted resources and stored', async () => {
    const res = await stack.gql(SUBMIT_RECIPE, {
      input: {
        productId: marriage.id, version: marriageVersion, sql: MARRIAGE_SQL,
        parameters: [{ name: 'id_no', type: 'text' }, { name: 'kind', type: 'text' }],
        outputs: [{ name: 'flag', kind: 'FLAG' }],
        subjects: [{ resourceId: marriage.resourceIds[0], field: 'id_no' }],
        verification: [{ column: 'flag', values: [true, false] }],
      },
    }, { as: operatorOf('JL') });
    expect(res.errors).toBeUndefined();
    expect(res.data.submitRecipe).toMatchObject({ status: 'ACCEPTED', k: 5, violations: [] });
    expect(res.data.submitRecipe.analysis.tables).toEqual([{ name: 'jl_mz_0001', physical: 'raw.c_jl_mz_0001' }]);
    expect(res.data.submitRecipe.analysis.columns[0]).toMatchObject({ name: 'flag', kind: 'FLAG', reduced: [] });
  });

  it('another operator may not submit it, and k below the profile minimum is refused', async () => {
    const input = { productId: marriage.id, version: marriageVersion, sql: MARRIAGE_SQL, parameters: [{ name: 'id_no', type: 'text' }, { name: 'kind', type: 'text' }], outputs: [{ name: 'flag', kind: 'FLAG' }], verification: [{ column: 'flag', values: [true, false] }] };
    const other = await stack.gql(SUBMIT_RECIPE, { input }, { as: operatorOf('ZJC') });
    // Outside its scope the version is not even shown to exist.
    expect(other.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const lowK = await stack.gql(SUBMIT_RECIPE, { input: { ...input, k: 3 } }, { as: operatorOf('JL') });
    expect(lowK.errors?.[0]?.extensions).toMatchObject({ code: 'POLICY_VIOLATION', details: { code: 'K_BELOW_MINIMUM', minimum: 5 } });
  });

  it('a recipe reading a resource outside the product is stored as REFUSED with its codes', async () => {
    const res = await stack.gql(SUBMIT_RECIPE, {
      input: { productId: traffic.id, version: trafficVersion, sql: 'select count(id_no) as n from jl_mz_0001', outputs: [{ name: 'n', kind: 'AGGREGATE' }] },
    }, { as: operatorOf('ZJC') });
    expect(res.errors).toBeUndefined();
    expect(res.data.submitRecipe.status).toBe('REFUSED');
    expect(res.data.submitRecipe.violations.map((v: { code: string }) => v.code)).toContain('TABLE_NOT_ALLOWED');
  });

  it('the aggregate recipe of the traffic API is accepted with its k column', async () => {
    const res = await stack.gql(SUBMIT_RECIPE, {
      input: {
        productId: traffic.id, version: trafficVersion, sql: TRAFFIC_SQL, parameters: [{ name: 'since', type: 'date' }],
        outputs: [{ name: 'checkpoint', kind: 'LABEL' }, { name: 'vehicles', kind: 'AGGREGATE' }],
        subjects: [{ resourceId: traffic.resourceIds[0], field: 'record_id' }], k: 6,
      },
    }, { as: operatorOf('ZJC') });
    expect(res.errors).toBeUndefined();
    expect(res.data.submitRecipe).toMatchObject({ status: 'ACCEPTED', k: 6, analysis: { aggregate: true } });
    const seen = await stack.gql(`query($p: ID!, $v: Int!) { recipe(productId: $p, version: $v) { status sql } }`, { p: traffic.id, v: trafficVersion }, { as: agencyOf('ZJC') });
    expect(seen.data.recipe).toEqual({ status: 'ACCEPTED', sql: TRAFFIC_SQL });
    const stranger = await stack.gql(`query($p: ID!, $v: Int!) { recipe(productId: $p, version: $v) { status } }`, { p: traffic.id, v: trafficVersion }, { as: agencyOf('JL') });
    expect(stranger.data.recipe).toBeNull();
  });
});

describe('the executor', () => {
  it('before approval and listing the version may not run, and its reader role holds no grant', async () => {
    const e = await refusal(executeRecipe(stack.em('delivery'), { productId: marriage.id, version: marriageVersion, parameters: { id_no: 'x', kind: '结婚' } }));
    expect(e.details).toMatchObject({ code: 'PRODUCT_NOT_RUNNABLE' });
    expect(await readAs(await readerRoleOf(stack, marriage.id, marriageVersion), 'c_jl_mz_0001')).toEqual({ ok: false, code: '42501' });
  });

  it('approved and listed: the verification answers true/false for a subject it never shows', async () => {
    await approveAndList(stack, 'jl-marriage-verify', marriageVersion);
    await approveAndList(stack, 'zjc-traffic-api', trafficVersion);
    const owner = await stack.ownerEm('delivery');
    const [subject] = await sql<{ id_no: string; kind: string }>(owner, `select id_no, kind from raw.c_jl_mz_0001 order by id_no limit 1`);
    const yes = await executeRecipe(stack.em('delivery'), { productId: marriage.id, version: marriageVersion, parameters: { id_no: subject!.id_no, kind: subject!.kind } });
    expect(yes.rows).toEqual([{ flag: true }]);
    expect(yes.columns).toEqual([{ name: 'flag', kind: 'FLAG' }]);
    // A spliced quote is a value, not SQL: nothing matches.
    const injected = await executeRecipe(stack.em('delivery'), { productId: marriage.id, version: marriageVersion, parameters: { id_no: `' or '1'='1`, kind: '结婚' } });
    expect(injected.rows).toEqual([]);
  });

  it('the aggregate releases groups of at least k subjects and never the k count itself', async () => {
    const r = await executeRecipe(stack.em('delivery'), { productId: traffic.id, version: trafficVersion, parameters: { since: '2026-11-01' } });
    expect(r.rows).toHaveLength(6);
    expect(Object.keys(r.rows[0]!)).toEqual(['checkpoint', 'vehicles']);
    expect(r.suppressedGroups).toBe(0);
    // Grouped by hour, each group holds one record per checkpoint (6 subjects): below a k of 7 every group is withheld.
    const hourly = await analyseRecipe({
      sql: 'select hour_start as hour, sum(vehicle_count) as vehicles from zjc_jt_0001 group by hour_start',
      resources: { zjc_jt_0001: { physical: 'raw.c_zjc_jt_0001', subjectField: 'record_id', fields: [{ name: 'record_id', type: 'text', sensitive: false }, { name: 'hour_start', type: 'date', sensitive: false }, { name: 'vehicle_count', type: 'integer', sensitive: false }] } },
      parameters: [],
      outputs: { hour: 'LABEL', vehicles: 'AGGREGATE' },
      k: 7,
    });
    if (!hourly.ok) throw new Error(JSON.stringify(hourly.violations));
    const role = await readerRoleOf(stack, traffic.id, trafficVersion);
    const withheld = await runStatement(stack.em('delivery'), { readerRole: role, analysis: hourly.analysis, parameters: [] }, {});
    expect(withheld).toMatchObject({ rows: [], suppressedGroups: 168, rowsRead: 168 });
    const six = await runStatement(stack.em('delivery'), { readerRole: role, analysis: { ...hourly.analysis, k: 6 }, parameters: [] }, {});
    expect(six.rows).toHaveLength(168);
  });

  it('parameters of the wrong type, unknown or missing are refused before anything runs', async () => {
    for (const parameters of [{ since: 'yesterday' }, { since: '2026-02-30' }, {}, { since: '2026-11-01', extra: 1 }, [1], { since: 20261101 }]) {
      const e = await refusal(executeRecipe(stack.em('delivery'), { productId: traffic.id, version: trafficVersion, parameters }));
      expect(e.code).toBe('BAD_USER_INPUT');
      expect(e.details).toMatchObject({ code: 'PARAMETER_INVALID' });
    }
  });

  it('the reader role of product A cannot read product B’s view, and reads its own', async () => {
    const marriageRole = await readerRoleOf(stack, marriage.id, marriageVersion);
    const trafficRole = await readerRoleOf(stack, traffic.id, trafficVersion);
    expect(await readAs(marriageRole, 'c_jl_mz_0001')).toEqual({ ok: true, n: 600 });
    expect(await readAs(marriageRole, 'c_zjc_jt_0001')).toEqual({ ok: false, code: '42501' });
    expect(await readAs(trafficRole, 'c_jl_mz_0001')).toEqual({ ok: false, code: '42501' });
    // Not the raw tables under the views either (superseded batches live there).
    expect(await readAs(marriageRole, 'r_jl_mz_0001_v1')).toEqual({ ok: false, code: '42501' });
  });

  it('no subgraph service role, nor the gateway\'s role, reads the raw store or becomes a reader role', async () => {
    const marriageRole = await readerRoleOf(stack, marriage.id, marriageVersion);
    // As the migration step does: the gateway's own login role (rights on its budget table only).
    await ensureGatewayState(stack.db.url, { role: true });
    const gateway = roleUrl(stack.db.url, GATEWAY_ROLE, rolePassword(GATEWAY_ROLE)!);
    for (const [name, url] of [...Object.entries(stack.serviceUrls), ['gateway', gateway] as const]) {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      try {
        for (const statement of ['select count(*) from raw.c_jl_mz_0001', 'select count(*) from raw.r_jl_mz_0001_v1', `set role ${marriageRole}`]) {
          const err = await c.query(statement).then(() => null, (e: { code?: string }) => e.code);
          // delivery may SET ROLE to its readers (membership without inherit); nobody else may.
          if (name === 'delivery' && statement.startsWith('set role')) {
            expect(err).toBeNull();
            await c.query('reset role');
          } else expect(err, `${name}: ${statement}`).toBe('42501');
        }
      } finally {
        await c.end();
      }
    }
  });

  it('a statement past the timeout is refused with EXECUTION_TIMEOUT and no database text', async () => {
    const analysed = await analyseRecipe({
      sql: 'select a.kind as kind, count(a.id_no) as n from jl_mz_0001 a, jl_mz_0001 b, jl_mz_0001 c group by a.kind',
      resources: { jl_mz_0001: { physical: 'raw.c_jl_mz_0001', subjectField: 'id_no', fields: [{ name: 'id_no', type: 'text', sensitive: true }, { name: 'kind', type: 'text', sensitive: false }, { name: 'district', type: 'text', sensitive: false }, { name: 'registered_on', type: 'date', sensitive: false }] } },
      parameters: [],
      outputs: { kind: 'LABEL', n: 'AGGREGATE' },
      k: 5,
    });
    if (!analysed.ok) throw new Error(JSON.stringify(analysed.violations));
    const role = await readerRoleOf(stack, marriage.id, marriageVersion);
    const e = await refusal(runStatement(stack.em('delivery'), { readerRole: role, analysis: analysed.analysis, parameters: [] }, {}, { timeoutMs: 50 }));
    expect(e.code).toBe('POLICY_VIOLATION');
    expect(e.details).toEqual({ code: 'EXECUTION_TIMEOUT', timeoutMs: 50 });
    expect(e.message).not.toMatch(/cancel|statement/i);
  });

  it('a data-plane session (services/reader-sessions.ts) is the reader role under the same limits: its own view only, read only, the timeout, search_path pinned', async () => {
    const role = await readerRoleOf(stack, marriage.id, marriageVersion);
    const pool = await readerSessions(stack.em('delivery'), role, { timeoutMs: 50 });
    const code = (p: Promise<unknown>) => p.then(() => 'ok', (e: { code?: string }) => e.code);
    const { rows: [s] } = await pool.query(`select current_user as u, current_setting('transaction_read_only') as ro, current_setting('statement_timeout') as t, current_setting('search_path') as sp`);
    expect(s).toMatchObject({ u: role, ro: 'on', t: '50ms' });
    expect(s.sp).toMatch(/^pg_catalog, ?pg_temp$/);
    expect((await pool.query('select count(*)::int as n from raw.c_jl_mz_0001')).rows[0].n).toBe(600);
    expect(await code(pool.query('select count(*) from raw.c_zjc_jt_0001'))).toBe('42501');
    expect(await code(pool.query('select count(*) from raw.r_jl_mz_0001_v1'))).toBe('42501');
    expect(await code(pool.query('create temp table t (a int)'))).toBe('25006');
    expect(await code(pool.query('select pg_sleep(1)'))).toBe('57014');
  });

  it('a delisted product stops at the very next call, and its reader loses the grant', async () => {
    const res = await stack.gql(`mutation($id: ID!) { delistProduct(productId: $id, reason: "停止服务") { id } }`, { id: traffic.id }, { as: operatorOf('ZJC') });
    expect(res.errors).toBeUndefined();
    await stack.settle();
    const e = await refusal(executeRecipe(stack.em('delivery'), { productId: traffic.id, version: trafficVersion, parameters: { since: '2026-11-01' } }));
    expect(e.details).toMatchObject({ code: 'PRODUCT_NOT_LISTED' });
    expect(await readAs(await readerRoleOf(stack, traffic.id, trafficVersion), 'c_zjc_jt_0001')).toEqual({ ok: false, code: '42501' });
  });
});
