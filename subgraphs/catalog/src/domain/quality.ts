/**
 * Completeness (0–100, two places) from a load's null ratios: 100 × (1 − mean share of missing
 * values), exact on integers (ratios carry four places). Null when a ratio is not of that form.
 */
export function completenessOf(nullRatios: Record<string, string>): string | null {
  const ratios = Object.values(nullRatios).map((r) => (/^[01]\.\d{4}$/.test(r) ? Number(r.replace('.', '')) : NaN));
  if (ratios.length === 0 || ratios.some((r) => !Number.isInteger(r) || r > 10000)) return null;
  const n = ratios.length;
  const missing = ratios.reduce((a, b) => a + b, 0);
  // hundredths of a percent point: (n·10000 − Σ) / n, rounded half up
  const cents = Math.floor((2 * (n * 10000 - missing) + n) / (2 * n));
  return `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
}
