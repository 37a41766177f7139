/**
 * The subgraph calls of the two pages, read from the committed supergraph's query plan (no servers): products answers
 * the operator's name and the catalog the source agencies' names from their projections of licensing's organizations
 * (`@provides(fields: "name")`), so neither page calls licensing (issue 22: each call costs ≈ 2–3 ms of CPU).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { subgraphCalls } from '../src/plan.js';
import { LISTING_QUERY, PRODUCT_QUERY } from '../src/queries.js';

const supergraph = readFileSync(fileURLToPath(new URL('../../../gateway/supergraph.graphql', import.meta.url)), 'utf8');

describe('subgraph calls per page (query plan)', () => {
  it('listing: evaluation ‖ products, then catalog for the resources with their source agencies — no licensing', () => {
    expect(subgraphCalls(supergraph, LISTING_QUERY).sort()).toEqual(['catalog', 'evaluation', 'products']);
  });

  it('product page: revenue ‖ evaluation ‖ products, then catalog — no licensing', () => {
    expect(subgraphCalls(supergraph, PRODUCT_QUERY).sort()).toEqual(['catalog', 'evaluation', 'products', 'revenue']);
  });

  it('still asks licensing for what only licensing knows (the operator\'s credit code)', () => {
    const q = 'query ($id: ID!) { dataProduct(id: $id) { operator { name creditCode } } }';
    expect(subgraphCalls(supergraph, q)).toEqual(['products', 'licensing']);
  });
});
