import { createHash } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { sql } from '@pdo/platform';
import type { DeliveryEvents, ProductsEvents } from '@pdo/events';

/** A usage record just written from a metered call, with what `UsageRecorded` carries. */
export type MeteredUsageRow = ProductsEvents.UsageRecorded & { units: string };

/**
 * Records platform-metered executions (`ExecutionMetered`) as METERED usage, set-based: one insert
 * for the whole list (a busy product meters many calls per second, docs/operating-domain/data-plane.md), keyed
 * `exec:<executionId>` on the operator's idempotency keys, so a redelivered event inserts nothing.
 * Hand-written SQL because the insert reads from `unnest` of the event's arrays and joins the
 * entitlement and the product in the same statement. The entitlement's state is not checked here:
 * the operating domain refused calls outside the entitlement before executing them, and a call that
 * ran is a fact to charge even if a suspension arrived meanwhile.
 */
export async function insertMeteredUsage(tx: EntityManager, calls: readonly DeliveryEvents.ExecutionMetered[], recordedAt: Date): Promise<MeteredUsageRow[]> {
  if (calls.length === 0) return [];
  const ids = calls.map((c) => c.executionId);
  const rows = await sql<MeteredUsageRow>(
    tx,
    `with c as (
       select * from unnest($1::uuid[], $2::uuid[], $3::bigint[], $4::timestamptz[], $5::text[], $7::uuid[]) as c(execution_id, usage_agreement_id, units, occurred_at, content_hash, entitlement_id)
     )
     insert into usage_record (id, entitlement_id, usage_agreement_id, product_id, developer_id, operator_id, jurisdiction, units, occurred_at, idempotency_key, content_hash, recorded_at, source)
     select c.execution_id, e.id, e.usage_agreement_id, e.product_id, e.developer_id, e.operator_id, e.jurisdiction, c.units, c.occurred_at, 'exec:' || c.execution_id, c.content_hash, $6, 'METERED'
       from c join entitlement e on e.id = c.entitlement_id and e.usage_agreement_id = c.usage_agreement_id
     on conflict do nothing
     returning id as "usageId", entitlement_id as "entitlementId", usage_agreement_id as "usageAgreementId", product_id as "productId", operator_id as "operatorId",
       developer_id as "developerId", jurisdiction, units::text as units, to_json(occurred_at)#>>'{}' as "occurredAt"`,
    [ids, calls.map((c) => c.usageAgreementId), calls.map((c) => c.units), calls.map((c) => c.occurredAt), calls.map((c) => createHash('sha256').update(c.executionId).digest('hex')), recordedAt, calls.map((c) => c.entitlementId)],
  );
  if (rows.length < calls.length) {
    // An execution whose entitlement is not here would be lost: fail, and the event is retried.
    const [held] = await sql<{ n: number }>(tx, `select count(*)::int as n from usage_record where id = any($1::uuid[])`, [ids]);
    if (held!.n < new Set(ids).size) throw new Error('ExecutionMetered names an entitlement products does not hold; retried');
  }
  if (rows.length === 0) return [];
  await sql(
    tx,
    `update entitlement e set used_units = e.used_units + s.units from (select entitlement_id, sum(units) as units from usage_record where id = any($1::uuid[]) group by entitlement_id) s where e.id = s.entitlement_id`,
    [rows.map((r) => r.usageId)],
  );
  await sql(
    tx,
    `update data_product p set usage_units = p.usage_units + s.units, usage_records = p.usage_records + s.n from (select product_id, sum(units) as units, count(*)::int as n from usage_record where id = any($1::uuid[]) group by product_id) s where p.id = s.product_id`,
    [rows.map((r) => r.usageId)],
  );
  const facts = await sql<{ id: string; category: 'FREE' | 'PAID'; chargingUnit: ProductsEvents.ChargingUnit }>(
    tx,
    `select id, category, charging_unit as "chargingUnit" from data_product where id = any($1::uuid[])`,
    [[...new Set(rows.map((r) => r.productId))]],
  );
  const byProduct = new Map(facts.map((f) => [f.id, f]));
  // The purpose class and non-profit declaration of each call's agreement: what a free-use rule decides by (PN §1; HN Art 21).
  const uses = await sql<{ id: string; purpose: ProductsEvents.UsageRecorded['purpose']; nonProfit: boolean | null }>(
    tx,
    `select id, use_purpose as purpose, non_profit as "nonProfit" from usage_agreement where id = any($1::uuid[])`,
    [[...new Set(rows.map((r) => r.usageAgreementId))]],
  );
  const byAgreement = new Map(uses.map((u) => [u.id, u]));
  return rows.map((r) => ({
    ...r, category: byProduct.get(r.productId)!.category, chargingUnit: byProduct.get(r.productId)!.chargingUnit, source: 'METERED' as const,
    purpose: byAgreement.get(r.usageAgreementId)?.purpose ?? null, nonProfit: byAgreement.get(r.usageAgreementId)?.nonProfit ?? null,
  }));
}
