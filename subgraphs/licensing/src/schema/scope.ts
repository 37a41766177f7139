import { inScope, OFFICIAL_ROLES, scopeSql, sql, sqlOne, type Identity } from '@pdo/platform';
import type { EntityManager } from '@mikro-orm/postgresql';

/** Officials see their own jurisdiction's objects (packages/platform/src/access/scope.ts). */
export const isOfficialOf = (id: Identity, jurisdiction: string) => OFFICIAL_ROLES.includes(id.role) && id.jurisdiction === jurisdiction;

/**
 * SQL predicate limiting operator-owned rows to what the caller may see: officials their
 * jurisdiction, a company its own rows, the public nothing. Appends its params.
 */
export function ownedScope(id: Identity, params: unknown[], orgCol: string, jurCol = 'jurisdiction'): string {
  return scopeSql(id, { jurisdiction: jurCol, orgs: [orgCol] }, params);
}

export const canSee = (id: Identity, row: { jurisdiction: string }, ownerOrg: string) => inScope(id, { jurisdiction: row.jurisdiction, orgIds: [ownerOrg] });

/** One page plus the total, with a stable order. */
export async function pageOf<T>(em: EntityManager, cols: string, table: string, where: string[], params: unknown[], orderBy: string, win: { limit: number; offset: number }): Promise<[T[], number]> {
  const w = where.length ? `where ${where.join(' and ')}` : '';
  const total = await sqlOne<{ n: number }>(em, `select count(*)::int as n from ${table} ${w}`, params);
  const rows = await sql<T>(em, `select ${cols} from ${table} ${w} order by ${orderBy} limit ${win.limit} offset ${win.offset}`, params);
  return [rows, total?.n ?? 0];
}

/** Adds `col = $n` when the filter value is set. */
export function eq(where: string[], params: unknown[], col: string, value: unknown, cast = ''): void {
  if (value === null || value === undefined) return;
  params.push(value);
  where.push(`${col} = $${params.length}${cast}`);
}
