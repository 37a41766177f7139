import { sql } from '@pdo/platform';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { ProductsEvents } from '@pdo/events';
import { addHolds, applyHolds, liftHolds, type Publish } from './holds.js';
import { publishEntitlements } from './delivery-events.js';

/**
 * The chain that follows an authorization (issue #5 §6):
 * suspended → listings hidden, entitlements paused (an AGREEMENT hold on each of its products);
 * reinstated → the hold is lifted and they resume unless another hold remains;
 * terminated / expired → listings withdrawn, entitlements revoked, usage agreements ended.
 * Follow-up events are published in the handler's transaction.
 */
export async function cascadeAgreement(tx: EntityManager, agreementId: string, change: 'SUSPENDED' | 'REINSTATED' | 'ENDED', reason: string, effectiveAt: string, publish: Publish): Promise<void> {
  const source = `AGREEMENT:${agreementId}`;
  if (change === 'SUSPENDED') {
    const ids = (await sql<{ id: string }>(tx, `select id from data_product where agreement_id = $1`, [agreementId])).map((r) => r.id);
    await addHolds(tx, ids, source, 'AGREEMENT_SUSPENDED', reason, effectiveAt);
    await applyHolds(tx, ids, effectiveAt, publish);
    return;
  }
  if (change === 'REINSTATED') {
    await applyHolds(tx, await liftHolds(tx, source), effectiveAt, publish);
    return;
  }
  await liftHolds(tx, source);
  const withdrawn = await sql<{ id: string; jurisdiction: string; operator_id: string }>(
    tx,
    `update data_product set listing_status = 'WITHDRAWN', listing_reason = $2, updated_at = now()
      where agreement_id = $1 and listing_status in ('LISTED', 'SUSPENDED') returning id, jurisdiction, operator_id`,
    [agreementId, `AGREEMENT_ENDED: ${reason}`],
  );
  for (const p of withdrawn) {
    await publish('ProductSuspended', { productId: p.id, jurisdiction: p.jurisdiction, operatorId: p.operator_id, reason: `AGREEMENT_ENDED: ${reason}`, effectiveAt } satisfies ProductsEvents.ProductSuspended, p.jurisdiction);
  }
  const revoked = await sql<{ id: string }>(
    tx,
    `update entitlement set status = 'REVOKED', pause_reason = 'AGREEMENT_ENDED'
      where status in ('ACTIVE', 'PAUSED') and product_id in (select id from data_product where agreement_id = $1) returning id`,
    [agreementId],
  );
  await publishEntitlements(tx, revoked.map((r) => r.id), effectiveAt, publish);
  const ended = await sql<{ id: string; product_id: string; developer_id: string; jurisdiction: string }>(
    tx,
    `update usage_agreement set status = 'ENDED', ended_at = $2::timestamptz, end_reason = $3
      where status in ('SIGNED', 'PENDING_ACCEPTANCE') and product_id in (select id from data_product where agreement_id = $1)
      returning id, product_id, developer_id, jurisdiction`,
    [agreementId, effectiveAt, `AGREEMENT_ENDED: ${reason}`],
  );
  for (const u of ended) {
    await publish('UsageAgreementEnded', { usageAgreementId: u.id, productId: u.product_id, developerId: u.developer_id, jurisdiction: u.jurisdiction, reason: `AGREEMENT_ENDED: ${reason}` } satisfies ProductsEvents.UsageAgreementEnded, u.jurisdiction);
  }
  await sql(
    tx,
    `update usage_application set status = 'REFUSED', decision_reasons = array['授权已终止 | The authorization has ended'], updated_at = now()
      where status in ('APPLIED', 'ASSESSED') and product_id in (select id from data_product where agreement_id = $1)`,
    [agreementId],
  );
}

/** Recomputes the denormalised sectors / source agencies of products that use a resource. */
export async function refreshResourceFacts(tx: EntityManager, resourceId: string): Promise<void> {
  await sql(
    tx,
    `update data_product p set
        sectors = coalesce((select array_agg(distinct r.sector order by r.sector) from resource_view r where r.id = any(p.resource_ids) and r.sector is not null), '{}'),
        source_agency_ids = coalesce((select array_agg(distinct r.source_agency_id) from resource_view r where r.id = any(p.resource_ids) and r.source_agency_id is not null), '{}')
      where p.resource_ids @> array[$1::uuid]`,
    [resourceId],
  );
}
