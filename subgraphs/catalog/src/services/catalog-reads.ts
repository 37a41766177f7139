import { badInput, connectionOf, notFound, type RequestContext } from '@pdo/platform';
import type { ResourceRow } from '../domain/resource.js';
import { resourceIdByCode } from '../data/resources.js';
import { resourceVersion, resourceVersionPage } from '../data/resource-versions.js';
import { facetCounts, searchResources, type CatalogFilter, type CatalogSort, type Facets } from '../data/search.js';
import { canSee } from '../access.js';
import type { CatalogLoaders } from '../loaders/index.js';

export type { CatalogFilter, CatalogSort, Facets };
type Ctx = RequestContext<CatalogLoaders>;
type Page = { first?: number | null; after?: string | null };

/** Search terms: whitespace-separated, each must appear in code, name, description or a field (at most 8). */
export function searchTerms(q: string | null | undefined): string[] {
  const t = (q ?? '').trim().toLowerCase();
  if (t.length > 100) throw badInput('搜索词不超过 100 字', 'Search text ≤ 100 characters', { field: 'filter.q' });
  return t ? [...new Set(t.split(/\s+/))].slice(0, 8) : [];
}

/** The resource if the caller may see it (prohibited and withdrawn ones only to the privileged). */
export async function visibleResource(ctx: Ctx, id: string): Promise<ResourceRow | null> {
  const r = await ctx.loaders.resourceById.load(id);
  return r && canSee(ctx.identity, r) ? r : null;
}

export async function resourceByCode(ctx: Ctx, input: { jurisdiction: string; code: string }): Promise<ResourceRow | null> {
  const id = await resourceIdByCode(ctx.em, input.jurisdiction, input.code.toUpperCase());
  return id ? visibleResource(ctx, id) : null;
}

/** A page of the catalog; relevance first when searching, by name otherwise. */
export function searchCatalog(ctx: Ctx, input: { filter: CatalogFilter; sort?: CatalogSort | null; page: Page }) {
  const terms = searchTerms(input.filter.q);
  const sort = input.sort ?? (terms.length ? 'RELEVANCE' : 'NAME');
  return connectionOf(input.page, (win) => searchResources(ctx.em, ctx.identity, input.filter, terms, sort, win));
}

/** Facet counts over the same filter as the list they belong to. */
export const catalogFacets = (ctx: Ctx, filter: CatalogFilter): Promise<Facets> => facetCounts(ctx.em, ctx.identity, filter, searchTerms(filter.q));

/** A resource's history, newest first (only for those who may see the resource). */
export async function resourceVersions(ctx: Ctx, input: { resourceId: string; page: Page }) {
  if (!(await visibleResource(ctx, input.resourceId))) throw notFound('数据资源', 'Data resource', input.resourceId);
  return connectionOf(input.page, (win) => resourceVersionPage(ctx.em, input.resourceId, win));
}

export async function resourceVersionOf(ctx: Ctx, input: { resourceId: string; version: number }) {
  if (!(await visibleResource(ctx, input.resourceId))) return null;
  return resourceVersion(ctx.em, input.resourceId, input.version);
}
