import type { Em, Identity } from '@pdo/platform';
import type { SettlementStepName } from '../data/settlements.js';

/** One settlement run as its steps see it: the settlement row claimed, the jurisdiction and period, and who runs it. */
export interface SettlementRun {
  id: string;
  jurisdiction: string;
  start: string;
  end: string;
  identity: Identity;
}

export type Progress = (step: SettlementStepName, detail: string) => Promise<void>;
export const noProgress: Progress = async () => {};

export interface SettleOptions {
  /** Progress steps, written outside the run's transaction (progressOn). */
  progress?: Progress;
  /** Products split per batch (see splitStep). */
  splitBatch?: number;
  /** A connection outside the run's transaction; the split's terms are then read on it while the charges are aggregated. */
  reader?: Em;
  /** Told how many revenue shares the run wrote (for the metrics, docs/operations.md). */
  stats?: { sharesWritten: number };
}
