/** Payloads of events the catalog publishes (owner: catalog). ISO instants, 'YYYY-MM-DD' dates, decimals as strings. */
export type Openness = 'UNCONDITIONAL' | 'CONDITIONAL' | 'PROHIBITED';

/** One declared field of a resource (its data's column): name, declared type, grading flags. */
export interface ResourceFieldSnapshot {
  name: string;
  /** As catalogued (e.g. string, int, numeric, date, datetime, boolean). */
  type: string;
  /** A value is required in every row of a load (not null). */
  required: boolean;
  personalInformation: boolean;
  sensitive: boolean;
}

export interface ResourceSnapshot {
  resourceId: string;
  jurisdiction: string;
  code: string;
  nameZh: string;
  sector: string;
  sourceAgencyId: string;
  openness: Openness;
  grade: string | null;
  recordCount: number;
  /** 0–100 decimals as strings. */
  quality: { completeness: string; consistency: string; accuracy: string; timeliness: string };
  authorizable: boolean;
  authorizableReasons: string[];
  status: 'ACTIVE' | 'WITHDRAWN';
  /**
   * The declared fields. Added after version 1 of the event without a version bump (consumers
   * that predate it ignore it; events published before it lack it, so it is optional).
   */
  fields?: ResourceFieldSnapshot[];
  /** Increments with every change: consumers keep the highest. */
  version: number;
  updatedAt: string;
}
export type ResourcePublished = ResourceSnapshot;
export type ResourceChanged = ResourceSnapshot;
export interface ResourceWithdrawn { resourceId: string; jurisdiction: string; sourceAgencyId: string; version: number; withdrawnAt: string }
export interface ResourceAuthorizabilityChanged { resourceId: string; jurisdiction: string; authorizable: boolean; reasons: string[]; version: number }
export interface ResourceRegistrationCoded { registrationId: string; resourceId: string; jurisdiction: string; registrationCode: string; codedOn: string; validUntil: string }
export interface ResourceRegistrationCancelled { registrationId: string; resourceId: string; jurisdiction: string; state: 'CANCELLED' | 'TERMINATED' | 'REVOKED'; reason: string | null }
export interface CorrectionAnswered {
  correctionId: string;
  resourceId: string;
  sourceAgencyId: string;
  jurisdiction: string;
  raisedOn: string;
  dueOn: string;
  answeredOn: string;
  onTime: boolean;
  outcome: 'CORRECTED' | 'REJECTED';
}
