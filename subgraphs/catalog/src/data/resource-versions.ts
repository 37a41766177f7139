import { newId, pageOf, type Em } from '@pdo/platform';
import { db, instant, jsonb } from './tables.js';

/** One immutable version of a resource, as its history shows it. */
export interface ResourceVersionRow {
  id: string;
  resourceId: string;
  version: number;
  action: string;
  snapshot: Record<string, unknown>;
  changes: Record<string, unknown>;
  changedBy: string;
  changedByOrg: string | null;
  changedAt: string;
  note: string | null;
}

const versions = (em: Em) =>
  db(em)
    .selectFrom('data_resource_version')
    .select(['id', 'resource_id as resourceId', 'version', 'action', 'snapshot', 'changes', 'changed_by as changedBy', 'changed_by_org as changedByOrg', 'changed_at as changedAt', 'note']);

export async function insertResourceVersion(
  em: Em,
  v: { resourceId: string; version: number; action: string; snapshot: Record<string, unknown>; changes: Record<string, unknown>; changedBy: string; changedByOrg: string | null; changedAt: Date; note: string | null },
): Promise<void> {
  await db(em)
    .insertInto('data_resource_version')
    .values({
      id: newId(),
      resource_id: v.resourceId,
      version: v.version,
      action: v.action,
      snapshot: jsonb(v.snapshot),
      changes: jsonb(v.changes),
      changed_by: v.changedBy,
      changed_by_org: v.changedByOrg,
      changed_at: instant(v.changedAt),
      note: v.note,
    })
    .execute();
}

/** A page of a resource's history, newest first. */
export function resourceVersionPage(em: Em, resourceId: string, window: { limit: number; offset: number }) {
  return pageOf(db(em), versions(em).where('resource_id', '=', resourceId).orderBy('version', 'desc'), window);
}

export async function resourceVersion(em: Em, resourceId: string, version: number): Promise<ResourceVersionRow | null> {
  return (await versions(em).where('resource_id', '=', resourceId).where('version', '=', version).executeTakeFirst()) ?? null;
}

/** Number of versions per resource, for the loader. */
export async function versionCounts(em: Em, resourceIds: readonly string[]): Promise<Map<string, number>> {
  const rows = await db(em)
    .selectFrom('data_resource_version')
    .select(['resource_id', (eb) => eb.fn.countAll<string>().as('n')])
    .where('resource_id', 'in', resourceIds)
    .groupBy('resource_id')
    .execute();
  return new Map(rows.map((r) => [r.resource_id, Number(r.n)]));
}
