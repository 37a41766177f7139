import { badInput } from '@pdo/platform';
import { Decimal, type ProhibitedReason } from '@pdo/policy';
import { RETURNED_LEVELS, type ResourceRow, type ReturnedOrigin } from '../domain/resource.js';
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
} from '../domain/taxonomy.js';

export interface QualityInput {
  completeness: Decimal | string;
  consistency: Decimal | string;
  accuracy: Decimal | string;
  timeliness: Decimal | string;
}

/** What a creation, an edit or a correction may set on a resource (omitted: unchanged). */
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
  /** Set at creation, or later by an official's correction (correctResourceOrigin); an edit does not touch it. */
  returnedOrigin?: ReturnedOrigin | null;
}

const CODE_RE = /^[A-Z0-9][A-Z0-9-]{1,39}$/;
export const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

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

/** A returned origin as entered: a known level, the returning platform named, the reference trimmed (empty: none). */
export function validOrigin(o: ReturnedOrigin | null, field: string): ReturnedOrigin | null {
  if (o === null) return null;
  const level = oneOf(RETURNED_LEVELS, o.level, `${field}.level`, '回流来源层级');
  const from = (o.from ?? '').trim();
  if (!from || from.length > 200) throw badInput('须写明回流来源（省级平台或主管部门，≤ 200 字）', 'Name the platform or authority that returned the data (≤ 200 characters)', { field: `${field}.from` });
  const reference = (o.reference ?? '').trim();
  if (reference.length > 200) throw badInput('回流系统编号不超过 200 字', 'The returning system\'s reference is at most 200 characters', { field: `${field}.reference` });
  return { level, from, reference: reference || null };
}

/** Applies a (partial) input onto a row, validating every value it touches. */
export function applyInput(row: ResourceRow, input: ResourceFieldsInput): ResourceRow {
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
  if (input.returnedOrigin !== undefined) next.returnedOrigin = validOrigin(input.returnedOrigin, 'input.returnedOrigin');
  if (input.quality) {
    next.qualityCompleteness = score(input.quality.completeness, 'input.quality.completeness');
    next.qualityConsistency = score(input.quality.consistency, 'input.quality.consistency');
    next.qualityAccuracy = score(input.quality.accuracy, 'input.quality.accuracy');
    next.qualityTimeliness = score(input.quality.timeliness, 'input.quality.timeliness');
  }
  return next;
}
