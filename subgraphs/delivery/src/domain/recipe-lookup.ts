/**
 * Lookup keys of an accepted recipe (docs/operating-domain/runtime.md "lookup indexes"): the
 * resource fields its top-level query finds rows by — a field compared for equality with a bound
 * parameter (`id_no = $1`), and both fields of an equi-join (`t.uscc = c.uscc`). The raw store
 * indexes them per batch, so a verification reads a handful of rows instead of the whole batch.
 * Read on the real parse tree, like the rest of the analysis; only for recipes already accepted
 * (every table and column is then known to be one of the product's). Pure.
 */
import { parseSync } from 'libpg-query';
import type { PgNode } from './recipe-scope.js';
import { strings, unwrap } from './recipe-scope.js';
import type { AllowedResource } from './recipe-types.js';

export interface LookupKey {
  /** The table name as the recipe writes it (a key of the recipe's resources). */
  readonly table: string;
  readonly field: string;
}

/** Every table of the FROM clause by the name the query uses for it (alias, else its name). */
function tablesOf(from: readonly PgNode[], resources: Readonly<Record<string, AllowedResource>>, out = new Map<string, string>()): Map<string, string> {
  for (const item of from) {
    if (item.RangeVar) {
      const name = item.RangeVar.relname as string;
      if (!item.RangeVar.schemaname && name in resources) out.set((item.RangeVar.alias?.aliasname as string | undefined) ?? name, name);
    } else if (item.JoinExpr) {
      tablesOf([item.JoinExpr.larg, item.JoinExpr.rarg], resources, out);
    }
  }
  return out;
}

function joinQuals(from: readonly PgNode[]): PgNode[] {
  return from.flatMap((item) => (item.JoinExpr ? [item.JoinExpr.quals, ...joinQuals([item.JoinExpr.larg, item.JoinExpr.rarg])].filter(Boolean) : []));
}

/** The AND-ed conjuncts of a condition (an OR or NOT is not a lookup). */
function conjuncts(node: PgNode | undefined): PgNode[] {
  if (!node) return [];
  if (node.BoolExpr?.boolop === 'AND_EXPR') return (node.BoolExpr.args as PgNode[]).flatMap(conjuncts);
  return [node];
}

const stripCast = (n: PgNode | undefined): PgNode | undefined => (n?.TypeCast ? stripCast(n.TypeCast.arg) : n);

export function lookupKeys(sql: string, resources: Readonly<Record<string, AllowedResource>>): LookupKey[] {
  const [stmt] = (parseSync(sql) as { stmts: { stmt: PgNode }[] }).stmts;
  const select = stmt?.stmt.SelectStmt as PgNode | undefined;
  if (!select || (select.op && select.op !== 'SETOP_NONE')) return [];
  const from = (select.fromClause ?? []) as PgNode[];
  const tables = tablesOf(from, resources);
  const column = (n: PgNode | undefined): LookupKey | null => {
    const ref = stripCast(n)?.ColumnRef;
    if (!ref) return null;
    const parts = strings(ref.fields);
    const field = parts.at(-1)!;
    if (parts.length === 2) {
      const table = tables.get(parts[0]!);
      return table ? { table, field } : null;
    }
    const owners = [...new Set(tables.values())].filter((t) => resources[t]!.fields.some((f) => f.name === field));
    return owners.length === 1 ? { table: owners[0]!, field } : null;
  };
  const isParam = (n: PgNode | undefined) => !!stripCast(n)?.ParamRef;
  const keys = new Map<string, LookupKey>();
  const add = (k: LookupKey | null) => {
    if (k && resources[k.table]!.fields.some((f) => f.name === k.field)) keys.set(`${k.table}.${k.field}`, k);
  };
  for (const c of [...conjuncts(select.whereClause), ...joinQuals(from).flatMap(conjuncts)]) {
    const [kind, body] = unwrap(c);
    if (kind !== 'A_Expr' || body.kind !== 'AEXPR_OP' || strings(body.name).at(-1) !== '=') continue;
    const [l, r] = [column(body.lexpr), column(body.rexpr)];
    if (l && r) {
      add(l);
      add(r);
    } else if (l && isParam(body.rexpr)) add(l);
    else if (r && isParam(body.lexpr)) add(r);
  }
  return [...keys.values()].sort((a, b) => `${a.table}.${a.field}`.localeCompare(`${b.table}.${b.field}`));
}
