import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { pageOf, scopeWhere, type Em, type Identity } from '@pdo/platform';
import type { ResourceRow } from '../domain/resource.js';
import { CATALOG_SCOPE, RESOURCE_SCOPE_COLUMNS } from '../access.js';
import { db } from './tables.js';
import { toResourceRow } from './resources.js';

export interface CatalogFilter {
  q?: string | null;
  sectors?: string[] | null;
  /** Source units (数源单位) owning the resources. */
  sourceAgencyIds?: string[] | null;
  /** L1–L4, or UNGRADED for resources not yet graded. */
  grades?: string[] | null;
  openness?: string[] | null;
  updateFrequencies?: string[] | null;
  authorizable?: boolean | null;
  jurisdictions?: string[] | null;
  /** Withdrawn resources show only to whoever may see them (owner, AGENCY, AUTHORITY). */
  includeWithdrawn?: boolean | null;
}
export type CatalogSort = 'RELEVANCE' | 'RECENTLY_UPDATED' | 'NAME';

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

interface Built {
  where: RawBuilder<SqlBool>;
  score: RawBuilder<number>;
}

/**
 * One WHERE for list and facets over `data_resource` (unqualified columns), so facet counts always add up to
 * totalCount: visibility (public = not prohibited, active; the privileged see their own prohibited/withdrawn), the
 * search terms (already split, services/catalog-reads.ts), then every filter. The score ranks name over code over
 * description hits.
 */
function built(identity: Identity, f: CatalogFilter, terms: readonly string[]): Built {
  const privileged = scopeWhere(identity, RESOURCE_SCOPE_COLUMNS, CATALOG_SCOPE);
  const conds: RawBuilder<SqlBool>[] = [sql`(openness <> 'PROHIBITED' or ${privileged})`, f.includeWithdrawn ? sql`(status = 'ACTIVE' or ${privileged})` : sql`status = 'ACTIVE'`];
  const scores: RawBuilder<number>[] = [];
  for (const t of terms) {
    const like = `%${escapeLike(t)}%`;
    conds.push(sql`search_text like ${like}`);
    scores.push(sql`(case when lower(name_zh) like ${like} then 3 else 0 end + case when lower(code) like ${like} then 2 else 0 end + case when lower(description_zh) like ${like} then 1 else 0 end + 1)`);
  }
  const anyOf = (column: RawBuilder<unknown>, values: readonly unknown[] | null | undefined) => {
    if (values && values.length > 0) conds.push(sql`${column} = any(${values}::text[])`);
  };
  anyOf(sql`sector`, f.sectors);
  anyOf(sql`source_agency_id::text`, f.sourceAgencyIds);
  anyOf(sql`coalesce(grade, 'UNGRADED')`, f.grades);
  anyOf(sql`openness`, f.openness);
  anyOf(sql`update_frequency`, f.updateFrequencies);
  anyOf(sql`jurisdiction`, f.jurisdictions);
  if (f.authorizable != null) conds.push(sql`authorizable = ${f.authorizable}`);
  return { where: sql<SqlBool>`${sql.join(conds, sql` and `)}`, score: scores.length ? sql<number>`${sql.join(scores, sql` + `)}` : sql<number>`0` };
}

/** A page of the catalog the caller may see, in the given order. */
export async function searchResources(em: Em, identity: Identity, f: CatalogFilter, terms: readonly string[], sort: CatalogSort, win: { limit: number; offset: number }): Promise<{ rows: ResourceRow[]; totalCount: number }> {
  const b = built(identity, f, terms);
  const k = db(em);
  let q = k.selectFrom('data_resource').selectAll().select(b.score.as('score')).where(b.where);
  // A signed-in caller of a jurisdiction sees its own jurisdiction's resources first (an HN agency's list began
  // with JL's, by name); the public and national officials get the plain order.
  const j = identity.jurisdiction;
  if (j && j !== 'NATIONAL') q = q.orderBy(sql`(jurisdiction = ${j})`, 'desc');
  if (sort === 'RELEVANCE') q = q.orderBy(sql`score`, 'desc').orderBy('updated_at', 'desc');
  else if (sort === 'RECENTLY_UPDATED') q = q.orderBy('updated_at', 'desc');
  // Name order by GBK bytes ≈ pinyin order for common characters (how Chinese catalogs list).
  else q = q.orderBy(sql`convert_to(name_zh, 'GBK')`).orderBy('code');
  const { rows, totalCount } = await pageOf(k, q.orderBy('id'), win);
  return { rows: rows.map(toResourceRow), totalCount };
}

export const FACET_DIMENSIONS = ['sector', 'sourceAgency', 'grade', 'openness', 'updateFrequency', 'authorizable', 'jurisdiction'] as const;
export type FacetDimension = (typeof FACET_DIMENSIONS)[number];
export type Facets = Record<FacetDimension, { value: string; count: number }[]>;

/**
 * Facet counts for every dimension in ONE statement over the same WHERE as the list: every resource falls in
 * exactly one bucket per dimension, so each dimension sums to totalCount.
 */
export async function facetCounts(em: Em, identity: Identity, f: CatalogFilter, terms: readonly string[]): Promise<Facets> {
  const b = built(identity, f, terms);
  // Hand-written: grouping sets count seven dimensions in one pass, which the query builder cannot express.
  const { rows } = await sql<{ dim: FacetDimension; value: string; n: string }>`
    with hit as (
      select r.sector, r.source_agency_id::text as agency, coalesce(r.grade, 'UNGRADED') as grade, r.openness,
             r.update_frequency as freq, r.authorizable::text as auth, r.jurisdiction
        from data_resource r where ${b.where})
    select case when grouping(sector) = 0 then 'sector' when grouping(agency) = 0 then 'sourceAgency'
                when grouping(grade) = 0 then 'grade' when grouping(openness) = 0 then 'openness'
                when grouping(freq) = 0 then 'updateFrequency' when grouping(auth) = 0 then 'authorizable'
                else 'jurisdiction' end as dim,
           coalesce(sector, agency, grade, openness, freq, auth, jurisdiction) as value,
           count(*)::text as n
      from hit
     group by grouping sets ((sector), (agency), (grade), (openness), (freq), (auth), (jurisdiction))
     order by 1, count(*) desc, 2`.execute(db(em));
  const out = Object.fromEntries(FACET_DIMENSIONS.map((d) => [d, [] as { value: string; count: number }[]])) as Facets;
  for (const r of rows) out[r.dim].push({ value: r.value, count: Number(r.n) });
  return out;
}
