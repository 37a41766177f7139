import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { LocalDateScalar, PageArgs, connectionOf, type RequestContext } from '@pdo/platform';
import { todayInShanghai } from '@pdo/policy';
import { isOverdue } from '../domain/security-duties.js';
import * as plans from '../services/emergency-plans.js';
import * as assessments from '../services/security-assessments.js';
import { dutyProfile, dutyRule, securityDutiesDue, type DueDutyRow } from '../services/security-duties-due.js';
import type { EffectiveProfile } from '@pdo/policy';
import type { PlanRow } from '../services/emergency-plans.js';
import type { AssessmentRow, TalkRow } from '../services/security-assessments.js';
import type { Loaders } from '../loaders/index.js';
import { orgRef } from './common.js';
import {
  EmergencyDrill,
  EmergencyPlan,
  EmergencyPlanConnection,
  EmergencyPlanVersion,
  FormalTalk,
  FormalTalkConnection,
  RecordEmergencyPlanInput,
  RecordFormalTalkInput,
  SecurityAssessment,
  SecurityAssessmentConnection,
  SecurityDutyDue,
  SecurityDutyDueConnection,
  SecurityRiskLevel,
} from './security-duty-types.js';

type C = RequestContext<Loaders>;
const J = { description: '辖区 | Jurisdiction' };

const toPlan = (today: string) => (r: PlanRow): EmergencyPlan => ({
  id: r.id, jurisdiction: r.jurisdiction, holder: orgRef(r.holder_org_id)!, holderKind: r.holder_kind, agreementId: r.agreement_id, title: r.title,
  currentVersion: r.current_version, status: r.status, nextDrillDueOn: r.next_drill_due_on, drillOverdue: r.status === 'ACTIVE' && isOverdue(r.next_drill_due_on, today),
});
const toAssessment = (r: AssessmentRow): SecurityAssessment => ({
  id: r.id, jurisdiction: r.jurisdiction, operator: orgRef(r.operator_id)!, assessor: r.assessor, commissionedOn: r.commissioned_on, reportDueOn: r.report_due_on, status: r.status,
  assessedOn: r.assessed_on, riskLevel: r.risk_level, findings: r.findings, followUp: r.follow_up, followUpDueOn: r.follow_up_due_on, followedUpOn: r.followed_up_on, followUpResult: r.follow_up_result,
});
const toTalk = (r: TalkRow): FormalTalk => ({
  id: r.id, jurisdiction: r.jurisdiction, operator: orgRef(r.operator_id)!, heldOn: r.held_on, talkedWith: r.talked_with, ground: r.ground, basis: r.basis, reason: r.reason,
  outcome: r.outcome, rectificationDueOn: r.rectification_due_on, assessmentId: r.assessment_id, recordedBy: r.recorded_by,
});
const toDue = (profile: EffectiveProfile) => (r: DueDutyRow): SecurityDutyDue => ({ kind: r.kind, subjectId: r.subject_id, organization: orgRef(r.org_id)!, agreementId: r.agreement_id, dueOn: r.due_on, rule: dutyRule(r.kind, profile) });

@Resolver(() => EmergencyPlan)
export class EmergencyPlanResolver {
  @Query(() => EmergencyPlanConnection, { description: '应急预案（主管部门、实施机构：本辖区；制定单位：本单位）| Emergency plans (supervisors: the jurisdiction; holders: their own)' })
  emergencyPlans(
    @Arg('jurisdiction', () => String, J) jurisdiction: string,
    @Arg('holderOrgId', () => ID, { nullable: true, description: '只看该单位的预案 | Only this holder’s' }) holderOrgId: string | null,
    @Arg('agreementId', () => ID, { nullable: true, description: '只看该授权的预案 | Only for this authorization' }) agreementId: string | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: C,
  ) {
    return connectionOf(page, (window) => plans.emergencyPlans(ctx, { jurisdiction, holderOrgId, agreementId, window }), toPlan(todayInShanghai(ctx.now)));
  }

  @Query(() => EmergencyPlan, { nullable: true, description: '应急预案 | An emergency plan' })
  async emergencyPlan(@Arg('id', () => ID, { description: '预案标识 | Id of the plan' }) id: string, @Ctx() ctx: C) {
    const r = await plans.emergencyPlan(ctx, { id });
    return r ? toPlan(todayInShanghai(ctx.now))(r) : null;
  }

  @FieldResolver(() => [EmergencyPlanVersion], { description: '各版本 | Versions, oldest first' })
  async versions(@Root() p: EmergencyPlan, @Ctx() ctx: C) {
    return (await ctx.loaders.planVersions.load(p.id)).map((v) => ({ version: v.version, summary: v.summary, adoptedOn: v.adopted_on, drillEveryMonths: v.drill_every_months, recordedAt: v.recorded_at }));
  }

  @FieldResolver(() => [EmergencyDrill], { description: '演练记录 | Drills, oldest first' })
  async drills(@Root() p: EmergencyPlan, @Ctx() ctx: C) {
    return (await ctx.loaders.planDrills.load(p.id)).map((d) => ({ id: d.id, planVersion: d.plan_version, heldOn: d.held_on, scenario: d.scenario, findings: d.findings }));
  }

  @Mutation(() => EmergencyPlan, { description: '记录应急预案（JL §八(三)；HN 第8条；ZJC 一授权一预案）| Record an emergency plan' })
  async recordEmergencyPlan(@Arg('input', () => RecordEmergencyPlanInput, { description: '预案 | The plan' }) input: RecordEmergencyPlanInput, @Ctx() ctx: C) {
    return toPlan(todayInShanghai(ctx.now))(await plans.recordEmergencyPlan(ctx, input));
  }

  @Mutation(() => EmergencyPlan, { description: '修订应急预案（新版本）| Revise a plan: a new version' })
  async reviseEmergencyPlan(
    @Arg('planId', () => ID, { description: '预案标识 | Id of the plan' }) planId: string,
    @Arg('summary', () => String, { description: '修订后内容概要 | Summary of the new version' }) summary: string,
    @Arg('adoptedOn', () => LocalDateScalar, { description: '发布日期 | Adopted on' }) adoptedOn: string,
    @Arg('drillEveryMonths', () => Int, { nullable: true, description: '预案自定的演练间隔（月）| The plan’s own drill interval in months' }) drillEveryMonths: number | null,
    @Ctx() ctx: C,
  ) {
    return toPlan(todayInShanghai(ctx.now))(await plans.reviseEmergencyPlan(ctx, { planId, summary, adoptedOn, drillEveryMonths }));
  }

  @Mutation(() => EmergencyPlan, { description: '记录应急演练（ZJC §五(四)）| Record an emergency drill' })
  async recordEmergencyDrill(
    @Arg('planId', () => ID, { description: '预案标识 | Id of the plan' }) planId: string,
    @Arg('heldOn', () => LocalDateScalar, { description: '演练日期 | Held on' }) heldOn: string,
    @Arg('scenario', () => String, { description: '演练场景 | Scenario drilled' }) scenario: string,
    @Arg('findings', () => String, { description: '发现的问题 | Findings' }) findings: string,
    @Ctx() ctx: C,
  ) {
    return toPlan(todayInShanghai(ctx.now))(await plans.recordEmergencyDrill(ctx, { planId, heldOn, scenario, findings }));
  }
}

@Resolver(() => SecurityAssessment)
export class SecurityAssessmentResolver {
  @Query(() => SecurityAssessmentConnection, { description: '第三方安全评估 | Third-party security assessments' })
  securityAssessments(@Arg('jurisdiction', () => String, J) jurisdiction: string, @Arg('operatorId', () => ID, { nullable: true, description: '只看该运营机构 | Only this operator' }) operatorId: string | null, @Args(() => PageArgs) page: PageArgs, @Ctx() ctx: C) {
    return connectionOf(page, (window) => assessments.securityAssessments(ctx, { jurisdiction, operatorId, window }), toAssessment);
  }

  @Mutation(() => SecurityAssessment, { description: '委托第三方安全评估（TZ 第27条）| Commission a third-party security assessment (TZ Art 27)' })
  async commissionSecurityAssessment(
    @Arg('jurisdiction', () => String, J) jurisdiction: string,
    @Arg('operatorId', () => ID, { description: '被评估的运营机构 | The operator' }) operatorId: string,
    @Arg('assessor', () => String, { description: '第三方评估机构 | Third-party assessor' }) assessor: string,
    @Arg('commissionedOn', () => LocalDateScalar, { description: '委托日期 | Commissioned on' }) commissionedOn: string,
    @Arg('reportDueOn', () => LocalDateScalar, { nullable: true, description: '报告截止日（本辖区未规定周期时必填）| Report due by (required where no interval is set)' }) reportDueOn: string | null,
    @Ctx() ctx: C,
  ) {
    return toAssessment(await assessments.commissionSecurityAssessment(ctx, { jurisdiction, operatorId, assessor, commissionedOn, reportDueOn }));
  }

  @Mutation(() => SecurityAssessment, { description: '记录评估报告与整改要求 | Record the assessment’s findings and follow-up' })
  async recordSecurityAssessmentReport(
    @Arg('assessmentId', () => ID, { description: '评估标识 | Id of the assessment' }) assessmentId: string,
    @Arg('assessedOn', () => LocalDateScalar, { description: '评估日期 | Assessed on' }) assessedOn: string,
    @Arg('riskLevel', () => SecurityRiskLevel, { description: '风险等级 | Risk found' }) riskLevel: SecurityRiskLevel,
    @Arg('findings', () => String, { description: '评估发现 | Findings' }) findings: string,
    @Arg('followUp', () => String, { nullable: true, description: '整改要求 | Follow-up required' }) followUp: string | null,
    @Arg('followUpDueOn', () => LocalDateScalar, { nullable: true, description: '整改期限 | Follow-up due by' }) followUpDueOn: string | null,
    @Ctx() ctx: C,
  ) {
    return toAssessment(await assessments.recordSecurityAssessmentReport(ctx, { assessmentId, assessedOn, riskLevel, findings, followUp, followUpDueOn }));
  }

  @Mutation(() => SecurityAssessment, { description: '记录整改情况评估 | Record the assessment of the follow-up' })
  async recordSecurityAssessmentFollowUp(
    @Arg('assessmentId', () => ID, { description: '评估标识 | Id of the assessment' }) assessmentId: string,
    @Arg('followedUpOn', () => LocalDateScalar, { description: '整改评估日期 | Follow-up assessed on' }) followedUpOn: string,
    @Arg('result', () => String, { description: '整改结果 | Result' }) result: string,
    @Ctx() ctx: C,
  ) {
    return toAssessment(await assessments.recordSecurityAssessmentFollowUp(ctx, { assessmentId, followedUpOn, result }));
  }
}

@Resolver(() => FormalTalk)
export class FormalTalkResolver {
  @Query(() => FormalTalkConnection, { description: '约谈记录（主管部门、实施机构：本辖区；运营机构：本单位）| Formal talks (supervisors: the jurisdiction; operators: their own)' })
  formalTalks(@Arg('jurisdiction', () => String, J) jurisdiction: string, @Arg('operatorId', () => ID, { nullable: true, description: '只看该运营机构 | Only this operator' }) operatorId: string | null, @Args(() => PageArgs) page: PageArgs, @Ctx() ctx: C) {
    return connectionOf(page, (window) => assessments.formalTalks(ctx, { jurisdiction, operatorId, window }), toTalk);
  }

  @Mutation(() => FormalTalk, { description: '记录约谈（HN 第22条；TZ 第27条）| Record a formal talk (HN Art 22; TZ Art 27)' })
  async recordFormalTalk(@Arg('input', () => RecordFormalTalkInput, { description: '约谈 | The talk' }) input: RecordFormalTalkInput, @Ctx() ctx: C) {
    return toTalk(await assessments.recordFormalTalk(ctx, input));
  }

  @Query(() => SecurityDutyDueConnection, { description: '逾期的安全义务（监管待办）| Overdue security duties: the regulator’s due list' })
  async securityDutiesDue(@Arg('jurisdiction', () => String, J) jurisdiction: string, @Arg('orgId', () => ID, { nullable: true, description: '只看该单位 | Only this organization' }) orgId: string | null, @Args(() => PageArgs) page: PageArgs, @Ctx() ctx: C) {
    const rows = await connectionOf(page, (window) => securityDutiesDue(ctx, { jurisdiction, orgId, window }), (r: DueDutyRow) => r);
    const profile = await dutyProfile(ctx, { jurisdiction });
    return { ...rows, edges: rows.edges.map((e) => ({ ...e, node: toDue(profile)(e.node) })) };
  }
}
