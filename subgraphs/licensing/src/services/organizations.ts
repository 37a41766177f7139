import { badInput, conflict, forbidden, inTransaction, newId, notFound, validateName, type Em } from '@pdo/platform';
import { isJurisdictionCode } from '@pdo/policy';
import type { LicensingEvents } from '@pdo/events';
import { isRecorderOf } from '../access.js';
import { creditCodeHolder, decideProposal, getOrg, getProposal, insertFactChange, insertOrganization, insertProposal, writeFacts } from '../data/organizations.js';
import type { FactEvidence, OrgRow, ProposalRow, ProposalStatus } from '../data/rows.js';
import { COMPANY_KINDS, diffFacts, EMPTY_FACTS, PROPOSAL_TRANSITIONS, PUBLISHED_FIELDS, type EvidenceInput, type FactField, type OrganizationFacts, type PartyFacts } from '../domain/organization-facts.js';
import { assertTransition, required, today, type Ctx, type Uow } from './checks.js';
import type { PersonRole, ProposedPerson } from '../domain/integrity.js';
import { checkedPersons, keyPersons, writePersons } from './integrity.js';
import { applyFacts, NAME_RULES, touchedFields, validateEvidence } from './organization-input.js';

async function assertCreditCodeFree(tx: Em, code: string | null, selfId: string | null, field: string): Promise<void> {
  if (!code) return;
  if (await creditCodeHolder(tx, code, selfId)) throw conflict('该统一社会信用代码已登记给其他主体', 'This unified social credit code is registered to another party', { field, details: { reason: 'CREDIT_CODE_TAKEN' } });
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
async function recordHistory(ctx: Ctx, uow: Uow, org: Pick<OrgRow, 'id' | 'jurisdiction' | 'kinds'>, after: PartyFacts, r: RecordArgs): Promise<string> {
  const changeId = newId();
  await insertFactChange(uow.tx, { id: changeId, organizationId: org.id, jurisdiction: org.jurisdiction, kind: r.kind, fields: r.fields, oldValues: r.oldValues, newValues: r.newValues, evidence: r.evidence, recordedBy: ctx.identity, recordedAt: ctx.now.toISOString(), proposalId: r.proposalId });
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

export interface RegisterOrganizationInput extends OrganizationFacts {
  jurisdiction: string;
  name: string;
  kinds: string[];
  evidence?: EvidenceInput | null;
}

/** Authority or implementing agency of the jurisdiction registers parties, with the evidence of their facts. */
export async function registerOrganization(ctx: Ctx, input: RegisterOrganizationInput): Promise<string> {
  if (!isJurisdictionCode(input.jurisdiction)) throw badInput(`未知辖区：${input.jurisdiction}`, `Unknown jurisdiction ${input.jurisdiction}`, { field: 'input.jurisdiction' });
  if (ctx.identity.jurisdiction !== input.jurisdiction) throw forbidden('只能登记本辖区的主体', 'You may only register parties of your own jurisdiction');
  const day = today(ctx);
  const kinds = [...new Set(input.kinds)];
  if (!kinds.length) throw badInput('至少须有一种主体类型', 'At least one kind is required', { field: 'input.kinds' });
  const name = validateName(input.name, { field: 'input.name', ...NAME_RULES });
  const facts = applyFacts({ ...EMPTY_FACTS, name }, { ...input, name }, 'input.facts', day, kinds);
  const evidence = validateEvidence(input.evidence, day, 'input.evidence');
  const id = newId();
  return inTransaction(ctx, async (uow) => {
    await assertCreditCodeFree(uow.tx, facts.creditCode, null, 'input.facts.creditCode');
    await insertOrganization(uow.tx, { id, jurisdiction: input.jurisdiction, kinds, facts, at: ctx.now.toISOString() });
    const { fields, newValues } = diffFacts({}, facts);
    await recordHistory(ctx, uow, { id, jurisdiction: input.jurisdiction, kinds }, facts, { kind: 'REGISTERED', fields, oldValues: {}, newValues, evidence });
    return id;
  });
}

/**
 * The implementing agency or the data authority of the party's jurisdiction records changed facts, with evidence. A
 * company (or source unit) gets FORBIDDEN: it proposes the change instead (proposeOrganizationChange), and an official
 * decides.
 */
export async function updateOrganization(ctx: Ctx, input: { id: string; patch: OrganizationFacts; evidence: EvidenceInput | null | undefined }): Promise<string> {
  const { id, patch } = input;
  const day = today(ctx);
  return inTransaction(ctx, async (uow) => {
    const org = await getOrg(uow.tx, id, true);
    if (!org) throw notFound('主体', 'Organization', id);
    if (!isRecorderOf(ctx.identity, org.jurisdiction)) {
      if (ctx.identity.org === org.id) {
        throw forbidden(
          '主体的资格与身份事实由本辖区实施机构或数据主管部门登记；请提交变更申请（proposeOrganizationChange）并附证明材料',
          'Eligibility and identity facts are recorded by the implementing agency or data authority of the jurisdiction; propose the change with its evidence (proposeOrganizationChange)',
          { details: { fields: touchedFields(patch), reason: 'RECORDED_BY_OFFICIALS' } },
        );
      }
      throw forbidden('只能由本辖区实施机构或数据主管部门登记主体事实', 'Only the implementing agency or data authority of the party\'s jurisdiction records its facts');
    }
    const next = applyFacts(org, patch, 'input', day, org.kinds);
    const evidence = validateEvidence(input.evidence, day);
    const diff = diffFacts(org, next);
    if (!diff.fields.length) throw badInput('没有需要登记的变化', 'Nothing changes', { field: 'input', details: { reason: 'NO_CHANGE' } });
    if (diff.fields.includes('creditCode')) await assertCreditCodeFree(uow.tx, next.creditCode, org.id, 'input.creditCode');
    await writeFacts(uow.tx, id, next, ctx.now.toISOString());
    await recordHistory(ctx, uow, org, next, { kind: 'RECORDED', ...diff, evidence });
    return id;
  });
}

/**
 * A party proposes a change of its own facts, with evidence; nothing changes until an official accepts. A company may
 * propose its legal representative, executives and controllers the same way (the persons the integrity checks look
 * up: JL §三(二); TZ Art 12(3)); the proposal keeps each identity number only as its key.
 */
export async function proposeOrganizationChange(
  ctx: Ctx,
  input: { organizationId: string; changes?: OrganizationFacts | null; persons?: { role: PersonRole; name: string; identifier: string }[] | null; evidence: EvidenceInput | null | undefined },
): Promise<string> {
  const { organizationId } = input;
  if (!ctx.identity.org || ctx.identity.org !== organizationId) throw forbidden('只能为本单位提出变更申请', 'You may only propose changes of your own organization');
  const persons = input.persons ? checkedPersons(input.persons, 'input.persons') : null;
  if (persons && !persons.some((p) => p.role === 'LEGAL_REPRESENTATIVE')) throw badInput('须包括法定代表人', 'Name the legal representative', { field: 'input.persons', details: { reason: 'NO_LEGAL_REPRESENTATIVE' } });
  const day = today(ctx);
  return inTransaction(ctx, async (uow) => {
    const org = await getOrg(uow.tx, organizationId, true);
    if (!org) throw notFound('主体', 'Organization', organizationId);
    if (persons && !org.kinds.some((k) => COMPANY_KINDS.has(k))) throw badInput('只有企业登记法定代表人等人员', 'Only a company records a legal representative and other persons', { field: 'input.persons' });
    const next = applyFacts(org, input.changes ?? {}, 'input.changes', day, org.kinds);
    const evidence = validateEvidence(input.evidence, day, 'input.evidence');
    const diff = diffFacts(org, next);
    if (!diff.fields.length && !persons) throw badInput('申请的内容与现有登记相同', 'The proposal changes nothing', { field: 'input.changes', details: { reason: 'NO_CHANGE' } });
    if (diff.fields.includes('creditCode')) await assertCreditCodeFree(uow.tx, next.creditCode, org.id, 'input.changes.creditCode');
    const id = newId();
    const changes = persons ? { ...diff.newValues, persons: await keyPersons(uow.tx, persons) } : diff.newValues;
    await insertProposal(uow.tx, { id, organizationId: org.id, jurisdiction: org.jurisdiction, changes, evidence, by: { sub: ctx.identity.sub, role: ctx.identity.role, org: organizationId }, at: ctx.now.toISOString() });
    const named = persons?.map((p) => ({ role: p.role, name: p.name }));
    uow.audit({ entityType: 'OrganizationChangeProposal', entityId: id, action: 'PROPOSED', changes: { organizationId: org.id, fields: persons ? [...diff.fields, 'persons'] : diff.fields, proposed: named ? { ...diff.newValues, persons: named } : diff.newValues, current: diff.oldValues, evidence } });
    return id;
  });
}

async function loadProposal(tx: Em, id: string, action: keyof typeof PROPOSAL_TRANSITIONS, authorize: (p: ProposalRow) => void): Promise<ProposalRow> {
  const p = await getProposal(tx, id, true);
  if (!p) throw notFound('变更申请', 'Change proposal', id);
  authorize(p);
  assertTransition('变更申请', 'Change proposal', PROPOSAL_TRANSITIONS, action, p.status);
  return p;
}

const officialOf = (ctx: Ctx) => (p: ProposalRow) => {
  if (!isRecorderOf(ctx.identity, p.jurisdiction)) throw forbidden('只能由该主体所在辖区的实施机构或数据主管部门决定', 'Only the implementing agency or data authority of the party\'s jurisdiction decides');
};

const decide = (tx: Em, ctx: Ctx, p: ProposalRow, status: ProposalStatus, reason: string | null) => decideProposal(tx, p.id, { status, by: ctx.identity, at: ctx.now.toISOString(), reason });

/** An official accepts: the facts (re-validated against the record as it is now) and the persons change, with the proposal's evidence. */
export async function acceptOrganizationChange(ctx: Ctx, input: { id: string; note?: string | null }): Promise<string> {
  const day = today(ctx);
  const n = input.note?.trim() || null;
  if (n && [...n].length > 1000) throw badInput('说明不能超过 1000 个字符', 'The note must be at most 1,000 characters', { field: 'note' });
  return inTransaction(ctx, async (uow) => {
    const p = await loadProposal(uow.tx, input.id, 'ACCEPT', officialOf(ctx));
    const org = (await getOrg(uow.tx, p.organizationId, true))!;
    const { persons, ...facts } = p.changes as OrganizationFacts & { persons?: ProposedPerson[] };
    const next = applyFacts(org, facts, 'changes', day, org.kinds);
    const diff = diffFacts(org, next);
    if (!diff.fields.length && !persons) throw conflict('该申请的内容已与现有登记相同，请驳回', 'The record already holds what was proposed; reject the proposal instead', { details: { reason: 'NO_CHANGE' } });
    if (diff.fields.includes('creditCode')) await assertCreditCodeFree(uow.tx, next.creditCode, org.id, 'changes.creditCode');
    await decide(uow.tx, ctx, p, 'ACCEPTED', n);
    let changeId: string | null = null;
    if (diff.fields.length) {
      await writeFacts(uow.tx, org.id, next, ctx.now.toISOString());
      const evidence: FactEvidence = { documentRef: p.documentRef, documentDate: p.documentDate, note: p.evidenceNote };
      changeId = await recordHistory(ctx, uow, org, next, { kind: 'PROPOSAL_ACCEPTED', ...diff, evidence, proposalId: p.id });
    }
    if (persons) await writePersons(ctx, uow, org, persons, { documentRef: p.documentRef, documentDate: p.documentDate, proposalId: p.id });
    uow.audit({ entityType: 'OrganizationChangeProposal', entityId: p.id, action: 'ACCEPTED', changes: { organizationId: org.id, changeId, fields: persons ? [...diff.fields, 'persons'] : diff.fields }, reason: n });
    return p.id;
  });
}

/** An official rejects with a reason: nothing changes. */
export async function rejectOrganizationChange(ctx: Ctx, input: { id: string; reason: string }): Promise<string> {
  const why = required(input.reason, 'reason', '驳回理由', 'Reason');
  if ([...why].length > 1000) throw badInput('理由不能超过 1000 个字符', 'The reason must be at most 1,000 characters', { field: 'reason' });
  return inTransaction(ctx, async (uow) => {
    const p = await loadProposal(uow.tx, input.id, 'REJECT', officialOf(ctx));
    await decide(uow.tx, ctx, p, 'REJECTED', why);
    uow.audit({ entityType: 'OrganizationChangeProposal', entityId: p.id, action: 'REJECTED', changes: { organizationId: p.organizationId }, reason: why });
    return p.id;
  });
}

/** The proposing organization withdraws its pending proposal. */
export async function withdrawOrganizationChange(ctx: Ctx, input: { id: string }): Promise<string> {
  return inTransaction(ctx, async (uow) => {
    const p = await loadProposal(uow.tx, input.id, 'WITHDRAW', (p) => {
      if (!ctx.identity.org || ctx.identity.org !== p.proposedByOrg) throw forbidden('只能撤回本单位提出的申请', 'You may only withdraw your own organization\'s proposals');
    });
    await decide(uow.tx, ctx, p, 'WITHDRAWN', null);
    uow.audit({ entityType: 'OrganizationChangeProposal', entityId: p.id, action: 'WITHDRAWN', changes: { organizationId: p.organizationId } });
    return p.id;
  });
}
