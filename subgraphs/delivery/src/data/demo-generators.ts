import { completeCreditCode } from '@pdo/policy';

/**
 * Deterministic synthetic raw data of a few demo resources (no real person or company): the same
 * rows on every run, so `pnpm start` shows the same batches and hashes. Values are generated, not
 * sampled; identity numbers carry valid check characters so validators downstream accept them.
 */
export function prng(seed: string): () => number {
  let h = 2166136261;
  for (const c of seed) h = Math.imul(h ^ c.charCodeAt(0), 16777619);
  let a = h >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
export const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
export const int = (r: () => number, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
export const pad = (n: number, w: number) => String(n).padStart(w, '0');
export const day = (base: string, plus: number) => new Date(Date.parse(`${base}T00:00:00Z`) + plus * 86_400_000).toISOString().slice(0, 10);
export const csvCell = (v: string | number | null) => (v === null ? '' : /[",\n\r]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));

export const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙', '马', '朱', '胡'];
export const GIVEN = ['伟', '芳', '娜', '敏', '静', '磊', '洋', '勇', '艳', '杰', '军', '涛', '明', '超', '霞', '平', '刚'];
export const personName = (r: () => number) => `${pick(r, SURNAMES)}${pick(r, GIVEN)}${r() < 0.5 ? pick(r, GIVEN) : ''}`;

/** 居民身份证号码 (GB 11643-1999) with its check character: region + birth date + sequence. */
export function idNumber(r: () => number, region: string): string {
  const birth = day('1960-01-01', int(r, 0, 40 * 365)).replace(/-/g, '');
  const first17 = `${region}${birth}${pad(int(r, 0, 999), 3)}`;
  const W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((a, c, i) => a + Number(c) * W[i]!, 0);
  return first17 + '10X98765432'[sum % 11]!;
}

/** A valid 统一社会信用代码 (GB 32100-2015) of demo enterprise `i` registered in `division`. */
export const enterpriseCode = (division: string, i: number) => completeCreditCode(`91${division}MA${pad(i, 7)}`);

export interface DemoLoad {
  resourceKey: string;
  format: 'CSV' | 'JSONL';
  content: string;
}

export function csv(header: string[], rows: (string | number | null)[][]): string {
  return [header.join(','), ...rows.map((r) => r.map(csvCell).join(','))].join('\n') + '\n';
}

