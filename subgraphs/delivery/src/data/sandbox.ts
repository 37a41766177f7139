/** Sandbox jobs and the privacy budget ledger (typed queries over delivery's tables). */
import type { EntityManager } from '@mikro-orm/postgresql';
import { sql } from '@pdo/platform';
import { db, type DeliveryDB } from './entities.js';
import { db as dataPlaneDb } from './data-plane-tables.js';


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

/** Units metered so far on a usage agreement, through every channel (data-plane calls and sandbox jobs). */
export async function meteredUnits(em: EntityManager, usageAgreementId: string): Promise<bigint> {
  const r = await dataPlaneDb(em).selectFrom('metered_units').select('used_units').where('usage_agreement_id', '=', usageAgreementId).executeTakeFirst();
  return BigInt(r?.used_units ?? 0);
}

/**
 * Takes one unit of the agreement's quota for a sandbox job, in the job's transaction: the same
 * counter the data plane's calls take theirs from (one quota per usage agreement, whatever the
 * channel), checked and incremented in one upsert so a call and a job never both take the last unit.
 * False: the quota is used up.
 */
export async function takeUnit(em: EntityManager, usageAgreementId: string, quotaUnits: string | null, at: Date): Promise<boolean> {
  const r = await dataPlaneDb(em).insertInto('metered_units').values({ usage_agreement_id: usageAgreementId, used_units: '1', updated_at: at })
    .onConflict((oc) => oc.column('usage_agreement_id').doUpdateSet((eb) => ({ used_units: eb(eb.ref('metered_units.used_units'), '+', eb.val('1')), updated_at: eb.ref('excluded.updated_at') }))
      .where((eb) => (quotaUnits === null ? eb.val(true) : eb(eb(eb.ref('metered_units.used_units'), '+', eb.val('1')), '<=', eb.val(quotaUnits)))))
    .returning('used_units').executeTakeFirst();
  return !!r && (quotaUnits === null || BigInt(r.used_units) <= BigInt(quotaUnits));
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
