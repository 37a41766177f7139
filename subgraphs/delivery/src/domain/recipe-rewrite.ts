/**
 * The executable statement: the analyser, not the query text, resolves every table to its physical
 * name, and aggregate recipes get `count(DISTINCT subject) AS __k` for the runtime's k check.
 * Edits are placed with the PostgreSQL lexer's token offsets (never by pattern matching), and the
 * result is parsed again and compared node by node with the intended tree: any difference refuses.
 */
import { parseSync, scanSync } from 'libpg-query';
import type { PgNode, RangeVarUse } from './recipe-scope.js';
import { K_COLUMN } from './recipe-types.js';

export const quoteIdent = (name: string): string => `"${name.replaceAll('"', '""')}"`;
const quoteQualified = (physical: string): string => physical.split('.').map(quoteIdent).join('.');

interface Edit { readonly at: number; readonly remove: number; readonly text: string }

function leftmostLocation(item: PgNode | undefined): number | undefined {
  if (!item) return undefined;
  if (item.RangeVar) return item.RangeVar.location as number;
  if (item.JoinExpr) return leftmostLocation(item.JoinExpr.larg);
  return undefined;
}

function stripPositions(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(stripPositions);
  if (node && typeof node === 'object') {
    const out: Record<string, unknown> = {};
    // Sorted keys: the comparison must not depend on the order fields were set in.
    for (const [key, value] of Object.entries(node).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      if (key === 'location' || key.endsWith('_location') || key === 'stmt_len' || key.startsWith('rexpr_list_')) continue;
      out[key] = stripPositions(value);
    }
    return out;
  }
  return node;
}

function qualifyInTree(node: unknown, uses: ReadonlyMap<number, RangeVarUse>): void {
  if (Array.isArray(node)) return node.forEach((n) => qualifyInTree(n, uses));
  if (!node || typeof node !== 'object') return;
  const rv = (node as PgNode).RangeVar as PgNode | undefined;
  const use = rv ? uses.get(rv.location as number) : undefined;
  if (rv && use) {
    const dot = use.physical.indexOf('.');
    rv.schemaname = use.physical.slice(0, dot);
    rv.relname = use.physical.slice(dot + 1);
    rv.alias ??= { aliasname: use.recipeName };
  }
  Object.values(node).forEach((v) => qualifyInTree(v, uses));
}

/**
 * Returns the executable SQL, or undefined when the edits cannot be placed or do not yield exactly
 * the intended tree.
 */
export function buildExecutable(sql: string, stmt: PgNode, rangeVars: readonly RangeVarUse[], kExpression?: string): string | undefined {
  const bytes = Buffer.from(sql, 'utf8');
  const tokens = scanSync(sql).tokens;
  const edits: Edit[] = [];
  const unqualified = new Map(rangeVars.filter((r) => !r.hasSchema).map((r) => [r.location, r]));
  for (const use of unqualified.values()) {
    const token = tokens.find((t) => t.start === use.location);
    if (!token) return undefined;
    const text = quoteQualified(use.physical) + (use.hasAlias ? '' : ` AS ${quoteIdent(use.recipeName)}`);
    edits.push({ at: token.start, remove: token.end - token.start, text });
  }
  const expected = structuredClone(stmt);
  qualifyInTree(expected, unqualified);
  if (kExpression !== undefined) {
    const first = leftmostLocation((stmt.fromClause ?? [])[0]);
    let i = tokens.findIndex((t) => t.start === first);
    if (i < 0) return undefined;
    for (i -= 1; i >= 0; i--) {
      const t = tokens[i]!;
      if (t.text === '(' || t.text.toLowerCase() === 'only' || t.tokenName === 'C_COMMENT' || t.tokenName === 'SQL_COMMENT') continue;
      break;
    }
    if (i < 0 || tokens[i]!.text.toLowerCase() !== 'from') return undefined;
    edits.push({ at: tokens[i]!.start, remove: 0, text: `, ${kExpression} AS ${K_COLUMN} ` });
    const target = parseSync(`SELECT ${kExpression} AS ${K_COLUMN}`).stmts?.[0]?.stmt as PgNode;
    (expected.targetList as PgNode[]).push(target.SelectStmt.targetList[0]);
  }
  edits.sort((a, b) => b.at - a.at);
  let out = bytes;
  for (const e of edits) {
    out = Buffer.concat([out.subarray(0, e.at), Buffer.from(e.text, 'utf8'), out.subarray(e.at + e.remove)]);
  }
  const result = out.toString('utf8');
  let reparsed: PgNode;
  try {
    const stmts = parseSync(result).stmts ?? [];
    if (stmts.length !== 1) return undefined;
    reparsed = (stmts[0]!.stmt as PgNode).SelectStmt;
  } catch {
    return undefined;
  }
  if (!reparsed) return undefined;
  return JSON.stringify(stripPositions(reparsed)) === JSON.stringify(stripPositions(expected)) ? result : undefined;
}
