import type { EntityManager } from '@mikro-orm/postgresql';
import { badInput, pageRows, sql, type Identity } from '@pdo/platform';
import { privilegedSql } from '../domain/access.js';
import { RESOURCE_COLUMNS, toResourceRow, type ResourceRow } from './resource-rows.js';

export interface CatalogFilter {
  q?: string | null;
  sectors?: string[] | null;
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

/** Search terms: whitespace-separated; each must appear in name, description or a field. */
export function terms(q: string | null | undefined): string[] {
  const t = (q ?? '').trim().toLowerCase();
  if (t.length > 100) throw badInput('搜索词不超过 100 字', 'Search text ≤ 100 characters', { field: 'filter.q' });
  return t ? [...new Set(t.split(/\s+/))].slice(0, 8) : [];
}

interface Built {
  where: string;
  params: unknown[];
  score: string;
}

/**
 * One WHERE clause for list, count and facets, so facet counts always add up to totalCount:
 * visibility (public = not prohibited, active; privileged sees its own prohibited/withdrawn),
 * full-text terms, then every filter.
 */
export function buildWhere(identity: Identity, f: CatalogFilter): Built {
  const params: unknown[] = [];
  const p = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  const priv = privilegedSql(identity, params);
  const conds: string[] = [];
  conds.push(`(r.openness <> 'PROHIBITED' or ${priv})`);
  conds.push(f.includeWithdrawn ? `(r.status = 'ACTIVE' or ${priv})` : `r.status = 'ACTIVE'`);
  const scoreParts: string[] = [];
  for (const t of terms(f.q)) {
    const like = p(`%${escapeLike(t)}%`);
    conds.push(`r.search_text like ${like}`);
    scoreParts.push(`(case when lower(r.name_zh) like ${like} then 3 else 0 end + case when lower(r.code) like ${like} then 2 else 0 end + case when lower(r.description_zh) like ${like} then 1 else 0 end + 1)`);
  }
  const list = (col: string, values: string[] | null | undefined) => {
    if (values && values.length > 0) conds.push(`${col} = any(${p(values)}::text[])`);
  };
  list('r.sector', f.sectors);
  if (f.sourceAgencyIds?.length) conds.push(`r.source_agency_id::text = any(${p(f.sourceAgencyIds)}::text[])`);
  list(`coalesce(r.grade, 'UNGRADED')`, f.grades);
  list('r.openness', f.openness);
  list('r.update_frequency', f.updateFrequencies);
  list('r.jurisdiction', f.jurisdictions);
  if (f.authorizable != null) conds.push(`r.authorizable = ${p(f.authorizable)}`);
  return { where: conds.join(' and '), params, score: scoreParts.length ? scoreParts.join(' + ') : '0' };
}

export async function searchResources(em: EntityManager, identity: Identity, f: CatalogFilter, sort: CatalogSort | null | undefined, win: { limit: number; offset: number }): Promise<{ rows: ResourceRow[]; total: number }> {
  const b = buildWhere(identity, f);
  const effective = sort ?? (terms(f.q).length ? 'RELEVANCE' : 'NAME');
  // Name order by GBK bytes ≈ pinyin order for common characters (how Chinese catalogs list).
  const order =
    effective === 'RELEVANCE'
      ? `score desc, r.updated_at desc, r.id`
      : effective === 'RECENTLY_UPDATED'
        ? `r.updated_at desc, r.id`
        : `convert_to(r.name_zh, 'GBK'), r.code, r.id`;
  // A signed-in caller of a jurisdiction sees its own jurisdiction's resources first (an HN agency's
  // list began with JL's, by name); the public and national officials get the plain order.
  // Inlined, not a parameter: the page's count statement reuses the parameters without the order.
  // A jurisdiction code is checked to be plain capitals, so nothing else can reach the SQL.
  const j = identity.jurisdiction;
  const own = j && j !== 'NATIONAL' && /^[A-Z]{2,8}$/.test(j) ? `(r.jurisdiction = '${j}') desc, ` : '';
  const { rows, totalCount } = await pageRows<Record<string, unknown>>(
    em,
    { select: `${RESOURCE_COLUMNS}, ${b.score} as score`, from: `data_resource r where ${b.where}`, orderBy: own + order, params: b.params },
    win,
  );
  return { rows: rows.map(toResourceRow), total: totalCount };
}

export const FACET_DIMENSIONS = ['sector', 'sourceAgency', 'grade', 'openness', 'updateFrequency', 'authorizable', 'jurisdiction'] as const;
export type FacetDimension = (typeof FACET_DIMENSIONS)[number];
export type Facets = Record<FacetDimension, { value: string; count: number }[]>;

/**
 * Facet counts for every dimension in ONE statement (grouping sets) over the same WHERE as the
 * list: every resource falls in exactly one bucket per dimension, so each dimension sums to totalCount.
 */
export async function facetCounts(em: EntityManager, identity: Identity, f: CatalogFilter): Promise<Facets> {
  const b = buildWhere(identity, f);
  const rows = await sql<{ dim: string; value: string; n: string }>(
    em,
    `with hit as (
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
      order by 1, count(*) desc, 2`,
    b.params,
  );
  const out = Object.fromEntries(FACET_DIMENSIONS.map((d) => [d, [] as { value: string; count: number }[]])) as Facets;
  for (const r of rows) out[r.dim as FacetDimension].push({ value: r.value, count: Number(r.n) });
  return out;
}
