import type { SubgraphDefinition, UnitOfWork } from '@pdo/platform';
import { allResources } from '../data/resources.js';
import { snapshotPayload } from '../domain/resource.js';

/**
 * Every resource's snapshot, published again as ResourceChanged at its current version. Consumers apply a snapshot of
 * the version they hold idempotently; products fills what it began projecting (migration 0018, openness).
 */
export async function republishResources(uow: UnitOfWork): Promise<number> {
  const rows = await allResources(uow.tx);
  for (const r of rows) await uow.publish('ResourceChanged', snapshotPayload(r), r.jurisdiction);
  return rows.length;
}

/**
 * Facts the catalog published before a consumer projected them: products began keeping each resource's openness
 * (products migration 0018), which decides who sees the resource's name it answers (`DataResource.nameZh @shareable`).
 */
export const catalogRepublish: NonNullable<SubgraphDefinition<unknown>['republish']> = [
  { name: 'resources-for-products-openness', run: async (uow) => void (await republishResources(uow)) },
];
