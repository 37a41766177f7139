import { sql, type Em } from '@pdo/platform';
import type { EvaluationEvents } from '@pdo/events';

/*
 * The set-based steps of the chain that follows an authorization's end (services/holds.ts runs them and publishes what
 * changed). Hand-written SQL: each is one update over every product (entitlement, usage agreement, application) of the
 * agreement, returning what changed for the events, so an agreement with many products costs the same statements.
 */

/** Listings of the agreement's products are withdrawn for good; answers the listings withdrawn. */
export async function withdrawListingsOf(em: Em, agreementId: string, reason: string) {
  return sql<{ id: string; jurisdiction: string; operator_id: string }>(
    em,
    `update data_product set listing_status = 'WITHDRAWN', listing_reason = $2, updated_at = now()
      where agreement_id = $1 and listing_status in ('LISTED', 'SUSPENDED') returning id, jurisdiction, operator_id`,
    [agreementId, reason],
  );
}

/** Entitlements to the agreement's products are revoked; answers their ids. */
export async function revokeEntitlementsOf(em: Em, agreementId: string): Promise<string[]> {
  const rows = await sql<{ id: string }>(
    em,
    `update entitlement set status = 'REVOKED', pause_reason = 'AGREEMENT_ENDED'
      where status in ('ACTIVE', 'PAUSED') and product_id in (select id from data_product where agreement_id = $1) returning id`,
    [agreementId],
  );
  return rows.map((r) => r.id);
}

/** Usage agreements on the agreement's products end; answers those ended. */
export async function endUsageAgreementsOf(em: Em, agreementId: string, at: string, reason: string) {
  return sql<{ id: string; product_id: string; developer_id: string; jurisdiction: string }>(
    em,
    `update usage_agreement set status = 'ENDED', ended_at = $2::timestamptz, end_reason = $3
      where status in ('SIGNED', 'PENDING_ACCEPTANCE') and product_id in (select id from data_product where agreement_id = $1)
      returning id, product_id, developer_id, jurisdiction`,
    [agreementId, at, reason],
  );
}

/** Applications still open on the agreement's products are refused. */
export async function refuseApplicationsOf(em: Em, agreementId: string): Promise<void> {
  await sql(
    em,
    `update usage_application set status = 'REFUSED', decision_reasons = array['授权已终止 | The authorization has ended'], updated_at = now()
      where status in ('APPLIED', 'ASSESSED') and product_id in (select id from data_product where agreement_id = $1)`,
    [agreementId],
  );
}

/**
 * Recomputes the denormalised sectors / source units of the products that use a resource. Hand-written SQL: one
 * set-based update of every such product, aggregating the resource projection per product.
 */
export async function refreshResourceFacts(em: Em, resourceId: string): Promise<void> {
  await sql(
    em,
    `update data_product p set
        sectors = coalesce((select array_agg(distinct r.sector order by r.sector) from resource_projection r where r.id = any(p.resource_ids) and r.sector is not null), '{}'),
        source_agency_ids = coalesce((select array_agg(distinct r.source_agency_id) from resource_projection r where r.id = any(p.resource_ids) and r.source_agency_id is not null), '{}')
      where p.resource_ids @> array[$1::uuid]`,
    [resourceId],
  );
}

/**
 * Products an incident covers: the products named; products built on the resources named (of the operator /
 * agreement when given); with neither, every product of the agreement, else of the operator. Hand-written SQL: the
 * three alternatives are one set-based predicate over the incident's id arrays.
 */
export async function productsOfIncident(em: Em, p: EvaluationEvents.SecurityIncidentReported): Promise<string[]> {
  const rows = await sql<{ id: string }>(
    em,
    `select id from data_product d
      where d.jurisdiction = $1 and (
        d.id = any($2::uuid[])
        or (cardinality($3::uuid[]) > 0 and d.resource_ids && $3::uuid[]
            and ($4::uuid is null or d.operator_id = $4) and ($5::uuid is null or d.agreement_id = $5))
        or (cardinality($2::uuid[]) = 0 and cardinality($3::uuid[]) = 0
            and (($5::uuid is not null and d.agreement_id = $5) or ($5::uuid is null and d.operator_id = $4))))`,
    [p.jurisdiction, p.productIds ?? [], p.resourceIds ?? [], p.operatorId, p.agreementId],
  );
  return rows.map((r) => r.id);
}
