/** Payloads of events the delivery subgraph (the operating domain) publishes (owner: delivery). */

/**
 * A batch of a resource's raw data was loaded and is now the current one. Counts and ratios only:
 * no value of the data ever travels in an event.
 */
export interface RawDataLoaded {
  resourceId: string;
  jurisdiction: string;
  sourceAgencyId: string;
  /** The catalog version of the resource whose declared fields the batch was validated against. */
  resourceVersion: number;
  /** Numbered per resource, from 1; a higher number supersedes a lower one. */
  batchNo: number;
  rowCount: number;
  /** ISO instant of the load's commit time (consumers keep the latest). */
  loadedAt: string;
  /** Hex SHA-256 of the loaded bytes, exactly as received. */
  sha256: string;
  /** Per declared field: share of rows without a value, as a decimal string with 4 places ("0.0000"–"1.0000"). */
  nullRatios: Record<string, string>;
}

/** One successful call the operating domain executed and metered itself (no parameter, no result). */
export interface MeteredCall {
  /** The call log entry; products keys the usage record on it, so a redelivered event records nothing twice. */
  executionId: string;
  usageAgreementId: string;
  productId: string;
  /** The product version whose recipe ran. */
  productVersionId: string | null;
  developerId: string;
  credentialId: string;
  /** Integer units as a string (a call is one unit of a PER_CALL product). */
  units: string;
  /** ISO instant the call was answered. */
  occurredAt: string;
}

/**
 * Platform-metered usage (docs/operating-domain/data-plane.md): products records each call as a
 * METERED usage record and publishes `UsageRecorded`, so charges and settlement follow as for any
 * usage. A list so that calls can travel together when one event per call would not keep up.
 */
export interface ExecutionMetered {
  calls: MeteredCall[];
}
