import { defineEntity, p } from '@mikro-orm/core';
import { date, instant, texts, uuids } from './columns.js';

/*
 * Products' local copies of other subgraphs' facts, fed by their events (handlers/): `<thing>_projection` tables,
 * declared like the subgraph's own (data/tables.ts).
 */

/** Licensing's authorization agreements (scope and term). */
export const AgreementProjection = defineEntity({
  name: 'AgreementProjection',
  tableName: 'agreement_projection',
  properties: {
    id: p.uuid().primary(),
    agreementNumber: p.text().nullable(),
    jurisdiction: p.text(),
    operatorId: p.uuid(),
    status: p.text(),
    startDate: date().nullable(),
    endDate: date(),
    resourceIds: uuids().defaultRaw("'{}'"),
    sectors: texts().defaultRaw("'{}'"),
    /** effectiveAt of the last status change applied; older ones arriving late are ignored. */
    asOf: instant().nullable(),
  },
});

/** Licensing's scenarios and their review outcome. */
export const ScenarioProjection = defineEntity({
  name: 'ScenarioProjection',
  tableName: 'scenario_projection',
  properties: {
    id: p.uuid().primary(),
    agreementId: p.uuid(),
    operatorId: p.uuid(),
    jurisdiction: p.text(),
    nameZh: p.text().nullable(),
    category: p.text().nullable(),
    resourceIds: uuids().defaultRaw("'{}'"),
    status: p.text(),
    reasons: texts().defaultRaw("'{}'"),
    asOf: instant(),
  },
});

/** Licensing's data access grants per scenario and resource. */
export const AccessGrantProjection = defineEntity({
  name: 'AccessGrantProjection',
  tableName: 'access_grant_projection',
  properties: {
    id: p.uuid().primary(),
    agreementId: p.uuid(),
    scenarioId: p.uuid(),
    operatorId: p.uuid(),
    resourceId: p.uuid(),
    jurisdiction: p.text(),
    status: p.text(),
    expiresOn: date().nullable(),
    asOf: instant(),
  },
});

/** Catalog's resources (name, sector, source unit, authorizability). */
export const ResourceProjection = defineEntity({
  name: 'ResourceProjection',
  tableName: 'resource_projection',
  properties: {
    id: p.uuid().primary(),
    jurisdiction: p.text(),
    code: p.text().nullable(),
    nameZh: p.text().nullable(),
    sector: p.text().nullable(),
    sourceAgencyId: p.uuid().nullable(),
    authorizable: p.boolean().default(true),
    status: p.text().default('ACTIVE'),
    version: p.integer().default(0),
    /** The catalog's openness class (products migration 0018); null until a snapshot carried it. */
    openness: p.text().nullable(),
  },
});

/** Licensing's organizations: the name shown for a product's operator (OrganizationRegistered; products migration 0015). */
export const OrganizationProjection = defineEntity({
  name: 'OrganizationProjection',
  tableName: 'organization_projection',
  properties: {
    id: p.uuid().primary(),
    jurisdiction: p.text(),
    nameZh: p.text(),
    /** When the snapshot held was registered; an older one arriving late is ignored. */
    occurredAt: instant(),
  },
});

/** Revenue's prices and price caps. */
export const PriceProjection = defineEntity({
  name: 'PriceProjection',
  tableName: 'price_projection',
  properties: {
    id: p.uuid().primary(),
    kind: p.text(),
    productId: p.uuid(),
    operatorId: p.uuid().nullable(),
    jurisdiction: p.text().nullable(),
    chargingUnit: p.text(),
    amountFen: p.bigint('string'),
    effectiveFrom: date(),
  },
});

/** Evaluation's security incidents, so a closure that overtakes its report is not undone by the late report. */
export const IncidentProjection = defineEntity({
  name: 'IncidentProjection',
  tableName: 'incident_projection',
  properties: {
    id: p.uuid().primary(),
    jurisdiction: p.text(),
    stopProcessing: p.boolean().default(false),
    productIds: uuids().defaultRaw("'{}'"),
    reportedAt: instant().nullable(),
    closedAt: instant().nullable(),
  },
});

/** Licensing's policy profiles (written by the platform's projectPolicyProfile, read by profileFor). */
export const PolicyProfileProjection = defineEntity({
  name: 'PolicyProfileProjection',
  tableName: 'policy_profile_projection',
  properties: {
    jurisdiction: p.text().primary(),
    version: p.integer(),
    overrides: p.json<Record<string, { value: unknown; source: string }>>().nullable(),
    changedFields: p.json<string[]>().defaultRaw("'[]'"),
    occurredAt: instant(),
  },
});

/** Delivery's analysis of each product version's executable recipe (RecipeAnalysed): evidence for compliance review. */
export const RecipeAnalysisProjection = defineEntity({
  name: 'RecipeAnalysisProjection',
  tableName: 'recipe_analysis_projection',
  properties: {
    productId: p.uuid().primary(),
    version: p.integer().primary(),
    recipeId: p.uuid(),
    outcome: p.text(),
    sqlSha256: p.text(),
    k: p.integer(),
    aggregate: p.boolean(),
    tables: p.json<{ name: string; resourceId: string }[]>(),
    columns: p.json<{ name: string; kind: string; sources: string[]; aggregated: boolean; masked: boolean }[]>(),
    filters: p.json<string[]>(),
    reviewNotes: p.json<string[]>(),
    violations: texts().defaultRaw("'{}'"),
    analysedAt: instant(),
  },
});
