import type { SubgraphRuntime, UnitOfWork } from '@pdo/platform';
import { DEMO_RESOURCES, resourceByKey } from '@pdo/demo';
import { sql } from '@pdo/platform';
import { demoLoads } from './data/demo-rows.js';
import { loadProjections } from './data/rows.js';
import { loadRawData } from './services/load-service.js';
import { declaredFields, seedDemoRecipes } from './services/demo-world.js';

/**
 * The demo world's raw data: the projection of the demo catalog (the facts the catalog's seed
 * publishes; its events arrive after every seed, version-guarded), one batch of every resource a
 * demo product reads, loaded as their source agencies would (CSV and JSON Lines), so `pnpm start`
 * shows batches with hashes and the catalog's record counts follow them, and the demo products'
 * recipes: once products' and licensing's events arrive, their reader roles get their grants and
 * the products can be invoked with a key.
 */
export async function seed(uow: UnitOfWork, _rt: SubgraphRuntime<any>): Promise<void> {
  const at = new Date();
  for (const r of DEMO_RESOURCES) {
    const fields = declaredFields(r);
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
  await seedDemoRecipes(uow, at);
}
