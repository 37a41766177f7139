import { sql } from 'kysely';
import type { Em } from '@pdo/platform';
import type { LicensingEvents } from '@pdo/events';
import { db } from './tables.js';

/*
 * Licensing's organizations as products knows them (organization_projection, products migration 0015): the names the
 * listing shows for a product's operator without a call to licensing (`DataProduct.operator @provides(fields: "name")`).
 */

/** A registration or a change of an organization's facts (full snapshot); an older snapshot arriving late is ignored. */
export async function upsertOrganization(em: Em, p: LicensingEvents.OrganizationRegistered, occurredAt: string): Promise<void> {
  await db(em)
    .insertInto('organization_projection')
    .values({ id: p.organizationId, jurisdiction: p.jurisdiction, name_zh: p.nameZh, occurred_at: occurredAt })
    .onConflict((oc) =>
      oc
        .column('id')
        .doUpdateSet((eb) => ({ jurisdiction: eb.ref('excluded.jurisdiction'), name_zh: eb.ref('excluded.name_zh'), occurred_at: eb.ref('excluded.occurred_at') }))
        .where('organization_projection.occurred_at', '<=', (eb) => eb.ref('excluded.occurred_at')),
    )
    .execute();
}

/** Names by id, for the loader: one statement and one array parameter whatever the page size. */
export function organizationNames(em: Em, ids: readonly string[]) {
  return db(em).selectFrom('organization_projection').select(['id', 'name_zh']).where('id', '=', sql<string>`any(${[...ids]}::uuid[])`).execute();
}
