/** Payloads of events the catalog publishes (owner: catalog). ISO instants, 'YYYY-MM-DD' dates, decimals as strings. */
import { z } from 'zod';
import { count, decimal, id, instant, jurisdiction, localDate } from './common.js';

export const OpennessSchema = z.enum(['UNCONDITIONAL', 'CONDITIONAL', 'PROHIBITED']);
export type Openness = z.infer<typeof OpennessSchema>;

/** One declared field of a resource (its data's column): name, declared type, grading flags. */
export const ResourceFieldSnapshotSchema = z.object({
  name: z.string().min(1),
  /** As catalogued (e.g. string, int, numeric, date, datetime, boolean). */
  type: z.string().min(1),
  /** A value is required in every row of a load (not null). */
  required: z.boolean(),
  personalInformation: z.boolean(),
  sensitive: z.boolean(),
});
export type ResourceFieldSnapshot = z.infer<typeof ResourceFieldSnapshotSchema>;

/**
 * Data a higher level returned to the jurisdiction (回流数据): the level, its platform or authority, the returning
 * system's reference. Granting it may need that level's consent (policy setting returnedDataConsent; ZJC §三(五)2).
 */
export const ReturnedOriginSchema = z.object({ level: z.enum(['PROVINCE', 'NATIONAL']), from: z.string().min(1), reference: z.string().nullable() });
export type ReturnedOrigin = z.infer<typeof ReturnedOriginSchema>;

export const ResourceSnapshotSchema = z.object({
  resourceId: id,
  jurisdiction,
  code: z.string().min(1),
  nameZh: z.string(),
  sector: z.string(),
  sourceAgencyId: id,
  openness: OpennessSchema,
  grade: z.string().nullable(),
  recordCount: count,
  /** 0–100 decimals as strings. */
  quality: z.object({ completeness: decimal, consistency: decimal, accuracy: decimal, timeliness: decimal }),
  authorizable: z.boolean(),
  authorizableReasons: z.array(z.string()),
  status: z.enum(['ACTIVE', 'WITHDRAWN']),
  /**
   * The declared fields. Added after version 1 of the event without a version bump (consumers
   * that predate it ignore it; events published before it lack it, so it is optional).
   */
  fields: z.array(ResourceFieldSnapshotSchema).optional(),
  /** Increments with every change: consumers keep the highest. */
  version: count,
  updatedAt: instant,
  /**
   * Where the data came from when a higher level returned it (null: the jurisdiction's own). Added after version 1
   * without a version bump, like `fields`: optional, so events published before it (and consumers that predate it) still
   * read; a snapshot without it says nothing about the origin, one with null says "own data".
   */
  returnedOrigin: ReturnedOriginSchema.nullable().optional(),
});
export type ResourceSnapshot = z.infer<typeof ResourceSnapshotSchema>;
export const ResourcePublishedSchema = ResourceSnapshotSchema;
export type ResourcePublished = ResourceSnapshot;
export const ResourceChangedSchema = ResourceSnapshotSchema;
export type ResourceChanged = ResourceSnapshot;

export const ResourceWithdrawnSchema = z.object({ resourceId: id, jurisdiction, sourceAgencyId: id, version: count, withdrawnAt: instant });
export type ResourceWithdrawn = z.infer<typeof ResourceWithdrawnSchema>;
export const ResourceAuthorizabilityChangedSchema = z.object({ resourceId: id, jurisdiction, authorizable: z.boolean(), reasons: z.array(z.string()), version: count });
export type ResourceAuthorizabilityChanged = z.infer<typeof ResourceAuthorizabilityChangedSchema>;
export const ResourceRegistrationCodedSchema = z.object({ registrationId: id, resourceId: id, jurisdiction, registrationCode: z.string().min(1), codedOn: localDate, validUntil: localDate });
export type ResourceRegistrationCoded = z.infer<typeof ResourceRegistrationCodedSchema>;
export const ResourceRegistrationCancelledSchema = z.object({ registrationId: id, resourceId: id, jurisdiction, state: z.enum(['CANCELLED', 'TERMINATED', 'REVOKED']), reason: z.string().nullable() });
export type ResourceRegistrationCancelled = z.infer<typeof ResourceRegistrationCancelledSchema>;
export const CorrectionAnsweredSchema = z.object({
  correctionId: id,
  resourceId: id,
  sourceAgencyId: id,
  jurisdiction,
  raisedOn: localDate,
  dueOn: localDate,
  answeredOn: localDate,
  onTime: z.boolean(),
  outcome: z.enum(['CORRECTED', 'REJECTED']),
});
export type CorrectionAnswered = z.infer<typeof CorrectionAnsweredSchema>;
