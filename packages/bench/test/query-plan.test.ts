/**
 * The subgraph calls of the two pages, read from the committed supergraph's query plan (no servers): products answers
 * the operator's name, and its resources' name, sector and source unit (with that unit's name) from its projections of
 * licensing's organizations and the catalog's resources (shared fields, `@shareable`), so neither page calls licensing
 * or the catalog (issue 22: each call costs ≈ 2–5 ms of CPU).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { subgraphCalls } from '../src/plan.js';
import { LISTING_QUERY, PRODUCT_QUERY } from '../src/queries.js';

const supergraph = readFileSync(fileURLToPath(new URL('../../../gateway/supergraph.graphql', import.meta.url)), 'utf8');

describe('subgraph calls per page (query plan)', () => {
  it('listing: evaluation ‖ products — no catalog, no licensing', () => {
    expect(subgraphCalls(supergraph, LISTING_QUERY).sort()).toEqual(['evaluation', 'products']);
  });

  it('product page: revenue ‖ evaluation ‖ products — no catalog, no licensing', () => {
    expect(subgraphCalls(supergraph, PRODUCT_QUERY).sort()).toEqual(['evaluation', 'products', 'revenue']);
  });

  it('still asks the catalog for what only the catalog knows (a resource\'s code and grade)', () => {
    const q = 'query ($id: ID!) { dataProduct(id: $id) { resources { nameZh code grade } } }';
    expect(subgraphCalls(supergraph, q)).toEqual(['products', 'catalog']);
  });

  it('still asks licensing for what only licensing knows (the operator\'s credit code)', () => {
    const q = 'query ($id: ID!) { dataProduct(id: $id) { operator { name creditCode } } }';
    expect(subgraphCalls(supergraph, q)).toEqual(['products', 'licensing']);
  });
});
