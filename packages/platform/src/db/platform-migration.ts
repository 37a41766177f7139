import { Migration } from '@mikro-orm/migrations';
import { AUDIT_DDL } from '../audit/audit.js';
import { PROCESSED_EVENTS_DDL } from '../events/bus.js';
import { CHECKPOINT_DDL } from '../audit/checkpoint.js';
import { REPLAY_NONCE_DDL } from '../auth/replay-store.js';

/** Tables every subgraph schema has: the audit chain and the consumed-event ledger. */
export class PlatformTables0001 extends Migration {
  override async up(): Promise<void> {
    this.addSql(AUDIT_DDL);
    this.addSql(PROCESSED_EVENTS_DDL);
    this.addSql('create table if not exists seed_runs (name text primary key, ran_at timestamptz not null default now());');
  }
}
/**
 * Keyed audit chain (SECURITY.md): every record carries its chain version — 1 for the records
 * written before (plain SHA-256, verified as before), 2 for every record written from now on
 * (HMAC-SHA-256 under AUDIT_CHAIN_KEY) — and signed checkpoints of the chain live in their own
 * append-only table next to it.
 */
export class PlatformAuditKeyed0002 extends Migration {
  override async up(): Promise<void> {
    this.addSql('alter table audit_log add column if not exists chain_version smallint not null default 1;');
    this.addSql('alter table audit_log add constraint audit_log_chain_version_check check (chain_version in (1, 2));');
    this.addSql(CHECKPOINT_DDL);
  }
}

/**
 * Whose officials may read an audit record: its jurisdiction (the acting official's, or the event's
 * for a handler). A view filter, not part of the hashed content; records written before it, and
 * system records without one, stay visible to every official (SECURITY.md, known limits).
 */
export class PlatformAuditJurisdiction0003 extends Migration {
  override async up(): Promise<void> {
    this.addSql('alter table audit_log add column if not exists jurisdiction text;');
    this.addSql('create index if not exists audit_log_jurisdiction_idx on audit_log (jurisdiction, seq desc);');
  }
}

/**
 * The nonces of accepted subgraph requests, shared by the replicas of a subgraph when
 * REPLAY_STORE=postgres (auth/replay-store.ts). Created in every schema so the setting can be
 * switched without a migration.
 */
export class PlatformReplayNonces0004 extends Migration {
  override async up(): Promise<void> {
    this.addSql(REPLAY_NONCE_DDL);
  }
}

export const platformMigrations = [
  { name: '0000_platform_tables', class: PlatformTables0001 },
  { name: '0000_platform_tables_v2_audit_keyed', class: PlatformAuditKeyed0002 },
  { name: '0000_platform_tables_v3_audit_jurisdiction', class: PlatformAuditJurisdiction0003 },
  { name: '0000_platform_tables_v4_replay_nonces', class: PlatformReplayNonces0004 },
];
