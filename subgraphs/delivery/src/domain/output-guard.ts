/**
 * The output guard: the runtime's re-check of every result before it leaves the operating domain
 * (原始数据不出域; HN Art 15, TZ Art 20; docs/operating-domain/recipes.md, "What leaves").
 * Pure: rows in, checked rows or a coded refusal out. It fails closed: a group whose distinct-subject
 * count is missing or unreadable counts as empty and is suppressed.
 */
import type { RecipeAnalysis } from './recipe-types.js';

export type GuardCode = 'SANDBOX_ROW_LEVEL' | 'VERIFICATION_VALUE_NOT_DECLARED' | 'VERIFICATION_ANSWER_NOT_DECLARED' | 'INVALID_GUARD_OPTIONS';

const MESSAGES: Record<GuardCode, readonly [string, string]> = {
  SANDBOX_ROW_LEVEL: ['沙箱作业只能输出聚合结果', 'Sandbox jobs may output aggregates only'],
  VERIFICATION_VALUE_NOT_DECLARED: ['核验结果不在声明的取值范围内', 'The verification result is not one of the declared values'],
  VERIFICATION_ANSWER_NOT_DECLARED: ['核验产品的输出列未声明取值范围', 'A verification output column has no declared value set'],
  INVALID_GUARD_OPTIONS: ['输出检查参数无效', 'Invalid output guard options'],
};

export interface GuardRefusal {
  readonly code: GuardCode;
  readonly messageZh: string;
  readonly messageEn: string;
  /** The column concerned; never a value from the data. */
  readonly column?: string;
}

const refusal = (code: GuardCode, column?: string): { ok: false; refusal: GuardRefusal } => ({
  ok: false,
  refusal: { code, messageZh: MESSAGES[code][0], messageEn: MESSAGES[code][1], ...(column ? { column } : {}) },
});

export type Scalar = string | number | bigint | boolean | null;
export type ResultRow = Readonly<Record<string, unknown>>;

export interface GuardOptions {
  /** Most rows that may leave in one result. */
  readonly maxRows: number;
  /** A sandbox job releases aggregates only. */
  readonly sandbox?: boolean;
  /** A VERIFICATION product: every output column with its declared answers, e.g. { flag: [true, false] }. */
  readonly verification?: Readonly<Record<string, readonly Scalar[]>>;
}

export type GuardedAnalysis = Pick<RecipeAnalysis, 'columns' | 'aggregate' | 'k' | 'kColumn'>;

export type GuardResult =
  | {
      readonly ok: true;
      readonly rows: Record<string, Scalar>[];
      /** Groups withheld because fewer than k distinct subjects were in them. */
      readonly suppressedGroups: number;
      readonly truncated: boolean;
      /** Names of result columns that were not declared and were dropped. */
      readonly droppedColumns: string[];
    }
  | { readonly ok: false; readonly refusal: GuardRefusal };

/** Distinct-subject count of a group; anything unreadable is 0 (fail closed). */
export function subjectCount(value: unknown): number {
  if (typeof value === 'bigint') return value > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(value);
  if (typeof value === 'number') return Number.isSafeInteger(value) && value > 0 ? value : 0;
  if (typeof value === 'string' && value.length > 0 && value.length < 16 && [...value].every((c) => c >= '0' && c <= '9')) return Number(value);
  return 0;
}

function scalar(value: unknown): Scalar {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') return value;
  if (value instanceof Date) return value.toISOString();
  // Objects, arrays and buffers are not among the declared basic types: nothing of them leaves.
  return null;
}

const same = (a: Scalar, b: Scalar) => a === b || (typeof a !== 'boolean' && typeof b !== 'boolean' && a !== null && b !== null && String(a) === String(b));

export function guardOutput(analysis: GuardedAnalysis, rows: readonly ResultRow[], options: GuardOptions): GuardResult {
  if (!Number.isSafeInteger(options.maxRows) || options.maxRows < 1 || !Number.isSafeInteger(analysis.k) || analysis.k < 1) {
    return refusal('INVALID_GUARD_OPTIONS');
  }
  if (options.sandbox && !analysis.aggregate) return refusal('SANDBOX_ROW_LEVEL');
  const declared = analysis.columns.map((c) => c.name);
  if (options.verification) {
    for (const name of declared) if (!Object.hasOwn(options.verification, name)) return refusal('VERIFICATION_ANSWER_NOT_DECLARED', name);
  }
  const dropped = new Set<string>();
  const out: Record<string, Scalar>[] = [];
  let suppressed = 0;
  const cap = options.verification ? 1 : options.maxRows;
  let truncated = false;
  for (const row of rows) {
    for (const key of Object.keys(row)) if (!declared.includes(key)) dropped.add(key);
    if (analysis.aggregate && subjectCount(analysis.kColumn ? row[analysis.kColumn] : undefined) < analysis.k) {
      suppressed++;
      continue;
    }
    if (out.length >= cap) {
      truncated = true;
      continue;
    }
    const clean: Record<string, Scalar> = {};
    for (const name of declared) {
      const value = scalar(Object.hasOwn(row, name) ? row[name] : null);
      const answers = options.verification?.[name];
      if (answers && !answers.some((a) => same(a, value))) return refusal('VERIFICATION_VALUE_NOT_DECLARED', name);
      clean[name] = value;
    }
    out.push(clean);
  }
  return { ok: true, rows: out, suppressedGroups: suppressed, truncated, droppedColumns: [...dropped].sort() };
}
