/** Payloads of events evaluation publishes (owner: evaluation). */
export interface ContributionAssessed { assessmentId: string; jurisdiction: string; periodStart: string; periodEnd: string; scores: { agencyId: string; score: string }[] }
export interface RectificationRequested { findingId: string; evaluationId: string; agreementId: string; operatorId: string; jurisdiction: string; cause: string; deadline: string }
export type IncidentType = 'DATA_LEAK' | 'DATA_LOSS' | 'TAMPERING' | 'RISKY_LINKAGE';
export interface SecurityIncidentReported {
  incidentId: string;
  jurisdiction: string;
  operatorId: string | null;
  agreementId: string | null;
  type: IncidentType;
  severity: 'LOW' | 'MEDIUM' | 'HIGH' | 'CRITICAL';
  /** Risky linkage or a leak: processing in the affected scope stops at once. */
  stopProcessing: boolean;
  resourceIds: string[];
  productIds: string[];
  occurredAt: string;
}
export interface SecurityIncidentClosed { incidentId: string; jurisdiction: string; agreementId: string | null; resourceIds: string[]; productIds: string[]; closedAt: string }
