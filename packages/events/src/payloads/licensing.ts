/** Payloads of events licensing publishes (owner: licensing). */
export type OrgKind = 'AUTHORITY' | 'IMPLEMENTING_AGENCY' | 'SOURCE_AGENCY' | 'OPERATOR' | 'DEVELOPER' | 'SERVICE_PROVIDER' | 'EXPERT_BODY';
export interface OrganizationRegistered { organizationId: string; jurisdiction: string; nameZh: string; nameEn?: string | null; kinds: OrgKind[]; creditCode?: string | null }
/** One setting of a profile: its value and the document clause it comes from. */
export interface PolicyProfileSettingValue { value: unknown; source: string }
/**
 * The full resolved profile of a jurisdiction at a version: every setting (not only the edited
 * ones), each with its source. `settings` is a complete PolicyProfile: pass it to @pdo/policy's
 * `resolveProfile(code, settings)` to get the typed EffectiveProfile back.
 */
export interface PolicyProfileSnapshot { code: string; nameZh: string; nameEn: string; settings: Record<string, PolicyProfileSettingValue> }
export interface PolicyProfileChanged {
  jurisdiction: string;
  profileVersion: number;
  changedFields: string[];
  /** Same as profileVersion; the version `profile` is the state of (added so consumers can keep a local copy). */
  version?: number;
  /** The profile after the edit, resolved in full (added; present on every edit). */
  profile?: PolicyProfileSnapshot;
}

export type AgreementStatus = 'SIGNED' | 'ACTIVE' | 'SUSPENDED' | 'TERMINATED' | 'EXPIRED' | 'EXITED';
export interface AgreementFacts {
  agreementId: string;
  agreementNumber: string;
  jurisdiction: string;
  operatorId: string;
  mode: 'WHOLE' | 'BY_DOMAIN' | 'BY_SCENARIO';
  status: AgreementStatus;
  startDate: string;
  endDate: string;
  trialEndDate: string | null;
  resourceIds: string[];
  sectors: string[];
  profileVersion: number;
}
export type AgreementSigned = AgreementFacts;
export type AgreementActivated = AgreementFacts;
export type AgreementRenewed = AgreementFacts;
export interface AgreementStatusChanged {
  agreementId: string;
  jurisdiction: string;
  operatorId: string;
  status: AgreementStatus;
  endDate: string;
  reason: string | null;
  /** ISO instant of the change; consumers ignore a change older than the one they hold. */
  effectiveAt: string;
}
export type AgreementSuspended = AgreementStatusChanged;
export type AgreementReinstated = AgreementStatusChanged;
export type AgreementTerminated = AgreementStatusChanged;
export type AgreementExpired = AgreementStatusChanged;

/** PUBLIC_WELFARE (public governance / welfare) → free products; INDUSTRY (industry / sector development) → paid. */
export type ScenarioCategory = 'PUBLIC_WELFARE' | 'INDUSTRY';
export interface ScenarioApproved { scenarioId: string; agreementId: string; operatorId: string; jurisdiction: string; nameZh: string; category: ScenarioCategory; resourceIds: string[]; approvedAt: string }
export interface ScenarioRefused { scenarioId: string; agreementId: string; operatorId: string; jurisdiction: string; reasons: string[] }
export interface AccessGranted { grantId: string; agreementId: string; scenarioId: string; operatorId: string; resourceId: string; jurisdiction: string; expiresOn: string; status: 'ACTIVE'; effectiveAt: string }
export interface AccessRevoked { grantId: string; agreementId: string; scenarioId: string; operatorId: string; resourceId: string; jurisdiction: string; status: 'PAUSED' | 'REVOKED'; reason: string; effectiveAt: string }
