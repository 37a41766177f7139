import { sql } from 'kysely';
import type { Em } from '@pdo/platform';
import type { CatalogEvents, EvaluationEvents, LicensingEvents } from '@pdo/events';
import { db } from './tables.js';

/*
 * The writes of the local projections (handlers/). Every one is an upsert that tolerates re-delivery and out-of-order
 * arrival: a fact older than the one held (by its effectiveAt / version / occurredAt) changes nothing.
 */

/**
 * Facts (signed / activated / renewed) refresh scope and term. Their status only counts until an explicit status
 * change (which carries its own effectiveAt) has been applied, and never steps back from ACTIVE to SIGNED when the
 * two arrive out of order.
 */
export async function upsertAgreementFacts(em: Em, p: LicensingEvents.AgreementFacts): Promise<void> {
  await db(em)
    .insertInto('agreement_projection')
    .values({
      id: p.agreementId, agreement_number: p.agreementNumber, jurisdiction: p.jurisdiction, operator_id: p.operatorId, status: p.status,
      start_date: p.startDate, end_date: p.endDate, resource_ids: p.resourceIds, sectors: p.sectors, as_of: null,
    })
    .onConflict((oc) =>
      oc.column('id').doUpdateSet({
        agreement_number: (eb) => eb.ref('excluded.agreement_number'),
        start_date: (eb) => eb.ref('excluded.start_date'),
        resource_ids: (eb) => eb.ref('excluded.resource_ids'),
        sectors: (eb) => eb.ref('excluded.sectors'),
        end_date: sql<string>`greatest(agreement_projection.end_date, excluded.end_date)`,
        status: sql<string>`case when agreement_projection.as_of is null and not (agreement_projection.status = 'ACTIVE' and excluded.status = 'SIGNED')
                                 then excluded.status else agreement_projection.status end`,
      }),
    )
    .execute();
}

/** The status held and whether it was set by a change newer than `effectiveAt`; locks the row. */
export async function heldAgreementStatus(em: Em, agreementId: string, effectiveAt: string): Promise<{ status: string; newer: boolean } | null> {
  const r = await db(em)
    .selectFrom('agreement_projection')
    .select(['status', sql<boolean>`coalesce(as_of > ${effectiveAt}::timestamptz, false)`.as('newer')])
    .where('id', '=', agreementId)
    .forUpdate()
    .executeTakeFirst();
  return r ?? null;
}

export async function applyAgreementStatus(em: Em, p: LicensingEvents.AgreementStatusChanged): Promise<void> {
  await db(em)
    .insertInto('agreement_projection')
    .values({ id: p.agreementId, jurisdiction: p.jurisdiction, operator_id: p.operatorId, status: p.status, end_date: p.endDate, as_of: p.effectiveAt })
    .onConflict((oc) =>
      oc.column('id').doUpdateSet({ status: (eb) => eb.ref('excluded.status'), end_date: (eb) => eb.ref('excluded.end_date'), as_of: (eb) => eb.ref('excluded.as_of') }),
    )
    .execute();
}

export async function upsertApprovedScenario(em: Em, p: LicensingEvents.ScenarioApproved, asOf: string): Promise<void> {
  await db(em)
    .insertInto('scenario_projection')
    .values({
      id: p.scenarioId, agreement_id: p.agreementId, operator_id: p.operatorId, jurisdiction: p.jurisdiction, name_zh: p.nameZh, category: p.category,
      resource_ids: p.resourceIds, status: 'APPROVED', as_of: asOf,
    })
    .onConflict((oc) =>
      oc
        .column('id')
        .doUpdateSet({
          agreement_id: (eb) => eb.ref('excluded.agreement_id'),
          operator_id: (eb) => eb.ref('excluded.operator_id'),
          name_zh: (eb) => eb.ref('excluded.name_zh'),
          category: (eb) => eb.ref('excluded.category'),
          resource_ids: (eb) => eb.ref('excluded.resource_ids'),
          status: (eb) => eb.ref('excluded.status'),
          reasons: [],
          as_of: (eb) => eb.ref('excluded.as_of'),
        })
        .whereRef('scenario_projection.as_of', '<=', 'excluded.as_of'),
    )
    .execute();
}

export async function upsertRefusedScenario(em: Em, p: LicensingEvents.ScenarioRefused, asOf: string): Promise<void> {
  await db(em)
    .insertInto('scenario_projection')
    .values({ id: p.scenarioId, agreement_id: p.agreementId, operator_id: p.operatorId, jurisdiction: p.jurisdiction, status: 'REFUSED', reasons: p.reasons, as_of: asOf })
    .onConflict((oc) =>
      oc
        .column('id')
        .doUpdateSet({ status: (eb) => eb.ref('excluded.status'), reasons: (eb) => eb.ref('excluded.reasons'), as_of: (eb) => eb.ref('excluded.as_of') })
        .whereRef('scenario_projection.as_of', '<=', 'excluded.as_of'),
    )
    .execute();
}

/** A grant granted (or resumed) or revoked (or paused); answers whether this fact was newer than the one held. */
export async function upsertGrant(
  em: Em,
  g: { grantId: string; agreementId: string; scenarioId: string; operatorId: string; resourceId: string; jurisdiction: string; effectiveAt: string },
  status: string,
  /** A grant (or its resumption) carries its expiry; a revocation keeps the one held. */
  granted: { expiresOn: string | null } | null,
): Promise<boolean> {
  const row = await db(em)
    .insertInto('access_grant_projection')
    .values({
      id: g.grantId, agreement_id: g.agreementId, scenario_id: g.scenarioId, operator_id: g.operatorId, resource_id: g.resourceId,
      jurisdiction: g.jurisdiction, status, ...(granted ? { expires_on: granted.expiresOn } : {}), as_of: g.effectiveAt,
    })
    .onConflict((oc) =>
      oc
        .column('id')
        .doUpdateSet({
          status: (eb) => eb.ref('excluded.status'),
          ...(granted ? { expires_on: (eb) => eb.ref('excluded.expires_on') } : {}),
          as_of: (eb) => eb.ref('excluded.as_of'),
        })
        .whereRef('access_grant_projection.as_of', '<=', 'excluded.as_of'),
    )
    .returning('id')
    .executeTakeFirst();
  return !!row;
}

/** An incident reported; answers false when it was already closed (a late report changes nothing). */
export async function upsertIncidentReport(em: Em, p: EvaluationEvents.SecurityIncidentReported): Promise<boolean> {
  const row = await db(em)
    .insertInto('incident_projection')
    .values({ id: p.incidentId, jurisdiction: p.jurisdiction, stop_processing: p.stopProcessing, product_ids: p.productIds ?? [], reported_at: p.occurredAt })
    .onConflict((oc) =>
      oc
        .column('id')
        .doUpdateSet({
          stop_processing: (eb) => eb.ref('excluded.stop_processing'),
          product_ids: (eb) => eb.ref('excluded.product_ids'),
          reported_at: (eb) => eb.ref('excluded.reported_at'),
        })
        .where('incident_projection.closed_at', 'is', null),
    )
    .returning('id')
    .executeTakeFirst();
  return !!row;
}

export async function closeIncident(em: Em, p: EvaluationEvents.SecurityIncidentClosed): Promise<void> {
  await db(em)
    .insertInto('incident_projection')
    .values({ id: p.incidentId, jurisdiction: p.jurisdiction, closed_at: p.closedAt })
    .onConflict((oc) => oc.column('id').doUpdateSet({ closed_at: (eb) => eb.ref('excluded.closed_at') }))
    .execute();
}

/** A full resource snapshot; answers whether it replaced what was held (a newer version, or a stub of the same). */
export async function upsertResource(em: Em, p: CatalogEvents.ResourceSnapshot): Promise<boolean> {
  const row = await db(em)
    .insertInto('resource_projection')
    .values({
      id: p.resourceId, jurisdiction: p.jurisdiction, code: p.code, name_zh: p.nameZh, sector: p.sector, source_agency_id: p.sourceAgencyId,
      authorizable: p.authorizable, status: p.status, version: p.version, openness: p.openness,
    })
    .onConflict((oc) =>
      oc
        .column('id')
        .doUpdateSet({
          jurisdiction: (eb) => eb.ref('excluded.jurisdiction'),
          code: (eb) => eb.ref('excluded.code'),
          name_zh: (eb) => eb.ref('excluded.name_zh'),
          sector: (eb) => eb.ref('excluded.sector'),
          source_agency_id: (eb) => eb.ref('excluded.source_agency_id'),
          authorizable: (eb) => eb.ref('excluded.authorizable'),
          status: (eb) => eb.ref('excluded.status'),
          version: (eb) => eb.ref('excluded.version'),
          openness: (eb) => eb.ref('excluded.openness'),
        })
        // a stub made by an authorizability or withdrawal event that overtook the snapshot is replaced too, and so is a
        // row projected before openness was (migration 0018) when the same version is published again
        .where((eb) =>
          eb.or([
            eb('resource_projection.version', '<', eb.ref('excluded.version')),
            eb.and([
              eb('resource_projection.version', '=', eb.ref('excluded.version')),
              eb.or([eb('resource_projection.code', 'is', null), eb('resource_projection.openness', 'is', null)]),
            ]),
          ]),
        ),
    )
    .returning('id')
    .executeTakeFirst();
  return !!row;
}

export async function withdrawResource(em: Em, p: CatalogEvents.ResourceWithdrawn): Promise<void> {
  await db(em)
    .insertInto('resource_projection')
    .values({ id: p.resourceId, jurisdiction: p.jurisdiction, source_agency_id: p.sourceAgencyId, status: 'WITHDRAWN', version: p.version })
    .onConflict((oc) =>
      oc.column('id').doUpdateSet({ status: 'WITHDRAWN', version: (eb) => eb.ref('excluded.version') }).whereRef('resource_projection.version', '<=', 'excluded.version'),
    )
    .execute();
}

export async function setResourceAuthorizable(em: Em, p: CatalogEvents.ResourceAuthorizabilityChanged): Promise<void> {
  await db(em)
    .insertInto('resource_projection')
    .values({ id: p.resourceId, jurisdiction: p.jurisdiction, authorizable: p.authorizable, version: p.version })
    .onConflict((oc) =>
      oc
        .column('id')
        .doUpdateSet({ authorizable: (eb) => eb.ref('excluded.authorizable'), version: (eb) => eb.ref('excluded.version') })
        .whereRef('resource_projection.version', '<=', 'excluded.version'),
    )
    .execute();
}

export async function upsertPrice(
  em: Em,
  kind: 'PRICE' | 'CAP',
  id: string,
  p: { productId: string; operatorId: string; jurisdiction: string; chargingUnit: string; effectiveFrom: string },
  fen: string,
): Promise<void> {
  await db(em)
    .insertInto('price_projection')
    .values({ id, kind, product_id: p.productId, operator_id: p.operatorId, jurisdiction: p.jurisdiction, charging_unit: p.chargingUnit, amount_fen: fen, effective_from: p.effectiveFrom })
    .onConflict((oc) =>
      oc.column('id').doUpdateSet({
        charging_unit: (eb) => eb.ref('excluded.charging_unit'),
        amount_fen: (eb) => eb.ref('excluded.amount_fen'),
        effective_from: (eb) => eb.ref('excluded.effective_from'),
      }),
    )
    .execute();
}
