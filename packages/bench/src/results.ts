import type { LoadResult } from './load.js';
import type { Memory } from './procs.js';
import type { SettleResult } from './settle.js';
import type { StartResult } from './start-time.js';
import type { DataPlaneResult } from './data-plane.js';
import type { GrowthPoint } from './growth.js';
import type { StatementCost } from './explain.js';

/** The shape of one `pnpm bench` run (written as JSON, rendered by report.ts). */
export interface TargetResult {
  target: string;
  load: LoadResult;
  identical: boolean | null;
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
  totalS?: number;
}
