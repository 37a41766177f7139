import DataLoader from 'dataloader';
import { ANONYMOUS, profileLoader, type Em, type Identity } from '@pdo/platform';
import { holdsOfProducts } from '../data/holds.js';
import { organizationNames } from '../data/organizations.js';
import { resourceFacts, type ResourceFacts } from '../data/resource-facts.js';
import { productsById } from '../data/products.js';
import { currentPrices } from '../data/projections.js';
import { latestRegistrations } from '../data/registrations.js';
import { productsOfResources } from '../data/resource-products.js';
import { entitlementsOfAgreements, usageStatsOf, type UsageStatsRow } from '../data/usage-records.js';
import { reviewsOf, versionsOf } from '../data/versions.js';
import type { EntitlementRow, HoldRow, ProductRow, RegistrationRow, ReviewRow, VersionRow } from '../data/rows.js';
import { productsVisible } from '../access.js';

export type { ResourceFacts } from '../data/resource-facts.js';

const group = <K, V>(keys: readonly K[], rows: V[], keyOf: (v: V) => K): V[][] => {
  const m = new Map<K, V[]>();
  for (const r of rows) {
    const k = keyOf(r);
    const g = m.get(k);
    if (g) g.push(r);
    else m.set(k, [r]);
  }
  return keys.map((k) => m.get(k) ?? []);
};
const byKey = <K, V>(keys: readonly K[], rows: V[], keyOf: (v: V) => K): (V | null)[] => {
  const m = new Map(rows.map((r) => [keyOf(r), r]));
  return keys.map((k) => m.get(k) ?? null);
};

/** The price and the cap in force (or announced next) of a product, from revenue's events. */
export interface PriceFacts {
  chargingUnit: string;
  price: bigint | null;
  cap: bigint | null;
  effectiveFrom: string | null;
}

/**
 * Fresh per request: every field that loads rows goes through one of these, so a page of N products costs the same
 * number of statements as a page of one.
 */
export function createLoaders(em: Em, identity?: Identity) {
  const byResource = new Map<string, DataLoader<string, { rows: ProductRow[]; total: number }>>();
  return {
    /**
     * One page of the products built on each resource (DataResource.products), for one window: N resources in a page
     * cost one statement. The public sees listed products; the operator its own, the agency and the authority their
     * jurisdiction's.
     */
    productsOfResource(limit: number, offset: number): DataLoader<string, { rows: ProductRow[]; total: number }> {
      const key = `${limit}:${offset}`;
      let loader = byResource.get(key);
      if (!loader) {
        loader = new DataLoader((resourceIds) => productsOfResources(em, resourceIds, productsVisible(identity ?? ANONYMOUS, 'p'), limit, offset));
        byResource.set(key, loader);
      }
      return loader;
    },
    /** Effective policy profile per jurisdiction (edits projected from licensing), one query per batch. */
    profile: profileLoader(em),
    byId: new DataLoader<string, ProductRow | null>(async (ids) => byKey(ids, await productsById(em, ids), (r) => r.id)),
    versions: new DataLoader<string, VersionRow[]>(async (ids) => group(ids, await versionsOf(em, ids), (r) => r.productId)),
    /** Key: `${productId}:${version}`. */
    review: new DataLoader<string, ReviewRow | null>(async (keys) => {
      const ids = [...new Set(keys.map((k) => k.split(':')[0]!))];
      return byKey(keys, await reviewsOf(em, ids), (r) => `${r.productId}:${r.version}`);
    }),
    latestRegistration: new DataLoader<string, RegistrationRow | null>(async (ids) => byKey(ids, await latestRegistrations(em, ids), (r) => r.productId)),
    /** The price and cap in force today (or the next one announced), from revenue's events. */
    price: new DataLoader<string, PriceFacts | null>(async (ids) => {
      const rows = await currentPrices(em, ids);
      return ids.map((id) => {
        const price = rows.find((r) => r.productId === id && r.kind === 'PRICE');
        const cap = rows.find((r) => r.productId === id && r.kind === 'CAP');
        if (!price && !cap) return null;
        return { chargingUnit: (price ?? cap)!.chargingUnit, price: price ? BigInt(price.amountFen) : null, cap: cap ? BigInt(cap.amountFen) : null, effectiveFrom: price?.effectiveFrom ?? null };
      });
    }),
    usageStats: new DataLoader<string, Omit<UsageStatsRow, 'productId'>>(async (ids) => {
      const rows = byKey(ids, await usageStatsOf(em, ids), (r) => r.productId);
      return rows.map((r) => ({ totalUnits: r?.totalUnits ?? '0', usageRecords: r?.usageRecords ?? 0, activeAgreements: r?.activeAgreements ?? 0, developers: r?.developers ?? 0 }));
    }),
    /**
     * Licensing's name of an organization, from products' projection; '' for one no event has told products of yet
     * (the field is non-null in licensing's schema, which this answer stands in for).
     */
    organizationName: new DataLoader<string, string>(async (ids) => {
      const names = new Map((await organizationNames(em, ids)).map((r) => [r.id, r.name_zh]));
      return ids.map((id) => names.get(id) ?? '');
    }),
    /** The catalog's resources as products projects them: the shared name, sector and source unit of a product's resources. */
    resource: new DataLoader<string, ResourceFacts | null>(async (ids) => byKey(ids, await resourceFacts(em, ids), (r) => r.id)),
    holds: new DataLoader<string, HoldRow[]>(async (ids) => group(ids, await holdsOfProducts(em, ids), (r) => r.productId)),
    entitlementByAgreement: new DataLoader<string, EntitlementRow | null>(async (ids) => byKey(ids, await entitlementsOfAgreements(em, ids), (r) => r.usageAgreementId)),
  };
}
export type Loaders = ReturnType<typeof createLoaders>;
