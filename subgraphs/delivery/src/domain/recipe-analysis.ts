/**
 * The recipe analyser of the operating domain (运营域): decides on the real PostgreSQL parse tree
 * whether a data product's SQL may run against raw data, and what may leave
 * (原始数据不出域、数据可用不可见; HN Art 15, TZ Art 20; docs/operating-domain/recipes.md).
 * Pure: the parser is a WebAssembly library call; no database, no I/O.
 */
import { createHash } from 'node:crypto';
import { loadModule, parseSync } from 'libpg-query';
import { isAggregate } from './recipe-allowlist.js';
import { analyseSelect } from './recipe-select.js';
import { buildExecutable, quoteIdent } from './recipe-rewrite.js';
import type { Column, PgNode } from './recipe-scope.js';
import { Ctx, strings, unwrap } from './recipe-scope.js';
import type { AnalysedColumn, RecipeInput, RecipeResult, Violation } from './recipe-types.js';
import { K_COLUMN, violation } from './recipe-types.js';

let loading: Promise<void> | undefined;
let loaded = false;

/** Loads the parser's WebAssembly module once per process (again after a failed attempt). */
export function loadRecipeParser(): Promise<void> {
  loading ??= loadModule().then(
    () => { loaded = true; },
    (error: unknown) => { loading = undefined; throw error; },
  );
  return loading;
}

export async function analyseRecipe(input: RecipeInput): Promise<RecipeResult> {
  await loadRecipeParser();
  return analyseRecipeSync(input);
}

const refused = (violations: Violation[]): RecipeResult => ({ ok: false, violations });

/** Whether the SELECT itself aggregates: GROUP BY, or an aggregate call outside any subquery. */
function aggregates(stmt: PgNode): boolean {
  if (stmt.op && stmt.op !== 'SETOP_NONE') return aggregates(stmt.larg ?? {}) || aggregates(stmt.rarg ?? {});
  if ((stmt.groupClause ?? []).length > 0) return true;
  const walk = (node: unknown): boolean => {
    if (Array.isArray(node)) return node.some(walk);
    if (!node || typeof node !== 'object') return false;
    const n = node as PgNode;
    if (n.SubLink) return false;
    if (n.FuncCall && isAggregate(strings(n.FuncCall.funcname).at(-1) ?? '')) return true;
    return Object.values(n).some(walk);
  };
  return walk(stmt.targetList) || walk(stmt.havingClause);
}

function declarationErrors(input: RecipeInput): Violation[] {
  const out: Violation[] = [];
  if (!Number.isInteger(input.k) || input.k < 2) out.push(violation('INVALID_DECLARATION', undefined, 'k'));
  if (K_COLUMN in input.outputs) out.push(violation('RESERVED_OUTPUT', undefined, K_COLUMN));
  for (const [name, r] of Object.entries(input.resources)) {
    // A declaration check on the configured identifier (not on recipe SQL): schema.table, lower case.
    if (!/^[a-z_][a-z0-9_]*\.[a-z_][a-z0-9_]*$/.test(r.physical)) out.push(violation('INVALID_DECLARATION', undefined, name));
    if (r.subjectField && !r.fields.some((f) => f.name === r.subjectField)) out.push(violation('INVALID_DECLARATION', undefined, `${name}.${r.subjectField}`));
  }
  return out;
}

/** Longest recipe text and deepest parse tree analysed; beyond them a recipe is refused, not crashed on. */
export const MAX_RECIPE_BYTES = 65_536;
export const MAX_TREE_DEPTH = 400;

/** Depth of the parse tree, measured without recursion. */
function treeDepth(root: unknown): number {
  let max = 0;
  const stack: [unknown, number][] = [[root, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (!node || typeof node !== 'object') continue;
    if (depth > max) max = depth;
    if (max > MAX_TREE_DEPTH) return max;
    for (const value of Object.values(node)) stack.push([value, depth + 1]);
  }
  return max;
}

export function analyseRecipeSync(input: RecipeInput): RecipeResult {
  // A programming error, not a refusal: without the parser every recipe would look unparseable.
  if (!loaded) throw new Error('analyseRecipeSync: await loadRecipeParser() first');
  try {
    return analyse(input);
  } catch {
    // Fail closed: whatever the analyser could not finish is not accepted.
    return refused([violation('TOO_COMPLEX')]);
  }
}

function analyse(input: RecipeInput): RecipeResult {
  if (typeof input.sql !== 'string' || Buffer.byteLength(input.sql, 'utf8') > MAX_RECIPE_BYTES) return refused([violation('TOO_COMPLEX')]);
  const declared = declarationErrors(input);
  if (declared.length > 0) return refused(declared);
  let parsed: { version: number; stmts?: { stmt?: PgNode }[] };
  try {
    parsed = parseSync(input.sql) as typeof parsed;
  } catch (error) {
    const at = (error as { sqlDetails?: { cursorPosition?: number } }).sqlDetails?.cursorPosition;
    return refused([violation('PARSE_ERROR', at)]);
  }
  if (treeDepth(parsed) > MAX_TREE_DEPTH) return refused([violation('TOO_COMPLEX')]);
  const stmts = parsed.stmts ?? [];
  if (stmts.length === 0) return refused([violation('EMPTY_RECIPE')]);
  const violations: Violation[] = [];
  if (stmts.length > 1) violations.push(violation('MULTIPLE_STATEMENTS'));
  for (const s of stmts) {
    const [type] = unwrap(s.stmt ?? {});
    if (type !== 'SelectStmt') violations.push(violation('NOT_A_SELECT', undefined, type || undefined));
  }
  if (violations.length > 0) return refused(violations);

  const stmt = (stmts[0]!.stmt as PgNode).SelectStmt as PgNode;
  const ctx = new Ctx(input);
  const aggregate = aggregates(stmt);
  const columns = analyseSelect(stmt, undefined, ctx, true, aggregate);
  const analysed = checkOutputs(columns, ctx, aggregate);

  const subjects: string[] = [];
  if (aggregate) {
    if (ctx.topRelations.length === 0) ctx.refuse('AGGREGATE_FROM_NOT_TABLE');
    for (const r of ctx.topRelations) {
      const subject = r.base ? input.resources[r.base.name]?.subjectField : undefined;
      if (!subject) ctx.refuse('SUBJECT_NOT_DECLARED', undefined, r.base?.name ?? r.alias);
      else subjects.push(`${quoteIdent(r.alias)}.${quoteIdent(subject)}`);
    }
    for (const use of ctx.subjectUses) if (!use.allowed) ctx.refuse('SUBJECT_FILTER', use.at, use.subject);
  }
  if (ctx.violations.length > 0) return refused(ctx.violations);

  const counts = subjects.map((s) => `count(DISTINCT ${s})`);
  const kExpression = !aggregate ? undefined : counts.length === 1 ? counts[0] : `LEAST(${counts.join(', ')})`;
  const executableSql = buildExecutable(input.sql, stmt, ctx.rangeVars, kExpression);
  if (executableSql === undefined) return refused([violation('K_REWRITE_FAILED')]);

  const reviewNotes: string[] = [];
  if (aggregate && ctx.params.size > 0) reviewNotes.push('PARAMETERISED_AGGREGATE: parameters shape the groups (differencing risk)');
  if (ctx.sensitiveRange) reviewNotes.push('SENSITIVE_RANGE_PREDICATE: a sensitive field is compared by range or pattern (with parameters, repeated calls can narrow its value)');
  if (!aggregate && ctx.params.size === 0 && ctx.tables.size > 0) reviewNotes.push('ROW_LEVEL_UNFILTERED: rows leave without a parameter selecting them');
  if (!aggregate) reviewNotes.push('ROW_LEVEL: rows leave one per match; not for sandbox jobs');
  return {
    ok: true,
    analysis: {
      tables: [...ctx.tables].map(([name, physical]) => ({ name, physical })).sort((a, b) => a.name.localeCompare(b.name)),
      columns: analysed,
      parameters: [...ctx.params].sort((a, b) => a - b).map((n) => ({ number: n, ...input.parameters[n - 1]! })),
      k: input.k,
      aggregate,
      subjects,
      executableSql,
      ...(aggregate ? { kColumn: K_COLUMN } : {}),
      filters: [...ctx.filterColumns].sort(),
      reviewNotes,
      parserVersion: parsed.version,
      sqlSha256: createHash('sha256').update(input.sql, 'utf8').digest('hex'),
    },
  };
}

const REDUCIBLE_KINDS = new Set(['FLAG', 'LABEL', 'SCORE']);

function checkOutputs(columns: Column[], ctx: Ctx, aggregate: boolean): AnalysedColumn[] {
  const out: AnalysedColumn[] = [];
  const seen = new Set<string>();
  const exposure = new Map<string, number>();
  const max = ctx.input.maxMaskedChars ?? 6;
  for (const c of columns) {
    if (!c.name) {
      ctx.refuse('UNNAMED_OUTPUT', c.at);
      continue;
    }
    if (c.name === K_COLUMN) ctx.refuse('RESERVED_OUTPUT', c.at, c.name);
    if (seen.has(c.name)) ctx.refuse('DUPLICATE_OUTPUT', c.at, c.name);
    seen.add(c.name);
    const kind = Object.hasOwn(ctx.input.outputs, c.name) ? ctx.input.outputs[c.name] : undefined;
    if (!kind) {
      ctx.refuse('UNDECLARED_OUTPUT', c.at, c.name);
      continue;
    }
    const t = c.trace;
    if (t.raw.size > 0) ctx.refuse('SENSITIVE_COLUMN_RAW', c.at, c.name);
    if (t.reduced.size > 0 && !t.aggregated && !REDUCIBLE_KINDS.has(kind)) ctx.refuse('SENSITIVE_COLUMN_RAW', c.at, c.name);
    if (t.aggregated && !aggregate) ctx.refuse('AGGREGATE_NOT_TOP_LEVEL', c.at, c.name);
    if (t.subquery && aggregate) ctx.refuse('SUBQUERY_IN_OUTPUT', c.at, c.name);
    if (kind === 'AGGREGATE' && !t.aggregated) ctx.refuse('OUTPUT_KIND_MISMATCH', c.at, c.name);
    if (kind === 'MASKED' && t.exposure.size === 0) ctx.refuse('OUTPUT_KIND_MISMATCH', c.at, c.name);
    t.exposure.forEach((n, s) => exposure.set(s, (exposure.get(s) ?? 0) + n));
    out.push({
      name: c.name, kind, sources: [...t.sources].sort(), aggregated: t.aggregated,
      masked: t.exposure.size > 0, reduced: [...t.reduced].sort(),
    });
  }
  for (const [source, n] of exposure) if (n > max) ctx.refuse('MASK_TOO_WIDE', undefined, source);
  return out;
}
