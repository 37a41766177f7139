import type { CatalogEvents } from '@pdo/events';
import type { ProhibitedReason } from '@pdo/policy';
import { SECTORS, type Classification, type Grade, type Openness, type ResourceField, type ResourceStatus, type SectorCode, type UpdateFrequency } from './taxonomy.js';

/**
 * Data a higher level returned to the jurisdiction (回流数据, e.g. 省回流数据 from the provincial public data platform):
 * the level that returned it, that level's platform or authority, and the returning system's reference (e.g. its
 * catalogue number in the province's IRS). Where the profile requires it, such data is granted only with that level's
 * consent (ZJC §三(五)2; docs/policy/returned-data.md).
 */
export interface ReturnedOrigin {
  level: 'PROVINCE' | 'NATIONAL';
  from: string;
  reference: string | null;
}
export const RETURNED_LEVELS = ['PROVINCE', 'NATIONAL'] as const;

/** One catalogued resource as the domain sees it. */
export interface ResourceRow {
  id: string;
  jurisdiction: string;
  code: string;
  nameZh: string;
  descriptionZh: string;
  sector: string;
  /** The source unit (数源单位) that owns the resource. */
  sourceUnitId: string;
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
  /** Null: the jurisdiction's own data. */
  returnedOrigin: ReturnedOrigin | null;
}

export type VersionAction = 'CREATED' | 'EDITED' | 'WITHDRAWN' | 'CORRECTED' | 'ORIGIN_CORRECTED' | 'REGISTRATION_CODED' | 'REGISTRATION_ENDED' | 'DATA_LOADED';

/** A resource before its first version: every value the creation input does not set. */
export function blankResource(id: string, jurisdiction: string, sourceUnitId: string, createdBy: string, now: Date): ResourceRow {
  return {
    id,
    jurisdiction,
    code: '',
    nameZh: '',
    descriptionZh: '',
    sector: '',
    sourceUnitId,
    fields: [],
    classification: null,
    grade: null,
    openness: 'CONDITIONAL',
    prohibitedReason: null,
    sharedFromAgencyId: null,
    sharingConsent: false,
    updateFrequency: 'IRREGULAR',
    recordCount: 0,
    lastDataUpdateAt: null,
    qualityCompleteness: '0',
    qualityConsistency: '0',
    qualityAccuracy: '0',
    qualityTimeliness: '0',
    status: 'ACTIVE',
    version: 0,
    registered: false,
    authorizable: false,
    authorizableReasons: [],
    createdBy,
    createdAt: now,
    updatedAt: now,
    withdrawnAt: null,
    returnedOrigin: null,
  };
}

/** The searchable haystack: code, name, description, the sector's Chinese name, field names and field descriptions. */
export const searchTextOf = (r: Pick<ResourceRow, 'code' | 'nameZh' | 'descriptionZh' | 'fields' | 'sector'>) =>
  [r.code, r.nameZh, r.descriptionZh, SECTORS[r.sector as SectorCode] ?? '', ...r.fields.flatMap((f) => [f.name, f.descriptionZh])].join(' ').toLowerCase();

/**
 * Domain fields a version snapshot carries (everything a user can change, plus the computed verdict). The key
 * `sourceAgencyId` is the stored snapshot's and the public history's: it names the source unit.
 */
export function snapshotOf(r: ResourceRow): Record<string, unknown> {
  return {
    code: r.code,
    nameZh: r.nameZh,
    descriptionZh: r.descriptionZh,
    sector: r.sector,
    sourceAgencyId: r.sourceUnitId,
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
    returnedOrigin: r.returnedOrigin,
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

/** The full snapshot other subgraphs project (ResourcePublished, ResourceChanged). */
export function snapshotPayload(r: ResourceRow): CatalogEvents.ResourceSnapshot {
  return {
    resourceId: r.id,
    jurisdiction: r.jurisdiction,
    code: r.code,
    nameZh: r.nameZh,
    sector: r.sector,
    sourceAgencyId: r.sourceUnitId,
    openness: r.openness,
    grade: r.grade,
    recordCount: r.recordCount,
    quality: { completeness: r.qualityCompleteness, consistency: r.qualityConsistency, accuracy: r.qualityAccuracy, timeliness: r.qualityTimeliness },
    authorizable: r.authorizable,
    authorizableReasons: r.authorizableReasons,
    status: r.status,
    fields: r.fields.map((f) => ({ name: f.name, type: f.type, required: !!f.required, personalInformation: !!f.personalInformation, sensitive: !!f.sensitive })),
    version: r.version,
    updatedAt: r.updatedAt.toISOString(),
    returnedOrigin: r.returnedOrigin,
  };
}

/** Whether the authorizability verdict differs between two states (a new resource always announces its verdict). */
export const verdictChanged = (before: ResourceRow | null, after: ResourceRow) =>
  !before || before.authorizable !== after.authorizable || JSON.stringify(before.authorizableReasons) !== JSON.stringify(after.authorizableReasons);
