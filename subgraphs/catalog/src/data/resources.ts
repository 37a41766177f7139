import type { Selectable } from 'kysely';
import type { Em } from '@pdo/platform';
import { searchTextOf, type ResourceRow } from '../domain/resource.js';
import type { Classification, Grade, Openness, ResourceStatus, UpdateFrequency } from '../domain/taxonomy.js';
import type { ProhibitedReason } from '@pdo/policy';
import { db, instant, jsonb, type DB } from './tables.js';

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (id: string) => UUID_RE.test(id);

const dateOrNull = (s: string | null) => (s ? new Date(s) : null);

/** A `data_resource` row as the domain sees it. */
export function toResourceRow(r: Selectable<DB['data_resource']>): ResourceRow {
  return {
    id: r.id,
    jurisdiction: r.jurisdiction,
    code: r.code,
    nameZh: r.name_zh,
    descriptionZh: r.description_zh,
    sector: r.sector,
    sourceUnitId: r.source_agency_id,
    // Fields stored before `required` existed read as not required.
    fields: (r.fields ?? []).map((f) => ({ ...f, required: !!f.required })),
    classification: r.classification as Classification | null,
    grade: r.grade as Grade | null,
    openness: r.openness as Openness,
    prohibitedReason: r.prohibited_reason as ProhibitedReason | null,
    sharedFromAgencyId: r.shared_from_agency_id,
    sharingConsent: r.sharing_consent,
    updateFrequency: r.update_frequency as UpdateFrequency,
    recordCount: Number(r.record_count),
    lastDataUpdateAt: dateOrNull(r.last_data_update_at),
    qualityCompleteness: r.quality_completeness,
    qualityConsistency: r.quality_consistency,
    qualityAccuracy: r.quality_accuracy,
    qualityTimeliness: r.quality_timeliness,
    status: r.status as ResourceStatus,
    version: r.version,
    registered: r.registered,
    authorizable: r.authorizable,
    authorizableReasons: r.authorizable_reasons,
    createdBy: r.created_by,
    createdAt: new Date(r.created_at),
    updatedAt: new Date(r.updated_at),
    withdrawnAt: dateOrNull(r.withdrawn_at),
    returnedOrigin: r.returned_origin ?? null,
  };
}

/** Resources by id (ids that are not UUIDs match nothing); `forUpdate` locks them for the transaction. */
export async function loadResources(em: Em, ids: readonly string[], forUpdate = false): Promise<ResourceRow[]> {
  const valid = ids.filter(isUuid);
  if (valid.length === 0) return [];
  let q = db(em).selectFrom('data_resource').selectAll().where('id', 'in', valid);
  if (forUpdate) q = q.forUpdate();
  return (await q.execute()).map(toResourceRow);
}

/** Every resource, as it stands now (the snapshots published again after an upgrade: services/republish.ts). */
export async function allResources(em: Em): Promise<ResourceRow[]> {
  return (await db(em).selectFrom('data_resource').selectAll().orderBy('id').execute()).map(toResourceRow);
}

export async function loadResource(em: Em, id: string, forUpdate = false): Promise<ResourceRow | null> {
  return (await loadResources(em, [id], forUpdate))[0] ?? null;
}

/** The id of the resource with this code in the jurisdiction (codes are unique there). */
export async function resourceIdByCode(em: Em, jurisdiction: string, code: string, exceptId: string | null = null): Promise<string | null> {
  let q = db(em).selectFrom('data_resource').select('id').where('jurisdiction', '=', jurisdiction).where('code', '=', code);
  if (exceptId) q = q.where('id', '<>', exceptId);
  return (await q.executeTakeFirst())?.id ?? null;
}

/** Writes every column of the row (insert or update), with the search haystack derived from it. */
export async function saveResource(em: Em, r: ResourceRow, insert: boolean): Promise<void> {
  const values = {
    jurisdiction: r.jurisdiction,
    code: r.code,
    name_zh: r.nameZh,
    description_zh: r.descriptionZh,
    sector: r.sector,
    source_agency_id: r.sourceUnitId,
    fields: jsonb(r.fields),
    classification: r.classification,
    grade: r.grade,
    openness: r.openness,
    prohibited_reason: r.prohibitedReason,
    shared_from_agency_id: r.sharedFromAgencyId,
    sharing_consent: r.sharingConsent,
    update_frequency: r.updateFrequency,
    record_count: String(r.recordCount),
    last_data_update_at: r.lastDataUpdateAt && instant(r.lastDataUpdateAt),
    quality_completeness: r.qualityCompleteness,
    quality_consistency: r.qualityConsistency,
    quality_accuracy: r.qualityAccuracy,
    quality_timeliness: r.qualityTimeliness,
    status: r.status,
    version: r.version,
    registered: r.registered,
    authorizable: r.authorizable,
    authorizable_reasons: jsonb(r.authorizableReasons),
    search_text: searchTextOf(r),
    created_by: r.createdBy,
    created_at: instant(r.createdAt),
    updated_at: instant(r.updatedAt),
    withdrawn_at: r.withdrawnAt && instant(r.withdrawnAt),
    returned_origin: r.returnedOrigin && jsonb(r.returnedOrigin),
  };
  if (insert) await db(em).insertInto('data_resource').values({ id: r.id, ...values }).execute();
  else await db(em).updateTable('data_resource').set(values).where('id', '=', r.id).execute();
}
