import { connectionOf, notFound, type RequestContext } from '@pdo/platform';
import { todayInShanghai } from '@pdo/policy';
import { searchMarketplace, type MarketFilter, type MarketSort } from '../data/marketplace.js';
import { productPage, type ProductListFilter } from '../data/products.js';
import { registrationById } from '../data/registrations.js';
import { usageByMonth } from '../data/usage-records.js';
import { canSeeResource, canSeeUnlisted, productsVisible } from '../access.js';
import type { Loaders, ResourceFacts } from '../loaders/index.js';

export type { MarketSort } from '../data/marketplace.js';

/* What the product pages and lists read: the caller's scope applied in the database (access.ts). */

type Ctx = RequestContext<Loaders>;
type Page = { first?: number | null; after?: string | null };

/** A product page: listed products are public, others only for their operator and the supervisors of the jurisdiction. */
export async function productFor(ctx: Ctx, id: string) {
  const p = await ctx.loaders.byId.load(id);
  return p && (p.listedAt !== null || canSeeUnlisted(ctx.identity, p)) ? p : null;
}

export interface MarketplaceQuery extends Page {
  search?: string | null;
  filter?: MarketFilter | null;
  sort?: MarketSort | null;
}

/** The public marketplace: one page, its total and the facets, in two statements. */
export async function marketplace(ctx: Ctx, q: MarketplaceQuery) {
  const sort: MarketSort = q.sort ?? (q.search?.trim() ? 'RELEVANCE' : 'NEWEST');
  let facets: Awaited<ReturnType<typeof searchMarketplace>>['facets'] = [];
  const page = await connectionOf(q, async (win) => {
    const r = await searchMarketplace(ctx.em, todayInShanghai(ctx.now), q.filter ?? {}, q.search ?? null, sort, win.limit, win.offset);
    facets = r.facets;
    return { rows: r.rows, totalCount: r.total };
  });
  return { page, facets };
}

/** The back-office product list: an operator its own, the supervisors their jurisdiction's, the public what was listed. */
export function productList(ctx: Ctx, q: Page & ProductListFilter) {
  return connectionOf(q, (win) => productPage(ctx.em, productsVisible(ctx.identity, 'data_product', true), q, win));
}

/** The products built on a resource, one page per resource (DataResource.products). */
export function productsOfResource(ctx: Ctx, resourceId: string, q: Page) {
  return connectionOf(q, async (win) => {
    const { rows, total } = await ctx.loaders.productsOfResource(win.limit, win.offset).load(resourceId);
    return { rows, totalCount: total };
  });
}

export async function registrationFor(ctx: Ctx, id: string) {
  return registrationById(ctx.em, id);
}

/** Monthly usage of a listed product (public disclosure, NS Art 19). */
export async function productUsageByMonth(ctx: Ctx, productId: string) {
  const p = await ctx.loaders.byId.load(productId);
  if (!p || !p.listedAt) throw notFound('数据产品', 'Data product', productId);
  return usageByMonth(ctx.em, productId);
}

/** A resource as products answers it: the projected facts in the shape of the shared fields (plain properties, read by
 * graphql's default resolvers), with what decides who may see it (access.ts). */
export type ResourceAnswer = ResourceFacts & { nameZh: string; sourceAgency: { id: string; name: string } | null };
/** A stub projected before its snapshot has no name: '' stands in, as `Organization.name` does for an organization not yet projected. */
const answer = (r: ResourceFacts): ResourceAnswer => ({ ...r, nameZh: r.nameZh ?? '', sourceAgency: r.sourceAgencyId ? { id: r.sourceAgencyId, name: r.sourceAgencyName } : null });

/**
 * The resources of a product as products answers the shared `DataResource.nameZh`, `sector` and `sourceAgency`, from
 * its projection of the catalog (one statement for a page of products, through the loader). A resource the catalog
 * would hide from this caller (withdrawn, prohibited: access.ts, canSeeResource) is left out, as is one no snapshot
 * has told products of yet; the catalog answers nothing for either.
 */
export async function resourcesOf(ctx: Ctx, ids: readonly string[]): Promise<ResourceAnswer[]> {
  const rows = await ctx.loaders.resource.loadMany(ids);
  return rows.filter((r): r is ResourceFacts => !!r && !(r instanceof Error) && r.nameZh !== null && canSeeResource(ctx.identity, r)).map(answer);
}

/**
 * A reference to a resource (`_entities`): its facts when products holds them. Without them, null where the shared
 * facts are asked (as the catalog answers an id it does not know), else its id alone (for `DataResource.products`).
 */
export async function resourceReference(ctx: Ctx, id: string, asksFacts: boolean): Promise<ResourceAnswer | { id: string } | null> {
  const r = await ctx.loaders.resource.load(id);
  return r ? answer(r) : asksFacts ? null : { id };
}
