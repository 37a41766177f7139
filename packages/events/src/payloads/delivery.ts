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
