/** The smallest "nice" axis maximum (1, 2, 2.5, 5 × 10^k) at or above `v`. */
export function niceMax(v: number): number {
  if (!(v > 0) || !Number.isFinite(v)) return 0;
  const exp = Math.floor(Math.log10(v));
  const base = 10 ** exp;
  for (const m of [1, 2, 2.5, 5, 10]) if (m * base >= v - 1e-9) return m * base;
  return 10 * base;
}
