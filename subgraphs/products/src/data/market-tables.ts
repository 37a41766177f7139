import { defineEntity, p } from '@mikro-orm/core';
import { instant, texts, uuids } from './columns.js';

/**
 * The marketplace's compact projection of listed products, its version counter and its per-search cache
 * (migration 0014, kept by a trigger on data_product; read by data/marketplace.ts).
 */
export const MarketListingTable = defineEntity({
  name: 'MarketListing',
  tableName: 'market_listing',
  properties: {
    id: p.uuid().primary(),
    jurisdiction: p.text(),
    form: p.text(),
    category: p.text(),
    operatorId: p.uuid(),
    sectors: texts(),
    sourceAgencyIds: uuids(),
    name: p.text(),
    searchText: p.text(),
    searchGrams: texts(),
    listedAt: instant().nullable(),
    usageUnits: p.bigint('string'),
  },
});

export const MarketListingVersionTable = defineEntity({
  name: 'MarketListingVersion',
  tableName: 'market_listing_version',
  properties: {
    id: p.boolean().primary().defaultRaw('true'),
    version: p.bigint('string'),
  },
});

export const MarketSearchTable = defineEntity({
  name: 'MarketSearch',
  tableName: 'market_search',
  properties: {
    key: p.text().primary(),
    listingVersion: p.bigint('string'),
    total: p.integer(),
    facets: p.json<[string, string, number][]>(),
    ranked: uuids().nullable(),
    keptAt: instant().defaultRaw('now()'),
  },
});
