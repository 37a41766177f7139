/** Payloads of events licensing publishes (owner: licensing). */
import { z } from 'zod';
import { count, id, instant, jurisdiction, localDate } from './common.js';

export const OrgKindSchema = z.enum(['AUTHORITY', 'IMPLEMENTING_AGENCY', 'SOURCE_AGENCY', 'OPERATOR', 'DEVELOPER', 'SERVICE_PROVIDER', 'EXPERT_BODY']);
export type OrgKind = z.infer<typeof OrgKindSchema>;
export const OrganizationRegisteredSchema = z.object({ organizationId: id, jurisdiction, nameZh: z.string(), nameEn: z.string().nullish(), kinds: z.array(OrgKindSchema), creditCode: z.string().nullish() });
export type OrganizationRegistered = z.infer<typeof OrganizationRegisteredSchema>;

/** One setting of a profile: its value and the document clause it comes from. */
export const PolicyProfileSettingValueSchema = z.object({ value: z.unknown(), source: z.string() });
export type PolicyProfileSettingValue = z.infer<typeof PolicyProfileSettingValueSchema>;
/**
 * The full resolved profile of a jurisdiction at a version: every setting (not only the edited
 * ones), each with its source. `settings` is a complete PolicyProfile: pass it to @pdo/policy's
 * `resolveProfile(code, settings)` to get the typed EffectiveProfile back.
 */
export const PolicyProfileSnapshotSchema = z.object({ code: z.string().min(1), nameZh: z.string(), nameEn: z.string(), settings: z.record(z.string(), PolicyProfileSettingValueSchema) });
export type PolicyProfileSnapshot = z.infer<typeof PolicyProfileSnapshotSchema>;
export const PolicyProfileChangedSchema = z.object({
  jurisdiction,
  profileVersion: count,
  changedFields: z.array(z.string()),
  /** Same as profileVersion; the version `profile` is the state of (added so consumers can keep a local copy). */
  version: count.optional(),
  /**
   * The profile after the edit, resolved in full (added; present on every edit). Consumers also
   * read the earlier shape, the settings alone without `code` and names (profile-projection.ts in
   * the platform), so that shape stays valid.
   */
  profile: z.union([PolicyProfileSnapshotSchema, z.record(z.string(), PolicyProfileSettingValueSchema)]).optional(),
});
export type PolicyProfileChanged = z.infer<typeof PolicyProfileChangedSchema>;

export const AgreementStatusSchema = z.enum(['SIGNED', 'ACTIVE', 'SUSPENDED', 'TERMINATED', 'EXPIRED', 'EXITED']);
export type AgreementStatus = z.infer<typeof AgreementStatusSchema>;
export const AgreementFactsSchema = z.object({
  agreementId: id,
  agreementNumber: z.string().min(1),
  jurisdiction,
  operatorId: id,
  mode: z.enum(['WHOLE', 'BY_DOMAIN', 'BY_SCENARIO']),
  status: AgreementStatusSchema,
  startDate: localDate,
  endDate: localDate,
  trialEndDate: localDate.nullable(),
  resourceIds: z.array(id),
  sectors: z.array(z.string()),
  profileVersion: count,
});
export type AgreementFacts = z.infer<typeof AgreementFactsSchema>;
export const AgreementSignedSchema = AgreementFactsSchema;
export type AgreementSigned = AgreementFacts;
export const AgreementActivatedSchema = AgreementFactsSchema;
export type AgreementActivated = AgreementFacts;
export const AgreementRenewedSchema = AgreementFactsSchema;
export type AgreementRenewed = AgreementFacts;
export const AgreementStatusChangedSchema = z.object({
  agreementId: id,
  jurisdiction,
  operatorId: id,
  status: AgreementStatusSchema,
  endDate: localDate,
  reason: z.string().nullable(),
  /** ISO instant of the change; consumers ignore a change older than the one they hold. */
  effectiveAt: instant,
});
export type AgreementStatusChanged = z.infer<typeof AgreementStatusChangedSchema>;
export type AgreementSuspended = AgreementStatusChanged;
export type AgreementReinstated = AgreementStatusChanged;
export type AgreementTerminated = AgreementStatusChanged;
export type AgreementExpired = AgreementStatusChanged;

/** PUBLIC_WELFARE (public governance / welfare) → free products; INDUSTRY (industry / sector development) → paid. */
export const ScenarioCategorySchema = z.enum(['PUBLIC_WELFARE', 'INDUSTRY']);
export type ScenarioCategory = z.infer<typeof ScenarioCategorySchema>;
export const ScenarioApprovedSchema = z.object({ scenarioId: id, agreementId: id, operatorId: id, jurisdiction, nameZh: z.string(), category: ScenarioCategorySchema, resourceIds: z.array(id), approvedAt: instant });
export type ScenarioApproved = z.infer<typeof ScenarioApprovedSchema>;
export const ScenarioRefusedSchema = z.object({ scenarioId: id, agreementId: id, operatorId: id, jurisdiction, reasons: z.array(z.string()) });
export type ScenarioRefused = z.infer<typeof ScenarioRefusedSchema>;
export const AccessGrantedSchema = z.object({ grantId: id, agreementId: id, scenarioId: id, operatorId: id, resourceId: id, jurisdiction, expiresOn: localDate, status: z.literal('ACTIVE'), effectiveAt: instant });
export type AccessGranted = z.infer<typeof AccessGrantedSchema>;
export const AccessRevokedSchema = z.object({ grantId: id, agreementId: id, scenarioId: id, operatorId: id, resourceId: id, jurisdiction, status: z.enum(['PAUSED', 'REVOKED']), reason: z.string(), effectiveAt: instant });
export type AccessRevoked = z.infer<typeof AccessRevokedSchema>;

/**
 * A selection result made public (公示) for its period, with the channel for objections (NS Art 12; TZ Art 15; QHD
 * §三(二)2): the selected applicant, its rank and weighted score under the call's rules, and the period's days.
 */
export const SelectionPublicizedSchema = z.object({
  applicationId: id,
  jurisdiction,
  applicantId: id,
  callId: id.nullable(),
  /** A re-application for renewal: the agreement it would succeed. */
  renewsAgreementId: id.nullable(),
  title: z.string(),
  rank: z.number().int().positive(),
  score: z.string(),
  publicityStartsOn: localDate,
  publicityEndsOn: localDate,
  workingDays: z.number().int().nonnegative(),
  /** How to object: the GraphQL mutation anyone signed in may call during the period. */
  objectionChannel: z.string(),
  rule: z.string(),
});
export type SelectionPublicized = z.infer<typeof SelectionPublicizedSchema>;
