import { setting } from '../config.js';
import { createPublicKey, sign, verify } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { sql } from '../db/sql.js';
import { auditKeys } from './keys.js';

/**
 * Signed checkpoints of the audit chain: (subgraph, seq, head hash, time) signed with Ed25519 by
 * a key that is not in the database. Kept outside the audited table (own append-only table per
 * subgraph schema), published in the public disclosure feed (event `AuditCheckpointSigned`) and
 * exportable (`<subgraph>AuditCheckpoints`), so a copy held elsewhere can prove that the chain
 * was not rewritten or cut short after the checkpoint.
 */
export const CHECKPOINT_DDL = `
create table if not exists audit_checkpoint (
  id bigserial primary key,
  subgraph text not null,
  seq bigint not null,
  head_hash char(64) not null,
  signed_at timestamptz not null,
  algorithm text not null default 'Ed25519',
  public_key text not null,
  signature text not null,
  signed_by text not null
);
create index if not exists audit_checkpoint_seq_idx on audit_checkpoint (seq);
create or replace function audit_checkpoint_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'audit_checkpoint is append-only' using errcode = '55000';
end $$;
drop trigger if exists audit_checkpoint_no_update on audit_checkpoint;
create trigger audit_checkpoint_no_update before update or delete or truncate on audit_checkpoint
  for each statement execute function audit_checkpoint_append_only();
`;

export interface CheckpointInput {
  subgraph: string;
  seq: string;
  headHash: string;
  /** ISO 8601 instant, exactly as signed. */
  signedAt: string;
  /** base64 DER SPKI Ed25519 public key. */
  publicKey: string;
  /** base64 Ed25519 signature over `checkpointMessage`. */
  signature: string;
}

export interface SignedCheckpoint extends CheckpointInput {
  algorithm: 'Ed25519';
  signedBy: string;
}

/** The exact bytes that are signed (documented so an external party can check a signature itself). */
export function checkpointMessage(c: Pick<CheckpointInput, 'subgraph' | 'seq' | 'headHash' | 'signedAt'>): Buffer {
  return Buffer.from(`pdo-audit-checkpoint:v1|${c.subgraph}|${c.seq}|${c.headHash}|${c.signedAt}`, 'utf8');
}

export function signCheckpoint(c: Pick<CheckpointInput, 'subgraph' | 'seq' | 'headHash' | 'signedAt'>): { publicKey: string; signature: string } {
  const keys = auditKeys();
  return { publicKey: keys.publicKey, signature: sign(null, checkpointMessage(c), keys.signingKey).toString('base64') };
}

export function checkpointSignatureValid(c: CheckpointInput): boolean {
  try {
    const key = createPublicKey({ key: Buffer.from(c.publicKey, 'base64'), format: 'der', type: 'spki' });
    return verify(null, checkpointMessage(c), key, Buffer.from(c.signature, 'base64'));
  } catch {
    return false;
  }
}

export interface CheckpointProblem {
  /** Where the chain is wrong: the checkpoint's seq, or the first missing seq when the chain is too short. */
  atSeq: string;
  checkpointSeq: string;
  problem: 'CHECKPOINT_SIGNATURE_INVALID' | 'CHECKPOINT_UNTRUSTED_KEY' | 'CHECKPOINT_OTHER_SUBGRAPH' | 'CHAIN_SHORTER_THAN_CHECKPOINT' | 'CHECKPOINT_RECORD_MISSING' | 'CHECKPOINT_HASH_MISMATCH';
}

/**
 * Checks checkpoints against a verified chain: trusted key and valid signature, the record at the
 * checkpoint's seq carries the signed hash, and the chain reaches the checkpoint. Reports the
 * problem at the lowest seq.
 */
export function verifyCheckpoints(
  checkpoints: CheckpointInput[],
  chain: { headSeq: string; hashesAt: ReadonlyMap<string, string>; subgraph?: string },
): { checked: number; problem: CheckpointProblem | null } {
  const trusted = auditKeys().trustedPublicKeys;
  const head = BigInt(chain.headSeq);
  const sorted = [...checkpoints].sort((a, b) => (BigInt(a.seq) < BigInt(b.seq) ? -1 : BigInt(a.seq) > BigInt(b.seq) ? 1 : 0));
  let checked = 0;
  for (const c of sorted) {
    const seq = String(c.seq);
    const fail = (problem: CheckpointProblem['problem'], atSeq = seq) => ({ checked, problem: { atSeq, checkpointSeq: seq, problem } });
    if (chain.subgraph && c.subgraph !== chain.subgraph) return fail('CHECKPOINT_OTHER_SUBGRAPH');
    if (!trusted.has(c.publicKey)) return fail('CHECKPOINT_UNTRUSTED_KEY');
    if (!checkpointSignatureValid(c)) return fail('CHECKPOINT_SIGNATURE_INVALID');
    if (BigInt(seq) > head) return fail('CHAIN_SHORTER_THAN_CHECKPOINT', String(head + 1n));
    const hash = chain.hashesAt.get(seq);
    if (hash === undefined) return fail('CHECKPOINT_RECORD_MISSING');
    if (hash !== c.headHash) return fail('CHECKPOINT_HASH_MISMATCH');
    checked++;
  }
  return { checked, problem: null };
}

interface CheckpointRow {
  subgraph: string;
  seq: string;
  head_hash: string;
  signed_at: Date;
  algorithm: string;
  public_key: string;
  signature: string;
  signed_by: string;
}

export function toCheckpoint(r: CheckpointRow): SignedCheckpoint {
  return { subgraph: r.subgraph, seq: String(r.seq), headHash: r.head_hash, signedAt: new Date(r.signed_at).toISOString(), algorithm: 'Ed25519', publicKey: r.public_key, signature: r.signature, signedBy: r.signed_by };
}

/**
 * Signs the chain's current head inside the caller's transaction (the chain's advisory lock holds
 * the head still until commit). Returns null when the chain is empty, or when `onlyIfAdvanced`
 * and the head is already covered by the last checkpoint (the scheduled job).
 */
export async function createCheckpoint(em: EntityManager, subgraph: string, opts: { signedBy: string; onlyIfAdvanced?: boolean }): Promise<SignedCheckpoint | null> {
  if (!em.isInTransaction()) throw new Error('createCheckpoint must run inside a transaction');
  await sql(em, `select pg_advisory_xact_lock(hashtext(current_schema() || '.audit_log'))`);
  const [head] = await sql<{ seq: string; hash: string }>(em, 'select seq::text as seq, hash from audit_log order by audit_log.seq desc limit 1');
  if (!head) return null;
  if (opts.onlyIfAdvanced) {
    const [last] = await sql<{ seq: string }>(em, 'select max(seq)::text as seq from audit_checkpoint');
    if (last?.seq && BigInt(last.seq) >= BigInt(head.seq)) return null;
  }
  const signedAt = new Date().toISOString();
  const unsigned = { subgraph, seq: head.seq, headHash: head.hash, signedAt };
  const { publicKey, signature } = signCheckpoint(unsigned);
  await sql(
    em,
    `insert into audit_checkpoint (subgraph, seq, head_hash, signed_at, algorithm, public_key, signature, signed_by) values ($1, $2, $3, $4, 'Ed25519', $5, $6, $7)`,
    [subgraph, head.seq, head.hash, signedAt, publicKey, signature, opts.signedBy],
  );
  return { ...unsigned, algorithm: 'Ed25519', publicKey, signature, signedBy: opts.signedBy };
}

export async function listCheckpoints(em: EntityManager, afterSeq: string | null, limit: number): Promise<SignedCheckpoint[]> {
  const rows = await sql<CheckpointRow>(
    em,
    `select subgraph, seq::text as seq, head_hash, signed_at, algorithm, public_key, signature, signed_by from audit_checkpoint where ($1::bigint is null or seq > $1::bigint) order by audit_checkpoint.seq, audit_checkpoint.id limit $2`,
    [afterSeq, limit],
  );
  return rows.map(toCheckpoint);
}

/**
 * Signs a checkpoint and publishes `AuditCheckpointSigned` in the same transaction (the disclosure
 * feed then carries it). Used by the scheduled job (only when the chain advanced) and by the
 * AUTHORITY's on-demand mutation.
 */
export async function signAndPublishCheckpoint(
  em: EntityManager,
  subgraph: string,
  publisher: { publish(em: EntityManager, name: 'AuditCheckpointSigned', payload: object, jurisdiction?: string | null): Promise<unknown> },
  opts: { signedBy: string; onlyIfAdvanced?: boolean },
): Promise<SignedCheckpoint | null> {
  const cp = await createCheckpoint(em, subgraph, opts);
  if (!cp) return null;
  const { signedBy: _by, ...payload } = cp;
  await publisher.publish(em, 'AuditCheckpointSigned', payload, null);
  return cp;
}

/** Interval of the scheduled checkpoint job (AUDIT_CHECKPOINT_INTERVAL_SECONDS, default one hour; 0 turns it off). */
export function checkpointIntervalSeconds(env: NodeJS.ProcessEnv = process.env): number {
  return setting('AUDIT_CHECKPOINT_INTERVAL_SECONDS', env);
}
