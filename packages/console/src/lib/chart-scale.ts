/** The smallest "nice" axis maximum (1, 2, 2.5, 5 × 10^k) at or above `v`. */
export function niceMax(v: number): number {
  if (!(v > 0) || !Number.isFinite(v)) return 0;
  const exp = Math.floor(Math.log10(v));
  const base = 10 ** exp;
  for (const m of [1, 2, 2.5, 5, 10]) if (m * base >= v - 1e-9) return m * base;
  return 10 * base;
}

/** Estimated rendered width of a label in px: CJK and full-width characters ≈ 1 em, others ≈ 0.6 em. */
export function textWidth(s: string, fontSize: number): number {
  let w = 0;
  for (const c of s) w += /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]/.test(c) ? fontSize : fontSize * 0.6;
  return w;
}

/** Cuts a label to at most `px` of estimated width, with an ellipsis when cut. */
export function fitLabel(s: string, px: number, fontSize: number): string {
  if (textWidth(s, fontSize) <= px) return s;
  let out = '';
  for (const c of s) {
    if (textWidth(`${out}${c}…`, fontSize) > px) break;
    out += c;
  }
  return `${out}…`;
}

export interface LabelLayout {
  /** Flat under the bar, or turned 40° (text-anchor end) when flat labels would overlap. */
  rotated: boolean;
  /** Show every n-th label only (1 = all). */
  every: number;
  /** Width budget of one label (px, along its baseline). */
  maxWidth: number;
  /** Bottom padding the labels need. */
  bottom: number;
}

const SIN = Math.sin((40 * Math.PI) / 180);
const COS = Math.cos((40 * Math.PI) / 180);

/**
 * Axis labels that never overlap: flat when the widest fits its band, else rotated 40° and cut to a
 * budget; when even rotated labels are closer than a line height, only every n-th is shown.
 */
export function labelLayout(labels: string[], band: number, fontSize: number, maxBottom = 90): LabelLayout {
  const widest = Math.max(0, ...labels.map((l) => textWidth(l, fontSize)));
  if (widest <= band - 6) return { rotated: false, every: 1, maxWidth: band - 6, bottom: fontSize + 14 };
  // Rotated: neighbours are `band` apart horizontally, so their baselines are band·sin(40°) apart.
  const every = Math.max(1, Math.ceil((fontSize * 1.3) / (band * SIN)));
  const maxWidth = Math.max(fontSize * 3, Math.min(widest, (maxBottom - 12) / SIN));
  return { rotated: true, every, maxWidth, bottom: Math.ceil(Math.min(widest, maxWidth) * SIN + fontSize * COS + 12) };
}
