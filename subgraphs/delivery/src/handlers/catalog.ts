import type { EntityManager } from '@mikro-orm/postgresql';
import { sql, type EventHandlers } from '@pdo/platform';
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
  await sql(
    em,
    `insert into resource_projection (resource_id, jurisdiction, code, name_zh, source_agency_id, status, version, fields, updated_at, openness, authorizable)
     values ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9, $10, $11)
     on conflict (resource_id) do update set jurisdiction = excluded.jurisdiction, code = excluded.code, name_zh = excluded.name_zh,
       source_agency_id = excluded.source_agency_id, status = excluded.status, version = excluded.version,
       openness = excluded.openness, authorizable = excluded.authorizable,
       fields = coalesce(excluded.fields, resource_projection.fields), updated_at = excluded.updated_at
     where resource_projection.version < excluded.version`,
    [r.resourceId, r.jurisdiction, r.code, r.nameZh, r.sourceAgencyId, r.status, r.version, fields ? JSON.stringify(fields) : null, at, r.openness ?? 'CONDITIONAL', r.authorizable ?? true],
  );
}

export const catalogHandlers: EventHandlers = {
  ResourcePublished: async (em, event) => upsertResource(em, event.payload as CatalogEvents.ResourcePublished, event.occurredAt),
  ResourceChanged: async (em, event) => upsertResource(em, event.payload as CatalogEvents.ResourceChanged, event.occurredAt),
  ResourceWithdrawn: async (em, event) => {
    const p = event.payload as CatalogEvents.ResourceWithdrawn;
    await sql(em, `update resource_projection set status = 'WITHDRAWN', version = $2, updated_at = $3 where resource_id = $1 and version < $2`, [p.resourceId, p.version, p.withdrawnAt]);
  },
};
