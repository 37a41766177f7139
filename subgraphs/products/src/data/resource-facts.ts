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
  /** The source unit's name in products' organization_projection ('' when no event has named it yet). */
  sourceAgencyName: string;
  status: string;
  openness: string | null;
  authorizable: boolean;
}

/** Facts by id with the source unit's name, for the loader: one statement and one array parameter whatever the page size. */
export async function resourceFacts(em: Em, ids: readonly string[]): Promise<ResourceFacts[]> {
  const rows = await db(em)
    .selectFrom('resource_projection as r')
    .leftJoin('organization_projection as o', 'o.id', 'r.source_agency_id')
    .select(['r.id', 'r.jurisdiction', 'r.name_zh', 'r.sector', 'r.source_agency_id', 'o.name_zh as agency_name', 'r.status', 'r.openness', 'r.authorizable'])
    .where('r.id', '=', anyUuid(ids))
    .execute();
  return rows.map((r) => ({
    id: r.id, jurisdiction: r.jurisdiction, nameZh: r.name_zh, sector: r.sector, sourceAgencyId: r.source_agency_id, sourceAgencyName: r.agency_name ?? '',
    status: r.status, openness: r.openness, authorizable: r.authorizable,
  }));
}
