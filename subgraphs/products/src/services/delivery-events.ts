import type { UnitOfWork } from '@pdo/platform';
import type { ProductsEvents } from '@pdo/events';
import { productFacts } from '../data/product-facts.js';
import { deliveryMethodOf, entitlementSnapshots } from '../data/delivery-facts.js';

type Publishing = Pick<UnitOfWork, 'tx' | 'publish'>;

/**
 * The facts the operating domain (delivery) decides executions on, published in the transaction that changes them
 * (docs/operating-domain/runtime.md): a version entering or leaving review, and every change of an entitlement
 * (opened, paused by a hold, resumed, revoked), so the very next call after a pause is refused.
 */
export async function publishVersionChanged({ tx, publish }: Publishing, productId: string, version: number, status: ProductsEvents.ProductVersionChanged['status'], effectiveAt: string): Promise<void> {
  const facts = (await productFacts(tx, [productId], version)).get(productId);
  const deliveryMethod = await deliveryMethodOf(tx, productId, version);
  if (!facts || !deliveryMethod) return;
  await publish('ProductVersionChanged', { ...facts, status, deliveryMethod, effectiveAt } satisfies ProductsEvents.ProductVersionChanged, facts.jurisdiction);
}

export async function publishEntitlements({ tx, publish }: Publishing, entitlementIds: readonly string[], effectiveAt: string): Promise<void> {
  for (const e of await entitlementSnapshots(tx, entitlementIds)) {
    await publish('EntitlementChanged', { ...e, effectiveAt } satisfies ProductsEvents.EntitlementChanged, e.jurisdiction);
  }
}
