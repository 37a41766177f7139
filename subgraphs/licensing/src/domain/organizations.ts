import { badInput, forbidden, inTransaction, notFound, requireRole, sql, type RequestContext } from '@pdo/platform';
import { isJurisdictionCode } from '@pdo/policy';
import type { LicensingEvents } from '@pdo/events';
import { getOrg, type OrgRow } from '../data/rows.js';
import { creditCodeProblem } from './credit-code.js';
import { newId, required } from './common.js';

export const ORG_KINDS = ['AUTHORITY', 'IMPLEMENTING_AGENCY', 'SOURCE_AGENCY', 'OPERATOR', 'DEVELOPER', 'SERVICE_PROVIDER', 'EXPERT_BODY'] as const;
/** Kinds that are companies and so carry a credit code and credit facts. */
const COMPANY_KINDS = new Set(['OPERATOR', 'DEVELOPER', 'SERVICE_PROVIDER']);
export const TAX_GRADES = ['A', 'B', 'M', 'C', 'D'];

export interface OrganizationFacts {
  nameEn?: string | null;
  creditCode?: string | null;
  foundedOn?: string | null;
  taxGrades?: { year: number; grade: string }[];
  penalties?: { date: string; severity: 'MINOR' | 'SERIOUS'; description?: string | null }[];
  dishonestListEntries?: { list: string; listedOn: string; removedOn?: string | null }[];
  securityIncidents?: { date: string; severity: 'MINOR' | 'MAJOR'; description?: string | null }[];
  mlps3Experience?: boolean;
  commercialCryptoExperience?: boolean;
  securityDepartment?: string | null;
  securityHead?: string | null;
}
export interface RegisterOrganizationInput extends OrganizationFacts {
  jurisdiction: string;
  name: string;
  kinds: string[];
}

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

function validateFacts(f: OrganizationFacts): void {
  for (const [i, g] of (f.taxGrades ?? []).entries()) {
    if (!TAX_GRADES.includes(g.grade)) throw badInput(`纳税信用等级须为 ${TAX_GRADES.join('/')}`, `Tax credit grade must be one of ${TAX_GRADES.join(', ')}`, { field: `input.taxGrades.${i}.grade` });
    if (!Number.isInteger(g.year) || g.year < 1990 || g.year > 2100) throw badInput('纳税信用年度无效', 'Invalid tax credit year', { field: `input.taxGrades.${i}.year` });
  }
  if (new Set((f.taxGrades ?? []).map((g) => g.year)).size !== (f.taxGrades ?? []).length) throw badInput('同一年度只能有一个纳税信用等级', 'One tax credit grade per year', { field: 'input.taxGrades' });
  for (const [i, d] of (f.dishonestListEntries ?? []).entries()) {
    required(d.list, `input.dishonestListEntries.${i}.list`, '失信名单名称', 'List name');
    if (d.removedOn && d.removedOn < d.listedOn) throw badInput('移出日期不能早于列入日期', 'removedOn must not precede listedOn', { field: `input.dishonestListEntries.${i}.removedOn` });
  }
  if ((f.securityDepartment && !f.securityHead) || (!f.securityDepartment && f.securityHead)) {
    throw badInput('安全管理部门与负责人须同时填写', 'Security department and head go together', { field: 'input.securityHead' });
  }
}

/** Authority or implementing agency of the jurisdiction registers parties. */
export async function registerOrganization(ctx: RequestContext, input: RegisterOrganizationInput): Promise<string> {
  requireRole(ctx.identity, 'AUTHORITY', 'AGENCY');
  if (!isJurisdictionCode(input.jurisdiction)) throw badInput(`未知辖区：${input.jurisdiction}`, `Unknown jurisdiction ${input.jurisdiction}`, { field: 'input.jurisdiction' });
  if (ctx.identity.jurisdiction !== input.jurisdiction) throw forbidden('只能登记本辖区的主体', 'You may only register parties of your own jurisdiction');
  const name = required(input.name, 'input.name', '名称', 'Name');
  const kinds = [...new Set(input.kinds)];
  if (!kinds.length) throw badInput('至少须有一种主体类型', 'At least one kind is required', { field: 'input.kinds' });
  const creditCode = validateCreditCode(input.creditCode);
  if (kinds.some((k) => COMPANY_KINDS.has(k)) && !creditCode) throw badInput('企业须填写统一社会信用代码', 'A company needs its unified social credit code', { field: 'input.creditCode' });
  validateFacts(input);
  const id = newId(ctx.now.getTime());
  return inTransaction(ctx, async ({ tx, audit, publish }) => {
    await sql(
      tx,
      `insert into organization (id, jurisdiction, name, name_en, kinds, credit_code, founded_on, tax_grades, penalties, dishonest_list_entries,
         security_incidents, mlps3_experience, commercial_crypto_experience, security_department, security_head, created_at, updated_at)
       values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$16)`,
      [id, input.jurisdiction, name, input.nameEn ?? null, kinds, creditCode, input.foundedOn ?? null, JSON.stringify(input.taxGrades ?? []), JSON.stringify(input.penalties ?? []),
        JSON.stringify(input.dishonestListEntries ?? []), JSON.stringify(input.securityIncidents ?? []), input.mlps3Experience ?? false, input.commercialCryptoExperience ?? false,
        input.securityDepartment ?? null, input.securityHead ?? null, ctx.now],
    );
    audit({ entityType: 'Organization', entityId: id, action: 'REGISTERED', changes: { ...input, creditCode } });
    const ev: LicensingEvents.OrganizationRegistered = { organizationId: id, jurisdiction: input.jurisdiction, nameZh: name, nameEn: input.nameEn ?? null, kinds: kinds as LicensingEvents.OrgKind[], creditCode };
    await publish('OrganizationRegistered', ev, input.jurisdiction);
    return id;
  });
}

/**
 * Credit and security facts change over time. The authority or agency of the party's
 * jurisdiction records them; a company may also keep its own record current.
 */
export async function updateOrganization(ctx: RequestContext, id: string, patch: OrganizationFacts & { name?: string | null }): Promise<string> {
  requireRole(ctx.identity, 'AUTHORITY', 'AGENCY', 'OPERATOR', 'DEVELOPER');
  return inTransaction(ctx, async ({ tx, audit, publish }) => {
    const org = await getOrg(tx, id, true);
    if (!org) throw notFound('主体', 'Organization', id);
    const official = (ctx.identity.role === 'AUTHORITY' || ctx.identity.role === 'AGENCY') && ctx.identity.jurisdiction === org.jurisdiction;
    if (!official && ctx.identity.org !== org.id) throw forbidden('只能修改本单位或本辖区主体', 'You may only edit your own organization or one of your jurisdiction');
    // Sanctions are official records (信用记录): a company may not rewrite its own penalties, dishonest-list
    // entries or incidents — eligibility reads them.
    const sanctions = (['penalties', 'dishonestListEntries', 'securityIncidents'] as const).filter((k) => patch[k] != null);
    if (!official && sanctions.length) {
      throw forbidden('处罚、失信和安全事件记录只能由本辖区主管部门登记', 'Penalties, dishonest-list entries and incidents are recorded by the authorities of the jurisdiction', { details: { fields: sanctions } });
    }
    const creditCode = patch.creditCode !== undefined ? validateCreditCode(patch.creditCode) : org.creditCode;
    const next: OrgRow = {
      ...org,
      name: patch.name?.trim() || org.name,
      nameEn: patch.nameEn !== undefined ? patch.nameEn : org.nameEn,
      creditCode,
      foundedOn: patch.foundedOn !== undefined ? patch.foundedOn : org.foundedOn,
      taxGrades: patch.taxGrades ?? org.taxGrades,
      penalties: patch.penalties ?? org.penalties,
      dishonestListEntries: patch.dishonestListEntries ?? org.dishonestListEntries,
      securityIncidents: patch.securityIncidents ?? org.securityIncidents,
      mlps3Experience: patch.mlps3Experience ?? org.mlps3Experience,
      commercialCryptoExperience: patch.commercialCryptoExperience ?? org.commercialCryptoExperience,
      securityDepartment: patch.securityDepartment !== undefined ? patch.securityDepartment : org.securityDepartment,
      securityHead: patch.securityHead !== undefined ? patch.securityHead : org.securityHead,
    };
    validateFacts(next);
    await sql(
      tx,
      `update organization set name=$2, name_en=$3, credit_code=$4, founded_on=$5, tax_grades=$6, penalties=$7, dishonest_list_entries=$8,
         security_incidents=$9, mlps3_experience=$10, commercial_crypto_experience=$11, security_department=$12, security_head=$13, updated_at=$14 where id=$1`,
      [id, next.name, next.nameEn, next.creditCode, next.foundedOn, JSON.stringify(next.taxGrades), JSON.stringify(next.penalties), JSON.stringify(next.dishonestListEntries),
        JSON.stringify(next.securityIncidents), next.mlps3Experience, next.commercialCryptoExperience, next.securityDepartment, next.securityHead, ctx.now],
    );
    const changed = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
    audit({ entityType: 'Organization', entityId: id, action: 'UPDATED', changes: changed });
    if (patch.name || patch.nameEn !== undefined || patch.creditCode !== undefined) {
      const ev: LicensingEvents.OrganizationRegistered = { organizationId: id, jurisdiction: org.jurisdiction, nameZh: next.name, nameEn: next.nameEn, kinds: next.kinds as LicensingEvents.OrgKind[], creditCode: next.creditCode };
      await publish('OrganizationRegistered', ev, org.jurisdiction);
    }
    return id;
  });
}
