/**
 * The two workloads. The listing journey is the marketplace's busiest page: a search with facets
 * and 20 products, each with its operator, its resources and their source agencies (owned by
 * licensing and the catalog, answered by products from its projections), its price and its usage
 * (products, fed by revenue's events).
 */
const NODE = (org: string, res: string) => `id code name form category listedAt sectors
        operator ${org}
        resources ${res}
        listingPrice { chargingUnit price { fen yuan } cap { fen yuan } free effectiveFrom }
        usageStats { totalUnits usageRecords activeAgreements developers }`;

const GW_ORG = '{ id name }';
const GW_RES = '{ id nameZh sector sourceAgency { id name } }';

const FACETS = `facets {
      jurisdiction { value count } form { value count } category { value count }
      operator { value count } sector { value count } sourceAgency { value count }
    }`;

/**
 * Root fields the pages ask of the other subgraphs in the same operation (a gateway fetches them
 * in parallel with products): the marketplace's "newly listed" announcements (evaluation's public
 * disclosure feed); on the product page, its price history (revenue) and its disclosures.
 */
export const LISTING_EXTRA: Record<string, string> = {
  evaluation: `announcements: disclosures(jurisdiction: "HN", kinds: [PRODUCT_LISTED], first: 5) { totalCount edges { node { id name kind subjectId publishedAt facts { key value } } } }`,
};
export const PRODUCT_EXTRA: Record<string, string> = {
  revenue: `prices: productPrices(productId: $id, first: 5) { totalCount edges { node { id chargingUnit price { fen yuan } effectiveFrom version } } }`,
  evaluation: `disclosures(subjectId: $id, first: 5) { totalCount edges { node { id name kind publishedAt } } }`,
};

export const LISTING_QUERY = `query Listing($search: String, $first: Int) {
  ${Object.values(LISTING_EXTRA).join('\n  ')}
  productMarketplace(search: $search, first: $first) {
    totalCount
    pageInfo { hasNextPage endCursor }
    ${FACETS}
    edges { node { ${NODE(GW_ORG, GW_RES)} } }
  }
}`;

export const PRODUCT_QUERY = `query ProductPage($id: ID!) {
  ${Object.values(PRODUCT_EXTRA).join('\n  ')}
  dataProduct(id: $id) { ${NODE(GW_ORG, GW_RES)} description }
}`;

/**
 * What the products subgraph is asked directly: its part of the page. Products answers the operator's name and its
 * resources' name, sector and source unit (with that unit's name) itself (shared fields), so its part is the whole
 * product node.
 */
const productsPart = (q: string, extra: Record<string, string>) => Object.values(extra).reduce((acc, f) => acc.replace(`${f}\n  `, ''), q);
export const DIRECT_LISTING_QUERY = productsPart(LISTING_QUERY, LISTING_EXTRA);
export const DIRECT_PRODUCT_QUERY = productsPart(PRODUCT_QUERY, PRODUCT_EXTRA);
/** The other subgraphs' root fields, one query per subgraph. */
export const DIRECT_LISTING_EXTRA = Object.fromEntries(Object.entries(LISTING_EXTRA).map(([n, f]) => [n, `{ ${f} }`]));
export const DIRECT_PRODUCT_EXTRA = Object.fromEntries(Object.entries(PRODUCT_EXTRA).map(([n, f]) => [n, `query ($id: ID!) { ${f} }`]));

export const ORG_ENTITIES = `query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on Organization { id name } } }`;
