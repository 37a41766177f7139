/**
 * A call's parameters against the recipe's declared parameter schema (docs/operating-domain/runtime.md):
 * every declared parameter present with a value of its type, nothing else. The values are bound
 * as `$n` (never spliced into SQL); strings go to PostgreSQL, which parses them as the type the
 * recipe's context gives the placeholder. Pure.
 */
import type { FieldType } from './recipe-types.js';

export type ParameterProblem = 'MISSING' | 'UNKNOWN' | 'WRONG_TYPE' | 'TOO_LONG' | 'NOT_AN_OBJECT';

export interface ParameterRefusal {
  readonly problem: ParameterProblem;
  /** The parameter's name (declared, or the unknown key as sent, cut to 64 characters). */
  readonly name?: string;
}

export const MAX_TEXT_PARAMETER = 1000;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const INT_RE = /^-?\d{1,18}$/;
const NUM_RE = /^-?\d{1,30}(\.\d{1,30})?$/;

function realDate(s: string): boolean {
  const m = DATE_RE.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

type One = { v: string | null } | { problem: ParameterProblem };
const wrong: One = { problem: 'WRONG_TYPE' };

function one(type: FieldType, value: unknown): One {
  if (value === null) return { v: null };
  switch (type) {
    case 'text':
      if (typeof value !== 'string') return wrong;
      if (value.length > MAX_TEXT_PARAMETER) return { problem: 'TOO_LONG' };
      // NUL cannot be stored in PostgreSQL text; refusing it here keeps the error ours.
      return value.includes('\u0000') ? wrong : { v: value };
    case 'integer':
      if (typeof value === 'number') return Number.isSafeInteger(value) ? { v: String(value) } : wrong;
      return typeof value === 'string' && INT_RE.test(value) ? { v: value } : wrong;
    case 'numeric':
      if (typeof value === 'number') return Number.isFinite(value) ? { v: String(value) } : wrong;
      return typeof value === 'string' && NUM_RE.test(value) ? { v: value } : wrong;
    case 'date':
      return typeof value === 'string' && realDate(value) ? { v: value } : wrong;
    case 'boolean':
      return typeof value === 'boolean' ? { v: String(value) } : wrong;
  }
}

/** The bound values in `$1..$n` order, or the first problem. */
export function bindParameters(declared: readonly { name: string; type: FieldType }[], input: unknown): { ok: true; values: (string | null)[] } | { ok: false; refusal: ParameterRefusal } {
  if (input === null || input === undefined) input = {};
  if (typeof input !== 'object' || Array.isArray(input)) return { ok: false, refusal: { problem: 'NOT_AN_OBJECT' } };
  const given = input as Record<string, unknown>;
  for (const key of Object.keys(given)) {
    if (!declared.some((d) => d.name === key)) return { ok: false, refusal: { problem: 'UNKNOWN', name: key.slice(0, 64) } };
  }
  const values: (string | null)[] = [];
  for (const d of declared) {
    if (!Object.hasOwn(given, d.name) || given[d.name] === undefined) return { ok: false, refusal: { problem: 'MISSING', name: d.name } };
    const r = one(d.type, given[d.name]);
    if ('problem' in r) return { ok: false, refusal: { problem: r.problem, name: d.name } };
    values.push(r.v);
  }
  return { ok: true, values };
}
