import type { LoadResult } from './load.js';
import type { Memory } from './procs.js';
import type { SettleResult } from './settle.js';
import type { StartResult } from './start-time.js';
import type { DataPlaneResult } from './data-plane.js';
import type { Scale } from './scale.js';
import type { StatementCost } from './explain.js';

/** The shape of one `pnpm bench` run (written as JSON, rendered by report.ts). */
export interface TargetResult {
  target: string;
  load: LoadResult;
  identical: boolean | null;
}

/** The journeys and the settlement at one dataset size (growth.ts). */
export interface GrowthPoint {
  factor: number;
  scale: Scale;
  generateMs?: number;
  /** Per workload: our gateway without its cache. */
  pages: Record<string, { gateway?: LoadResult }>;
  settlement?: Pick<SettleResult, 'charges' | 'baselineMs' | 'settlementMs' | 'ratio' | 'cold'>;
  /** 1-minute load average when this point's measurements started (the machine is shared). */
  loadAvg: number;
}

export interface Results {
  startedAt: string;
  machine: { cpus: number; cpuModel: string; memGiB: number; node: string; platform: string; loadAvgBefore: number[]; loadAvgAfter?: number[] };
  options: { scale: Record<string, unknown>; duration: number; warmup: number; connections: number; as: string };
  generate?: { ms: number; migrateMs: number; rows: Record<string, number> };
  workloads: { name: string; caller: string; description: string; targets: TargetResult[] }[];
  sqlPerPage?: { first: number; items: number; statements: Record<string, number>; total: number }[];
  sqlEqual?: boolean;
  settlement?: SettleResult;
  start?: StartResult;
  dataPlane?: DataPlaneResult;
  memory: Record<string, Memory | null>;
  skipped: Record<string, string>;
  growth?: GrowthPoint[];
  /** EXPLAIN (ANALYZE, BUFFERS) of each statement of one listing page (explain.ts). */
  statementCosts?: StatementCost[];
  /** The subgraphs a gateway calls for each page, one entry per fetch of its query plan (`src/plan.ts`). */
  subgraphCalls?: { listing: string[]; product: string[] };
  totalS?: number;
  /** Seconds each part of the run took, in the order run (the whole run is to stay under 15 minutes at default sizes). */
  partsS?: Record<string, number>;
}
