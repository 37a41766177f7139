/**
 * The listing journey and the product page without a gateway: the calls the best query plan
 * makes, made by hand — products (which answers the operator's name and the resources' name,
 * sector and source agency from its projections: shared fields) in parallel with the other
 * subgraphs' root fields of the page — and assembled into the same response. Its latency is the
 * floor any gateway adds its overhead to.
 */
import type http from 'node:http';
import { postJson, type GqlResponse } from './http.js';
import { DIRECT_LISTING_EXTRA, DIRECT_LISTING_QUERY, DIRECT_PRODUCT_EXTRA, DIRECT_PRODUCT_QUERY } from './queries.js';

export interface DirectTarget {
  urls: Record<string, string>;
  /** Fresh signed identity headers for one request (the signature covers its URL path and body). */
  headers: (url: string, body: string) => Record<string, string>;
  agent?: http.Agent;
}

export interface DirectResult {
  data: any;
  /** SQL statements per subgraph, summed over the journey's calls. */
  sql: Record<string, number>;
  calls: number;
}

function check<T>(r: GqlResponse<T>, what: string): T {
  if (r.errors?.length) throw new Error(`${what}: ${r.errors.map((e) => e.message).join('; ')}`);
  return r.data as T;
}

function addSql(into: Record<string, number>, r: GqlResponse) {
  for (const [k, v] of Object.entries((r.extensions?.sqlStatements ?? {}) as Record<string, number>)) into[k] = (into[k] ?? 0) + v;
}

/** The other subgraphs' root fields of the page, fetched in parallel with products. */
async function extras(t: DirectTarget, queries: Record<string, string>, variables: Record<string, unknown>, sql: Record<string, number>): Promise<Record<string, unknown>> {
  const parts = await Promise.all(
    Object.entries(queries).map(async ([subgraph, query]) => {
      const r = await postJson(t.urls[subgraph]!, { query, variables }, (text) => t.headers(t.urls[subgraph]!, text), t.agent);
      addSql(sql, r);
      return check<Record<string, unknown>>(r, subgraph);
    }),
  );
  return Object.assign({}, ...parts);
}

export async function directListing(t: DirectTarget, variables: { search?: string | null; first: number }): Promise<DirectResult> {
  const sql: Record<string, number> = {};
  const [r, extra] = await Promise.all([postJson(t.urls.products!, { query: DIRECT_LISTING_QUERY, variables }, (text) => t.headers(t.urls.products!, text), t.agent), extras(t, DIRECT_LISTING_EXTRA, {}, sql)]);
  addSql(sql, r);
  const data = check<{ productMarketplace: any }>(r, 'products productMarketplace');
  return { data: { ...extra, ...data }, sql, calls: 1 + Object.keys(DIRECT_LISTING_EXTRA).length };
}

export async function directProduct(t: DirectTarget, variables: { id: string }): Promise<DirectResult> {
  const sql: Record<string, number> = {};
  const [r, extra] = await Promise.all([postJson(t.urls.products!, { query: DIRECT_PRODUCT_QUERY, variables }, (text) => t.headers(t.urls.products!, text), t.agent), extras(t, DIRECT_PRODUCT_EXTRA, variables, sql)]);
  addSql(sql, r);
  const data = check<{ dataProduct: any }>(r, 'products dataProduct');
  return { data: { ...extra, ...data }, sql, calls: 1 + Object.keys(DIRECT_PRODUCT_EXTRA).length };
}

/** The name of the subgraph at `url` (the signature names the subgraph a call is for). */
export function subgraphOf(urls: Record<string, string>, url: string): string {
  const href = new URL(url).href;
  return Object.entries(urls).find(([, u]) => new URL(u).href === href)?.[0] ?? '';
}
