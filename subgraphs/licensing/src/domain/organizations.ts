import {
  badInput,
  canonicalJson,
  conflict,
  forbidden,
  inTransaction,
  notFound,
  requireRole,
  sql,
  sqlOne,
  validateName,
  validateOptionalName,
  type Identity,
  type RequestContext,
  type UnitOfWork,
} from '@pdo/platform';
import { isJurisdictionCode } from '@pdo/policy';
import type { LicensingEvents } from '@pdo/events';
import { getOrg, getProposal, type FactEvidence, type OrgRow, type ProposalRow, type ProposalStatus } from '../data/rows.js';
import { creditCodeProblem } from './credit-code.js';
import { assertTransition, newId, required, todayOf } from './common.js';

export const ORG_KINDS = ['AUTHORITY', 'IMPLEMENTING_AGENCY', 'SOURCE_AGENCY', 'OPERATOR', 'DEVELOPER', 'SERVICE_PROVIDER', 'EXPERT_BODY'] as const;
/** Kinds that are companies and so carry a credit code and credit facts. */
const COMPANY_KINDS = new Set(['OPERATOR', 'DEVELOPER', 'SERVICE_PROVIDER']);
export const TAX_GRADES = ['A', 'B', 'M', 'C', 'D'];

/**
 * The facts of a party that operator eligibility (packages/policy `evaluateEligibility`) and the
 * party's identity rest on: name and credit code, founding date (YEARS_IN_BUSINESS), tax credit
 * grades (TAX_CREDIT_GRADE), penalties (SERIOUS_PENALTY), dishonest-list entries (DISHONEST_LIST),
 * security incidents (SECURITY_INCIDENT), MLPS level-3 and commercial cryptography assessment
 * (MLPS3_AND_CRYPTO), security department and head (SECURITY_DEPARTMENT). Every one of them is
 * recorded by the implementing agency or the data authority of the party's jurisdiction, with
 * evidence; the party itself only proposes a change. (The organization record has no contact
 * details or other fields a party could keep current on its own.)
 */
export const FACT_FIELDS = [
  'name',
  'nameEn',
  'creditCode',
  'foundedOn',
  'taxGrades',
  'penalties',
  'dishonestListEntries',
  'securityIncidents',
  'mlps3Experience',
  'commercialCryptoExperience',
  'securityDepartment',
  'securityHead',
] as const;
export type FactField = (typeof FACT_FIELDS)[number];
/** Facts other subgraphs project (OrganizationRegistered): a change is published. */
const PUBLISHED_FIELDS = new Set<FactField>(['name', 'nameEn', 'creditCode']);

export interface OrganizationFacts {
  name?: string | null;
  nameEn?: string | null;
  creditCode?: string | null;
  foundedOn?: string | null;
  taxGrades?: { year: number; grade: string }[] | null;
  penalties?: { date: string; severity: 'MINOR' | 'SERIOUS'; description?: string | null }[] | null;
  dishonestListEntries?: { list: string; listedOn: string; removedOn?: string | null }[] | null;
  securityIncidents?: { date: string; severity: 'MINOR' | 'MAJOR'; description?: string | null }[] | null;
  mlps3Experience?: boolean | null;
  commercialCryptoExperience?: boolean | null;
  securityDepartment?: string | null;
  securityHead?: string | null;
}
export interface RegisterOrganizationInput extends OrganizationFacts {
  jurisdiction: string;
  name: string;
  kinds: string[];
}
export interface EvidenceInput {
  documentRef: string;
  documentDate: string;
  note?: string | null;
}

type Facts = Pick<OrgRow, FactField>;

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

const NAME_RULES = { minLength: 2, maxLength: 100 } as const;
const shortText = (v: string | null | undefined, field: string, zh: string, en: string, max = 500): string | null => {
  if (v === null || v === undefined || !v.trim()) return null;
  return validateName(v, { field, label: [zh, en], minLength: 1, maxLength: max });
};

/**
 * The facts after a patch (undefined = unchanged; a null list or flag = unchanged; a null optional
 * text or date = cleared), normalised and validated. `prefix` is the input path of the patch.
 */
export function applyFacts(current: Facts, patch: OrganizationFacts, prefix: string, today: string, kinds: string[]): Facts {
  const has = (k: FactField) => patch[k] !== undefined;
  const next: Facts = { ...current };
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

function validateFacts(f: Facts, prefix: string, today: string, kinds: string[]): void {
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

/** Fields whose value differs, with old and new values (compared as canonical JSON). */
export function diffFacts(before: Partial<Facts>, after: Facts): { fields: FactField[]; oldValues: Record<string, unknown>; newValues: Record<string, unknown> } {
  const fields = FACT_FIELDS.filter((k) => canonicalJson(before[k] ?? null) !== canonicalJson(after[k] ?? null));
  return { fields, oldValues: Object.fromEntries(fields.map((k) => [k, before[k] ?? null])), newValues: Object.fromEntries(fields.map((k) => [k, after[k] ?? null])) };
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

/** Only the implementing agency or the data authority of the party's jurisdiction records its facts. */
const isRecorderOf = (id: Identity, jurisdiction: string) => (id.role === 'AUTHORITY' || id.role === 'AGENCY') && id.jurisdiction === jurisdiction;
/** The companies and source agencies that may propose changes of their own record. */
const PROPOSER_ROLES = ['OPERATOR', 'DEVELOPER', 'SOURCE_UNIT'] as const;

async function writeFacts(tx: UnitOfWork['tx'], id: string, f: Facts, at: Date): Promise<void> {
  await sql(
    tx,
    `update organization set name=$2, name_en=$3, credit_code=$4, founded_on=$5, tax_grades=$6, penalties=$7, dishonest_list_entries=$8,
       security_incidents=$9, mlps3_experience=$10, commercial_crypto_experience=$11, security_department=$12, security_head=$13, updated_at=$14 where id=$1`,
    [id, f.name, f.nameEn, f.creditCode, f.foundedOn, JSON.stringify(f.taxGrades), JSON.stringify(f.penalties), JSON.stringify(f.dishonestListEntries),
      JSON.stringify(f.securityIncidents), f.mlps3Experience, f.commercialCryptoExperience, f.securityDepartment, f.securityHead, at],
  );
}

async function assertCreditCodeFree(tx: UnitOfWork['tx'], code: string | null, selfId: string | null, field: string): Promise<void> {
  if (!code) return;
  const other = await sqlOne<{ id: string }>(tx, `select id from organization where credit_code = $1 and ($2::uuid is null or id <> $2::uuid)`, [code, selfId]);
  if (other) throw conflict('该统一社会信用代码已登记给其他主体', 'This unified social credit code is registered to another party', { field, details: { reason: 'CREDIT_CODE_TAKEN' } });
}

interface RecordArgs {
  kind: 'REGISTERED' | 'RECORDED' | 'PROPOSAL_ACCEPTED';
  fields: FactField[];
  oldValues: Record<string, unknown>;
  newValues: Record<string, unknown>;
  evidence: FactEvidence;
  proposalId?: string | null;
}

/** One row of the fact history, its audit record, and the event when a projected fact changed. */
async function recordHistory(ctx: RequestContext, uow: UnitOfWork, org: Pick<OrgRow, 'id' | 'jurisdiction' | 'kinds'>, after: Facts, r: RecordArgs): Promise<string> {
  const changeId = newId(ctx.now.getTime());
  await sql(
    uow.tx,
    `insert into organization_fact_change (id, organization_id, jurisdiction, kind, fields, old_values, new_values, document_ref, document_date, evidence_note,
       recorded_by, recorded_by_role, recorded_by_org, recorded_at, proposal_id)
     values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15)`,
    [changeId, org.id, org.jurisdiction, r.kind, r.fields, JSON.stringify(r.oldValues), JSON.stringify(r.newValues), r.evidence.documentRef, r.evidence.documentDate,
      r.evidence.note, ctx.identity.sub, ctx.identity.role, ctx.identity.org, ctx.now, r.proposalId ?? null],
  );
  uow.audit({
    entityType: 'Organization',
    entityId: org.id,
    action: r.kind === 'REGISTERED' ? 'REGISTERED' : 'FACTS_RECORDED',
    changes: { changeId, kind: r.kind, fields: r.fields, old: r.oldValues, new: r.newValues, evidence: r.evidence, proposalId: r.proposalId ?? null },
  });
  if (r.kind === 'REGISTERED' || r.fields.some((f) => PUBLISHED_FIELDS.has(f))) {
    const ev: LicensingEvents.OrganizationRegistered = { organizationId: org.id, jurisdiction: org.jurisdiction, nameZh: after.name, nameEn: after.nameEn, kinds: org.kinds as LicensingEvents.OrgKind[], creditCode: after.creditCode };
    await uow.publish('OrganizationRegistered', ev, org.jurisdiction);
  }
  return changeId;
}

const EMPTY_FACTS: Facts = {
  name: '',
  nameEn: null,
  creditCode: null,
  foundedOn: null,
  taxGrades: [],
  penalties: [],
  dishonestListEntries: [],
  securityIncidents: [],
  mlps3Experience: false,
  commercialCryptoExperience: false,
  securityDepartment: null,
  securityHead: null,
};

/** Authority or implementing agency of the jurisdiction registers parties, with the evidence of their facts. */
export async function registerOrganization(ctx: RequestContext, input: RegisterOrganizationInput, evidenceInput: EvidenceInput | null | undefined): Promise<string> {
  requireRole(ctx.identity, 'AUTHORITY', 'AGENCY');
  if (!isJurisdictionCode(input.jurisdiction)) throw badInput(`未知辖区：${input.jurisdiction}`, `Unknown jurisdiction ${input.jurisdiction}`, { field: 'input.jurisdiction' });
  if (ctx.identity.jurisdiction !== input.jurisdiction) throw forbidden('只能登记本辖区的主体', 'You may only register parties of your own jurisdiction');
  const today = todayOf(ctx);
  const kinds = [...new Set(input.kinds)];
  if (!kinds.length) throw badInput('至少须有一种主体类型', 'At least one kind is required', { field: 'input.kinds' });
  const name = validateName(input.name, { field: 'input.name', ...NAME_RULES });
  const facts = applyFacts({ ...EMPTY_FACTS, name }, { ...input, name }, 'input.facts', today, kinds);
  const evidence = validateEvidence(evidenceInput, today, 'input.evidence');
  const id = newId(ctx.now.getTime());
  return inTransaction(ctx, async (uow) => {
    await assertCreditCodeFree(uow.tx, facts.creditCode, null, 'input.facts.creditCode');
    await sql(uow.tx, `insert into organization (id, jurisdiction, name, kinds, created_at, updated_at) values ($1,$2,$3,$4,$5,$5)`, [id, input.jurisdiction, facts.name, kinds, ctx.now]);
    await writeFacts(uow.tx, id, facts, ctx.now);
    const { fields, newValues } = diffFacts({}, facts);
    await recordHistory(ctx, uow, { id, jurisdiction: input.jurisdiction, kinds }, facts, { kind: 'REGISTERED', fields, oldValues: {}, newValues, evidence });
    return id;
  });
}

/**
 * The implementing agency or the data authority of the party's jurisdiction records changed facts,
 * with evidence. A company (or source agency) gets FORBIDDEN: it proposes the change instead
 * (proposeOrganizationChange), and an official decides.
 */
export async function updateOrganization(ctx: RequestContext, id: string, patch: OrganizationFacts, evidenceInput: EvidenceInput | null | undefined): Promise<string> {
  requireRole(ctx.identity, 'AUTHORITY', 'AGENCY', 'OPERATOR', 'DEVELOPER', 'SOURCE_UNIT');
  const today = todayOf(ctx);
  return inTransaction(ctx, async (uow) => {
    const org = await getOrg(uow.tx, id, true);
    if (!org) throw notFound('主体', 'Organization', id);
    if (!isRecorderOf(ctx.identity, org.jurisdiction)) {
      const touched = FACT_FIELDS.filter((k) => patch[k] !== undefined);
      if (ctx.identity.org === org.id) {
        throw forbidden(
          '主体的资格与身份事实由本辖区实施机构或数据主管部门登记；请提交变更申请（proposeOrganizationChange）并附证明材料',
          'Eligibility and identity facts are recorded by the implementing agency or data authority of the jurisdiction; propose the change with its evidence (proposeOrganizationChange)',
          { details: { fields: touched, reason: 'RECORDED_BY_OFFICIALS' } },
        );
      }
      throw forbidden('只能由本辖区实施机构或数据主管部门登记主体事实', 'Only the implementing agency or data authority of the party\'s jurisdiction records its facts');
    }
    const next = applyFacts(org, patch, 'input', today, org.kinds);
    const evidence = validateEvidence(evidenceInput, today);
    const diff = diffFacts(org, next);
    if (!diff.fields.length) throw badInput('没有需要登记的变化', 'Nothing changes', { field: 'input', details: { reason: 'NO_CHANGE' } });
    if (diff.fields.includes('creditCode')) await assertCreditCodeFree(uow.tx, next.creditCode, org.id, 'input.creditCode');
    await writeFacts(uow.tx, id, next, ctx.now);
    await recordHistory(ctx, uow, org, next, { kind: 'RECORDED', ...diff, evidence });
    return id;
  });
}

// ── proposals ───────────────────────────────────────────────────────────────

/** PENDING → ACCEPTED (official) | REJECTED (official, with a reason) | WITHDRAWN (the proposer). */
export const PROPOSAL_TRANSITIONS: Record<'ACCEPT' | 'REJECT' | 'WITHDRAW', readonly ProposalStatus[]> = {
  ACCEPT: ['PENDING'],
  REJECT: ['PENDING'],
  WITHDRAW: ['PENDING'],
};

/** A party proposes a change of its own facts, with evidence; nothing changes until an official accepts. */
export async function proposeOrganizationChange(ctx: RequestContext, organizationId: string, patch: OrganizationFacts, evidenceInput: EvidenceInput | null | undefined): Promise<string> {
  requireRole(ctx.identity, ...PROPOSER_ROLES);
  if (!ctx.identity.org || ctx.identity.org !== organizationId) throw forbidden('只能为本单位提出变更申请', 'You may only propose changes of your own organization');
  const today = todayOf(ctx);
  return inTransaction(ctx, async (uow) => {
    const org = await getOrg(uow.tx, organizationId, true);
    if (!org) throw notFound('主体', 'Organization', organizationId);
    const next = applyFacts(org, patch, 'input.changes', today, org.kinds);
    const evidence = validateEvidence(evidenceInput, today, 'input.evidence');
    const diff = diffFacts(org, next);
    if (!diff.fields.length) throw badInput('申请的内容与现有登记相同', 'The proposal changes nothing', { field: 'input.changes', details: { reason: 'NO_CHANGE' } });
    if (diff.fields.includes('creditCode')) await assertCreditCodeFree(uow.tx, next.creditCode, org.id, 'input.changes.creditCode');
    const id = newId(ctx.now.getTime());
    await sql(
      uow.tx,
      `insert into organization_fact_proposal (id, organization_id, jurisdiction, changes, document_ref, document_date, evidence_note, status,
         proposed_by, proposed_by_role, proposed_by_org, proposed_at)
       values ($1,$2,$3,$4,$5,$6,$7,'PENDING',$8,$9,$10,$11)`,
      [id, org.id, org.jurisdiction, JSON.stringify(diff.newValues), evidence.documentRef, evidence.documentDate, evidence.note, ctx.identity.sub, ctx.identity.role, ctx.identity.org, ctx.now],
    );
    uow.audit({ entityType: 'OrganizationChangeProposal', entityId: id, action: 'PROPOSED', changes: { organizationId: org.id, fields: diff.fields, proposed: diff.newValues, current: diff.oldValues, evidence } });
    return id;
  });
}

async function loadProposal(ctx: RequestContext, tx: UnitOfWork['tx'], id: string, action: keyof typeof PROPOSAL_TRANSITIONS, authorize: (p: ProposalRow) => void): Promise<ProposalRow> {
  const p = await getProposal(tx, id, true);
  if (!p) throw notFound('变更申请', 'Change proposal', id);
  authorize(p);
  assertTransition('变更申请', 'Change proposal', PROPOSAL_TRANSITIONS, action, p.status);
  return p;
}

const officialOf = (ctx: RequestContext) => (p: ProposalRow) => {
  if (!isRecorderOf(ctx.identity, p.jurisdiction)) throw forbidden('只能由该主体所在辖区的实施机构或数据主管部门决定', 'Only the implementing agency or data authority of the party\'s jurisdiction decides');
};

async function decide(tx: UnitOfWork['tx'], ctx: RequestContext, p: ProposalRow, status: ProposalStatus, reason: string | null): Promise<void> {
  await sql(
    tx,
    `update organization_fact_proposal set status = $2, decided_by = $3, decided_by_role = $4, decided_by_org = $5, decided_at = $6, decision_reason = $7 where id = $1`,
    [p.id, status, ctx.identity.sub, ctx.identity.role, ctx.identity.org, ctx.now, reason],
  );
}

/** An official accepts: the facts change (re-validated against the record as it is now), with the proposal's evidence. */
export async function acceptOrganizationChange(ctx: RequestContext, id: string, note: string | null | undefined): Promise<string> {
  requireRole(ctx.identity, 'AUTHORITY', 'AGENCY');
  const today = todayOf(ctx);
  const n = note?.trim() || null;
  if (n && [...n].length > 1000) throw badInput('说明不能超过 1000 个字符', 'The note must be at most 1,000 characters', { field: 'note' });
  return inTransaction(ctx, async (uow) => {
    const p = await loadProposal(ctx, uow.tx, id, 'ACCEPT', officialOf(ctx));
    const org = (await getOrg(uow.tx, p.organizationId, true))!;
    const next = applyFacts(org, p.changes as OrganizationFacts, 'changes', today, org.kinds);
    const diff = diffFacts(org, next);
    if (!diff.fields.length) throw conflict('该申请的内容已与现有登记相同，请驳回', 'The record already holds what was proposed; reject the proposal instead', { details: { reason: 'NO_CHANGE' } });
    if (diff.fields.includes('creditCode')) await assertCreditCodeFree(uow.tx, next.creditCode, org.id, 'changes.creditCode');
    await writeFacts(uow.tx, org.id, next, ctx.now);
    await decide(uow.tx, ctx, p, 'ACCEPTED', n);
    const evidence: FactEvidence = { documentRef: p.documentRef, documentDate: p.documentDate, note: p.evidenceNote };
    const changeId = await recordHistory(ctx, uow, org, next, { kind: 'PROPOSAL_ACCEPTED', ...diff, evidence, proposalId: p.id });
    uow.audit({ entityType: 'OrganizationChangeProposal', entityId: p.id, action: 'ACCEPTED', changes: { organizationId: org.id, changeId, fields: diff.fields }, reason: n });
    return p.id;
  });
}

/** An official rejects with a reason: nothing changes. */
export async function rejectOrganizationChange(ctx: RequestContext, id: string, reason: string): Promise<string> {
  requireRole(ctx.identity, 'AUTHORITY', 'AGENCY');
  const why = required(reason, 'reason', '驳回理由', 'Reason');
  if ([...why].length > 1000) throw badInput('理由不能超过 1000 个字符', 'The reason must be at most 1,000 characters', { field: 'reason' });
  return inTransaction(ctx, async (uow) => {
    const p = await loadProposal(ctx, uow.tx, id, 'REJECT', officialOf(ctx));
    await decide(uow.tx, ctx, p, 'REJECTED', why);
    uow.audit({ entityType: 'OrganizationChangeProposal', entityId: p.id, action: 'REJECTED', changes: { organizationId: p.organizationId }, reason: why });
    return p.id;
  });
}

/** The proposing organization withdraws its pending proposal. */
export async function withdrawOrganizationChange(ctx: RequestContext, id: string): Promise<string> {
  requireRole(ctx.identity, ...PROPOSER_ROLES);
  return inTransaction(ctx, async (uow) => {
    const p = await loadProposal(ctx, uow.tx, id, 'WITHDRAW', (p) => {
      if (!ctx.identity.org || ctx.identity.org !== p.proposedByOrg) throw forbidden('只能撤回本单位提出的申请', 'You may only withdraw your own organization\'s proposals');
    });
    await decide(uow.tx, ctx, p, 'WITHDRAWN', null);
    uow.audit({ entityType: 'OrganizationChangeProposal', entityId: p.id, action: 'WITHDRAWN', changes: { organizationId: p.organizationId } });
    return p.id;
  });
}
