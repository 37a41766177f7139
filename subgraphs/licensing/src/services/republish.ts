import type { LicensingEvents } from '@pdo/events';
import type { SubgraphDefinition, UnitOfWork } from '@pdo/platform';
import { organizationSnapshots } from '../data/organizations.js';

/** Every organization's snapshot, published again as at registration (consumers upsert it: idempotent). */
export async function republishOrganizations(uow: UnitOfWork): Promise<number> {
  const orgs = await organizationSnapshots(uow.tx);
  for (const o of orgs) {
    const ev: LicensingEvents.OrganizationRegistered = { organizationId: o.id, jurisdiction: o.jurisdiction, nameZh: o.name, nameEn: o.name_en, kinds: o.kinds as LicensingEvents.OrgKind[], creditCode: o.credit_code };
    await uow.publish('OrganizationRegistered', ev, o.jurisdiction);
  }
  return orgs.length;
}

/**
 * Facts licensing published before a consumer projected them: products began keeping organization names (products
 * migration 0015, `@provides(fields: "name")`) after the organizations of an existing database were registered.
 */
export const licensingRepublish: NonNullable<SubgraphDefinition<unknown>['republish']> = [
  { name: 'organizations-for-products-names', run: async (uow) => void (await republishOrganizations(uow)) },
];
