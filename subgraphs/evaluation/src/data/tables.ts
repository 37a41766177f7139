import { defineEntity, p } from '@mikro-orm/core';
import { dateColumn as date, instantColumn as instant, numericColumn as numeric, uuidArrayColumn as uuids } from '@pdo/platform';
import { typedDb, type DatabaseOf, type Em } from '@pdo/platform';
import {
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
  PolicyProfileProjection,
} from './projection-tables.js';
import { securityDutyTables } from './security-duty-tables.js';
import type { AssessmentWeights, ContributionInputsRow, DisclosureFactRow, DisputeEvidenceRow, ReportPrefill } from './json-columns.js';

export type { AssessmentWeights, ContributionInputsRow, DisclosureFactRow, DisputeEvidenceRow, ReportPrefill } from './json-columns.js';

/**
 * Evaluation's tables as MikroORM entities, declared as the driver returns them (packages/platform/src/db/kysely.ts):
 * dates and instants as text, bigint and numeric as decimal strings, jsonb parsed. Migrations stay the source of the
 * DDL; test/tables/tables.test.ts compares these declarations with the migrated tables. The projections of other
 * subgraphs' facts are declared in projection-tables.ts and listed here with the rest.
 */

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
    stopRule: p.text().nullable(),
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

/** Disclosures per jurisdiction and kind, kept with every insert into the feed (evaluation migration 0012). */
export const DisclosureCountTable = defineEntity({
  name: 'DisclosureCount',
  tableName: 'disclosure_count',
  properties: {
    jurisdiction: p.text().primary(),
    kind: p.text().primary(),
    n: p.bigint('string'),
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
  PolicyProfileProjection,
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
  DisclosureCountTable,
  ...securityDutyTables,
] as const;
export type DB = DatabaseOf<typeof tables>;
/** The subgraph's typed Kysely, inside the entity manager's transaction when it has one. */
export const db = (em: Em) => typedDb<DB>(em);
