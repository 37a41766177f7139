import { createHash } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { sql } from '../db/sql.js';
import type { Identity } from '../identity.js';

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
}

export interface AuditActor {
  identity: Identity;
  requestId?: string | null;
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

interface HashInput {
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

export function auditHash(prevHash: string, r: HashInput): string {
  const body = canonicalJson([r.occurredAt, r.actorSub, r.actorRole, r.actorOrg, r.entityType, r.entityId, r.action, r.changes, r.reason, r.requestId]);
  return createHash('sha256').update(prevHash).update('|').update(body).digest('hex');
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
    const hash = auditHash(prev, rec);
    const n = rows.length;
    values.push(`($${n + 1}::timestamptz,$${n + 2},$${n + 3},$${n + 4}::uuid,$${n + 5},$${n + 6},$${n + 7},$${n + 8}::jsonb,$${n + 9},$${n + 10},$${n + 11},$${n + 12})`);
    rows.push(rec.occurredAt, rec.actorSub, rec.actorRole, rec.actorOrg, rec.entityType, rec.entityId, rec.action, canonicalJson(rec.changes), rec.reason, rec.requestId, prev, hash);
    prev = hash;
  }
  await sql(
    em,
    `insert into audit_log (occurred_at, actor_sub, actor_role, actor_org, entity_type, entity_id, action, changes, reason, request_id, prev_hash, hash) values ${values.join(',')}`,
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
}

export interface ChainVerification {
  valid: boolean;
  checked: number;
  /** The first record whose stored hash or link does not match. */
  brokenAtSeq: string | null;
  problem: string | null;
}

/** Recomputes the whole chain in pages; reports the first record that does not match. */
export async function verifyAuditChain(em: EntityManager, pageSize = 5000): Promise<ChainVerification> {
  let prev = GENESIS_HASH;
  let after = '0';
  let checked = 0;
  for (;;) {
    const page = await sql<AuditRow>(em, 'select * from audit_log where seq > $1 order by seq limit $2', [after, pageSize]);
    for (const r of page) {
      if (r.prev_hash !== prev) return { valid: false, checked, brokenAtSeq: String(r.seq), problem: 'PREVIOUS_HASH_MISMATCH' };
      const expected = auditHash(prev, {
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
      });
      if (expected !== r.hash) return { valid: false, checked, brokenAtSeq: String(r.seq), problem: 'CONTENT_HASH_MISMATCH' };
      prev = r.hash;
      checked++;
      after = String(r.seq);
    }
    if (page.length < pageSize) return { valid: true, checked, brokenAtSeq: null, problem: null };
  }
}
