import { projectPolicyProfile, sql, type EventHandlerContext, type EventHandlers } from '@pdo/platform';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { CatalogEvents, DeliveryEvents, EvaluationEvents, EventEnvelope, LicensingEvents, RevenueEvents } from '@pdo/events';
import { cascadeAgreement, refreshResourceFacts } from '../data/cascade.js';
import { addHolds, applyHolds, liftHolds, type Publish } from '../data/holds.js';
import { upsertRecipeEvidence } from '../data/recipe-evidence.js';

/*
 * Local projections of licensing, catalog and revenue facts. Every handler is an upsert that
 * tolerates re-delivery and out-of-order arrival: a fact older than the one held (by its
 * effectiveAt / version / occurredAt) changes nothing.
 */

async function upsertAgreementFacts(tx: EntityManager, e: EventEnvelope<LicensingEvents.AgreementFacts>): Promise<void> {
  const p = e.payload;
  // Facts (signed / activated / renewed) refresh scope and term. Their status only counts until
  // an explicit status change (which carries its own effectiveAt) has been applied, and never
  // steps back from ACTIVE to SIGNED when the two arrive out of order.
  await sql(
    tx,
    `insert into agreement_view (id, agreement_number, jurisdiction, operator_id, status, start_date, end_date, resource_ids, sectors, as_of)
     values ($1, $2, $3, $4, $5, $6::date, $7::date, $8::uuid[], $9::text[], null)
     on conflict (id) do update set
       agreement_number = excluded.agreement_number, start_date = excluded.start_date,
       resource_ids = excluded.resource_ids, sectors = excluded.sectors,
       end_date = greatest(agreement_view.end_date, excluded.end_date),
       status = case when agreement_view.as_of is null and not (agreement_view.status = 'ACTIVE' and excluded.status = 'SIGNED')
                     then excluded.status else agreement_view.status end`,
    [p.agreementId, p.agreementNumber, p.jurisdiction, p.operatorId, p.status, p.startDate, p.endDate, p.resourceIds, p.sectors],
  );
}

/** Applies a status change if it is newer than the last status change held (by effectiveAt). */
async function applyStatusChange(tx: EntityManager, e: EventEnvelope<LicensingEvents.AgreementStatusChanged>): Promise<{ applied: boolean; previous: string | null }> {
  const p = e.payload;
  const before = await sql<{ status: string; newer: boolean }>(
    tx,
    `select status, coalesce(as_of > $2::timestamptz, false) as newer from agreement_view where id = $1 for update`,
    [p.agreementId, p.effectiveAt],
  );
  const held = before[0];
  if (held?.newer) return { applied: false, previous: held.status };
  await sql(
    tx,
    `insert into agreement_view (id, jurisdiction, operator_id, status, end_date, as_of)
     values ($1, $2, $3, $4, $5::date, $6::timestamptz)
     on conflict (id) do update set status = excluded.status, end_date = excluded.end_date, as_of = excluded.as_of`,
    [p.agreementId, p.jurisdiction, p.operatorId, p.status, p.endDate, p.effectiveAt],
  );
  return { applied: true, previous: held?.status ?? null };
}

const publisher = (ctx: EventHandlerContext): Publish => (name, payload, jurisdiction) => ctx.publish(name, payload, jurisdiction);

const statusHandler = (change: 'SUSPENDED' | 'REINSTATED' | 'ENDED') => async (tx: EntityManager, e: EventEnvelope<LicensingEvents.AgreementStatusChanged>, ctx: EventHandlerContext) => {
  const { applied } = await applyStatusChange(tx, e);
  if (applied) await cascadeAgreement(tx, e.payload.agreementId, change, e.payload.reason ?? e.name, e.payload.effectiveAt, publisher(ctx));
};

/**
 * A paused or revoked access grant takes the products built on that resource under that scenario
 * off the market (and pauses their entitlements): they can no longer be delivered lawfully.
 * Its resumption (AccessGranted for the same grant) lifts that hold only.
 */
async function syncGrantHold(tx: EntityManager, g: { grantId: string; scenarioId: string; resourceId: string; effectiveAt: string }, active: boolean, reason: string, ctx: EventHandlerContext): Promise<void> {
  const source = `GRANT:${g.grantId}`;
  if (active) {
    await applyHolds(tx, await liftHolds(tx, source), g.effectiveAt, publisher(ctx));
    return;
  }
  const ids = (await sql<{ id: string }>(tx, `select id from data_product where scenario_id = $1 and $2::uuid = any(resource_ids)`, [g.scenarioId, g.resourceId])).map((r) => r.id);
  await addHolds(tx, ids, source, 'ACCESS_REVOKED', reason, g.effectiveAt);
  await applyHolds(tx, ids, g.effectiveAt, publisher(ctx));
}

/**
 * Products an incident covers: the products named; products built on the resources named (of
 * the operator / agreement when given); with neither, every product of the agreement, else of
 * the operator.
 */
async function incidentScope(tx: EntityManager, p: EvaluationEvents.SecurityIncidentReported): Promise<string[]> {
  const rows = await sql<{ id: string }>(
    tx,
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

async function upsertResource(tx: EntityManager, p: CatalogEvents.ResourceSnapshot): Promise<void> {
  const rows = await sql(
    tx,
    `insert into resource_view (id, jurisdiction, code, name_zh, sector, source_agency_id, authorizable, status, version)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9)
     on conflict (id) do update set jurisdiction = excluded.jurisdiction, code = excluded.code, name_zh = excluded.name_zh, sector = excluded.sector,
       source_agency_id = excluded.source_agency_id, authorizable = excluded.authorizable, status = excluded.status, version = excluded.version
     where resource_view.version < excluded.version
        -- a stub made by an authorizability or withdrawal event that overtook the snapshot
        or (resource_view.version = excluded.version and resource_view.code is null)
     returning id`,
    [p.resourceId, p.jurisdiction, p.code, p.nameZh, p.sector, p.sourceAgencyId, p.authorizable, p.status, p.version],
  );
  if (rows.length) await refreshResourceFacts(tx, p.resourceId);
}

async function upsertPrice(tx: EntityManager, kind: 'PRICE' | 'CAP', id: string, p: { productId: string; operatorId: string; jurisdiction: string; chargingUnit: string; effectiveFrom: string }, fen: string): Promise<void> {
  await sql(
    tx,
    `insert into price_view (id, kind, product_id, operator_id, jurisdiction, charging_unit, amount_fen, effective_from)
     values ($1, $2, $3, $4, $5, $6, $7::bigint, $8::date)
     on conflict (id) do update set charging_unit = excluded.charging_unit, amount_fen = excluded.amount_fen, effective_from = excluded.effective_from`,
    [id, kind, p.productId, p.operatorId, p.jurisdiction, p.chargingUnit, fen, p.effectiveFrom],
  );
}

export const handlers: EventHandlers = {
  PolicyProfileChanged: (tx, e: EventEnvelope<LicensingEvents.PolicyProfileChanged>) => projectPolicyProfile(tx, e.payload, e.occurredAt),
  AgreementSigned: upsertAgreementFacts,
  AgreementActivated: upsertAgreementFacts,
  AgreementRenewed: upsertAgreementFacts,
  AgreementSuspended: statusHandler('SUSPENDED'),
  AgreementReinstated: statusHandler('REINSTATED'),
  AgreementTerminated: statusHandler('ENDED'),
  AgreementExpired: statusHandler('ENDED'),

  async ScenarioApproved(tx, e: EventEnvelope<LicensingEvents.ScenarioApproved>) {
    const p = e.payload;
    await sql(
      tx,
      `insert into scenario_view (id, agreement_id, operator_id, jurisdiction, name_zh, category, resource_ids, status, as_of)
       values ($1, $2, $3, $4, $5, $6, $7::uuid[], 'APPROVED', $8::timestamptz)
       on conflict (id) do update set agreement_id = excluded.agreement_id, operator_id = excluded.operator_id, name_zh = excluded.name_zh,
         category = excluded.category, resource_ids = excluded.resource_ids, status = excluded.status, reasons = '{}', as_of = excluded.as_of
       where scenario_view.as_of <= excluded.as_of`,
      [p.scenarioId, p.agreementId, p.operatorId, p.jurisdiction, p.nameZh, p.category, p.resourceIds, p.approvedAt ?? e.occurredAt],
    );
  },
  async ScenarioRefused(tx, e: EventEnvelope<LicensingEvents.ScenarioRefused>) {
    const p = e.payload;
    await sql(
      tx,
      `insert into scenario_view (id, agreement_id, operator_id, jurisdiction, status, reasons, as_of)
       values ($1, $2, $3, $4, 'REFUSED', $5::text[], $6::timestamptz)
       on conflict (id) do update set status = excluded.status, reasons = excluded.reasons, as_of = excluded.as_of
       where scenario_view.as_of <= excluded.as_of`,
      [p.scenarioId, p.agreementId, p.operatorId, p.jurisdiction, p.reasons, e.occurredAt],
    );
  },
  async AccessGranted(tx, e: EventEnvelope<LicensingEvents.AccessGranted>, ctx) {
    const p = e.payload;
    const applied = await sql(
      tx,
      `insert into access_grant_view (id, agreement_id, scenario_id, operator_id, resource_id, jurisdiction, status, expires_on, as_of)
       values ($1, $2, $3, $4, $5, $6, 'ACTIVE', $7::date, $8::timestamptz)
       on conflict (id) do update set status = excluded.status, expires_on = excluded.expires_on, as_of = excluded.as_of
       where access_grant_view.as_of <= excluded.as_of
       returning id`,
      [p.grantId, p.agreementId, p.scenarioId, p.operatorId, p.resourceId, p.jurisdiction, p.expiresOn, p.effectiveAt],
    );
    if (applied.length) await syncGrantHold(tx, p, true, '', ctx);
  },
  async AccessRevoked(tx, e: EventEnvelope<LicensingEvents.AccessRevoked>, ctx) {
    const p = e.payload;
    const applied = await sql(
      tx,
      `insert into access_grant_view (id, agreement_id, scenario_id, operator_id, resource_id, jurisdiction, status, as_of)
       values ($1, $2, $3, $4, $5, $6, $7, $8::timestamptz)
       on conflict (id) do update set status = excluded.status, as_of = excluded.as_of
       where access_grant_view.as_of <= excluded.as_of
       returning id`,
      [p.grantId, p.agreementId, p.scenarioId, p.operatorId, p.resourceId, p.jurisdiction, p.status, p.effectiveAt],
    );
    if (applied.length) await syncGrantHold(tx, p, false, `${p.status} ${p.reason ?? ''}`.trim(), ctx);
  },

  /**
   * An incident that stops processing (risky data linkage, HN Art 18) stops it in the affected
   * scope at once: its products leave the market and their entitlements pause until it is closed.
   * Other incidents are only recorded. A report arriving after its closure changes nothing.
   */
  async SecurityIncidentReported(tx, e: EventEnvelope<EvaluationEvents.SecurityIncidentReported>, ctx) {
    const p = e.payload;
    const fresh = await sql(
      tx,
      `insert into incident_view (id, jurisdiction, stop_processing, product_ids, reported_at) values ($1, $2, $3, $4::uuid[], $5::timestamptz)
       on conflict (id) do update set stop_processing = excluded.stop_processing, product_ids = excluded.product_ids, reported_at = excluded.reported_at
       where incident_view.closed_at is null
       returning id`,
      [p.incidentId, p.jurisdiction, p.stopProcessing, p.productIds ?? [], p.occurredAt],
    );
    if (!fresh.length || !p.stopProcessing) return;
    const ids = await incidentScope(tx, p);
    await addHolds(tx, ids, `INCIDENT:${p.incidentId}`, 'SECURITY_INCIDENT', `${p.type} ${p.severity}`, p.occurredAt);
    await applyHolds(tx, ids, p.occurredAt, publisher(ctx));
  },
  async SecurityIncidentClosed(tx, e: EventEnvelope<EvaluationEvents.SecurityIncidentClosed>, ctx) {
    const p = e.payload;
    await sql(
      tx,
      `insert into incident_view (id, jurisdiction, closed_at) values ($1, $2, $3::timestamptz)
       on conflict (id) do update set closed_at = excluded.closed_at`,
      [p.incidentId, p.jurisdiction, p.closedAt],
    );
    await applyHolds(tx, await liftHolds(tx, `INCIDENT:${p.incidentId}`), p.closedAt, publisher(ctx));
  },

  ResourcePublished: (tx, e: EventEnvelope<CatalogEvents.ResourcePublished>) => upsertResource(tx, e.payload),
  ResourceChanged: (tx, e: EventEnvelope<CatalogEvents.ResourceChanged>) => upsertResource(tx, e.payload),
  async ResourceWithdrawn(tx, e: EventEnvelope<CatalogEvents.ResourceWithdrawn>) {
    const p = e.payload;
    await sql(
      tx,
      `insert into resource_view (id, jurisdiction, source_agency_id, status, version) values ($1, $2, $3, 'WITHDRAWN', $4)
       on conflict (id) do update set status = 'WITHDRAWN', version = excluded.version where resource_view.version <= excluded.version`,
      [p.resourceId, p.jurisdiction, p.sourceAgencyId, p.version],
    );
  },
  async ResourceAuthorizabilityChanged(tx, e: EventEnvelope<CatalogEvents.ResourceAuthorizabilityChanged>) {
    const p = e.payload;
    await sql(
      tx,
      `insert into resource_view (id, jurisdiction, authorizable, version) values ($1, $2, $3, $4)
       on conflict (id) do update set authorizable = excluded.authorizable, version = excluded.version where resource_view.version <= excluded.version`,
      [p.resourceId, p.jurisdiction, p.authorizable, p.version],
    );
  },

  // The operating domain's recipe analysis: evidence of RAW_DATA_STAYS_IN_DOMAIN (HN Art 15).
  RecipeAnalysed: (tx, e: EventEnvelope<DeliveryEvents.RecipeAnalysed>) => upsertRecipeEvidence(tx, e.payload),
  PriceSet: (tx, e: EventEnvelope<RevenueEvents.PriceSet>) => upsertPrice(tx, 'PRICE', e.payload.priceId, e.payload, e.payload.priceFen),
  PriceCapSet: (tx, e: EventEnvelope<RevenueEvents.PriceCapSet>) => upsertPrice(tx, 'CAP', e.payload.capId, e.payload, e.payload.capFen),
};
