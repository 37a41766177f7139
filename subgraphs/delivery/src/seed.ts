import type { SubgraphRuntime, UnitOfWork } from '@pdo/platform';
import { DEMO_RESOURCES, resourceByKey } from '@pdo/demo';
import { sql } from '@pdo/platform';
import { demoLoads } from './data/demo-rows.js';
import { loadProjections } from './data/rows.js';
import { loadRawData } from './services/load-service.js';

/**
 * The demo world's raw data: the projection of the demo catalog (the facts the catalog's seed
 * publishes; its events arrive after every seed, version-guarded) and one batch each of a few
 * resources, loaded as their source agencies would (CSV and JSON Lines), so `pnpm start` shows
 * batches with hashes and the catalog's record counts follow them.
 */
export async function seed(uow: UnitOfWork, _rt: SubgraphRuntime<any>): Promise<void> {
  const at = new Date();
  for (const r of DEMO_RESOURCES) {
    const fields = r.fields.map((f) => ({ name: f.name, type: f.type, required: !!f.required, personalInformation: !!f.personalInformation || !!f.sensitive, sensitive: !!f.sensitive }));
    await sql(
      uow.tx,
      `insert into resource_projection (resource_id, jurisdiction, code, name_zh, source_agency_id, status, version, fields, updated_at)
       values ($1, $2, $3, $4, $5, 'ACTIVE', 1, $6::jsonb, $7) on conflict (resource_id) do nothing`,
      [r.id, r.jurisdiction, r.code, r.nameZh, r.agencyId, JSON.stringify(fields), at],
    );
  }
  for (const load of demoLoads()) {
    const d = resourceByKey(load.resourceKey);
    const [projection] = await loadProjections(uow.tx, [d.id], true);
    const identity = { sub: `seed:${d.agencyKey}`, role: 'SOURCE_UNIT' as const, org: d.agencyId, jurisdiction: d.jurisdiction };
    await loadRawData(uow, { identity, now: at }, projection!, Buffer.from(load.content, 'utf8'), load.format);
  }
}
