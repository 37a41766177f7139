/**
 * Expression analysis: every node of an expression is either understood here or refused
 * (NODE_NOT_ALLOWED). Returns the trace of the value (docs/operating-domain/recipes.md).
 */
import {
  CAST_TYPES, CLEARING_AGGREGATES, COMPARISON_OPERATORS, MASKING_FUNCTIONS, PASS_THROUGH_AGGREGATES,
  PREDICATE_EXPR_KINDS, SQL_VALUE_FUNCTIONS, VALUE_OPERATORS, isAggregate, isAllowedFunction,
} from './recipe-allowlist.js';
import type { Column, Ctx, PgNode, Scope, Trace } from './recipe-scope.js';
import { emptyTrace, findColumn, merge, reduce, strings, unwrap } from './recipe-scope.js';

/** Analyses a sub-SELECT in the given outer scope and returns its output columns. */
export type SelectAnalyser = (stmt: PgNode, outer: Scope, ctx: Ctx) => Column[];

export interface ExprPosition {
  /** Inside the argument of an aggregate. */
  readonly inAggregate?: boolean;
  /** The direct sole argument of count(). */
  readonly countArgument?: boolean;
  /** A side of a column = column join condition. */
  readonly joinKey?: boolean;
  /** In WHERE, HAVING, JOIN ON or an aggregate FILTER. */
  readonly filter?: boolean;
}

export function analyseExpr(node: PgNode | undefined, scope: Scope, ctx: Ctx, sub: SelectAnalyser, pos: ExprPosition = {}): Trace {
  if (!node || Object.keys(node).length === 0) return emptyTrace();
  const [type, body] = unwrap(node);
  const at = typeof body.location === 'number' ? body.location : undefined;
  const e = (n: PgNode | undefined, p: ExprPosition = { inAggregate: pos.inAggregate, filter: pos.filter }) => analyseExpr(n, scope, ctx, sub, p);
  const all = (ns: PgNode[] | undefined, p?: ExprPosition) => merge(...(ns ?? []).map((n) => e(n, p)));
  if (pos.inAggregate && isCondition(type, body)) {
    // A condition inside an aggregate shrinks the group below what k counted (docs/operating-domain/recipes.md, rule 8).
    ctx.refuse('CONDITIONAL_AGGREGATE', at, type);
  }
  switch (type) {
    case 'A_Const':
      return emptyTrace();
    case 'ParamRef': {
      const n = body.number as number | undefined;
      if (!n || n < 1 || n > ctx.input.parameters.length) ctx.refuse('PARAMETER_NOT_DECLARED', at, `$${n ?? 0}`);
      else ctx.params.add(n);
      return emptyTrace();
    }
    case 'ColumnRef':
      return columnRef(body, scope, ctx, pos, at);
    case 'TypeCast': {
      const names = strings(body.typeName?.names);
      const typeName = names[names.length - 1] ?? '';
      const qualified = names.length === 2 && names[0] === 'pg_catalog';
      if ((names.length !== 1 && !qualified) || !CAST_TYPES.has(typeName) || (body.typeName?.arrayBounds?.length ?? 0) > 0 || body.typeName?.setof) {
        ctx.refuse('CAST_NOT_ALLOWED', at, names.join('.'));
      }
      return e(body.arg, pos);
    }
    case 'FuncCall':
      return funcCall(body, scope, ctx, sub, pos, at);
    case 'A_Expr':
      return aExpr(body, ctx, pos, at, e);
    case 'BoolExpr':
      // Join keys stay join keys under AND (`ON a.id = b.id AND a.day = b.day`), not under OR/NOT.
      return reduce(all(body.args, { inAggregate: pos.inAggregate, filter: pos.filter, joinKey: pos.joinKey && body.boolop === 'AND_EXPR' }));
    case 'NullTest':
    case 'BooleanTest':
      return reduce(e(body.arg));
    case 'CaseExpr': {
      const conditions = [e(body.arg), ...(body.args ?? []).map((w: PgNode) => e(w.CaseWhen?.expr))];
      const results = [e(body.defresult), ...(body.args ?? []).map((w: PgNode) => e(w.CaseWhen?.result))];
      if ((body.args ?? []).some((w: PgNode) => !w.CaseWhen)) ctx.refuse('NODE_NOT_ALLOWED', at, 'CASE');
      return merge(reduce(merge(...conditions)), ...results);
    }
    case 'CoalesceExpr':
    case 'MinMaxExpr':
    case 'List':
      return all(body.args ?? body.items);
    case 'SQLValueFunction':
      if (!SQL_VALUE_FUNCTIONS.has(body.op)) ctx.refuse('FUNCTION_NOT_ALLOWED', at, String(body.op).replace('SVFOP_', '').toLowerCase());
      return emptyTrace();
    case 'SubLink':
      return subLink(body, scope, ctx, sub, pos, at, e);
    default:
      ctx.refuse('NODE_NOT_ALLOWED', at, type || 'unknown');
      return emptyTrace();
  }
}

function columnRef(body: PgNode, scope: Scope, ctx: Ctx, pos: ExprPosition, at: number | undefined): Trace {
  const fields = (body.fields ?? []) as PgNode[];
  if (fields.some((f) => f.A_Star)) {
    ctx.refuse('SELECT_STAR', at);
    return emptyTrace();
  }
  const names = strings(fields);
  if (names.length > 2) {
    ctx.refuse('UNKNOWN_COLUMN', at, names.join('.'));
    return emptyTrace();
  }
  const [qualifier, name] = names.length === 2 ? [names[0], names[1]!] : [undefined, names[0]!];
  const column = findColumn(scope, qualifier, name);
  if (column === 'ambiguous') {
    ctx.refuse('AMBIGUOUS_COLUMN', at, names.join('.'));
    return emptyTrace();
  }
  if (!column) {
    // Also catches a whole-row reference (`SELECT t FROM t`), which would output every field.
    ctx.refuse('UNKNOWN_COLUMN', at, names.join('.'));
    return emptyTrace();
  }
  if (column.subject) ctx.subjectUses.push({ subject: column.subject, at, allowed: !!(pos.countArgument || pos.joinKey) });
  if (pos.filter) column.trace.sources.forEach((s) => ctx.filterColumns.add(s));
  return merge(column.trace);
}

function funcCall(body: PgNode, scope: Scope, ctx: Ctx, sub: SelectAnalyser, pos: ExprPosition, at: number | undefined): Trace {
  const names = strings(body.funcname);
  const name = names[names.length - 1] ?? '';
  const qualifiedOk = names.length === 1 || (names.length === 2 && names[0] === 'pg_catalog');
  if (!qualifiedOk || !isAllowedFunction(name)) {
    ctx.refuse('FUNCTION_NOT_ALLOWED', at, names.join('.'));
    return emptyTrace();
  }
  if (body.over) ctx.refuse('WINDOW_NOT_ALLOWED', at, name);
  if (body.func_variadic) ctx.refuse('NODE_NOT_ALLOWED', at, 'VARIADIC');
  const args = (body.args ?? []) as PgNode[];
  if (args.some((a) => a.NamedArgExpr)) ctx.refuse('NODE_NOT_ALLOWED', at, 'named argument');
  if (MASKING_FUNCTIONS.has(name) && args.slice(1).some((a) => !isIntegerConstant(a))) {
    // Bounds must be integer constants: `substring(x from 'pattern')` is a regular expression.
    ctx.refuse('FUNCTION_NOT_ALLOWED', at, `${name} without integer constant bounds`);
  }
  const aggregate = isAggregate(name);
  if (aggregate && pos.inAggregate) ctx.refuse('NODE_NOT_ALLOWED', at, 'nested aggregate');
  if (!aggregate && (body.agg_filter || body.agg_order || body.agg_star || body.agg_distinct)) ctx.refuse('NODE_NOT_ALLOWED', at, name);
  const inner = { inAggregate: pos.inAggregate || aggregate, filter: pos.filter };
  const countArg = name === 'count' && args.length === 1 && !!args[0]!.ColumnRef;
  const argTraces = args.map((a) => analyseExpr(a, scope, ctx, sub, { ...inner, countArgument: countArg }));
  const orderTraces = ((body.agg_order ?? []) as PgNode[]).map((s) => analyseExpr(s.SortBy?.node, scope, ctx, sub, inner));
  if (body.agg_filter) {
    ctx.refuse('CONDITIONAL_AGGREGATE', at, 'FILTER');
    analyseExpr(body.agg_filter, scope, ctx, sub, { ...inner, filter: true });
  }
  const argsTrace = merge(...argTraces, ...orderTraces);
  if (CLEARING_AGGREGATES.has(name)) {
    return { ...emptyTrace(), sources: argsTrace.sources, aggregated: true, subquery: argsTrace.subquery };
  }
  if (PASS_THROUGH_AGGREGATES.has(name)) return { ...argsTrace, aggregated: true };
  if (MASKING_FUNCTIONS.has(name)) return mask(name, args, argTraces);
  return argsTrace;
}

/** left(x, n), right(x, n) with 0 < n; substr(x, from, n) with constant bounds: expose n characters. */
function mask(name: string, args: PgNode[], traces: Trace[]): Trace {
  const constant = (n: PgNode | undefined): number | undefined => {
    const v = n?.A_Const?.ival;
    if (!n?.A_Const || n.A_Const.isnull) return undefined;
    return typeof v?.ival === 'number' ? v.ival : 0; // an absent ival is the integer 0
  };
  const width = name === 'left' || name === 'right'
    ? (args.length === 2 ? constant(args[1]) : undefined)
    : (args.length === 3 && constant(args[1]) !== undefined ? constant(args[2]) : undefined);
  if (width === undefined || width <= 0 || traces.slice(1).some((t) => t.sources.size > 0)) return merge(...traces);
  const value = traces[0]!;
  const out = merge(value);
  // Conservative: every raw sensitive source exposes `width` more characters.
  out.raw.forEach((s) => out.exposure.set(s, (out.exposure.get(s) ?? 0) + width));
  out.raw.clear();
  return out;
}

type Recurse = (n: PgNode | undefined, p?: ExprPosition) => Trace;

function aExpr(body: PgNode, ctx: Ctx, pos: ExprPosition, at: number | undefined, e: Recurse): Trace {
  const names = strings(body.name);
  const op = names.length === 1 ? names[0]! : names.length === 2 && names[0] === 'pg_catalog' ? names[1]! : '';
  const kind = body.kind as string;
  const sides = () => merge(e(body.lexpr), e(body.rexpr));
  if (kind === 'AEXPR_OP') {
    if (COMPARISON_OPERATORS.has(op)) {
      const join = !!pos.joinKey && op === '=' && !!body.lexpr?.ColumnRef && !!body.rexpr?.ColumnRef;
      const p = { inAggregate: pos.inAggregate, filter: pos.filter, joinKey: join };
      const compared = merge(e(body.lexpr, p), e(body.rexpr, p));
      if (op !== '=' && op !== '<>' && compared.raw.size > 0) ctx.sensitiveRange = true;
      return reduce(compared);
    }
    if (VALUE_OPERATORS.has(op)) return sides();
    ctx.refuse('OPERATOR_NOT_ALLOWED', at, names.join('.'));
    return emptyTrace();
  }
  if (kind === 'AEXPR_NULLIF') return sides();
  if (PREDICATE_EXPR_KINDS.has(kind) && (op === '=' || op === '<>' || COMPARISON_OPERATORS.has(op) || /* BETWEEN carries its keyword */ kind.includes('BETWEEN'))) {
    const compared = sides();
    if (kind !== 'AEXPR_IN' && kind !== 'AEXPR_DISTINCT' && kind !== 'AEXPR_NOT_DISTINCT' && compared.raw.size > 0) ctx.sensitiveRange = true;
    return reduce(compared);
  }
  ctx.refuse('OPERATOR_NOT_ALLOWED', at, kind.replace('AEXPR_', '').toLowerCase());
  return emptyTrace();
}

function subLink(body: PgNode, scope: Scope, ctx: Ctx, sub: SelectAnalyser, pos: ExprPosition, at: number | undefined, e: Recurse): Trace {
  const type = body.subLinkType as string;
  if (!['EXISTS_SUBLINK', 'ANY_SUBLINK', 'ALL_SUBLINK', 'EXPR_SUBLINK'].includes(type)) {
    ctx.refuse('NODE_NOT_ALLOWED', at, type);
    return emptyTrace();
  }
  const names = strings(body.operName);
  if (names.some((n) => !COMPARISON_OPERATORS.has(n))) ctx.refuse('OPERATOR_NOT_ALLOWED', at, names.join('.'));
  const stmt = body.subselect?.SelectStmt as PgNode | undefined;
  if (!stmt) {
    ctx.refuse('NODE_NOT_ALLOWED', at, 'subquery');
    return emptyTrace();
  }
  const columns = sub(stmt, scope, ctx);
  const inner = merge(...columns.map((c) => c.trace));
  inner.subquery = true;
  if (type === 'EXPR_SUBLINK') return inner;
  return { ...reduce(merge(e(body.testexpr, { inAggregate: pos.inAggregate, filter: pos.filter }), inner)), subquery: true };
}

const CONDITIONS = new Set(['BoolExpr', 'NullTest', 'BooleanTest', 'CaseExpr', 'SubLink', 'MinMaxExpr']);

/** Nodes that select rows when they appear inside an aggregate's argument. */
function isCondition(type: string, body: PgNode): boolean {
  if (CONDITIONS.has(type)) return true;
  if (type !== 'A_Expr') return false;
  if (body.kind !== 'AEXPR_OP') return true;
  const op = strings(body.name).at(-1) ?? '';
  return COMPARISON_OPERATORS.has(op);
}

function isIntegerConstant(node: PgNode): boolean {
  const c = node.A_Const as PgNode | undefined;
  return !!c && !c.isnull && !!c.ival;
}
