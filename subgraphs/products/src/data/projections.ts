import { sql, type SqlBool } from 'kysely';
import type { Em } from '@pdo/platform';
import { db } from './tables.js';
import { toAgreementFacts, type AgreementFacts } from './rows.js';
import { anyUuid } from './columns.js';

/*
 * Reads of the local projections of other subgraphs' facts (licensing's agreements, scenarios and grants; revenue's
 * prices). The handlers keep them (data/projection-writes.ts).
 */

export async function agreementFacts(em: Em, id: string): Promise<AgreementFacts | null> {
  const r = await db(em)
    .selectFrom('agreement_projection')
    .select(['id', 'status', 'operator_id', 'jurisdiction', 'start_date', 'end_date'])
    .where('id', '=', id)
    .executeTakeFirst();
  return r ? toAgreementFacts(r) : null;
}

export interface ScenarioFacts {
  id: string;
  agreementId: string;
  operatorId: string;
  jurisdiction: string;
  category: string | null;
  status: string;
}
export async function scenarioFacts(em: Em, id: string): Promise<ScenarioFacts | null> {
  const r = await db(em)
    .selectFrom('scenario_projection')
    .select(['id', 'agreement_id', 'operator_id', 'jurisdiction', 'category', 'status'])
    .where('id', '=', id)
    .executeTakeFirst();
  return r ? { id: r.id, agreementId: r.agreement_id, operatorId: r.operator_id, jurisdiction: r.jurisdiction, category: r.category, status: r.status } : null;
}

export interface GrantedResource {
  resourceId: string;
  withdrawn: boolean;
  unauthorizable: boolean;
}
/**
 * Which of these resources the scenario's grants cover today, and whether the catalog has since withdrawn them or
 * made them unauthorizable (a resource the catalog has not told us about counts as neither).
 */
export async function grantedResources(em: Em, scenarioId: string, resourceIds: string[], today: string): Promise<GrantedResource[]> {
  const rows = await db(em)
    .selectFrom('access_grant_projection as g')
    .leftJoin('resource_projection as r', 'r.id', 'g.resource_id')
    .select([
      'g.resource_id',
      sql<boolean>`coalesce(r.status = 'WITHDRAWN', false)`.as('withdrawn'),
      sql<boolean>`coalesce(not r.authorizable, false)`.as('unauthorizable'),
    ])
    .where('g.scenario_id', '=', scenarioId)
    .where('g.status', '=', 'ACTIVE')
    .where((eb) => eb.or([eb('g.expires_on', 'is', null), eb('g.expires_on', '>=', today)]))
    .where('g.resource_id', '=', anyUuid(resourceIds))
    .execute();
  return rows.map((r) => ({ resourceId: r.resource_id, withdrawn: r.withdrawn, unauthorizable: r.unauthorizable }));
}

export interface PriceFactsRow {
  productId: string;
  kind: string;
  chargingUnit: string;
  amountFen: string;
  effectiveFrom: string;
}
/**
 * The price and the cap of each product in force today, or else the next one announced (the loader's batch): one row
 * per product and kind.
 */
export async function currentPrices(em: Em, productIds: readonly string[]): Promise<PriceFactsRow[]> {
  const inForce = sql<SqlBool>`effective_from <= current_date`;
  const rows = await db(em)
    .selectFrom('price_projection')
    .select(['product_id', 'kind', 'charging_unit', 'amount_fen', 'effective_from'])
    .distinctOn(['product_id', 'kind'])
    .where('product_id', '=', anyUuid(productIds))
    .orderBy('product_id')
    .orderBy('kind')
    .orderBy(sql`(${inForce}) desc`)
    .orderBy(sql`case when ${inForce} then effective_from end desc`)
    .orderBy('effective_from', 'asc')
    .execute();
  return rows.map((r) => ({ productId: r.product_id, kind: r.kind, chargingUnit: r.charging_unit, amountFen: String(r.amount_fen), effectiveFrom: r.effective_from }));
}
