import type { Em } from '@pdo/platform';
import { db } from './tables.js';
import { anyUuid } from './columns.js';

/**
 * A catalog resource as products knows it (resource_projection, fed by the catalog's snapshots): what products answers
 * for the shared `DataResource.nameZh`, `sector` and `sourceAgency`, and what decides who may see them (access.ts).
 */
export interface ResourceFacts {
  id: string;
  jurisdiction: string;
  /** Null while products holds only a stub (a withdrawal or authorizability event that overtook the snapshot). */
  nameZh: string | null;
  sector: string | null;
  sourceAgencyId: string | null;
  status: string;
  openness: string | null;
  authorizable: boolean;
}

/** Facts by id, for the loader: one statement and one array parameter whatever the page size. */
export async function resourceFacts(em: Em, ids: readonly string[]): Promise<ResourceFacts[]> {
  const rows = await db(em)
    .selectFrom('resource_projection')
    .select(['id', 'jurisdiction', 'name_zh', 'sector', 'source_agency_id', 'status', 'openness', 'authorizable'])
    .where('id', '=', anyUuid(ids))
    .execute();
  return rows.map((r) => ({
    id: r.id, jurisdiction: r.jurisdiction, nameZh: r.name_zh, sector: r.sector, sourceAgencyId: r.source_agency_id,
    status: r.status, openness: r.openness, authorizable: r.authorizable,
  }));
}
