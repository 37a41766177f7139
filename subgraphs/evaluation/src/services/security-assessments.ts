import { conflict, inTransaction, newId, notFound, requireJurisdiction, type Identity, type UnitOfWork } from '@pdo/platform';
import { isLocalDate, todayInShanghai } from '@pdo/policy';
import { profileOf } from '../data/profile.js';
import { SECURITY_DUTY_SCOPE, dutyOrgFilter } from '../access.js';
import { badInput } from '../domain/refusal.js';
import { assessmentReportDue, checkAssessmentReport, checkPastDate, talkBasis, type TalkGround } from '../domain/security-duties.js';
import {
  assessmentById,
  assessmentPage,
  insertAssessment,
  insertTalk,
  lastAssessedOn,
  orgOfJurisdiction,
  recordAssessmentReport,
  recordFollowUp,
  talkById,
  talkPage,
  type AssessmentRow,
} from '../data/security-duties.js';
import { useCase } from './refusals.js';

export type { AssessmentRow, TalkRow } from '../data/security-duties.js';

type Window = { limit: number; offset: number };
const text = (v: string | null | undefined, field: string, zh: string, en: string) => {
  const t = v?.trim();
  if (!t) throw badInput(zh, en, { field });
  return t;
};

async function lockedAssessment(tx: UnitOfWork['tx'], id: string, identity: Identity): Promise<AssessmentRow> {
  const a = await assessmentById(tx, id, true);
  if (!a) throw notFound('安全评估', 'Security assessment', id);
  requireJurisdiction(identity, a.jurisdiction);
  return a;
}

/** An operator known in the jurisdiction (its organization registered there). */
async function knownOperator(tx: UnitOfWork['tx'], operatorId: string, jurisdiction: string): Promise<void> {
  if (!(await orgOfJurisdiction(tx, operatorId, jurisdiction))) throw notFound('本辖区的运营机构', 'Operator in this jurisdiction', operatorId);
}

export const securityAssessments = useCase(async (ctx, input: { jurisdiction: string; operatorId: string | null; window: Window }) => {
  const operatorId = dutyOrgFilter(ctx.identity, input.jurisdiction, input.operatorId);
  return assessmentPage(ctx.em, ctx.identity, SECURITY_DUTY_SCOPE, { jurisdiction: input.jurisdiction, operatorId }, input.window);
});

/**
 * The data authority commissions a third-party security assessment (TZ Art 27: 定期委托第三方机构). The report is due
 * when the authority says, or one profile interval after the last assessment where the profile states one.
 */
export const commissionSecurityAssessment = useCase(async (ctx, input: { jurisdiction: string; operatorId: string; assessor: string; commissionedOn: string; reportDueOn?: string | null }) => {
  requireJurisdiction(ctx.identity, input.jurisdiction);
  const today = todayInShanghai(ctx.now);
  const assessor = text(input.assessor, 'input.assessor', '须填写第三方评估机构', 'Name the third-party assessor');
  const commissionedOn = checkPastDate(input.commissionedOn, today, 'input.commissionedOn');
  return inTransaction(ctx, async ({ tx, audit }) => {
    const profile = await profileOf(tx, input.jurisdiction);
    await knownOperator(tx, input.operatorId, input.jurisdiction);
    const reportDueOn = assessmentReportDue(profile, input.reportDueOn, commissionedOn, await lastAssessedOn(tx, input.operatorId));
    const id = newId();
    await insertAssessment(tx, { id, jurisdiction: input.jurisdiction, operatorId: input.operatorId, assessor, commissionedOn, reportDueOn, by: ctx.identity.sub, at: ctx.now });
    audit({ entityType: 'SecurityAssessment', entityId: id, action: 'COMMISSIONED', changes: { operatorId: input.operatorId, assessor, commissionedOn, reportDueOn } });
    return (await assessmentById(tx, id))!;
  });
});

/** The assessor's findings; a significant or major risk carries the follow-up (整改) and its deadline. */
export const recordSecurityAssessmentReport = useCase(
  async (ctx, input: { assessmentId: string; assessedOn: string; riskLevel: string; findings: string; followUp?: string | null; followUpDueOn?: string | null }) => {
    const today = todayInShanghai(ctx.now);
    const assessedOn = checkPastDate(input.assessedOn, today, 'input.assessedOn');
    const findings = text(input.findings, 'input.findings', '须记录评估发现', 'The findings are required');
    const followUp = input.followUp?.trim() || null;
    const followUpDueOn = input.followUpDueOn ?? null;
    checkAssessmentReport(input.riskLevel, followUp, followUpDueOn, assessedOn);
    return inTransaction(ctx, async ({ tx, audit }) => {
      const a = await lockedAssessment(tx, input.assessmentId, ctx.identity);
      if (a.status !== 'COMMISSIONED') throw conflict('评估报告已记录', 'The report is already recorded', { details: { status: a.status } });
      if (assessedOn < a.commissioned_on) throw badInput('评估日期不能早于委托日期', 'The assessment cannot precede its commissioning', { field: 'input.assessedOn' });
      await recordAssessmentReport(tx, a.id, { assessedOn, riskLevel: input.riskLevel, findings, followUp, followUpDueOn });
      audit({ entityType: 'SecurityAssessment', entityId: a.id, action: 'REPORTED', changes: { assessedOn, riskLevel: input.riskLevel, followUpDueOn } });
      return (await assessmentById(tx, a.id))!;
    });
  },
);

/** The authority's assessment of the follow-up (整改情况评估), which closes the assessment. */
export const recordSecurityAssessmentFollowUp = useCase(async (ctx, input: { assessmentId: string; followedUpOn: string; result: string }) => {
  const followedUpOn = checkPastDate(input.followedUpOn, todayInShanghai(ctx.now), 'input.followedUpOn');
  const result = text(input.result, 'input.result', '须记录整改结果', 'The follow-up result is required');
  return inTransaction(ctx, async ({ tx, audit }) => {
    const a = await lockedAssessment(tx, input.assessmentId, ctx.identity);
    if (a.status !== 'REPORTED') throw conflict('该评估没有待整改事项', 'The assessment has no open follow-up', { details: { status: a.status } });
    await recordFollowUp(tx, a.id, followedUpOn, result);
    audit({ entityType: 'SecurityAssessment', entityId: a.id, action: 'FOLLOWED_UP', changes: { followedUpOn, result } });
    return (await assessmentById(tx, a.id))!;
  });
});

export const formalTalks = useCase(async (ctx, input: { jurisdiction: string; operatorId: string | null; window: Window }) => {
  const operatorId = dutyOrgFilter(ctx.identity, input.jurisdiction, input.operatorId);
  return talkPage(ctx.em, ctx.identity, SECURITY_DUTY_SCOPE, { jurisdiction: input.jurisdiction, operatorId }, input.window);
});

export interface FormalTalkInput {
  jurisdiction: string;
  operatorId: string;
  heldOn: string;
  talkedWith: string;
  ground: TalkGround;
  basis?: string | null;
  reason: string;
  outcome: string;
  rectificationDueOn?: string | null;
  assessmentId?: string | null;
}

/**
 * A formal talk (约谈) as a recorded supervisory act: who was talked with, when, why (the ground and its basis — the
 * jurisdiction's text where it provides the ground, else the basis the authority cites), and the outcome. It is not
 * disclosed to the public: no seed provides for that; the supervisors of the jurisdiction and the operator see it.
 */
export const recordFormalTalk = useCase(async (ctx, input: FormalTalkInput) => {
  requireJurisdiction(ctx.identity, input.jurisdiction);
  const today = todayInShanghai(ctx.now);
  const heldOn = checkPastDate(input.heldOn, today, 'input.heldOn');
  const talkedWith = text(input.talkedWith, 'input.talkedWith', '须填写约谈对象', 'Name who was talked with');
  const reason = text(input.reason, 'input.reason', '须说明约谈事由', 'The reason is required');
  const outcome = text(input.outcome, 'input.outcome', '须记录约谈结果', 'The outcome is required');
  const due = input.rectificationDueOn ?? null;
  if (due !== null && (!isLocalDate(due) || due <= heldOn)) throw badInput('整改期限须晚于约谈日期', 'The rectification deadline must be after the talk', { field: 'input.rectificationDueOn' });
  return inTransaction(ctx, async ({ tx, audit }) => {
    const profile = await profileOf(tx, input.jurisdiction);
    await knownOperator(tx, input.operatorId, input.jurisdiction);
    let assessment: AssessmentRow | null = null;
    if (input.assessmentId) {
      assessment = (await assessmentById(tx, input.assessmentId)) ?? null;
      if (!assessment || assessment.jurisdiction !== input.jurisdiction || assessment.operator_id !== input.operatorId) throw notFound('该运营机构的安全评估', 'Security assessment of this operator', input.assessmentId);
    }
    const basis = talkBasis(profile, input.ground, input.basis, assessment ? { riskLevel: assessment.risk_level } : null);
    const id = newId();
    const row = {
      id, jurisdiction: input.jurisdiction, operator_id: input.operatorId, held_on: heldOn, talked_with: talkedWith, conducted_by_org: ctx.identity.org,
      ground: input.ground, basis, reason, outcome, rectification_due_on: due, assessment_id: assessment?.id ?? null,
      recorded_by: ctx.identity.sub, recorded_at: ctx.now,
    };
    await insertTalk(tx, row);
    audit({ entityType: 'FormalTalk', entityId: id, action: 'RECORDED', changes: { operatorId: input.operatorId, heldOn, ground: input.ground, basis, talkedWith, outcome, rectificationDueOn: due } });
    return (await talkById(tx, id))!;
  });
});
