import { createHash, createHmac, generateKeyPairSync, sign } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { PgBoss } from 'pg-boss';
import { startTestDatabase, type TestDatabase } from '@pdo/testing';
import {
  auditKeys,
  canonicalJson,
  checkpointMessage,
  createCheckpoint,
  createOrm,
  ensureInboxes,
  EventPublisher,
  GENESIS_HASH,
  migrate,
  platformMigrations,
  publicKeyOf,
  signAndPublishCheckpoint,
  sql,
  startBoss,
  verifyAuditChain,
  writeAudit,
  type AuditRow,
  type CheckpointInput,
  type Identity,
} from '../src/index.js';

/*
 * Whoever holds the database as its owner can switch the append-only trigger off, edit a record
 * and recompute every hash. The chain is keyed (HMAC under AUDIT_CHAIN_KEY, not in the database)
 * and signed checkpoints live outside the audited table, so each of these rewrites is found.
 */
const actor: Identity = { sub: 'u-agency', role: 'AGENCY', org: '0190a0c2-0000-7000-8000-000000000002', jurisdiction: 'HN' };
let db: TestDatabase;
let orm: MikroORM;
let boss: PgBoss;
const em = (): EntityManager => orm.em.fork();

beforeAll(async () => {
  db = await startTestDatabase();
  orm = await createOrm({ url: db.url, schema: 'catalog', entities: [], migrations: platformMigrations });
  await migrate(orm, 'catalog');
  boss = await startBoss(db.url);
  await ensureInboxes(boss);
});
afterAll(async () => {
  await boss?.stop({ graceful: false } as never);
  await orm?.close();
  await db?.stop();
});

async function asOwner(statements: string[]): Promise<void> {
  await em().transactional(async (tx) => {
    await sql(tx, 'alter table audit_log disable trigger audit_log_no_update');
    await sql(tx, 'alter table audit_checkpoint disable trigger audit_checkpoint_no_update');
    for (const s of statements) await sql(tx, s);
    await sql(tx, 'alter table audit_log enable trigger audit_log_no_update');
    await sql(tx, 'alter table audit_checkpoint enable trigger audit_checkpoint_no_update');
  });
}

async function reset(): Promise<void> {
  await asOwner(['delete from audit_log', 'delete from audit_checkpoint']);
}

async function append(n: number, tag = 'r'): Promise<void> {
  for (let i = 0; i < n; i++) {
    await em().transactional((tx) => writeAudit(tx, { identity: actor, requestId: `${tag}${i}` }, [{ entityType: 'DataResource', entityId: `${tag}-${i}`, action: 'CREATED', changes: { i } }]));
  }
}

const seqs = async () => (await sql<{ seq: string }>(em(), 'select seq::text as seq from audit_log order by audit_log.seq')).map((r) => r.seq);

type Link = (prev: string, body: string) => string;
const plainSha: Link = (prev, body) => createHash('sha256').update(prev).update('|').update(body).digest('hex');
const hmacUnder = (key: string): Link => (prev, body) => createHmac('sha256', key).update('pdo-audit-v2|').update(prev).update('|').update(body).digest('hex');

/** The attacker's rewrite: every record's links recomputed from the genesis with `link`, optionally a new chain version. */
async function recomputeAll(link: Link, version?: number): Promise<void> {
  const rows = await sql<AuditRow>(em(), 'select * from audit_log order by audit_log.seq');
  let prev = GENESIS_HASH;
  const statements: string[] = [];
  for (const r of rows) {
    const body = canonicalJson([new Date(r.occurred_at).toISOString(), r.actor_sub, r.actor_role, r.actor_org, r.entity_type, r.entity_id, r.action, r.changes, r.reason, r.request_id]);
    const hash = link(prev, body);
    statements.push(`update audit_log set prev_hash = '${prev}', hash = '${hash}'${version ? `, chain_version = ${version}` : ''} where seq = ${r.seq}`);
    prev = hash;
  }
  await asOwner(statements);
}

const checkpointsOf = async (): Promise<CheckpointInput[]> =>
  (await sql<{ subgraph: string; seq: string; head_hash: string; signed_at: Date; public_key: string; signature: string }>(em(), 'select subgraph, seq::text as seq, head_hash, signed_at, public_key, signature from audit_checkpoint order by audit_checkpoint.seq')).map((c) => ({
    subgraph: c.subgraph,
    seq: c.seq,
    headHash: c.head_hash,
    signedAt: new Date(c.signed_at).toISOString(),
    publicKey: c.public_key,
    signature: c.signature,
  }));

const checkpoint = () => em().transactional((tx) => createCheckpoint(tx, 'catalog', { signedBy: 'test' }));

beforeEach(reset);

describe('keyed audit chain', () => {
  it('new records are chain version 2 (keyed) and a valid chain with checkpoints verifies', async () => {
    await append(3);
    await checkpoint();
    await append(2, 's');
    await checkpoint();
    const versions = await sql<{ v: number }>(em(), 'select distinct chain_version as v from audit_log');
    expect(versions).toEqual([{ v: 2 }]);
    const v = await verifyAuditChain(em(), { subgraph: 'catalog', checkpoints: await checkpointsOf() });
    expect(v).toMatchObject({ valid: true, checked: 5, brokenAtSeq: null, problem: null, checkpointsChecked: 4 });
  });

  it('an edited record with every hash recomputed with plain SHA-256 fails at that record', async () => {
    await append(5);
    const s = await seqs();
    await asOwner([`update audit_log set changes = '{"i":"tampered"}' where seq = ${s[2]}`]);
    await recomputeAll(plainSha);
    const v = await verifyAuditChain(em());
    expect(v).toMatchObject({ valid: false, brokenAtSeq: s[0], problem: 'CONTENT_HASH_MISMATCH' });
  });

  it('an edited record with every hash recomputed with HMAC under a wrong key fails, naming the seq', async () => {
    await append(5);
    const s = await seqs();
    await asOwner([`update audit_log set changes = '{"i":"tampered"}' where seq = ${s[2]}`]);
    await recomputeAll(hmacUnder('an-attacker-guessed-key-of-some-length'));
    const v = await verifyAuditChain(em());
    expect(v).toMatchObject({ valid: false, brokenAtSeq: s[0], problem: 'CONTENT_HASH_MISMATCH' });
  });

  it('an edit recomputed from the edited record on (earlier links kept) fails at the edited record', async () => {
    await append(5);
    const s = await seqs();
    await asOwner([`update audit_log set changes = '{"i":"tampered"}' where seq = ${s[2]}`]);
    // Only the edited record and those after it are recomputed (plain SHA-256, marked as legacy).
    const rows = await sql<AuditRow>(em(), 'select * from audit_log where seq >= $1 order by seq', [s[2]]);
    let prev = rows[0]!.prev_hash;
    const statements: string[] = [];
    for (const r of rows) {
      const body = canonicalJson([new Date(r.occurred_at).toISOString(), r.actor_sub, r.actor_role, r.actor_org, r.entity_type, r.entity_id, r.action, r.changes, r.reason, r.request_id]);
      const hash = plainSha(prev, body);
      statements.push(`update audit_log set prev_hash = '${prev}', hash = '${hash}', chain_version = 1 where seq = ${r.seq}`);
      prev = hash;
    }
    await asOwner(statements);
    const v = await verifyAuditChain(em());
    expect(v).toMatchObject({ valid: false, brokenAtSeq: s[2], problem: 'CHAIN_VERSION_DOWNGRADE' });
  });

  it('a whole chain rewritten as legacy SHA-256 records is caught by the signed checkpoint', async () => {
    await append(5);
    await checkpoint();
    const s = await seqs();
    await asOwner([`update audit_log set changes = '{"i":"tampered"}' where seq = ${s[1]}`]);
    await recomputeAll(plainSha, 1);
    const v = await verifyAuditChain(em(), { subgraph: 'catalog' });
    expect(v).toMatchObject({ valid: false, brokenAtSeq: s[4], brokenCheckpointSeq: s[4], problem: 'CHECKPOINT_HASH_MISMATCH' });
  });

  it('records chained before keying (version 1) verify as before, and a rewrite of them breaks at the first keyed record after', async () => {
    // Two legacy records, as the platform wrote them before migration 0000_platform_tables_v2_audit_keyed.
    const legacy = [
      { at: '2026-01-01T00:00:00.000Z', id: 'old-1' },
      { at: '2026-01-02T00:00:00.000Z', id: 'old-2' },
    ];
    let prev = GENESIS_HASH;
    const inserts: string[] = [];
    for (const l of legacy) {
      const body = canonicalJson([l.at, 'u-old', 'AGENCY', null, 'DataResource', l.id, 'CREATED', {}, null, null]);
      const hash = plainSha(prev, body);
      inserts.push(`insert into audit_log (occurred_at, actor_sub, actor_role, actor_org, entity_type, entity_id, action, changes, prev_hash, hash, chain_version) values ('${l.at}', 'u-old', 'AGENCY', null, 'DataResource', '${l.id}', 'CREATED', '{}', '${prev}', '${hash}', 1)`);
      prev = hash;
    }
    await asOwner(inserts);
    await append(2);
    expect(await verifyAuditChain(em())).toMatchObject({ valid: true, checked: 4 });
    const s = await seqs();
    await asOwner([`update audit_log set entity_id = 'forged' where seq = ${s[0]}`]);
    await recomputeAll(plainSha);
    expect(await verifyAuditChain(em())).toMatchObject({ valid: false, brokenAtSeq: s[2], problem: 'CONTENT_HASH_MISMATCH' });
  });
});

describe('signed checkpoints', () => {
  it('a tail deleted after a checkpoint fails verification naming the checkpoint', async () => {
    await append(3);
    await checkpoint();
    await append(3, 't');
    const cp = (await checkpointsOf())[0]!;
    const s = await seqs();
    await checkpoint();
    const last = (await checkpointsOf())[1]!;
    expect(last.seq).toBe(s[5]);
    await asOwner([`delete from audit_log where seq > ${s[3]}`]);
    const v = await verifyAuditChain(em(), { subgraph: 'catalog' });
    expect(v).toMatchObject({ valid: false, problem: 'CHAIN_SHORTER_THAN_CHECKPOINT', brokenCheckpointSeq: s[5], brokenAtSeq: s[4] });
    expect(cp.seq).toBe(s[2]);
  });

  it('when the stored checkpoints are deleted too, the external copy still names the cut', async () => {
    await append(4);
    await checkpoint();
    const external = await checkpointsOf();
    const s = await seqs();
    await asOwner([`delete from audit_log where seq >= ${s[2]}`, 'delete from audit_checkpoint']);
    expect(await verifyAuditChain(em())).toMatchObject({ valid: true, checkpointsChecked: 0 });
    const v = await verifyAuditChain(em(), { subgraph: 'catalog', checkpoints: external });
    expect(v).toMatchObject({ valid: false, problem: 'CHAIN_SHORTER_THAN_CHECKPOINT', brokenCheckpointSeq: s[3], brokenAtSeq: s[2] });
  });

  it('refuses a checkpoint signed by a key the platform does not trust, a forged signature and another subgraph\'s checkpoint', async () => {
    await append(2);
    const [head] = await sql<{ seq: string; hash: string }>(em(), 'select seq::text as seq, hash from audit_log order by audit_log.seq desc limit 1');
    const { privateKey } = generateKeyPairSync('ed25519');
    const base = { subgraph: 'catalog', seq: head!.seq, headHash: head!.hash, signedAt: new Date().toISOString() };
    const foreign: CheckpointInput = { ...base, publicKey: publicKeyOf(privateKey), signature: sign(null, checkpointMessage(base), privateKey).toString('base64') };
    expect(await verifyAuditChain(em(), { subgraph: 'catalog', checkpoints: [foreign] })).toMatchObject({ valid: false, problem: 'CHECKPOINT_UNTRUSTED_KEY', brokenCheckpointSeq: head!.seq });
    await checkpoint();
    const [good] = await checkpointsOf();
    const forged = { ...good!, headHash: 'f'.repeat(64) };
    expect(await verifyAuditChain(em(), { subgraph: 'catalog', checkpoints: [forged] })).toMatchObject({ valid: false, problem: 'CHECKPOINT_SIGNATURE_INVALID' });
    expect(await verifyAuditChain(em(), { subgraph: 'licensing', checkpoints: [] })).toMatchObject({ valid: false, problem: 'CHECKPOINT_OTHER_SUBGRAPH' });
  });

  it('the checkpoint table is append-only', async () => {
    await append(1);
    await checkpoint();
    await expect(sql(em(), `update audit_checkpoint set seq = 0`)).rejects.toThrow(/append-only/);
    await expect(sql(em(), `delete from audit_checkpoint`)).rejects.toThrow(/append-only/);
    await expect(sql(em(), `truncate audit_checkpoint`)).rejects.toThrow(/append-only/);
  });

  it('the scheduled job signs only when the chain advanced, and publishes AuditCheckpointSigned to evaluation in the same transaction', async () => {
    await append(2);
    const publisher = new EventPublisher(boss, 'catalog');
    const first = await em().transactional((tx) => signAndPublishCheckpoint(tx, 'catalog', publisher, { signedBy: 'system', onlyIfAdvanced: true }));
    expect(first).not.toBeNull();
    const again = await em().transactional((tx) => signAndPublishCheckpoint(tx, 'catalog', publisher, { signedBy: 'system', onlyIfAdvanced: true }));
    expect(again).toBeNull();
    const jobs = await sql<{ name: string; data: { name: string; payload: { seq: string; signature: string } } }>(em(), `select name, data from pgboss.job where data->>'name' = 'AuditCheckpointSigned'`);
    expect(jobs.map((j) => j.name)).toEqual(['inbox_evaluation']);
    expect(jobs[0]!.data.payload).toMatchObject({ seq: first!.seq, signature: first!.signature });
  });
});

describe('upgrade of a populated chain', () => {
  it('records written before the keyed migration stay version 1 and verify; records after are keyed', async () => {
    // A schema migrated and written by the code as it was (0000_platform_tables only, plain SHA-256, no chain_version).
    const old = await createOrm({ url: db.url, schema: 'licensing', entities: [], migrations: platformMigrations.slice(0, 1) });
    await migrate(old, 'licensing');
    let prev = GENESIS_HASH;
    for (const id of ['a', 'b']) {
      const at = new Date().toISOString();
      const hash = plainSha(prev, canonicalJson([at, 'u-old', 'AGENCY', null, 'Agreement', id, 'CREATED', {}, null, null]));
      await sql(old.em.fork(), `insert into audit_log (occurred_at, actor_sub, actor_role, entity_type, entity_id, action, changes, prev_hash, hash) values ($1, 'u-old', 'AGENCY', 'Agreement', $2, 'CREATED', '{}', $3, $4)`, [at, id, prev, hash]);
      prev = hash;
    }
    await old.close();
    const upgraded = await createOrm({ url: db.url, schema: 'licensing', entities: [], migrations: platformMigrations });
    try {
      expect(await migrate(upgraded, 'licensing')).toEqual(platformMigrations.slice(1).map((m) => m.name));
      await upgraded.em.fork().transactional((tx) => writeAudit(tx, { identity: actor }, [{ entityType: 'Agreement', entityId: 'c', action: 'SIGNED' }]));
      const versions = await sql<{ v: number }>(upgraded.em.fork(), 'select chain_version as v from audit_log order by audit_log.seq');
      expect(versions.map((r) => r.v)).toEqual([1, 1, 2]);
      expect(await verifyAuditChain(upgraded.em.fork(), { subgraph: 'licensing' })).toMatchObject({ valid: true, checked: 3 });
    } finally {
      await upgraded.close();
    }
  });
});

describe('audit keys', () => {
  it('production refuses to start without a strong chain key and a signing key; development derives fixed ones', () => {
    expect(() => auditKeys({ NODE_ENV: 'production' } as NodeJS.ProcessEnv)).toThrow(/AUDIT_CHAIN_KEY/);
    expect(() => auditKeys({ NODE_ENV: 'production', AUDIT_CHAIN_KEY: 'short' } as NodeJS.ProcessEnv)).toThrow(/AUDIT_CHAIN_KEY/);
    expect(() => auditKeys({ NODE_ENV: 'production', AUDIT_CHAIN_KEY: 'k'.repeat(40) } as NodeJS.ProcessEnv)).toThrow(/AUDIT_SIGNING_KEY/);
    const seed = Buffer.alloc(32, 7).toString('base64');
    const prod = auditKeys({ NODE_ENV: 'production', AUDIT_CHAIN_KEY: 'k'.repeat(40), AUDIT_SIGNING_KEY: seed } as NodeJS.ProcessEnv);
    const dev = auditKeys({} as NodeJS.ProcessEnv);
    expect(prod.publicKey).not.toBe(dev.publicKey);
    expect(auditKeys({} as NodeJS.ProcessEnv).publicKey).toBe(dev.publicKey);
  });
});
