/**
 * The listing journey and the product page without a gateway: the calls a gateway's query plan
 * makes, made by hand — products first, then the resources (catalog) and operators (licensing)
 * in parallel, then the resources' source agencies (licensing) — and assembled into the same
 * response. Its latency is the floor any gateway adds its overhead to.
 */
import type http from 'node:http';
import { postJson, type GqlResponse } from './http.js';
import { DIRECT_LISTING_EXTRA, DIRECT_LISTING_QUERY, DIRECT_PRODUCT_EXTRA, DIRECT_PRODUCT_QUERY, ORG_ENTITIES, RESOURCE_ENTITIES } from './queries.js';

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

async function entities(t: DirectTarget, subgraph: string, query: string, typename: string, ids: string[], sql: Record<string, number>): Promise<Map<string, any>> {
  if (ids.length === 0) return new Map();
  const r = await postJson(t.urls[subgraph]!, { query, variables: { representations: ids.map((id) => ({ __typename: typename, id })) } }, (text) => t.headers(t.urls[subgraph]!, text), t.agent);
  addSql(sql, r);
  const list = check<{ _entities: any[] }>(r, `${subgraph} _entities`)._entities;
  return new Map(ids.map((id, i) => [id, list[i]]));
}

/** Resolves operator / resources / source agencies of products the products subgraph returned. */
async function resolveNodes(t: DirectTarget, nodes: any[], sql: Record<string, number>): Promise<number> {
  const resourceIds = [...new Set(nodes.flatMap((n) => n.resources.map((r: { id: string }) => r.id)))];
  const operatorIds = [...new Set(nodes.map((n) => n.operator.id as string))];
  const [resources, operators] = await Promise.all([
    entities(t, 'catalog', RESOURCE_ENTITIES, 'DataResource', resourceIds, sql),
    entities(t, 'licensing', ORG_ENTITIES, 'Organization', operatorIds, sql),
  ]);
  const agencyIds = [...new Set([...resources.values()].filter(Boolean).map((r) => r.sourceAgency.id as string))];
  const agencies = await entities(t, 'licensing', ORG_ENTITIES, 'Organization', agencyIds, sql);
  for (const n of nodes) {
    n.operator = operators.get(n.operator.id) ?? null;
    n.resources = n.resources.map((r: { id: string }) => {
      const full = resources.get(r.id);
      return full ? { ...full, sourceAgency: agencies.get(full.sourceAgency.id) ?? null } : null;
    });
  }
  return 1 + (resourceIds.length ? 1 : 0) + (operatorIds.length ? 1 : 0) + (agencyIds.length ? 1 : 0);
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
  const calls = await resolveNodes(t, data.productMarketplace.edges.map((e: { node: unknown }) => e.node), sql);
  return { data: { ...extra, ...data }, sql, calls: calls + Object.keys(DIRECT_LISTING_EXTRA).length };
}

export async function directProduct(t: DirectTarget, variables: { id: string }): Promise<DirectResult> {
  const sql: Record<string, number> = {};
  const [r, extra] = await Promise.all([postJson(t.urls.products!, { query: DIRECT_PRODUCT_QUERY, variables }, (text) => t.headers(t.urls.products!, text), t.agent), extras(t, DIRECT_PRODUCT_EXTRA, variables, sql)]);
  addSql(sql, r);
  const data = check<{ dataProduct: any }>(r, 'products dataProduct');
  const calls = data.dataProduct ? await resolveNodes(t, [data.dataProduct], sql) : 1;
  return { data: { ...extra, ...data }, sql, calls: calls + Object.keys(DIRECT_PRODUCT_EXTRA).length };
}

/** The name of the subgraph at `url` (the signature names the subgraph a call is for). */
export function subgraphOf(urls: Record<string, string>, url: string): string {
  const href = new URL(url).href;
  return Object.entries(urls).find(([, u]) => new URL(u).href === href)?.[0] ?? '';
}
