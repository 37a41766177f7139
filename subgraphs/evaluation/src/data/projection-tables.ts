import { defineEntity, p } from '@mikro-orm/core';
import { dateColumn as date, instantColumn as instant, numericColumn as numeric, uuidArrayColumn as uuids, textArrayColumn as texts } from '@pdo/platform';

/**
 * The local projections of other subgraphs' facts, fed only by events (data/projections.ts, data/product-projections.ts),
 * declared as the driver returns them like every table of data/tables.ts, which lists them with the others.
 */

export const OrgProjection = defineEntity({
  name: 'OrgProjection',
  tableName: 'org_projection',
  properties: { id: p.uuid().primary(), jurisdiction: p.text(), nameZh: p.text(), kinds: texts() },
});

export const ResourceProjection = defineEntity({
  name: 'ResourceProjection',
  tableName: 'resource_projection',
  properties: {
    id: p.uuid().primary(),
    jurisdiction: p.text(),
    code: p.text(),
    nameZh: p.text(),
    sector: p.text(),
    sourceAgencyId: p.uuid(),
    recordCount: p.bigint('string'),
    quality: numeric(),
    status: p.text(),
    version: p.integer().columnType('integer'),
    publishedAt: instant(),
    withdrawnAt: instant().nullable(),
  },
});

export const ResourceRegistrationProjection = defineEntity({
  name: 'ResourceRegistrationProjection',
  tableName: 'resource_registration_projection',
  properties: {
    registrationId: p.uuid().primary(),
    resourceId: p.uuid(),
    jurisdiction: p.text(),
    registrationCode: p.text().nullable(),
    state: p.text(),
    codedOn: date().nullable(),
  },
});

export const CorrectionProjection = defineEntity({
  name: 'CorrectionProjection',
  tableName: 'correction_projection',
  properties: {
    correctionId: p.uuid().primary(),
    resourceId: p.uuid(),
    sourceAgencyId: p.uuid(),
    jurisdiction: p.text(),
    raisedOn: date(),
    dueOn: date(),
    answeredOn: date(),
    onTime: p.boolean(),
    outcome: p.text(),
  },
});

export const AgreementProjection = defineEntity({
  name: 'AgreementProjection',
  tableName: 'agreement_projection',
  properties: {
    id: p.uuid().primary(),
    agreementNumber: p.text(),
    jurisdiction: p.text(),
    operatorId: p.uuid(),
    mode: p.text(),
    status: p.text(),
    startDate: date(),
    endDate: date(),
    resourceIds: uuids(),
    sectors: texts(),
    statusAt: instant(),
  },
});

export const ScenarioProjection = defineEntity({
  name: 'ScenarioProjection',
  tableName: 'scenario_projection',
  properties: {
    id: p.uuid().primary(),
    agreementId: p.uuid(),
    operatorId: p.uuid(),
    jurisdiction: p.text(),
    nameZh: p.text(),
    category: p.text(),
    resourceIds: uuids(),
    approvedAt: instant(),
  },
});

export const ProductProjection = defineEntity({
  name: 'ProductProjection',
  tableName: 'product_projection',
  properties: {
    id: p.uuid().primary(),
    productCode: p.text(),
    version: p.integer().columnType('integer'),
    jurisdiction: p.text(),
    operatorId: p.uuid(),
    agreementId: p.uuid(),
    scenarioId: p.uuid(),
    nameZh: p.text(),
    form: p.text(),
    category: p.text(),
    status: p.text(),
    listedAt: instant().nullable(),
    delistedAt: instant().nullable(),
    statusAt: instant(),
  },
});

export const ProductResourceProjection = defineEntity({
  name: 'ProductResourceProjection',
  tableName: 'product_resource_projection',
  properties: { productId: p.uuid().primary(), resourceId: p.uuid().primary(), sourceAgencyId: p.uuid() },
});

export const UsageAgreementProjection = defineEntity({
  name: 'UsageAgreementProjection',
  tableName: 'usage_agreement_projection',
  properties: {
    id: p.uuid().primary(),
    productId: p.uuid(),
    developerId: p.uuid(),
    operatorId: p.uuid(),
    jurisdiction: p.text(),
    startDate: date(),
    endDate: date(),
    category: p.text(),
    ended: p.boolean().default(false),
  },
});

export const UsageProjection = defineEntity({
  name: 'UsageProjection',
  tableName: 'usage_projection',
  properties: {
    usageId: p.uuid().primary(),
    productId: p.uuid(),
    operatorId: p.uuid(),
    developerId: p.uuid(),
    jurisdiction: p.text(),
    units: p.bigint('string'),
    occurredAt: instant(),
  },
});

export const PriceProjection = defineEntity({
  name: 'PriceProjection',
  tableName: 'price_projection',
  properties: {
    id: p.uuid().primary(),
    kind: p.text(),
    productId: p.uuid(),
    operatorId: p.uuid(),
    jurisdiction: p.text(),
    chargingUnit: p.text(),
    amountFen: p.bigint('string'),
    effectiveFrom: date(),
  },
});

export const SettlementShareProjection = defineEntity({
  name: 'SettlementShareProjection',
  tableName: 'settlement_share_projection',
  properties: {
    settlementId: p.uuid().primary(),
    jurisdiction: p.text(),
    periodStart: date(),
    periodEnd: date(),
    // A jurisdiction code for the jurisdiction's own share, else an organization id (0004_settlement_party_text).
    partyId: p.text().primary(),
    partyKind: p.text().primary(),
    productId: p.uuid().primary(),
    amountFen: p.bigint('string'),
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
