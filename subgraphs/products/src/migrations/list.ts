import { Migration0001DataProduct } from './0001_data_product.js';
import { Migration0002ProductHold } from './0002_product_hold.js';
import { Migration0003MarketplaceIndexes } from './0003_marketplace_indexes.js';
import { Migration0004ProductResourcesIndex } from './0004_product_resources_index.js';
import { Migration0005PolicyProfileProjection } from './0005_policy_profile_projection.js';
import { Migration0006ProjectionNames } from './0006_projection_names.js';
import { Migration0007UsageSource } from './0007_usage_source.js';
import { Migration0008RecipeEvidence } from './0008_recipe_evidence.js';
import { Migration0009UsagePurposeFacts } from './0009_usage_purpose_facts.js';
import { Migration0011ExchangeListing } from './0011_exchange_listing.js';
import { Migration0013UsageRecordCount } from './0013_usage_record_count.js';
import { Migration0014MarketListing } from './0014_market_listing.js';
import { Migration0015OrganizationProjection } from './0015_organization_projection.js';
import { Migration0017MarketSearchTrim } from './0017_market_search_trim.js';
import { Migration0018ResourceOpenness } from './0018_resource_openness.js';

/** Applied in order; never edit one that has shipped, add the next. */
export const migrations = [
  { name: '0001_data_product', class: Migration0001DataProduct },
  { name: '0002_product_hold', class: Migration0002ProductHold },
  { name: '0003_marketplace_indexes', class: Migration0003MarketplaceIndexes },
  { name: '0004_product_resources_index', class: Migration0004ProductResourcesIndex },
  { name: '0005_policy_profile_projection', class: Migration0005PolicyProfileProjection },
  { name: '0006_projection_names', class: Migration0006ProjectionNames },
  { name: '0007_usage_source', class: Migration0007UsageSource },
  { name: '0008_recipe_evidence', class: Migration0008RecipeEvidence },
  { name: '0009_usage_purpose_facts', class: Migration0009UsagePurposeFacts },
  { name: '0011_exchange_listing', class: Migration0011ExchangeListing },
  { name: '0013_usage_record_count', class: Migration0013UsageRecordCount },
  { name: '0014_market_listing', class: Migration0014MarketListing },
  { name: '0015_organization_projection', class: Migration0015OrganizationProjection },
  { name: '0017_market_search_trim', class: Migration0017MarketSearchTrim },
  { name: '0018_resource_openness', class: Migration0018ResourceOpenness },
];
