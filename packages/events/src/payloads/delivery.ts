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

/**
 * The operating domain analysed the executable recipe of a product version (HN Art 15: the review
 * that raw data stays in the domain). The analysis itself — tables, columns with their kinds, k,
 * the SHA-256 of the SQL — is the compliance item's evidence; no data travels.
 */
export interface RecipeAnalysed {
  recipeId: string;
  productId: string;
  version: number;
  jurisdiction: string;
  operatorId: string;
  /** ACCEPTED: the analyser found nothing; REFUSED: with the violation codes. */
  outcome: 'ACCEPTED' | 'REFUSED';
  sqlSha256: string;
  parserVersion: number;
  k: number;
  aggregate: boolean;
  tables: { name: string; resourceId: string }[];
  columns: { name: string; kind: string; sources: string[]; aggregated: boolean; masked: boolean }[];
  filters: string[];
  reviewNotes: string[];
  violations: string[];
  analysedAt: string;
}

/**
 * One execution in the operating domain was metered by the platform (a data-plane call or a
 * sandbox job): what ran, for whom, how much came out — never the data. `units` is what the
 * product's charging unit counts (one call, one job).
 */
export interface ExecutionMetered {
  executionId: string;
  kind: 'CALL' | 'SANDBOX_JOB';
  productId: string;
  version: number;
  entitlementId: string;
  usageAgreementId: string;
  developerId: string;
  operatorId: string;
  jurisdiction: string;
  units: string;
  rowsReturned: number;
  durationMs: number;
  occurredAt: string;
}
