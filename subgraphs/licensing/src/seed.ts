import type { SubgraphRuntime, UnitOfWork } from '@pdo/platform';
import { DEMO_ORGS } from '@pdo/demo';
import { OrganizationEntity } from './entities/organization.js';

/** Demo parties of every jurisdiction (DESIGN.md §7). */
export async function seed(uow: UnitOfWork, _rt: SubgraphRuntime<unknown>): Promise<void> {
  for (const o of DEMO_ORGS) {
    uow.tx.create(OrganizationEntity, { id: o.id, jurisdiction: o.jurisdiction, name: o.nameZh, createdAt: new Date() });
    await uow.publish('OrganizationRegistered', { organizationId: o.id, jurisdiction: o.jurisdiction, nameZh: o.nameZh, kinds: o.kinds }, o.jurisdiction);
  }
}
