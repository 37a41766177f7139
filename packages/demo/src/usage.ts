import { demoId } from './ids.js';
import type { DemoUsageAgreement } from './products.js';

/** The months of demo usage history (before "today" of the demo world). */
export const DEMO_USAGE_MONTHS = ['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10'];

export interface DemoUsageRecord {
  id: string;
  entitlementId: string;
  month: string;
  units: number;
  /** Mid-month, in the working day (ISO instant). */
  occurredAt: string;
  idempotencyKey: string;
}

export const demoEntitlementId = (u: DemoUsageAgreement) => demoId(`entitlement:${u.key}`);

// Deterministic month-to-month variation (±15%) so the demo history is not flat.
function vary(base: number, i: number, key: string): number {
  let h = 0;
  for (const c of `${key}:${i}`) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return Math.max(1, Math.round(base * (0.85 + (h % 300) / 1000)));
}

/**
 * One usage record per month of a demo usage agreement. Products meters them and revenue charges
 * them: both seeds read them from here, so they agree on every id and unit.
 */
export function demoUsageRecords(u: DemoUsageAgreement): DemoUsageRecord[] {
  return DEMO_USAGE_MONTHS.map((month, i) => ({
    id: demoId(`usage:${u.key}:${month}`),
    entitlementId: demoEntitlementId(u),
    month,
    units: vary(u.monthlyUnits, i, u.key),
    occurredAt: new Date(`${month}-15T04:00:00Z`).toISOString(),
    idempotencyKey: `demo:${u.key}:${month}`,
  }));
}
