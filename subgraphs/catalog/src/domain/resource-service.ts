import { randomUUID as uuidv7 } from 'node:crypto';
import { badInput, conflict, notFound, requireRole, sql, type Identity, type UnitOfWork } from '@pdo/platform';
import { Decimal, isJurisdictionCode } from '@pdo/policy';
import type { CatalogEvents } from '@pdo/events';
import { diffSnapshots, loadResource, saveResource, snapshotOf, type ResourceRow } from '../data/resource-rows.js';
import { computeAuthorizability } from './authorizability.js';
import { profileFor, requireManage } from './access.js';
import {
  CLASSIFICATIONS,
  GRADES,
  OPENNESS,
  PROHIBITED_REASONS,
  UPDATE_FREQUENCIES,
  isSector,
  type Classification,
  type Grade,
  type Openness,
  type ResourceField,
  type UpdateFrequency,
} from './taxonomy.js';
import type { ProhibitedReason } from '@pdo/policy';

export interface Actor {
  identity: Identity;
  now: Date;
}

export interface QualityInput {
  completeness: Decimal | string;
  consistency: Decimal | string;
  accuracy: Decimal | string;
  timeliness: Decimal | string;
}

export interface ResourceFieldsInput {
  code?: string;
  nameZh?: string;
  descriptionZh?: string;
  sector?: string;
  fields?: Partial<ResourceField>[];
  classification?: Classification | null;
  grade?: Grade | null;
  openness?: Openness;
  prohibitedReason?: ProhibitedReason | null;
  sharedFromAgencyId?: string | null;
  sharingConsent?: boolean;
  updateFrequency?: UpdateFrequency;
  recordCount?: number;
  lastDataUpdateAt?: Date | null;
  quality?: QualityInput | null;
}

export interface CreateResourceInput extends ResourceFieldsInput {
  jurisdiction?: string | null;
  sourceAgencyId: string;
  code: string;
  nameZh: string;
  sector: string;
  openness: Openness;
  updateFrequency: UpdateFrequency;
  fields: Partial<ResourceField>[];
}

export interface EditResourceInput extends ResourceFieldsInput {
  id: string;
  /** Optimistic concurrency: the version the editor saw. */
  expectedVersion?: number | null;
  note?: string | null;
}

const CODE_RE = /^[A-Z0-9][A-Z0-9-]{1,39}$/;
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function oneOf<T extends string>(values: readonly T[], v: unknown, field: string, zh: string): T {
  if (typeof v !== 'string' || !values.includes(v as T)) {
    throw badInput(`${zh}取值无效：${String(v)}`, `Invalid ${field}: ${String(v)}`, { field, details: { allowed: values } });
  }
  return v as T;
}

function score(v: Decimal | string, field: string): string {
  let d: Decimal;
  try {
    d = Decimal.of(v as Decimal | string);
  } catch {
    throw badInput('质量评分须为 0–100 的小数', 'Quality scores are decimals from 0 to 100', { field });
  }
  if (d.isNegative() || d.gt(Decimal.parse('100')) || d.scale > 2) {
    throw badInput('质量评分须为 0–100、最多两位小数', 'Quality scores must be 0–100 with at most 2 decimals', { field });
  }
  return d.toString();
}

function validFields(fields: Partial<ResourceField>[]): ResourceField[] {
  if (!Array.isArray(fields) || fields.length === 0) throw badInput('至少需要一个数据项', 'At least one field is required', { field: 'input.fields' });
  const seen = new Set<string>();
  return fields.map((f, i) => {
    const name = (f.name ?? '').trim();
    const type = (f.type ?? '').trim();
    if (!name || !/^[\p{L}\p{N}_]{1,64}$/u.test(name)) throw badInput(`第${i + 1}个数据项名称无效`, `Field ${i + 1} has an invalid name`, { field: `input.fields.${i}.name` });
    if (seen.has(name)) throw badInput(`数据项名称重复：${name}`, `Duplicate field name: ${name}`, { field: `input.fields.${i}.name` });
    seen.add(name);
    if (!type) throw badInput(`数据项 ${name} 缺少类型`, `Field ${name} needs a type`, { field: `input.fields.${i}.type` });
    const sensitive = !!f.sensitive;
    // Sensitive personal information is personal information: the flags cannot contradict.
    return { name, type, descriptionZh: (f.descriptionZh ?? '').trim(), personalInformation: !!f.personalInformation || sensitive, sensitive, required: !!f.required };
  });
}

/** Applies a (partial) input onto a row, validating every value it touches. */
function applyInput(row: ResourceRow, input: ResourceFieldsInput): ResourceRow {
  const next: ResourceRow = { ...row };
  if (input.code !== undefined) {
    const code = input.code.trim().toUpperCase();
    if (!CODE_RE.test(code)) throw badInput('资源编码格式无效（大写字母、数字和连字符）', 'Invalid code: capital letters, digits and hyphens', { field: 'input.code' });
    next.code = code;
  }
  if (input.nameZh !== undefined) {
    const n = input.nameZh.trim();
    if (!n || n.length > 200) throw badInput('名称不能为空且不超过 200 字', 'Name is required (≤ 200 characters)', { field: 'input.nameZh' });
    next.nameZh = n;
  }
  if (input.descriptionZh !== undefined) {
    if (input.descriptionZh.length > 4000) throw badInput('描述不超过 4000 字', 'Description ≤ 4000 characters', { field: 'input.descriptionZh' });
    next.descriptionZh = input.descriptionZh.trim();
  }
  if (input.sector !== undefined) {
    if (!isSector(input.sector)) throw badInput(`未知的行业领域：${input.sector}`, `Unknown sector: ${input.sector}`, { field: 'input.sector' });
    next.sector = input.sector;
  }
  if (input.fields !== undefined) next.fields = validFields(input.fields);
  if (input.classification !== undefined) next.classification = input.classification === null ? null : oneOf(CLASSIFICATIONS, input.classification, 'classification', '分类');
  if (input.grade !== undefined) next.grade = input.grade === null ? null : oneOf(GRADES, input.grade, 'grade', '分级');
  if (input.openness !== undefined) {
    next.openness = oneOf(OPENNESS, input.openness, 'openness', '开放属性');
    if (next.openness !== 'PROHIBITED' && input.prohibitedReason === undefined) next.prohibitedReason = null;
  }
  if (input.prohibitedReason !== undefined) next.prohibitedReason = input.prohibitedReason === null ? null : oneOf(PROHIBITED_REASONS, input.prohibitedReason, 'prohibitedReason', '禁止开放理由');
  if (next.openness === 'PROHIBITED' && !next.prohibitedReason) {
    throw badInput('禁止开放的资源须注明理由', 'A prohibited resource needs the reason it is prohibited', { field: 'input.prohibitedReason', rule: 'NS Art 5; HN Art 6; TZ Art 9' });
  }
  if (next.openness !== 'PROHIBITED' && next.prohibitedReason) {
    throw badInput('只有禁止开放的资源才填写禁止理由', 'Only a prohibited resource has a prohibition reason', { field: 'input.prohibitedReason' });
  }
  if (input.sharedFromAgencyId !== undefined) {
    if (input.sharedFromAgencyId !== null && !UUID_RE.test(input.sharedFromAgencyId)) throw badInput('共享提供部门 ID 无效', 'Invalid sharedFromAgencyId', { field: 'input.sharedFromAgencyId' });
    next.sharedFromAgencyId = input.sharedFromAgencyId;
    if (!next.sharedFromAgencyId) next.sharingConsent = false;
  }
  if (input.sharingConsent !== undefined) {
    if (input.sharingConsent && !next.sharedFromAgencyId) throw badInput('非共享获得的数据无需提供部门同意', 'Consent applies only to data obtained through sharing', { field: 'input.sharingConsent' });
    next.sharingConsent = !!input.sharingConsent;
  }
  if (input.updateFrequency !== undefined) next.updateFrequency = oneOf(UPDATE_FREQUENCIES, input.updateFrequency, 'updateFrequency', '更新频率');
  if (input.recordCount !== undefined) {
    if (!Number.isSafeInteger(input.recordCount) || input.recordCount < 0) throw badInput('记录数须为非负整数', 'recordCount must be a non-negative integer', { field: 'input.recordCount' });
    next.recordCount = input.recordCount;
  }
  if (input.lastDataUpdateAt !== undefined) next.lastDataUpdateAt = input.lastDataUpdateAt;
  if (input.quality) {
    next.qualityCompleteness = score(input.quality.completeness, 'input.quality.completeness');
    next.qualityConsistency = score(input.quality.consistency, 'input.quality.consistency');
    next.qualityAccuracy = score(input.quality.accuracy, 'input.quality.accuracy');
    next.qualityTimeliness = score(input.quality.timeliness, 'input.quality.timeliness');
  }
  return next;
}

/**
 * The owning (or providing) organization must be a source agency (数源单位) of the jurisdiction,
 * as far as the local projection of licensing knows it. An organization not yet projected is
 * accepted: the registration event may still be on its way, and licensing stays the authority.
 */
async function assertSourceAgency(uow: UnitOfWork, orgId: string, jurisdiction: string | null, field: string): Promise<void> {
  const org = await sql<{ jurisdiction: string; kinds: string[] }>(uow.tx, `select jurisdiction, kinds from organization_projection where id = $1`, [orgId]);
  if (org.length === 0) return;
  const o = org[0]!;
  if (!o.kinds.includes('SOURCE_AGENCY')) {
    throw badInput('该主体不是数源单位', 'The organization is not a source agency', { field, details: { kinds: o.kinds } });
  }
  if (jurisdiction && o.jurisdiction !== jurisdiction) {
    throw badInput('数源单位不属于该辖区', 'The source agency belongs to another jurisdiction', { field, details: { jurisdiction: o.jurisdiction } });
  }
}

async function assertCodeFree(uow: UnitOfWork, jurisdiction: string, code: string, exceptId: string | null): Promise<void> {
  const dup = await sql<{ id: string }>(uow.tx, `select id from data_resource where jurisdiction = $1 and code = $2 and id <> coalesce($3::uuid, '00000000-0000-0000-0000-000000000000')`, [jurisdiction, code, exceptId]);
  if (dup.length > 0) {
    throw conflict(`资源编码 ${code} 在本辖区已被使用`, `Code ${code} is already used in ${jurisdiction}`, { field: 'input.code', details: { reason: 'DUPLICATE_CODE', existingId: dup[0]!.id } });
  }
}

export function snapshotPayload(r: ResourceRow): CatalogEvents.ResourceSnapshot {
  return {
    resourceId: r.id,
    jurisdiction: r.jurisdiction,
    code: r.code,
    nameZh: r.nameZh,
    sector: r.sector,
    sourceAgencyId: r.sourceAgencyId,
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
  };
}

export type VersionAction = 'CREATED' | 'EDITED' | 'WITHDRAWN' | 'CORRECTED' | 'REGISTRATION_CODED' | 'REGISTRATION_ENDED' | 'DATA_LOADED';

/**
 * Persists a new state of a resource: bumps the version, recomputes authorizability, writes the
 * immutable version row and the audit record, and publishes the events. Every change path
 * (edit, withdraw, correction, registration) goes through here so none can skip a version.
 */
export async function commitResource(uow: UnitOfWork, actor: Actor, before: ResourceRow | null, draft: ResourceRow, action: VersionAction, note: string | null = null): Promise<ResourceRow> {
  const verdict = computeAuthorizability(draft, await profileFor(uow.tx, draft.jurisdiction));
  const after: ResourceRow = {
    ...draft,
    authorizable: verdict.authorizable,
    authorizableReasons: verdict.reasons.map((x) => x.code),
    version: before ? before.version + 1 : 1,
    updatedAt: actor.now,
  };
  await saveResource(uow.tx, after, before === null);
  const changes = diffSnapshots(before ? snapshotOf(before) : null, snapshotOf(after));
  await sql(
    uow.tx,
    `insert into data_resource_version (id, resource_id, version, action, snapshot, changes, changed_by, changed_by_org, changed_at, note)
     values ($1, $2, $3, $4, $5::jsonb, $6::jsonb, $7, $8, $9, $10)`,
    [uuidv7(), after.id, after.version, action, JSON.stringify(snapshotOf(after)), JSON.stringify(changes), actor.identity.sub, actor.identity.org, actor.now, note],
  );
  uow.audit({ entityType: 'DataResource', entityId: after.id, action, changes: { version: after.version, ...changes } });
  const j = after.jurisdiction;
  if (!before) await uow.publish('ResourcePublished', snapshotPayload(after), j);
  else if (action === 'WITHDRAWN') {
    const payload: CatalogEvents.ResourceWithdrawn = { resourceId: after.id, jurisdiction: j, sourceAgencyId: after.sourceAgencyId, version: after.version, withdrawnAt: actor.now.toISOString() };
    await uow.publish('ResourceWithdrawn', payload, j);
  } else await uow.publish('ResourceChanged', snapshotPayload(after), j);
  const verdictChanged = !before || before.authorizable !== after.authorizable || JSON.stringify(before.authorizableReasons) !== JSON.stringify(after.authorizableReasons);
  if (verdictChanged) {
    const payload: CatalogEvents.ResourceAuthorizabilityChanged = { resourceId: after.id, jurisdiction: j, authorizable: after.authorizable, reasons: after.authorizableReasons, version: after.version };
    await uow.publish('ResourceAuthorizabilityChanged', payload, j);
  }
  return after;
}

export async function createResource(uow: UnitOfWork, actor: Actor, input: CreateResourceInput, opts: { id?: string } = {}): Promise<ResourceRow> {
  const identity = actor.identity;
  const jurisdiction = input.jurisdiction ?? identity.jurisdiction;
  requireRole(identity, 'SOURCE_UNIT', 'AGENCY');
  if (!jurisdiction || !isJurisdictionCode(jurisdiction) || jurisdiction === 'NATIONAL') {
    throw badInput(`辖区无效：${String(jurisdiction)}`, `Invalid jurisdiction: ${String(jurisdiction)}`, { field: 'input.jurisdiction' });
  }
  if (!UUID_RE.test(input.sourceAgencyId ?? '')) throw badInput('数源单位 ID 无效', 'Invalid sourceAgencyId', { field: 'input.sourceAgencyId' });
  requireManage(identity, { jurisdiction, sourceAgencyId: input.sourceAgencyId });
  const blank: ResourceRow = {
    id: opts.id ?? uuidv7(),
    jurisdiction,
    code: '',
    nameZh: '',
    descriptionZh: '',
    sector: '',
    sourceAgencyId: input.sourceAgencyId,
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
    createdBy: identity.sub,
    createdAt: actor.now,
    updatedAt: actor.now,
    withdrawnAt: null,
  };
  const draft = applyInput(blank, { ...input, descriptionZh: input.descriptionZh ?? '', recordCount: input.recordCount ?? 0 });
  await assertSourceAgency(uow, draft.sourceAgencyId, jurisdiction, 'input.sourceAgencyId');
  if (draft.sharedFromAgencyId) await assertSourceAgency(uow, draft.sharedFromAgencyId, null, 'input.sharedFromAgencyId');
  await assertCodeFree(uow, jurisdiction, draft.code, null);
  return commitResource(uow, actor, null, draft, 'CREATED');
}

export async function loadForChange(uow: UnitOfWork, id: string): Promise<ResourceRow> {
  const row = await loadResource(uow.tx, id, true);
  if (!row) throw notFound('数据资源', 'Data resource', id);
  return row;
}

export async function editResource(uow: UnitOfWork, actor: Actor, input: EditResourceInput, action: VersionAction = 'EDITED'): Promise<{ row: ResourceRow; changed: boolean }> {
  const before = await loadForChange(uow, input.id);
  requireManage(actor.identity, before);
  if (before.status === 'WITHDRAWN') throw conflict('资源已撤回，不能修改', 'The resource was withdrawn and cannot be edited', { details: { status: before.status } });
  if (input.expectedVersion != null && input.expectedVersion !== before.version) {
    throw conflict('资源已被他人修改，请刷新后重试', 'The resource changed since you loaded it; reload and retry', { details: { reason: 'STALE_VERSION', currentVersion: before.version } });
  }
  const draft = applyInput(before, input);
  if (draft.code !== before.code) await assertCodeFree(uow, before.jurisdiction, draft.code, before.id);
  if (draft.sharedFromAgencyId && draft.sharedFromAgencyId !== before.sharedFromAgencyId) await assertSourceAgency(uow, draft.sharedFromAgencyId, null, 'input.sharedFromAgencyId');
  const changed = Object.keys(diffSnapshots(snapshotOf(before), snapshotOf(draft))).length > 0;
  if (!changed) return { row: before, changed: false };
  return { row: await commitResource(uow, actor, before, draft, action, input.note ?? null), changed: true };
}

export interface BlockingAgreement {
  agreementId: string;
  agreementNumber: string;
  status: string;
}

/** Agreements in force (or grants still active) that use the resource, from the licensing projection. */
export async function blockingAgreements(uow: UnitOfWork, resourceId: string): Promise<BlockingAgreement[]> {
  return sql<BlockingAgreement>(
    uow.tx,
    `select a.agreement_id as "agreementId", a.agreement_number as "agreementNumber", a.status
       from licensing_agreement_projection a
      where a.status in ('SIGNED','ACTIVE','SUSPENDED') and a.resource_ids ? $1
     union
     select g.agreement_id, coalesce(a.agreement_number, ''), coalesce(a.status, 'ACTIVE')
       from licensing_grant_projection g
       left join licensing_agreement_projection a on a.agreement_id = g.agreement_id
      where g.resource_id = $1::uuid and g.status = 'ACTIVE'
        and coalesce(a.status, 'ACTIVE') not in ('TERMINATED','EXPIRED','EXITED')
     order by 1`,
    [resourceId],
  );
}

export async function withdrawResource(uow: UnitOfWork, actor: Actor, id: string, reason: string): Promise<ResourceRow> {
  const before = await loadForChange(uow, id);
  requireManage(actor.identity, before);
  if (!reason?.trim()) throw badInput('撤回须说明理由', 'A reason is required to withdraw', { field: 'reason' });
  if (before.status === 'WITHDRAWN') throw conflict('资源已撤回', 'The resource is already withdrawn', { details: { status: before.status } });
  const blocking = await blockingAgreements(uow, id);
  if (blocking.length > 0) {
    const names = blocking.map((b) => b.agreementNumber || b.agreementId).join('、');
    throw conflict(`资源正被生效的授权使用，不能撤回：${names}`, `The resource is used by active authorizations and cannot be withdrawn: ${names.replaceAll('、', ', ')}`, {
      details: { reason: 'IN_USE_BY_AGREEMENTS', blockingAgreements: blocking },
    });
  }
  return commitResource(uow, actor, before, { ...before, status: 'WITHDRAWN', withdrawnAt: actor.now }, 'WITHDRAWN', reason.trim());
}
