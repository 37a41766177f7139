import type { EntityManager } from '@mikro-orm/postgresql';
import { sqlOne } from '@pdo/platform';

/** An entitlement as delivery's projection holds it (fed by products' EntitlementChanged). */
export interface EntitlementFactsRow {
  entitlementId: string;
  usageAgreementId: string;
  productId: string;
  developerId: string;
  operatorId: string;
  jurisdiction: string;
  status: string;
  pauseReason: string | null;
  startDate: string;
  endDate: string;
  quotaUnits: string | null;
}

export async function entitlementOfAgreement(em: EntityManager, usageAgreementId: string): Promise<EntitlementFactsRow | null> {
  return sqlOne<EntitlementFactsRow>(
    em,
    `select entitlement_id as "entitlementId", usage_agreement_id as "usageAgreementId", product_id as "productId", developer_id as "developerId",
            operator_id as "operatorId", jurisdiction, status, pause_reason as "pauseReason", start_date::text as "startDate", end_date::text as "endDate",
            quota_units::text as "quotaUnits"
       from entitlement_projection where usage_agreement_id = $1`,
    [usageAgreementId],
  );
}
