import { createHash, createHmac } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { sql } from '../db/sql.js';
import type { Identity } from '../identity.js';
import { auditKeys } from './keys.js';
import { verifyCheckpoints, type CheckpointInput, type CheckpointProblem } from './checkpoint.js';

export const GENESIS_HASH = '0'.repeat(64);

/** DDL of the per-schema audit trail; part of the platform migration every subgraph runs. */
export const AUDIT_DDL = `
create table if not exists audit_log (
  seq bigserial primary key,
  occurred_at timestamptz not null,
  actor_sub text not null,
  actor_role text not null,
  actor_org uuid,
  entity_type text not null,
  entity_id text not null,
  action text not null,
  changes jsonb not null default '{}'::jsonb,
  reason text,
  request_id text,
  prev_hash char(64) not null,
  hash char(64) not null
);
create index if not exists audit_log_entity_idx on audit_log (entity_type, entity_id, seq);
create or replace function audit_log_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'audit_log is append-only' using errcode = '55000';
end $$;
drop trigger if exists audit_log_no_update on audit_log;
create trigger audit_log_no_update before update or delete or truncate on audit_log
  for each statement execute function audit_log_append_only();
`;

export interface AuditEntry {
  entityType: string;
  entityId: string;
  /** Past-tense verb or transition name, e.g. "CREATED", "SUBMITTED", "APPROVED". */
  action: string;
  changes?: Record<string, unknown>;
  reason?: string | null;
  /** The jurisdiction whose officials may read the record; default: the actor's. */
  jurisdiction?: string | null;
}

export interface AuditActor {
  identity: Identity;
  requestId?: string | null;
  /** The jurisdiction the records belong to when the actor has none (a handler: its event's). */
  jurisdiction?: string | null;
}

/** JSON with object keys sorted at every level, so the hash does not depend on key order (jsonb reorders). */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_k, v) => {
    if (typeof v === 'bigint') return v.toString();
    if (v && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date)) {
      return Object.fromEntries(Object.keys(v).sort().map((k) => [k, (v as Record<string, unknown>)[k]]));
    }
    return v;
  });
}

export interface HashInput {
  occurredAt: string;
  actorSub: string;
  actorRole: string;
  actorOrg: string | null;
  entityType: string;
  entityId: string;
  action: string;
  changes: unknown;
  reason: string | null;
  requestId: string | null;
}

/**
 * Chain versions of a record (column `chain_version`, platform migration 0001):
 * 1 — plain SHA-256 over the previous hash and the record (records written before keyed chaining);
 * 2 — HMAC-SHA-256 under AUDIT_CHAIN_KEY, a key that is not in the database, so whoever holds the
 *     database but not the key cannot recompute a consistent chain after editing a record.
 * Every record written now is version 2; a version-1 record after a version-2 one is a downgrade.
 */
export const LEGACY_CHAIN_VERSION = 1;
export const KEYED_CHAIN_VERSION = 2;

function hashBody(r: HashInput): string {
  return canonicalJson([r.occurredAt, r.actorSub, r.actorRole, r.actorOrg, r.entityType, r.entityId, r.action, r.changes, r.reason, r.requestId]);
}

/** Version-1 link: plain SHA-256 (kept to verify records written before keyed chaining). */
export function auditHash(prevHash: string, r: HashInput): string {
  return createHash('sha256').update(prevHash).update('|').update(hashBody(r)).digest('hex');
}

/** Version-2 link: HMAC-SHA-256 under the chain key (AUDIT_CHAIN_KEY unless one is given). */
export function keyedAuditHash(prevHash: string, r: HashInput, key: Buffer = auditKeys().chainKey): string {
  return createHmac('sha256', key).update('pdo-audit-v2|').update(prevHash).update('|').update(hashBody(r)).digest('hex');
}

export function chainHash(version: number, prevHash: string, r: HashInput, key?: Buffer): string | null {
  if (version === LEGACY_CHAIN_VERSION) return auditHash(prevHash, r);
  if (version === KEYED_CHAIN_VERSION) return keyedAuditHash(prevHash, r, key);
  return null;
}

/**
 * Appends records to this subgraph's hash chain inside the caller's transaction. An advisory
 * lock serialises writers of the chain until commit, so every record links to the one committed
 * just before it. Call it at the end of a mutation to keep the lock short.
 */
export async function writeAudit(em: EntityManager, actor: AuditActor, entries: AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  if (!em.isInTransaction()) throw new Error('writeAudit must run inside the mutation transaction');
  await sql(em, `select pg_advisory_xact_lock(hashtext(current_schema() || '.audit_log'))`);
  const last = await sql<{ hash: string }>(em, 'select hash from audit_log order by seq desc limit 1');
  let prev = last[0]?.hash ?? GENESIS_HASH;
  const occurredAt = new Date().toISOString();
  const key = auditKeys().chainKey;
  const rows: unknown[] = [];
  const values: string[] = [];
  for (const e of entries) {
    const rec: HashInput = {
      occurredAt,
      actorSub: actor.identity.sub,
      actorRole: actor.identity.role,
      actorOrg: actor.identity.org,
      entityType: e.entityType,
      entityId: e.entityId,
      action: e.action,
      changes: JSON.parse(canonicalJson(e.changes ?? {})),
      reason: e.reason ?? null,
      requestId: actor.requestId ?? null,
    };
    const hash = keyedAuditHash(prev, rec, key);
    const n = rows.length;
    values.push(`($${n + 1}::timestamptz,$${n + 2},$${n + 3},$${n + 4}::uuid,$${n + 5},$${n + 6},$${n + 7},$${n + 8}::jsonb,$${n + 9},$${n + 10},$${n + 11},$${n + 12},${KEYED_CHAIN_VERSION},$${n + 13})`);
    rows.push(rec.occurredAt, rec.actorSub, rec.actorRole, rec.actorOrg, rec.entityType, rec.entityId, rec.action, canonicalJson(rec.changes), rec.reason, rec.requestId, prev, hash, e.jurisdiction ?? actor.jurisdiction ?? actor.identity.jurisdiction ?? null);
    prev = hash;
  }
  await sql(
    em,
    `insert into audit_log (occurred_at, actor_sub, actor_role, actor_org, entity_type, entity_id, action, changes, reason, request_id, prev_hash, hash, chain_version, jurisdiction) values ${values.join(',')}`,
    rows,
  );
}

export interface AuditRow {
  seq: string;
  occurred_at: Date;
  actor_sub: string;
  actor_role: string;
  actor_org: string | null;
  entity_type: string;
  entity_id: string;
  action: string;
  changes: unknown;
  reason: string | null;
  request_id: string | null;
  prev_hash: string;
  hash: string;
  chain_version: number;
}

export interface ChainVerification {
  valid: boolean;
  checked: number;
  /** The first record whose stored hash or link does not match, or the seq a checkpoint names that the chain contradicts. */
  brokenAtSeq: string | null;
  problem: string | null;
  /** Checkpoints (stored and supplied) whose signature, hash and reach were checked. */
  checkpointsChecked: number;
  /** The seq of the checkpoint that the chain contradicts (hash differs, record missing, chain too short, bad signature). */
  brokenCheckpointSeq: string | null;
  /** Seq of the last record of the chain (null when empty). */
  headSeq: string | null;
}

export interface AuditVerifyOptions {
  pageSize?: number;
  /** Checkpoints held outside the database (external copies); verified with the stored ones. */
  checkpoints?: CheckpointInput[];
  /** The subgraph whose chain this is: checkpoints of another subgraph are refused. */
  subgraph?: string;
  /** Chain key (tests: a wrong key); AUDIT_CHAIN_KEY by default. */
  chainKey?: Buffer;
}

/**
 * Recomputes the whole chain in pages (version 1 with SHA-256, version 2 with the keyed MAC) and
 * reports the first record that does not match; then checks every signed checkpoint — those in
 * this schema's `audit_checkpoint` and those the caller supplies — against the chain: valid
 * signature under a trusted key, the record at the checkpoint's seq carries its hash, and the
 * chain reaches at least the last checkpoint (a deleted tail fails here).
 */
export async function verifyAuditChain(em: EntityManager, options: AuditVerifyOptions | number = {}): Promise<ChainVerification> {
  const opts: AuditVerifyOptions = typeof options === 'number' ? { pageSize: options } : options;
  const pageSize = opts.pageSize ?? 5000;
  const key = opts.chainKey ?? auditKeys().chainKey;
  const stored = await sql<{ subgraph: string; seq: string; head_hash: string; signed_at: Date; public_key: string; signature: string }>(
    em,
    'select subgraph, seq::text as seq, head_hash, signed_at, public_key, signature from audit_checkpoint order by audit_checkpoint.seq',
  );
  const checkpoints: CheckpointInput[] = [
    ...stored.map((c) => ({ subgraph: c.subgraph, seq: c.seq, headHash: c.head_hash, signedAt: new Date(c.signed_at).toISOString(), publicKey: c.public_key, signature: c.signature })),
    ...(opts.checkpoints ?? []),
  ];
  const wanted = new Set(checkpoints.map((c) => String(c.seq)));
  const hashesAt = new Map<string, string>();
  let prev = GENESIS_HASH;
  let after = '0';
  let checked = 0;
  let keyed = false;
  let chainProblem: { seq: string; problem: string } | null = null;
  outer: for (;;) {
    const page = await sql<AuditRow>(em, 'select * from audit_log where seq > $1 order by seq limit $2', [after, pageSize]);
    for (const r of page) {
      const seq = String(r.seq);
      const version = Number(r.chain_version ?? LEGACY_CHAIN_VERSION);
      if (r.prev_hash !== prev) {
        chainProblem = { seq, problem: 'PREVIOUS_HASH_MISMATCH' };
        break outer;
      }
      if (version === LEGACY_CHAIN_VERSION && keyed) {
        chainProblem = { seq, problem: 'CHAIN_VERSION_DOWNGRADE' };
        break outer;
      }
      const expected = chainHash(version, prev, {
        occurredAt: new Date(r.occurred_at).toISOString(),
        actorSub: r.actor_sub,
        actorRole: r.actor_role,
        actorOrg: r.actor_org,
        entityType: r.entity_type,
        entityId: r.entity_id,
        action: r.action,
        changes: r.changes,
        reason: r.reason,
        requestId: r.request_id,
      }, key);
      if (expected === null) {
        chainProblem = { seq, problem: 'UNKNOWN_CHAIN_VERSION' };
        break outer;
      }
      if (expected !== r.hash) {
        chainProblem = { seq, problem: 'CONTENT_HASH_MISMATCH' };
        break outer;
      }
      if (version === KEYED_CHAIN_VERSION) keyed = true;
      if (wanted.has(seq)) hashesAt.set(seq, r.hash);
      prev = r.hash;
      checked++;
      after = seq;
    }
    if (page.length < pageSize) break;
  }
  const headSeq = checked > 0 ? after : null;
  if (chainProblem) {
    return { valid: false, checked, brokenAtSeq: chainProblem.seq, problem: chainProblem.problem, checkpointsChecked: 0, brokenCheckpointSeq: null, headSeq };
  }
  const cp: { checked: number; problem: CheckpointProblem | null } = verifyCheckpoints(checkpoints, { headSeq: headSeq ?? '0', hashesAt, subgraph: opts.subgraph });
  if (cp.problem) {
    return { valid: false, checked, brokenAtSeq: cp.problem.atSeq, problem: cp.problem.problem, checkpointsChecked: cp.checked, brokenCheckpointSeq: cp.problem.checkpointSeq, headSeq };
  }
  return { valid: true, checked, brokenAtSeq: null, problem: null, checkpointsChecked: cp.checked, brokenCheckpointSeq: null, headSeq };
}
