/** Sandbox jobs and the privacy budget ledger (typed queries over delivery's tables). */
import type { EntityManager } from '@mikro-orm/postgresql';
import { sql } from '@pdo/platform';
import { db, type DeliveryDB } from './entities.js';


export type SandboxJobRow = DeliveryDB['sandbox_job'];

const JSON_COLUMNS = ['analysis', 'columns', 'result', 'group_sizes'] as const;

export async function insertSandboxJob(em: EntityManager, row: SandboxJobRow): Promise<void> {
  const values = { ...row } as Record<string, unknown>;
  for (const c of JSON_COLUMNS) values[c] = JSON.stringify(row[c]);
  await db(em).insertInto('sandbox_job').values(values as SandboxJobRow).execute();
}

export async function sandboxJob(em: EntityManager, id: string, forUpdate = false): Promise<SandboxJobRow | undefined> {
  let q = db(em).selectFrom('sandbox_job').selectAll().where('id', '=', id);
  if (forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

export async function decideSandboxJob(em: EntityManager, id: string, status: 'RELEASED' | 'REFUSED', by: string, at: Date, note: string | null): Promise<void> {
  await db(em).updateTable('sandbox_job').set({ status, reviewed_by: by, reviewed_at: at, review_note: note }).where('id', '=', id).where('status', '=', 'PENDING_REVIEW').execute();
}

export async function jobsOfEntitlement(em: EntityManager, entitlementId: string): Promise<bigint> {
  const r = await db(em).selectFrom('sandbox_job').select((eb) => eb.fn.countAll<string>().as('n')).where('entitlement_id', '=', entitlementId).executeTakeFirst();
  return BigInt(r?.n ?? 0);
}

/**
 * Serialises every budget decision of one agreement and period (the check and the charge of two
 * concurrent jobs must not both see the same remainder); held to the end of the transaction.
 */
export async function lockBudget(em: EntityManager, usageAgreementId: string, period: string): Promise<void> {
  await sql(em, `select pg_advisory_xact_lock(hashtext('delivery.budget'), hashtext($1))`, [`${usageAgreementId}:${period}`]);
}

export async function budgetSpent(em: EntityManager, usageAgreementId: string, period: string): Promise<number> {
  const r = await db(em).selectFrom('privacy_budget_charge').select((eb) => eb.fn.coalesce(eb.fn.sum<string>('micro_epsilon'), eb.val('0')).as('spent'))
    .where('usage_agreement_id', '=', usageAgreementId).where('period', '=', period).executeTakeFirst();
  return Number(r?.spent ?? 0);
}

export async function chargeBudget(em: EntityManager, row: DeliveryDB['privacy_budget_charge']): Promise<void> {
  await db(em).insertInto('privacy_budget_charge').values(row).execute();
}

export async function entitlement(em: EntityManager, id: string) {
  return db(em).selectFrom('entitlement_projection').selectAll().where('entitlement_id', '=', id).executeTakeFirst();
}

export async function productListing(em: EntityManager, productId: string) {
  return db(em).selectFrom('product_projection').selectAll().where('product_id', '=', productId).executeTakeFirst();
}
