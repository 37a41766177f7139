/** Payloads of events evaluation publishes (owner: evaluation). */
import { z } from 'zod';
import { decimal, id, instant, jurisdiction, localDate } from './common.js';

export const ContributionAssessedSchema = z.object({ assessmentId: id, jurisdiction, periodStart: localDate, periodEnd: localDate, scores: z.array(z.object({ agencyId: id, score: decimal })) });
export type ContributionAssessed = z.infer<typeof ContributionAssessedSchema>;
export const RectificationRequestedSchema = z.object({ findingId: id, evaluationId: id, agreementId: id, operatorId: id, jurisdiction, cause: z.string(), deadline: localDate });
export type RectificationRequested = z.infer<typeof RectificationRequestedSchema>;
export const IncidentTypeSchema = z.enum(['DATA_LEAK', 'DATA_LOSS', 'TAMPERING', 'RISKY_LINKAGE', 'DATA_DESTRUCTION']);
export type IncidentType = z.infer<typeof IncidentTypeSchema>;
export const SecurityIncidentReportedSchema = z.object({
  incidentId: id,
  jurisdiction,
  operatorId: id.nullable(),
  agreementId: id.nullable(),
  type: IncidentTypeSchema,
  severity: z.enum(['LOW', 'MEDIUM', 'HIGH', 'CRITICAL']),
  /**
   * Processing in the affected scope stops at once: risky linkage only, reported by the operator or an official, where
   * the jurisdiction's profile says so (`linkageStop`: HN Art 18, ZJC §三(五)6). Consumers follow this flag.
   */
  stopProcessing: z.boolean(),
  /** The rule the stop follows (null when nothing stops); optional so older events still read. */
  stopRule: z.string().nullable().optional(),
  resourceIds: z.array(id),
  productIds: z.array(id),
  occurredAt: instant,
});
export type SecurityIncidentReported = z.infer<typeof SecurityIncidentReportedSchema>;
export const SecurityIncidentClosedSchema = z.object({ incidentId: id, jurisdiction, agreementId: id.nullable(), resourceIds: z.array(id), productIds: z.array(id), closedAt: instant });
export type SecurityIncidentClosed = z.infer<typeof SecurityIncidentClosedSchema>;
/** An operator's annual evaluation was finalized: its total and conclusion (TZ Art 28: the basis of a re-application). */
export const OperatorEvaluationFinalizedSchema = z.object({ evaluationId: id, jurisdiction, operatorId: id, agreementId: id.nullable(), year: z.number().int(), total: decimal, conclusion: z.string(), finalizedAt: instant });
export type OperatorEvaluationFinalized = z.infer<typeof OperatorEvaluationFinalizedSchema>;
/**
 * An emergency plan's state after a change (full snapshot): FILED with its first version, a revision SUPERSEDED the
 * previous version (`version` is the one in force), or the plan was WITHDRAWN. `agreementId` names the authorization
 * where the plan is one per authorization (ZJC 一授权一预案). Consumers keep the highest `version` per plan.
 */
export const EmergencyPlanChangedSchema = z.object({
  planId: id,
  jurisdiction,
  holderOrgId: id,
  holderKind: z.enum(['OPERATOR', 'SERVICE_PROVIDER']),
  agreementId: id.nullable(),
  change: z.enum(['FILED', 'SUPERSEDED', 'WITHDRAWN']),
  status: z.enum(['ACTIVE', 'WITHDRAWN']),
  version: z.number().int().positive(),
  adoptedOn: localDate,
  effectiveAt: instant,
});
export type EmergencyPlanChanged = z.infer<typeof EmergencyPlanChangedSchema>;
