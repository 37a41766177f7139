/** Payloads of events the delivery subgraph (the operating domain) publishes (owner: delivery). */
import { z } from 'zod';
import { count, id, instant, jurisdiction } from './common.js';

/**
 * A batch of a resource's raw data was loaded and is now the current one. Counts and ratios only:
 * no value of the data ever travels in an event.
 */
export const RawDataLoadedSchema = z.object({
  resourceId: id,
  jurisdiction,
  sourceAgencyId: id,
  /** The catalog version of the resource whose declared fields the batch was validated against. */
  resourceVersion: count,
  /** Numbered per resource, from 1; a higher number supersedes a lower one. */
  batchNo: z.number().int().positive(),
  rowCount: count,
  /** ISO instant of the load's commit time (consumers keep the latest). */
  loadedAt: instant,
  /** Hex SHA-256 of the loaded bytes, exactly as received. */
  sha256: z.string().regex(/^[0-9a-f]{64}$/, 'must be a hex SHA-256'),
  /** Per declared field: share of rows without a value, as a decimal string with 4 places ("0.0000"–"1.0000"). */
  nullRatios: z.record(z.string(), z.string().regex(/^[01]\.\d{4}$/, 'must be a ratio with 4 places')),
});
export type RawDataLoaded = z.infer<typeof RawDataLoadedSchema>;

/**
 * The operating domain analysed the executable recipe of a product version (HN Art 15: the review
 * that raw data stays in the domain). The analysis itself — tables, columns with their kinds, k,
 * the SHA-256 of the SQL — is the compliance item's evidence; no data travels.
 */
export const RecipeAnalysedSchema = z.object({
  recipeId: id,
  productId: id,
  version: count,
  jurisdiction,
  operatorId: id,
  /** ACCEPTED: the analyser found nothing; REFUSED: with the violation codes. */
  outcome: z.enum(['ACCEPTED', 'REFUSED']),
  sqlSha256: z.string(),
  parserVersion: z.number().int(),
  k: count,
  aggregate: z.boolean(),
  tables: z.array(z.object({ name: z.string(), resourceId: id })),
  columns: z.array(z.object({ name: z.string(), kind: z.string(), sources: z.array(z.string()), aggregated: z.boolean(), masked: z.boolean() })),
  filters: z.array(z.string()),
  reviewNotes: z.array(z.string()),
  violations: z.array(z.string()),
  analysedAt: instant,
});
export type RecipeAnalysed = z.infer<typeof RecipeAnalysedSchema>;

/**
 * One execution in the operating domain was metered by the platform (a data-plane call or a
 * sandbox job): what ran, for whom, how much came out — never the data. `units` is what the
 * product's charging unit counts (one call, one job).
 */
export const ExecutionMeteredSchema = z.object({
  executionId: id,
  kind: z.enum(['CALL', 'SANDBOX_JOB']),
  productId: id,
  version: count,
  entitlementId: id,
  usageAgreementId: id,
  developerId: id,
  operatorId: id,
  jurisdiction,
  units: z.string().regex(/^\d+$/, 'must be whole units as a string'),
  rowsReturned: count,
  durationMs: z.number().nonnegative(),
  occurredAt: instant,
});
export type ExecutionMetered = z.infer<typeof ExecutionMeteredSchema>;

/** The most executions one ExecutionsMetered carries (a job's payload stays well under a megabyte). */
export const METERED_BATCH_MAX = 1000;

/**
 * Data-plane calls metered together: one event for up to METERED_BATCH_MAX executions of one
 * jurisdiction, so a busy data plane costs the event bus one job per batch, not one per call.
 * Each execution is keyed by its id downstream, so a redelivered batch records nothing twice.
 */
export const ExecutionsMeteredSchema = z.object({ executions: z.array(ExecutionMeteredSchema).min(1).max(METERED_BATCH_MAX) });
export type ExecutionsMetered = z.infer<typeof ExecutionsMeteredSchema>;
