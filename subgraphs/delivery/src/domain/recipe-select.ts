/**
 * SELECT analysis: statement shape, FROM resolution against the product's resources, CTEs,
 * subqueries and set operations (docs/operating-domain/recipes.md).
 */
import type { Column, Ctx, PgNode, Relation, Scope } from './recipe-scope.js';
import { emptyTrace, merge, strings, unwrap } from './recipe-scope.js';
import { analyseExpr } from './recipe-expressions.js';

const sub = (stmt: PgNode, outer: Scope, ctx: Ctx): Column[] => analyseSelect(stmt, outer, ctx, false);

/** Analyses one SELECT (a body, not wrapped) and returns its output columns. */
export function analyseSelect(stmt: PgNode, outer: Scope | undefined, ctx: Ctx, top: boolean, aggregateTop = false): Column[] {
  if (stmt.intoClause) ctx.refuse('SELECT_INTO');
  if ((stmt.lockingClause ?? []).length > 0) ctx.refuse('LOCKING_CLAUSE');
  if ((stmt.windowClause ?? []).length > 0) ctx.refuse('WINDOW_NOT_ALLOWED');
  if ((stmt.valuesLists ?? []).length > 0) ctx.refuse('NODE_NOT_ALLOWED', undefined, 'VALUES');
  const ctes = withClause(stmt.withClause, outer, ctx);
  const base: Scope = { relations: [], ctes, parent: outer };

  if (stmt.op && stmt.op !== 'SETOP_NONE') {
    if (aggregateTop) ctx.refuse('SET_OPERATION_AGGREGATE');
    const left = analyseSelect(stmt.larg ?? {}, base, ctx, false);
    const right = analyseSelect(stmt.rarg ?? {}, base, ctx, false);
    const columns = left.map((c, i) => ({ name: c.name, at: c.at, trace: merge(c.trace, right[i]?.trace ?? emptyTrace()) }));
    const outputs = new Map(columns.filter((c) => c.name).map((c) => [c.name!, c]));
    tail(stmt, { ...base, outputs }, ctx);
    return columns;
  }

  for (const item of (stmt.fromClause ?? []) as PgNode[]) {
    base.relations.push(...fromItem(item, base, ctx, aggregateTop));
  }
  const scope = base;
  if (top) ctx.topRelations = scope.relations;
  const distinct = (stmt.distinctClause ?? []) as PgNode[];
  distinct.forEach((d) => analyseExpr(d, scope, ctx, sub));
  const targets = ((stmt.targetList ?? []) as PgNode[]);
  targets.filter((t) => t.ResTarget?.val?.ColumnRef?.fields?.some((f: PgNode) => f.A_Star)).forEach((t) => analyseExpr(t.ResTarget.val, scope, ctx, sub));
  // `*` and `t.*` are refused by the expression analysis; they name no column here.
  const columns: Column[] = targets.filter((t) => !t.ResTarget?.val?.ColumnRef?.fields?.some((f: PgNode) => f.A_Star)).map((t) => {
    const target = t.ResTarget as PgNode | undefined;
    if (!target) {
      ctx.refuse('NODE_NOT_ALLOWED', undefined, unwrap(t)[0]);
      return { name: undefined, trace: emptyTrace() };
    }
    if (target.indirection) ctx.refuse('NODE_NOT_ALLOWED', target.location, 'indirection');
    const trace = analyseExpr(target.val, scope, ctx, sub);
    const ref = target.val?.ColumnRef ? strings(target.val.ColumnRef.fields) : [];
    const name = (target.name as string | undefined) ?? ref[ref.length - 1];
    return { name, trace, at: target.location as number | undefined };
  });
  analyseExpr(stmt.whereClause, scope, ctx, sub, { filter: true });
  scope.outputs = new Map(columns.filter((c) => c.name).map((c) => [c.name!, c]));
  for (const g of (stmt.groupClause ?? []) as PgNode[]) {
    if (g.GroupingSet) ctx.refuse('NODE_NOT_ALLOWED', g.GroupingSet.location, 'GROUPING SETS');
    else analyseExpr(g, scope, ctx, sub);
  }
  analyseExpr(stmt.havingClause, scope, ctx, sub, { filter: true });
  tail(stmt, scope, ctx);
  if (!top) scope.outputs = undefined;
  return columns;
}

/** ORDER BY, LIMIT, OFFSET. */
function tail(stmt: PgNode, scope: Scope, ctx: Ctx): void {
  for (const s of (stmt.sortClause ?? []) as PgNode[]) analyseExpr(s.SortBy?.node ?? s, scope, ctx, sub);
  analyseExpr(stmt.limitCount, scope, ctx, sub);
  analyseExpr(stmt.limitOffset, scope, ctx, sub);
}

function withClause(clause: PgNode | undefined, outer: Scope | undefined, ctx: Ctx): Map<string, Column[]> {
  const ctes = new Map<string, Column[]>();
  if (!clause) return ctes;
  if (clause.recursive) ctx.refuse('RECURSIVE_CTE', clause.location);
  for (const c of (clause.ctes ?? []) as PgNode[]) {
    const cte = c.CommonTableExpr as PgNode | undefined;
    const [type, body] = cte?.ctequery ? unwrap(cte.ctequery) : ['', {}];
    if (!cte || type !== 'SelectStmt') {
      ctx.refuse('WRITING_CTE', cte?.location, type || undefined);
      continue;
    }
    if (cte.search_clause || cte.cycle_clause) ctx.refuse('RECURSIVE_CTE', cte.location);
    // Earlier CTEs are visible to later ones; the CTE's own name is not (no recursion).
    const columns = analyseSelect(body, { relations: [], ctes: new Map(ctes), parent: outer }, ctx, false);
    const renames = strings(cte.aliascolnames);
    ctes.set(cte.ctename as string, columns.map((col, i) => ({ ...col, name: renames[i] ?? col.name })));
  }
  return ctes;
}

function lookupCte(scope: Scope | undefined, name: string): Column[] | undefined {
  for (let s = scope; s; s = s.parent) if (s.ctes.has(name)) return s.ctes.get(name);
  return undefined;
}

function fromItem(item: PgNode, scope: Scope, ctx: Ctx, aggregateTop: boolean): Relation[] {
  const [type, body] = unwrap(item);
  switch (type) {
    case 'RangeVar':
      return rangeVar(body, scope, ctx, aggregateTop);
    case 'JoinExpr': {
      const left = body.larg ? fromItem(body.larg, scope, ctx, aggregateTop) : [];
      const right = body.rarg ? fromItem(body.rarg, scope, ctx, aggregateTop) : [];
      const relations = [...left, ...right];
      if (body.alias) ctx.refuse('NODE_NOT_ALLOWED', undefined, 'join alias');
      const joinScope: Scope = { relations, ctes: scope.ctes, parent: scope.parent };
      for (const name of strings(body.usingClause)) {
        const cols = relations.map((r) => r.columns.get(name)).filter((c): c is Column => !!c);
        if (cols.length < 2) ctx.refuse('UNKNOWN_COLUMN', undefined, name);
        cols.forEach((c) => c.subject && ctx.subjectUses.push({ subject: c.subject, allowed: true }));
      }
      if (body.isNatural) ctx.refuse('NODE_NOT_ALLOWED', undefined, 'NATURAL JOIN');
      analyseExpr(body.quals, joinScope, ctx, sub, { filter: true, joinKey: true });
      return relations;
    }
    case 'RangeSubselect': {
      if (body.lateral) ctx.refuse('LATERAL_NOT_ALLOWED');
      if (aggregateTop) ctx.refuse('AGGREGATE_FROM_NOT_TABLE', undefined, body.alias?.aliasname);
      const stmt = body.subquery?.SelectStmt as PgNode | undefined;
      if (!stmt) {
        ctx.refuse('NODE_NOT_ALLOWED', undefined, 'subquery');
        return [];
      }
      // Not LATERAL: the subquery sees the CTEs and outer queries, not its FROM siblings.
      const columns = analyseSelect(stmt, { relations: [], ctes: scope.ctes, parent: scope.parent }, ctx, false);
      return [derived(body.alias, columns, ctx)];
    }
    case 'RangeFunction': {
      const call = (body.functions?.[0]?.List?.items?.[0] ?? {}) as PgNode;
      const name = strings(call.FuncCall?.funcname).join('.');
      ctx.refuse('FUNCTION_IN_FROM', call.FuncCall?.location, name || undefined);
      return [];
    }
    default:
      ctx.refuse('NODE_NOT_ALLOWED', body.location, type || 'FROM item');
      return [];
  }
}

function derived(alias: PgNode | undefined, columns: Column[], ctx: Ctx): Relation {
  const renames = strings(alias?.colnames);
  const map = new Map<string, Column>();
  columns.forEach((c, i) => {
    const name = renames[i] ?? c.name;
    if (name) map.set(name, { ...c, name });
  });
  void ctx;
  return { alias: (alias?.aliasname as string | undefined) ?? '', columns: map };
}

function rangeVar(body: PgNode, scope: Scope, ctx: Ctx, aggregateTop: boolean): Relation[] {
  const relname = body.relname as string;
  const schema = body.schemaname as string | undefined;
  const at = body.location as number | undefined;
  const qualified = schema ? `${schema}.${relname}` : relname;
  if (body.catalogname) {
    ctx.refuse('TABLE_NOT_ALLOWED', at, `${body.catalogname}.${qualified}`);
    return [];
  }
  const cte = schema ? undefined : lookupCte(scope, relname);
  if (cte) {
    if (aggregateTop) ctx.refuse('AGGREGATE_FROM_NOT_TABLE', at, relname);
    return [derived({ aliasname: body.alias?.aliasname ?? relname, colnames: body.alias?.colnames }, cte, ctx)];
  }
  const entry = Object.entries(ctx.input.resources).find(([name, r]) => (schema ? r.physical === qualified : name === relname));
  if (!entry) {
    ctx.refuse('TABLE_NOT_ALLOWED', at, qualified);
    return [];
  }
  if (body.alias?.colnames) ctx.refuse('NODE_NOT_ALLOWED', at, 'column alias list');
  const [name, resource] = entry;
  ctx.tables.set(name, resource.physical);
  ctx.rangeVars.push({ location: at ?? -1, recipeName: name, physical: resource.physical, hasSchema: !!schema, hasAlias: !!body.alias });
  const alias = (body.alias?.aliasname as string | undefined) ?? relname;
  const columns = new Map<string, Column>();
  for (const f of resource.fields) {
    const source = `${name}.${f.name}`;
    const trace = emptyTrace();
    trace.sources.add(source);
    if (f.sensitive) trace.raw.add(source);
    columns.set(f.name, { name: f.name, trace, ...(resource.subjectField === f.name ? { subject: source } : {}) });
  }
  return [{ alias, columns, base: { name, physical: resource.physical } }];
}
