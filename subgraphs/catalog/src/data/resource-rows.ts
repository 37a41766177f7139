import type { EntityManager } from '@mikro-orm/postgresql';
import { sql } from '@pdo/platform';
import { SECTORS, type SectorCode } from '../domain/taxonomy.js';
import type { Classification, Grade, Openness, ResourceField, ResourceStatus, UpdateFrequency } from '../domain/taxonomy.js';
import type { ProhibitedReason } from '@pdo/policy';

/** One catalogued resource as the domain sees it (camelCase mirror of data_resource). */
export interface ResourceRow {
  id: string;
  jurisdiction: string;
  code: string;
  nameZh: string;
  descriptionZh: string;
  sector: string;
  sourceAgencyId: string;
  fields: ResourceField[];
  classification: Classification | null;
  grade: Grade | null;
  openness: Openness;
  prohibitedReason: ProhibitedReason | null;
  sharedFromAgencyId: string | null;
  sharingConsent: boolean;
  updateFrequency: UpdateFrequency;
  recordCount: number;
  lastDataUpdateAt: Date | null;
  qualityCompleteness: string;
  qualityConsistency: string;
  qualityAccuracy: string;
  qualityTimeliness: string;
  status: ResourceStatus;
  version: number;
  registered: boolean;
  authorizable: boolean;
  authorizableReasons: string[];
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
  withdrawnAt: Date | null;
}

export const RESOURCE_COLUMNS = `
  r.id, r.jurisdiction, r.code, r.name_zh as "nameZh", r.description_zh as "descriptionZh", r.sector,
  r.source_agency_id as "sourceAgencyId", r.fields, r.classification, r.grade, r.openness,
  r.prohibited_reason as "prohibitedReason", r.shared_from_agency_id as "sharedFromAgencyId",
  r.sharing_consent as "sharingConsent", r.update_frequency as "updateFrequency", r.record_count::text as "recordCount",
  r.last_data_update_at as "lastDataUpdateAt",
  r.quality_completeness::text as "qualityCompleteness", r.quality_consistency::text as "qualityConsistency",
  r.quality_accuracy::text as "qualityAccuracy", r.quality_timeliness::text as "qualityTimeliness",
  r.status, r.version, r.registered, r.authorizable, r.authorizable_reasons as "authorizableReasons",
  r.created_by as "createdBy", r.created_at as "createdAt", r.updated_at as "updatedAt", r.withdrawn_at as "withdrawnAt"`;

export function toResourceRow(raw: Record<string, unknown>): ResourceRow {
  const r = raw as unknown as ResourceRow & { recordCount: string | number };
  return {
    ...r,
    recordCount: Number(r.recordCount),
    // Fields stored before `required` existed read as not required.
    fields: (r.fields ?? []).map((f) => ({ ...f, required: !!f.required })),
    lastDataUpdateAt: r.lastDataUpdateAt ? new Date(r.lastDataUpdateAt) : null,
    createdAt: new Date(r.createdAt),
    updatedAt: new Date(r.updatedAt),
    withdrawnAt: r.withdrawnAt ? new Date(r.withdrawnAt) : null,
  };
}

export async function loadResources(em: EntityManager, ids: readonly string[], forUpdate = false): Promise<ResourceRow[]> {
  if (ids.length === 0) return [];
  const rows = await sql(em, `select ${RESOURCE_COLUMNS} from data_resource r where r.id = any($1::uuid[])${forUpdate ? ' for update' : ''}`, [ids]);
  return rows.map(toResourceRow);
}

export async function loadResource(em: EntityManager, id: string, forUpdate = false): Promise<ResourceRow | null> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  return (await loadResources(em, [id], forUpdate))[0] ?? null;
}

/** The searchable haystack: code, name, description, the sector's Chinese name, field names and field descriptions. */
export const searchTextOf = (r: Pick<ResourceRow, 'code' | 'nameZh' | 'descriptionZh' | 'fields' | 'sector'>) =>
  [r.code, r.nameZh, r.descriptionZh, SECTORS[r.sector as SectorCode] ?? '', ...r.fields.flatMap((f) => [f.name, f.descriptionZh])].join(' ').toLowerCase();

/** Domain fields a version snapshot carries (everything a user can change, plus the computed verdict). */
export function snapshotOf(r: ResourceRow): Record<string, unknown> {
  return {
    code: r.code,
    nameZh: r.nameZh,
    descriptionZh: r.descriptionZh,
    sector: r.sector,
    sourceAgencyId: r.sourceAgencyId,
    fields: r.fields,
    classification: r.classification,
    grade: r.grade,
    openness: r.openness,
    prohibitedReason: r.prohibitedReason,
    sharedFromAgencyId: r.sharedFromAgencyId,
    sharingConsent: r.sharingConsent,
    updateFrequency: r.updateFrequency,
    recordCount: r.recordCount,
    lastDataUpdateAt: r.lastDataUpdateAt?.toISOString() ?? null,
    quality: { completeness: r.qualityCompleteness, consistency: r.qualityConsistency, accuracy: r.qualityAccuracy, timeliness: r.qualityTimeliness },
    status: r.status,
    registered: r.registered,
    authorizable: r.authorizable,
    authorizableReasons: r.authorizableReasons,
  };
}

/** Field-by-field difference of two snapshots: {field: {from, to}}. */
export function diffSnapshots(before: Record<string, unknown> | null, after: Record<string, unknown>): Record<string, { from: unknown; to: unknown }> {
  const out: Record<string, { from: unknown; to: unknown }> = {};
  for (const [k, v] of Object.entries(after)) {
    const prev = before ? before[k] : null;
    if (JSON.stringify(prev) !== JSON.stringify(v)) out[k] = { from: prev ?? null, to: v };
  }
  return out;
}

/** Writes every column of the row (insert or update). */
export async function saveResource(em: EntityManager, r: ResourceRow, insert: boolean): Promise<void> {
  const params = [
    r.id, r.jurisdiction, r.code, r.nameZh, r.descriptionZh, r.sector, r.sourceAgencyId, JSON.stringify(r.fields),
    r.classification, r.grade, r.openness, r.prohibitedReason, r.sharedFromAgencyId, r.sharingConsent, r.updateFrequency,
    String(r.recordCount), r.lastDataUpdateAt, r.qualityCompleteness, r.qualityConsistency, r.qualityAccuracy, r.qualityTimeliness,
    r.status, r.version, r.registered, r.authorizable, JSON.stringify(r.authorizableReasons), searchTextOf(r), r.createdBy,
    r.createdAt, r.updatedAt, r.withdrawnAt,
  ];
  if (insert) {
    await sql(
      em,
      `insert into data_resource (id, jurisdiction, code, name_zh, description_zh, sector, source_agency_id, fields, classification, grade,
        openness, prohibited_reason, shared_from_agency_id, sharing_consent, update_frequency, record_count, last_data_update_at,
        quality_completeness, quality_consistency, quality_accuracy, quality_timeliness, status, version, registered, authorizable,
        authorizable_reasons, search_text, created_by, created_at, updated_at, withdrawn_at)
       values ($1,$2,$3,$4,$5,$6,$7,$8::jsonb,$9,$10,$11,$12,$13,$14,$15,$16::bigint,$17,$18::numeric,$19::numeric,$20::numeric,$21::numeric,
        $22,$23,$24,$25,$26::jsonb,$27,$28,$29,$30,$31)`,
      params,
    );
  } else {
    await sql(
      em,
      `update data_resource set jurisdiction=$2, code=$3, name_zh=$4, description_zh=$5, sector=$6, source_agency_id=$7, fields=$8::jsonb,
        classification=$9, grade=$10, openness=$11, prohibited_reason=$12, shared_from_agency_id=$13, sharing_consent=$14,
        update_frequency=$15, record_count=$16::bigint, last_data_update_at=$17, quality_completeness=$18::numeric,
        quality_consistency=$19::numeric, quality_accuracy=$20::numeric, quality_timeliness=$21::numeric, status=$22, version=$23,
        registered=$24, authorizable=$25, authorizable_reasons=$26::jsonb, search_text=$27, created_by=$28, created_at=$29,
        updated_at=$30, withdrawn_at=$31
       where id=$1`,
      params,
    );
  }
}
