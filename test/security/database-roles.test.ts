/**
 * The services connect as roles that cannot escape their own schema (packages/platform/src/db/roles.ts)
 * and the audit trail is tamper-evident beyond the database (packages/platform/src/audit/):
 * - each subgraph's connection is its own login role, which PostgreSQL refuses every way of
 *   rewriting history (disable or drop the trigger, update, delete, truncate the audit tables) and
 *   any read or write of another subgraph's schema;
 * - a checkpoint signed on demand reaches the public disclosure feed through the stack's event
 *   delivery, can be exported, and verifies the chain; a tail cut by the owner behind the
 *   trigger then fails verification at the checkpoint.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { auditCheckpointJob, serviceRole, sql, writeAudit, type Identity } from '@pdo/platform';
import { SUBGRAPHS } from '@pdo/events';
import { startTestStack, type TestStack } from '@pdo/testing';
import { DEFINITIONS } from './all-subgraphs.js';

const authority: Identity = { sub: 'authority-user', role: 'AUTHORITY', org: null, jurisdiction: 'HN' };
let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack(DEFINITIONS, { gateway: true });
}, 180_000);
afterAll(async () => stack?.stop());

/** One statement on a fresh connection of the subgraph's service role; resolves to the error's message or 'OK'. */
async function asService(subgraph: string, statement: string): Promise<string> {
  const client = new pg.Client({ connectionString: stack.serviceUrls[subgraph as 'catalog']! });
  await client.connect();
  try {
    await client.query(`set search_path = ${subgraph}, public`);
    await client.query(statement);
    return 'OK';
  } catch (e) {
    return (e as Error).message;
  } finally {
    await client.end();
  }
}

describe('service roles', () => {
  it('every subgraph runs as its own login role, not as the owner', async () => {
    for (const name of SUBGRAPHS) {
      const [who] = await sql<{ u: string; su: boolean }>(stack.em(name), `select current_user as u, (select rolsuper from pg_roles where rolname = current_user) as su`);
      expect(who, name).toEqual({ u: serviceRole(name), su: false });
    }
  });

  it('refuses a service role every way of rewriting its audit trail', async () => {
    for (const name of SUBGRAPHS) {
      const attempts = {
        disableTrigger: await asService(name, 'alter table audit_log disable trigger audit_log_no_update'),
        disableAllTriggers: await asService(name, 'alter table audit_log disable trigger all'),
        dropTrigger: await asService(name, 'drop trigger audit_log_no_update on audit_log'),
        dropFunction: await asService(name, 'drop function audit_log_append_only() cascade'),
        update: await asService(name, `update audit_log set action = 'X'`),
        delete: await asService(name, 'delete from audit_log'),
        truncate: await asService(name, 'truncate audit_log'),
        replicaRole: await asService(name, 'set session_replication_role = replica'),
        checkpointUpdate: await asService(name, 'update audit_checkpoint set seq = 0'),
        checkpointDelete: await asService(name, 'delete from audit_checkpoint'),
        checkpointTruncate: await asService(name, 'truncate audit_checkpoint'),
        checkpointTrigger: await asService(name, 'alter table audit_checkpoint disable trigger audit_checkpoint_no_update'),
        alterColumn: await asService(name, 'alter table audit_log drop column chain_version'),
        migrations: await asService(name, `delete from schema_migrations`),
      };
      for (const [what, outcome] of Object.entries(attempts)) {
        expect(outcome, `${name}: ${what}`).toMatch(/permission denied|must be owner|must be the owner/);
      }
      // What it needs still works: reading and appending happen through writeAudit.
      expect(await asService(name, 'select count(*) from audit_log'), name).toBe('OK');
    }
  });

  it('refuses a service role any read or write in another subgraph\'s schema', async () => {
    const targets: Record<string, string> = { catalog: 'data_resource', licensing: 'organization', products: 'data_product', revenue: 'charge', evaluation: 'disclosure', delivery: 'load_batch' };
    for (const name of SUBGRAPHS) {
      for (const other of SUBGRAPHS.filter((o) => o !== name)) {
        expect(await asService(name, `select 1 from ${other}.audit_log limit 1`), `${name} reads ${other}.audit_log`).toMatch(/permission denied/);
        expect(await asService(name, `select 1 from ${other}.${targets[other]} limit 1`), `${name} reads ${other}.${targets[other]}`).toMatch(/permission denied/);
        expect(await asService(name, `delete from ${other}.${targets[other]}`), `${name} deletes in ${other}`).toMatch(/permission denied/);
        expect(await asService(name, `create table ${other}.intruder (id int)`), `${name} creates in ${other}`).toMatch(/permission denied/);
      }
      expect(await asService(name, `create table ${name}.extra (id int)`), `${name} creates a table in its own schema`).toMatch(/permission denied/);
    }
  });
});

describe('raw-data store (subgraphs/delivery, migration 0002)', () => {
  const PROBE = 'r_hn_probe_v1';
  const col = (name: string, type = 'text') => JSON.stringify([{ name, type, required: false }]);

  it('no service role — delivery included — can read a raw table; only the loader role inserts, and only delivery can become it', async () => {
    const owner = await stack.ownerEm('delivery');
    await sql(owner, `select create_raw_batch_table($1, $2::jsonb)`, [PROBE, col('x')]);
    await sql(owner, `insert into raw.${PROBE} (batch_no, line_no, x) values (1, 1, 'secret')`);
    const [roles] = await sql<{ owner: string; login: boolean }>(owner, `select (select nspowner::regrole::text from pg_namespace where nspname = 'raw') as owner,
      (select bool_or(rolcanlogin) from pg_roles where rolname in ('pdo_raw_owner', 'pdo_raw_loader')) as login`);
    expect(roles).toEqual({ owner: 'pdo_raw_owner', login: false });
    for (const name of SUBGRAPHS) {
      // Not even delivery without SET ROLE: its membership in the loader role does not inherit.
      for (const statement of [`select * from raw.${PROBE}`, `select count(*) from raw.${PROBE}`, `copy raw.${PROBE} to stdout`, `delete from raw.${PROBE}`, `insert into raw.${PROBE} (batch_no, line_no, x) values (9, 9, 'z')`, `create table raw.intruder (id int)`]) {
        expect(await asService(name, statement), `${name}: ${statement}`).toMatch(/permission denied/);
      }
    }
    // Delivery becomes the loader only inside a load: it may append, never read, change or remove.
    expect(await asService('delivery', `begin; set local role pdo_raw_loader; insert into raw.${PROBE} (batch_no, line_no, x) values (2, 1, 'y'); commit`)).toBe('OK');
    for (const statement of [`select * from raw.${PROBE}`, `update raw.${PROBE} set x = 'z'`, `delete from raw.${PROBE}`, `truncate raw.${PROBE}`, `alter table raw.${PROBE} add column y int`]) {
      expect(await asService('delivery', `set role pdo_raw_loader; ${statement}`), `loader: ${statement}`).toMatch(/permission denied|must be owner|must be the owner/);
    }
    // A GRANT without the grant option grants nothing (PostgreSQL only warns): reading stays refused.
    expect(await asService('delivery', `set role pdo_raw_loader; grant select on raw.${PROBE} to pdo_delivery; reset role; select * from raw.${PROBE}`)).toMatch(/permission denied/);
    for (const name of SUBGRAPHS.filter((n) => n !== 'delivery')) {
      expect(await asService(name, 'set role pdo_raw_loader'), `${name} becomes the loader`).toMatch(/permission denied/);
      expect(await asService(name, 'set role pdo_raw_owner'), `${name} becomes the owner`).toMatch(/permission denied/);
      expect(await asService(name, `select delivery.create_raw_batch_table('r_hn_other_v1', '${col('x')}'::jsonb)`), `${name} creates a raw table`).toMatch(/permission denied/);
    }
    expect(await asService('delivery', 'set role pdo_raw_owner')).toMatch(/permission denied/);
    const [count] = await sql<{ n: string }>(owner, `select count(*)::text as n from raw.${PROBE}`);
    expect(count!.n).toBe('2');
  });

  it('the table function runs no DDL but a batch table from a validated name and column list', async () => {
    const attempts = {
      tableName: await asService('delivery', `select create_raw_batch_table('r_x_v1 (id int); drop table raw.${PROBE}; --', '${col('x')}'::jsonb)`),
      upperCase: await asService('delivery', `select create_raw_batch_table('R_X_V1', '${col('x')}'::jsonb)`),
      columnQuote: await asService('delivery', `select create_raw_batch_table('r_hn_probe_v2', $$${col('x" text); drop table raw.r_hn_probe_v1; --')}$$::jsonb)`),
      columnType: await asService('delivery', `select create_raw_batch_table('r_hn_probe_v2', $$${col('x', 'text); drop table raw.r_hn_probe_v1; --')}$$::jsonb)`),
      reserved: await asService('delivery', `select create_raw_batch_table('r_hn_probe_v2', '${col('batch_no')}'::jsonb)`),
      empty: await asService('delivery', `select create_raw_batch_table('r_hn_probe_v2', '[]'::jsonb)`),
    };
    for (const [what, outcome] of Object.entries(attempts)) expect(outcome, what).toMatch(/invalid raw/);
    const owner = await stack.ownerEm('delivery');
    const tables = await sql<{ t: string }>(owner, `select tablename as t from pg_tables where schemaname = 'raw' order by 1`);
    expect(tables.map((r) => r.t)).toEqual([PROBE]);
  });
});

describe('signed checkpoints through the stack', () => {
  it('a checkpoint signed on demand reaches the disclosure feed, is exportable, and detects a tail cut behind the trigger', async () => {
    const signed = await stack.gql(`mutation { catalogSignAuditCheckpoint { subgraph seq headHash signedAt algorithm publicKey signature } }`, {}, { as: authority });
    expect(signed.errors).toBeUndefined();
    const cp = signed.data.catalogSignAuditCheckpoint;
    expect(cp).toMatchObject({ subgraph: 'catalog', algorithm: 'Ed25519' });
    await stack.settle();

    const feed = await stack.gql(`{ disclosures(jurisdiction: "NATIONAL", kinds: [AUDIT_CHECKPOINT], first: 10) { totalCount edges { node { kind name facts { key value } } } } }`);
    expect(feed.errors).toBeUndefined();
    const facts = Object.fromEntries(feed.data.disclosures.edges[0].node.facts.map((f: { key: string; value: string }) => [f.key, f.value]));
    expect(facts).toMatchObject({ subgraph: 'catalog', seq: cp.seq, headHash: cp.headHash, signedAt: cp.signedAt, publicKey: cp.publicKey, signature: cp.signature });
    // Redelivery of the same event leaves one entry.
    expect(feed.data.disclosures.totalCount).toBe(1);

    // An outside party exports the checkpoints (anonymously) and keeps them.
    const exported = await stack.gql(`{ catalogAuditCheckpoints(first: 100) { edges { node { subgraph seq headHash signedAt publicKey signature } } } }`);
    expect(exported.errors).toBeUndefined();
    const external = exported.data.catalogAuditCheckpoints.edges.map((e: { node: unknown }) => e.node);
    expect(external).toEqual([{ subgraph: 'catalog', seq: cp.seq, headHash: cp.headHash, signedAt: cp.signedAt, publicKey: cp.publicKey, signature: cp.signature }]);

    const VERIFY = `query($c: [AuditCheckpointInput!]) { catalogAuditVerification(checkpoints: $c) { valid checked brokenAtSeq problem checkpointsChecked brokenCheckpointSeq } }`;
    const ok = await stack.gql(VERIFY, { c: external }, { as: authority });
    expect(ok.data.catalogAuditVerification).toMatchObject({ valid: true, checkpointsChecked: 2, brokenAtSeq: null });

    // The owner cuts the tail (and the stored checkpoints) behind the triggers.
    const owner = await stack.ownerEm('catalog');
    await owner.transactional(async (tx) => {
      await sql(tx, 'alter table audit_log disable trigger audit_log_no_update');
      await sql(tx, 'alter table audit_checkpoint disable trigger audit_checkpoint_no_update');
      await sql(tx, 'delete from audit_log where seq >= $1', [cp.seq]);
      await sql(tx, 'delete from audit_checkpoint');
      await sql(tx, 'alter table audit_log enable trigger audit_log_no_update');
      await sql(tx, 'alter table audit_checkpoint enable trigger audit_checkpoint_no_update');
    });
    const cut = await stack.gql(VERIFY, { c: external }, { as: authority });
    expect(cut.data.catalogAuditVerification).toMatchObject({ valid: false, problem: 'CHAIN_SHORTER_THAN_CHECKPOINT', brokenCheckpointSeq: cp.seq, brokenAtSeq: cp.seq });
  });

  it('the scheduled job signs a chain that advanced (once) and its checkpoint reaches the feed', async () => {
    const rt = stack.runtimes.licensing!;
    await stack.em('licensing').transactional((tx) => writeAudit(tx, { identity: authority }, [{ entityType: 'Test', entityId: 'x', action: 'CREATED' }]));
    const job = auditCheckpointJob();
    await job.run(rt.orm.em.fork(), rt);
    await job.run(rt.orm.em.fork(), rt); // nothing new since: no second checkpoint
    await stack.settle();
    const feed = await stack.gql(`{ disclosures(jurisdiction: "NATIONAL", kinds: [AUDIT_CHECKPOINT], first: 10) { edges { node { name facts { key value } } } } }`);
    const licensing = feed.data.disclosures.edges.filter((e: any) => e.node.facts.some((f: any) => f.key === 'subgraph' && f.value === 'licensing'));
    expect(licensing).toHaveLength(1);
    const v = await stack.gql(`{ licensingAuditVerification { valid checked checkpointsChecked } }`, {}, { as: authority });
    expect(v.data.licensingAuditVerification).toEqual({ valid: true, checked: 1, checkpointsChecked: 1 });
  });

  it('refuses a malformed external checkpoint with a coded error', async () => {
    const r = await stack.gql(`query($c: [AuditCheckpointInput!]) { catalogAuditVerification(checkpoints: $c) { valid } }`, { c: [{ subgraph: 'catalog', seq: '-1', headHash: 'x', signedAt: 'never', publicKey: '', signature: '' }] }, { as: authority });
    expect(r.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
