import type { EntityManager } from '@mikro-orm/postgresql';
import type { Identity, ScopeOptions } from '@pdo/platform';
import { scopeOf } from '@pdo/platform';
import type { ExpressionBuilder, Insertable, Selectable } from 'kysely';
import { db, type DataPlaneDB } from './data-plane-tables.js';

export type CredentialRow = Selectable<DataPlaneDB['api_credential']>;
export type CallLogRow = Selectable<DataPlaneDB['call_log']>;

export async function insertCredential(tx: EntityManager, row: Insertable<DataPlaneDB['api_credential']>): Promise<void> {
  await db(tx).insertInto('api_credential').values(row).execute();
}

export async function credentialById(em: EntityManager, id: string, forUpdate = false): Promise<CredentialRow | undefined> {
  let q = db(em).selectFrom('api_credential').selectAll().where('id', '=', id);
  if (forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

export async function revokeCredential(tx: EntityManager, id: string, by: string, reason: string, at: Date): Promise<void> {
  await db(tx).updateTable('api_credential').set({ status: 'REVOKED', revoked_at: at, revoked_by: by, revoke_reason: reason }).where('id', '=', id).where('status', '=', 'ACTIVE').execute();
}

/** Rows the identity may see, as a Kysely condition (the platform's scope, packages/platform/src/access/scope.ts). */
function scoped<T extends 'api_credential' | 'call_log'>(identity: Identity, options: ScopeOptions) {
  const scope = scopeOf(identity, options);
  return (eb: ExpressionBuilder<DataPlaneDB, T>) => {
    const org = 'org' in scope ? scope.org : null;
    const own = org ? [eb(eb.ref('developer_id' as never), '=', org as never), eb(eb.ref('operator_id' as never), '=', org as never)] : [];
    switch (scope.kind) {
      case 'ALL':
        return eb.lit(true);
      case 'JURISDICTION':
        return eb.or([eb(eb.ref('jurisdiction' as never), '=', scope.jurisdiction as never), ...own]);
      case 'ORG':
        return eb.or(own);
      case 'PUBLIC':
        return eb.lit(false);
    }
  };
}

export interface PageWindow {
  limit: number;
  offset: number;
}

/** Credentials the identity may see, newest first (optionally of one usage agreement); one statement, two when the page is full. */
export async function credentialPage(em: EntityManager, identity: Identity, options: ScopeOptions, usageAgreementId: string | null, win: PageWindow): Promise<{ rows: CredentialRow[]; totalCount: number }> {
  let base = db(em).selectFrom('api_credential').where(scoped<'api_credential'>(identity, options));
  if (usageAgreementId) base = base.where('usage_agreement_id', '=', usageAgreementId);
  const rows = win.limit > 0 ? await base.selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').limit(win.limit).offset(win.offset).execute() : [];
  if (rows.length < win.limit && (rows.length > 0 || win.offset === 0)) return { rows, totalCount: win.offset + rows.length };
  const c = await base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirst();
  return { rows, totalCount: Number(c?.n ?? 0) };
}

/** Call log entries the identity may see, newest first; filters by agreement and product. */
export async function callLogPage(em: EntityManager, identity: Identity, options: ScopeOptions, filter: { usageAgreementId?: string | null; productId?: string | null }, win: PageWindow): Promise<{ rows: CallLogRow[]; totalCount: number }> {
  let base = db(em).selectFrom('call_log').where(scoped<'call_log'>(identity, options));
  if (filter.usageAgreementId) base = base.where('usage_agreement_id', '=', filter.usageAgreementId);
  if (filter.productId) base = base.where('product_id', '=', filter.productId);
  const rows = win.limit > 0 ? await base.selectAll().orderBy('called_at', 'desc').orderBy('id', 'desc').limit(win.limit).offset(win.offset).execute() : [];
  if (rows.length < win.limit && (rows.length > 0 || win.offset === 0)) return { rows, totalCount: win.offset + rows.length };
  const c = await base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirst();
  return { rows, totalCount: Number(c?.n ?? 0) };
}

/** Units metered so far per usage agreement (absent: none), for many agreements in one statement. */
export async function meteredUnits(em: EntityManager, usageAgreementIds: readonly string[]): Promise<Map<string, bigint>> {
  if (usageAgreementIds.length === 0) return new Map();
  const rows = await db(em).selectFrom('metered_units').select(['usage_agreement_id', 'used_units']).where('usage_agreement_id', 'in', [...usageAgreementIds]).execute();
  return new Map(rows.map((r) => [r.usage_agreement_id, BigInt(r.used_units)]));
}
