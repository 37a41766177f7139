import type { EntityManager } from '@mikro-orm/postgresql';
import type { EventHandlers } from '@pdo/platform';
import { db } from '../data/entities.js';
import type { CatalogEvents } from '@pdo/events';
import type { DeclaredField } from '../domain/load-rules.js';

/**
 * Delivery's projection of the catalog: which resources exist, whose they are, and the fields a
 * load is validated against. Version-guarded: a stale snapshot delivered late never overwrites a
 * newer one. A snapshot without `fields` (from a producer before the field list) keeps the
 * fields already known.
 */
export async function upsertResource(em: EntityManager, r: CatalogEvents.ResourceSnapshot, at: string): Promise<void> {
  const fields: DeclaredField[] | null = r.fields
    ? r.fields.map((f) => ({ name: f.name, type: f.type, required: !!f.required, personalInformation: !!f.personalInformation, sensitive: !!f.sensitive }))
    : null;
  const row = {
    resource_id: r.resourceId, jurisdiction: r.jurisdiction, code: r.code, name_zh: r.nameZh, source_agency_id: r.sourceAgencyId, status: r.status,
    version: r.version, fields: fields ? JSON.stringify(fields) : null, updated_at: new Date(at), openness: r.openness ?? 'CONDITIONAL', authorizable: r.authorizable ?? true,
  };
  await db(em)
    .insertInto('resource_projection')
    .values(row)
    .onConflict((oc) => oc.column('resource_id').doUpdateSet((eb) => ({
      jurisdiction: eb.ref('excluded.jurisdiction'), code: eb.ref('excluded.code'), name_zh: eb.ref('excluded.name_zh'), source_agency_id: eb.ref('excluded.source_agency_id'),
      status: eb.ref('excluded.status'), version: eb.ref('excluded.version'), openness: eb.ref('excluded.openness'), authorizable: eb.ref('excluded.authorizable'),
      fields: eb.fn.coalesce(eb.ref('excluded.fields'), eb.ref('resource_projection.fields')), updated_at: eb.ref('excluded.updated_at'),
    })).where('resource_projection.version', '<', r.version))
    .execute();
}

export const catalogHandlers: EventHandlers = {
  ResourcePublished: async (em, event) => upsertResource(em, event.payload as CatalogEvents.ResourcePublished, event.occurredAt),
  ResourceChanged: async (em, event) => upsertResource(em, event.payload as CatalogEvents.ResourceChanged, event.occurredAt),
  ResourceWithdrawn: async (em, event) => {
    const p = event.payload as CatalogEvents.ResourceWithdrawn;
    await db(em).updateTable('resource_projection').set({ status: 'WITHDRAWN', version: p.version, updated_at: new Date(p.withdrawnAt) })
      .where('resource_id', '=', p.resourceId).where('version', '<', p.version).execute();
  },
};
