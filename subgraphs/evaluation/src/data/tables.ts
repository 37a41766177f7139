import { defineEntity, p } from '@mikro-orm/core';
import { typedDb, type DatabaseOf, type Em } from '@pdo/platform';

/**
 * Evaluation's tables as MikroORM entities, declared as the driver returns them (packages/platform/src/db/kysely.ts):
 * dates and instants as text, bigint and numeric as decimal strings, jsonb parsed. Migrations stay the source of the
 * DDL; test/tables/tables.test.ts compares these declarations with the migrated tables.
 */
const date = () => p.string().columnType('date');
const instant = () => p.string().columnType('timestamptz');
const numeric = () => p.decimal('string').columnType('numeric');
const uuids = () => p.array<string>().columnType('uuid[]');
const texts = () => p.array<string>().columnType('text[]');

/** One public fact of a disclosure (only these are ever public). */
export interface DisclosureFactRow {
  key: string;
  value: string;
}

// ── projections of other subgraphs' facts (fed only by events) ──

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

// ── evaluation's own records ──

export const ContributionWeightsTable = defineEntity({
  name: 'ContributionWeights',
  tableName: 'contribution_weights',
  properties: {
    jurisdiction: p.text().primary(),
    quantity: numeric(),
    quality: numeric(),
    application: numeric(),
    revenue: numeric(),
    source: p.text(),
    setBy: p.text(),
    setAt: instant(),
  },
});

/** The weights an assessment used, with the source the authority cited (percent, decimal strings). */
export interface AssessmentWeights {
  quantity: string;
  quality: string;
  application: string;
  revenue: string;
  source: string;
}

export const ContributionAssessmentTable = defineEntity({
  name: 'ContributionAssessment',
  tableName: 'contribution_assessment',
  properties: {
    id: p.uuid().primary(),
    jurisdiction: p.text(),
    periodStart: date(),
    periodEnd: date(),
    weights: p.json<AssessmentWeights>(),
    assessedBy: p.text(),
    assessedAt: instant(),
  },
});

/** The facts one agency's contribution score was computed from, as stored beside the score. */
export interface ContributionInputsRow {
  agency_name: string | null;
  resource_count: number;
  record_count: string;
  avg_quality: string;
  corrections_answered: number;
  corrections_on_time: number;
  product_count: number;
  usage_units: string;
  revenue_fen: string;
  max_resources: number;
  max_records: string;
  max_products: number;
  max_units: string;
  max_revenue_fen: string;
}

export const ContributionScoreTable = defineEntity({
  name: 'ContributionScore',
  tableName: 'contribution_score',
  properties: {
    assessmentId: p.uuid().primary(),
    agencyId: p.uuid().primary(),
    quantity: numeric(),
    quality: numeric(),
    application: numeric(),
    revenue: numeric(),
    total: numeric(),
    inputs: p.json<ContributionInputsRow>(),
  },
});

export const OperatorEvaluationTable = defineEntity({
  name: 'OperatorEvaluation',
  tableName: 'operator_evaluation',
  properties: {
    id: p.uuid().primary(),
    jurisdiction: p.text(),
    operatorId: p.uuid(),
    agreementId: p.uuid().nullable(),
    year: p.integer().columnType('integer'),
    status: p.text(),
    total: numeric().nullable(),
    conclusion: p.text().nullable(),
    conclusionNote: p.text().nullable(),
    openedBy: p.text(),
    openedAt: instant(),
    finalizedAt: instant().nullable(),
  },
});

export const OperatorEvaluationScoreTable = defineEntity({
  name: 'OperatorEvaluationScore',
  tableName: 'operator_evaluation_score',
  properties: {
    evaluationId: p.uuid().primary(),
    criterion: p.text().primary(),
    scorerSub: p.text().primary(),
    scorerRole: p.text(),
    score: numeric(),
    comment: p.text().nullable(),
    scoredAt: instant(),
  },
});

export const EvaluationFindingTable = defineEntity({
  name: 'EvaluationFinding',
  tableName: 'evaluation_finding',
  properties: {
    id: p.uuid().primary(),
    evaluationId: p.uuid(),
    criterion: p.text(),
    severity: p.text(),
    description: p.text(),
    rectification: p.text(),
    rectificationDeadline: date().nullable(),
    createdBy: p.text(),
    createdAt: instant(),
    closedAt: instant().nullable(),
    closureNote: p.text().nullable(),
  },
});

/** Figures the platform already knows for an operator and period (prefilled into a report). */
export interface ReportPrefill {
  listedProducts: number;
  usageUnits: string;
  newUsageAgreements: number;
  secondaryDevelopers: number;
  revenueFen: string;
  incidents: number;
  products: { productId: string; productCode: string; name: string; usageUnits: string; revenueFen: string }[];
  priceChanges: { productId: string; kind: string; chargingUnit: string; amountFen: string; effectiveFrom: string }[];
}

export const OperatingReportTable = defineEntity({
  name: 'OperatingReport',
  tableName: 'operating_report',
  properties: {
    id: p.uuid().primary(),
    jurisdiction: p.text(),
    operatorId: p.uuid(),
    kind: p.text(),
    periodStart: date(),
    periodEnd: date(),
    dueOn: date().nullable(),
    ruleSource: p.text(),
    status: p.text(),
    prefill: p.json<ReportPrefill>(),
    revenueFen: p.bigint('string').nullable(),
    costFen: p.bigint('string').nullable(),
    profitFen: p.bigint('string').nullable(),
    narrative: p.text().nullable(),
    secondaryDevelopment: p.text().nullable(),
    submittedAt: instant().nullable(),
    reviewedAt: instant().nullable(),
    reviewNote: p.text().nullable(),
    createdAt: instant(),
    reviewedBy: p.text().nullable(),
  },
});

export const SecurityIncidentTable = defineEntity({
  name: 'SecurityIncident',
  tableName: 'security_incident',
  properties: {
    id: p.uuid().primary(),
    jurisdiction: p.text(),
    reporterOrg: p.uuid().nullable(),
    reporterSub: p.text(),
    operatorId: p.uuid().nullable(),
    agreementId: p.uuid().nullable(),
    type: p.text(),
    severity: p.text(),
    occurredAt: instant(),
    reportedAt: instant(),
    description: p.text(),
    resourceIds: uuids(),
    productIds: uuids(),
    stopProcessing: p.boolean(),
    notifyCyberspace: p.boolean(),
    notificationRule: p.text().nullable(),
    status: p.text(),
    closedAt: instant().nullable(),
    closureSummary: p.text().nullable(),
  },
});

export const SecurityIncidentActionTable = defineEntity({
  name: 'SecurityIncidentAction',
  tableName: 'security_incident_action',
  properties: {
    id: p.uuid().primary(),
    // Insertion order breaks ties between actions of the same instant; the database numbers them.
    seq: p.bigint('string').columnType('bigserial').defaultRaw(`nextval('security_incident_action_seq_seq')`),
    incidentId: p.uuid(),
    kind: p.text(),
    note: p.text(),
    actorSub: p.text(),
    at: instant(),
  },
});

/** One piece of evidence filed with a dispute. */
export interface DisputeEvidenceRow {
  title: string;
  uri: string | null;
}

export const DisputeTable = defineEntity({
  name: 'Dispute',
  tableName: 'dispute',
  properties: {
    id: p.uuid().primary(),
    jurisdiction: p.text(),
    kind: p.text(),
    complainantOrg: p.uuid(),
    complainantName: p.text(),
    respondentOrg: p.uuid().nullable(),
    subject: p.text(),
    subjectRef: p.uuid().nullable(),
    evidence: p.json<DisputeEvidenceRow[]>(),
    status: p.text(),
    filedBy: p.text(),
    filedAt: instant(),
    handlerSub: p.text().nullable(),
    handlingStartedAt: instant().nullable(),
    dueOn: date().nullable(),
    outcome: p.text().nullable(),
    decision: p.text().nullable(),
    decidedAt: instant().nullable(),
  },
});

export const DisclosureTable = defineEntity({
  name: 'Disclosure',
  tableName: 'disclosure',
  properties: {
    id: p.uuid().primary(),
    jurisdiction: p.text(),
    /** The title shown in the feed. */
    name: p.text(),
    kind: p.text(),
    subjectId: p.uuid().nullable(),
    rule: p.text().nullable(),
    facts: p.json<DisclosureFactRow[]>(),
    publishedAt: instant(),
    dedupeKey: p.text().nullable(),
    createdAt: instant(),
  },
});

export const tables = [
  OrgProjection,
  ResourceProjection,
  ResourceRegistrationProjection,
  CorrectionProjection,
  AgreementProjection,
  ScenarioProjection,
  ProductProjection,
  ProductResourceProjection,
  UsageAgreementProjection,
  UsageProjection,
  PriceProjection,
  SettlementShareProjection,
  ContributionWeightsTable,
  ContributionAssessmentTable,
  ContributionScoreTable,
  OperatorEvaluationTable,
  OperatorEvaluationScoreTable,
  EvaluationFindingTable,
  OperatingReportTable,
  SecurityIncidentTable,
  SecurityIncidentActionTable,
  DisputeTable,
  DisclosureTable,
] as const;
export type DB = DatabaseOf<typeof tables>;
/** The subgraph's typed Kysely, inside the entity manager's transaction when it has one. */
export const db = (em: Em) => typedDb<DB>(em);
