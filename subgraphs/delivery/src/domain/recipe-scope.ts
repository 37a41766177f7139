/**
 * Value traces and name scopes of the recipe analyser: where each value comes from and how much
 * of a sensitive source it still shows (docs/operating-domain/recipes.md, "Tracing").
 */
import type { RecipeInput, Violation, ViolationCode } from './recipe-types.js';
import { violation } from './recipe-types.js';

/** A parse-tree node as libpg-query returns it: `{ TypeName: { … } }`, or an unwrapped message. */
export type PgNode = Record<string, any>;

export interface Trace {
  /** Every source field (`table.field`) the value depends on. */
  sources: Set<string>;
  /** Sensitive sources whose value flows through unchanged. */
  raw: Set<string>;
  /** Sensitive sources reduced to a predicate or a banding. */
  reduced: Set<string>;
  /** Sensitive sources shown only through masking: characters exposed. */
  exposure: Map<string, number>;
  aggregated: boolean;
  subquery: boolean;
}

export const emptyTrace = (): Trace => ({
  sources: new Set(), raw: new Set(), reduced: new Set(), exposure: new Map(), aggregated: false, subquery: false,
});

export function merge(...traces: Trace[]): Trace {
  const out = emptyTrace();
  for (const t of traces) {
    t.sources.forEach((s) => out.sources.add(s));
    t.raw.forEach((s) => out.raw.add(s));
    t.reduced.forEach((s) => out.reduced.add(s));
    t.exposure.forEach((n, s) => out.exposure.set(s, (out.exposure.get(s) ?? 0) + n));
    out.aggregated ||= t.aggregated;
    out.subquery ||= t.subquery;
  }
  return out;
}

/** A predicate over the value: only a boolean leaves, so raw and masked sources become reduced. */
export function reduce(t: Trace): Trace {
  const out = merge(t);
  out.raw.forEach((s) => out.reduced.add(s));
  out.exposure.forEach((_, s) => out.reduced.add(s));
  out.raw.clear();
  out.exposure.clear();
  return out;
}

export interface Column {
  readonly name: string | undefined;
  readonly trace: Trace;
  /** `table.field` when the column is a resource's subject field, read directly. */
  readonly subject?: string;
  readonly at?: number;
}

export interface Relation {
  readonly alias: string;
  readonly columns: ReadonlyMap<string, Column>;
  /** Set for an authorised resource table read directly (not a CTE or a subquery). */
  readonly base?: { readonly name: string; readonly physical: string };
}

export interface Scope {
  readonly relations: Relation[];
  readonly ctes: ReadonlyMap<string, Column[]>;
  readonly parent?: Scope;
  /** Output names of the SELECT, visible to ORDER BY and GROUP BY. */
  outputs?: ReadonlyMap<string, Column>;
}

export interface SubjectUse {
  readonly subject: string;
  readonly at?: number;
  /** Allowed uses: the sole argument of count(), or one side of a column = column join condition. */
  readonly allowed: boolean;
}

export interface RangeVarUse {
  readonly location: number;
  readonly recipeName: string;
  readonly physical: string;
  readonly hasSchema: boolean;
  readonly hasAlias: boolean;
}

/** Mutable state of one analysis run. */
export class Ctx {
  readonly violations: Violation[] = [];
  readonly tables = new Map<string, string>();
  readonly params = new Set<number>();
  readonly subjectUses: SubjectUse[] = [];
  readonly rangeVars: RangeVarUse[] = [];
  filterColumns = new Set<string>();
  /** A sensitive field compared by range or pattern (<, >, LIKE, BETWEEN): an enumeration oracle. */
  sensitiveRange = false;
  /** Relations of the top-level FROM (the ones k is counted over). */
  topRelations: Relation[] = [];

  constructor(readonly input: RecipeInput) {}

  refuse(code: ViolationCode, at?: number, subject?: string): void {
    if (this.violations.some((v) => v.code === code && v.at === at && v.subject === subject)) return;
    this.violations.push(violation(code, at, subject));
  }
}

/** The node type and body of a wrapped node, e.g. `{ ColumnRef: {…} }` → ['ColumnRef', {…}]. */
export function unwrap(node: PgNode): [string, PgNode] {
  const keys = Object.keys(node);
  if (keys.length !== 1) return ['', node];
  return [keys[0]!, node[keys[0]!] as PgNode];
}

export function strings(list: PgNode[] | undefined): string[] {
  return (list ?? []).map((n) => (n.String?.sval as string | undefined) ?? '\u0000');
}

export function findColumn(scope: Scope, qualifier: string | undefined, name: string): Column | 'ambiguous' | undefined {
  for (let s: Scope | undefined = scope; s; s = s.parent) {
    const found = s.relations.filter((r) => (qualifier === undefined || r.alias === qualifier) && r.columns.has(name));
    // Ambiguous names are an error in PostgreSQL too; refusing keeps the trace exact.
    if (found.length > 1) return 'ambiguous';
    if (found.length === 1) return found[0]!.columns.get(name);
    if (qualifier === undefined && s.outputs?.has(name)) return s.outputs.get(name);
  }
  return undefined;
}
