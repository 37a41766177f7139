import { badInput, validateName, validateOptionalName } from '@pdo/platform';
import { creditCodeProblem } from '../domain/credit-code.js';
import { COMPANY_KINDS, FACT_FIELDS, TAX_GRADES, type EvidenceInput, type FactField, type OrganizationFacts, type PartyFacts } from '../domain/organization-facts.js';
import type { FactEvidence } from '../data/rows.js';
import { required } from './checks.js';

export function validateCreditCode(code: string | null | undefined, field = 'input.creditCode'): string | null {
  if (code === null || code === undefined || code === '') return null;
  const c = code.trim().toUpperCase();
  const problem = creditCodeProblem(c);
  if (problem) {
    const zh = { LENGTH: '须为18位', CHARACTER: '含有不允许的字符（不使用 I、O、Z、S、V）', CHECK_CHARACTER: '校验码错误' }[problem];
    const en = { LENGTH: 'must be 18 characters', CHARACTER: 'contains a character outside the GB 32100 alphabet (no I, O, Z, S, V)', CHECK_CHARACTER: 'has a wrong check character' }[problem];
    throw badInput(`统一社会信用代码${zh}`, `Unified social credit code ${en}`, { field, rule: 'GB 32100-2015', details: { problem } });
  }
  return c;
}

export const NAME_RULES = { minLength: 2, maxLength: 100 } as const;
const shortText = (v: string | null | undefined, field: string, zh: string, en: string, max = 500): string | null => {
  if (v === null || v === undefined || !v.trim()) return null;
  return validateName(v, { field, label: [zh, en], minLength: 1, maxLength: max });
};

/**
 * The facts after a patch (undefined = unchanged; a null list or flag = unchanged; a null optional text or date =
 * cleared), normalised and validated. `prefix` is the input path of the patch.
 */
export function applyFacts(current: PartyFacts, patch: OrganizationFacts, prefix: string, today: string, kinds: string[]): PartyFacts {
  const has = (k: FactField) => patch[k] !== undefined;
  const next: PartyFacts = { ...current };
  if (patch.name !== undefined && patch.name !== null) next.name = validateName(patch.name, { field: `${prefix}.name`, ...NAME_RULES });
  if (has('nameEn')) next.nameEn = validateOptionalName(patch.nameEn, { field: `${prefix}.nameEn`, label: ['英文名称', 'English name'], minLength: 2, maxLength: 200 });
  if (has('creditCode')) next.creditCode = validateCreditCode(patch.creditCode, `${prefix}.creditCode`);
  if (has('foundedOn')) {
    if (patch.foundedOn && patch.foundedOn > today) throw badInput('成立日期不能晚于今天', 'The founding date cannot be in the future', { field: `${prefix}.foundedOn` });
    next.foundedOn = patch.foundedOn ?? null;
  }
  if (patch.taxGrades) next.taxGrades = patch.taxGrades.map((g) => ({ year: g.year, grade: g.grade }));
  if (patch.penalties) {
    next.penalties = patch.penalties.map((p, i) => ({ date: p.date, severity: p.severity, description: shortText(p.description, `${prefix}.penalties.${i}.description`, '处罚说明', 'Penalty description') }));
  }
  if (patch.dishonestListEntries) {
    next.dishonestListEntries = patch.dishonestListEntries.map((d, i) => ({
      list: shortText(required(d.list, `${prefix}.dishonestListEntries.${i}.list`, '失信名单名称', 'List name'), `${prefix}.dishonestListEntries.${i}.list`, '失信名单名称', 'List name', 200)!,
      listedOn: d.listedOn,
      removedOn: d.removedOn ?? null,
    }));
  }
  if (patch.securityIncidents) {
    next.securityIncidents = patch.securityIncidents.map((s, i) => ({ date: s.date, severity: s.severity, description: shortText(s.description, `${prefix}.securityIncidents.${i}.description`, '事件说明', 'Incident description') }));
  }
  if (patch.mlps3Experience !== undefined && patch.mlps3Experience !== null) next.mlps3Experience = patch.mlps3Experience;
  if (patch.commercialCryptoExperience !== undefined && patch.commercialCryptoExperience !== null) next.commercialCryptoExperience = patch.commercialCryptoExperience;
  if (has('securityDepartment')) next.securityDepartment = shortText(patch.securityDepartment, `${prefix}.securityDepartment`, '安全管理部门', 'Security department', 100);
  if (has('securityHead')) next.securityHead = shortText(patch.securityHead, `${prefix}.securityHead`, '安全负责人', 'Security head', 100);
  validateFacts(next, prefix, today, kinds);
  return next;
}

function validateFacts(f: PartyFacts, prefix: string, today: string, kinds: string[]): void {
  const thisYear = Number(today.slice(0, 4));
  for (const [i, g] of f.taxGrades.entries()) {
    if (!TAX_GRADES.includes(g.grade)) throw badInput(`纳税信用等级须为 ${TAX_GRADES.join('/')}`, `Tax credit grade must be one of ${TAX_GRADES.join(', ')}`, { field: `${prefix}.taxGrades.${i}.grade` });
    if (!Number.isInteger(g.year) || g.year < 1990 || g.year > thisYear) throw badInput('纳税信用年度无效', 'Invalid tax credit year', { field: `${prefix}.taxGrades.${i}.year` });
  }
  if (new Set(f.taxGrades.map((g) => g.year)).size !== f.taxGrades.length) throw badInput('同一年度只能有一个纳税信用等级', 'One tax credit grade per year', { field: `${prefix}.taxGrades` });
  for (const [i, d] of f.dishonestListEntries.entries()) {
    if (d.removedOn && d.removedOn < d.listedOn) throw badInput('移出日期不能早于列入日期', 'removedOn must not precede listedOn', { field: `${prefix}.dishonestListEntries.${i}.removedOn` });
  }
  if ((f.securityDepartment && !f.securityHead) || (!f.securityDepartment && f.securityHead)) {
    throw badInput('安全管理部门与负责人须同时填写', 'Security department and head go together', { field: `${prefix}.securityHead` });
  }
  if (kinds.some((k) => COMPANY_KINDS.has(k)) && !f.creditCode) throw badInput('企业须填写统一社会信用代码', 'A company needs its unified social credit code', { field: `${prefix}.creditCode` });
}

/** Evidence of a recorded or proposed change: a document reference and its date (not in the future). */
export function validateEvidence(e: EvidenceInput | null | undefined, today: string, field = 'evidence'): FactEvidence {
  if (!e) throw badInput('须提供证明材料（文件编号与日期）', 'Evidence is required (document reference and date)', { field });
  const documentRef = validateName(e.documentRef, { field: `${field}.documentRef`, label: ['证明文件编号', 'Evidence document reference'], minLength: 2, maxLength: 200 });
  if (e.documentDate > today) throw badInput('证明文件日期不能晚于今天', 'The evidence document date cannot be in the future', { field: `${field}.documentDate` });
  const note = e.note?.trim() ? e.note.trim() : null;
  if (note && [...note].length > 1000) throw badInput('说明不能超过 1000 个字符', 'The note must be at most 1,000 characters', { field: `${field}.note` });
  return { documentRef, documentDate: e.documentDate, note };
}

/** The fields a patch touches (for the refusal that tells a party to propose instead). */
export const touchedFields = (patch: OrganizationFacts) => FACT_FIELDS.filter((k) => patch[k] !== undefined);
