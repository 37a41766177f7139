import type { Em } from '@pdo/platform';
import { camelAll, type ResourceRow } from './rows.js';
import { db, jsonb } from './tables.js';

export async function resourcesByIds(em: Em, ids: readonly string[]): Promise<ResourceRow[]> {
  if (!ids.length) return [];
  return camelAll(await db(em).selectFrom('resource_projection').selectAll().where('resource_id', 'in', ids).execute());
}

const columns = (r: ResourceRow) => ({
  resource_id: r.resourceId,
  jurisdiction: r.jurisdiction,
  code: r.code,
  name_zh: r.nameZh,
  sector: r.sector,
  source_agency_id: r.sourceAgencyId,
  openness: r.openness,
  authorizable: r.authorizable,
  authorizable_reasons: r.authorizableReasons,
  status: r.status,
  version: r.version,
  returned_origin: r.returnedOrigin ? jsonb(r.returnedOrigin) : null,
});

/** A catalog snapshot; a stale one delivered late never overwrites a newer one (version guard). */
export async function upsertResource(em: Em, r: ResourceRow): Promise<void> {
  await db(em)
    .insertInto('resource_projection')
    .values(columns(r))
    .onConflict((oc) =>
      oc
        .column('resource_id')
        .doUpdateSet((eb) => ({
          jurisdiction: eb.ref('excluded.jurisdiction'),
          code: eb.ref('excluded.code'),
          name_zh: eb.ref('excluded.name_zh'),
          sector: eb.ref('excluded.sector'),
          source_agency_id: eb.ref('excluded.source_agency_id'),
          openness: eb.ref('excluded.openness'),
          authorizable: eb.ref('excluded.authorizable'),
          authorizable_reasons: eb.ref('excluded.authorizable_reasons'),
          status: eb.ref('excluded.status'),
          version: eb.ref('excluded.version'),
          returned_origin: eb.ref('excluded.returned_origin'),
        }))
        .where('resource_projection.version', '<', (eb) => eb.ref('excluded.version')),
    )
    .execute();
}

/** The demo world's approximation of the catalog: kept only until a real snapshot arrives. */
export async function insertResourcesIfAbsent(em: Em, rows: ResourceRow[]): Promise<void> {
  if (!rows.length) return;
  await db(em).insertInto('resource_projection').values(rows.map(columns)).onConflict((oc) => oc.column('resource_id').doNothing()).execute();
}

export async function setAuthorizability(em: Em, resourceId: string, authorizable: boolean, reasons: string[], version: number): Promise<void> {
  await db(em)
    .updateTable('resource_projection')
    .set({ authorizable, authorizable_reasons: reasons, version })
    .where('resource_id', '=', resourceId)
    .where('version', '<=', version)
    .execute();
}

/** Marks a resource withdrawn; false when a newer version is already known. */
export async function withdrawResource(em: Em, resourceId: string, version: number): Promise<boolean> {
  const rows = await db(em)
    .updateTable('resource_projection')
    .set({ status: 'WITHDRAWN', authorizable: false, version })
    .where('resource_id', '=', resourceId)
    .where('version', '<=', version)
    .returning('resource_id')
    .execute();
  return rows.length > 0;
}
