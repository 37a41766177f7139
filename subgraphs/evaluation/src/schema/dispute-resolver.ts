import { Arg, Args, Ctx, Field, ID, InputType, Mutation, ObjectType, Query, Resolver, registerEnumType } from 'type-graphql';
import { Connection, LocalDateScalar, PageArgs, connectionOf, type RequestContext } from '@pdo/platform';
import { todayInShanghai } from '@pdo/policy';
import { KIND_RULES, isDisputeOverdue } from '../domain/disputes.js';
import * as disputes from '../services/disputes.js';
import type { DisputeRow } from '../services/disputes.js';
import type { Loaders } from '../loaders/index.js';
import { Organization, orgRef } from './common.js';

/** 争议处置 (QHD: coordination by the data authority and appeals; TZ Art 15; RG Art 12). */
export enum DisputeKind {
  /** Source unit vs operator, coordinated by the data authority (QHD). */
  AGENCY_OPERATOR = 'AGENCY_OPERATOR',
  /** Secondary developers' appeals (QHD). */
  PLATFORM_ENTRY_APPEAL = 'PLATFORM_ENTRY_APPEAL',
  DATA_USE_APPEAL = 'DATA_USE_APPEAL',
  EXPORT_REVIEW_APPEAL = 'EXPORT_REVIEW_APPEAL',
  /** Objections: registration (RG Art 12: real name + evidence), selection (TZ Art 15). */
  REGISTRATION_OBJECTION = 'REGISTRATION_OBJECTION',
  SELECTION_OBJECTION = 'SELECTION_OBJECTION',
}
registerEnumType(DisputeKind, { name: 'DisputeKind', description: '争议/申诉/异议类型 | Dispute, appeal or objection kind', valuesConfig: { AGENCY_OPERATOR: { description: '数源单位与运营机构之间的争议，由数据主管部门协调（QHD）| Between a source unit and an operator, coordinated by the data authority (QHD)' }, DATA_USE_APPEAL: { description: '数据使用申诉 | Appeal about data use' }, EXPORT_REVIEW_APPEAL: { description: '出境审查申诉 | Appeal against an export review' }, PLATFORM_ENTRY_APPEAL: { description: '平台准入申诉 | Appeal against a platform entry decision' }, REGISTRATION_OBJECTION: { description: '登记异议（实名并附证据，RG第12条）| Objection to a registration, by name with evidence (RG Art 12)' }, SELECTION_OBJECTION: { description: '遴选异议（TZ第15条）| Objection to an operator selection (TZ Art 15)' } } });

export enum DisputeStatus {
  FILED = 'FILED',
  IN_HANDLING = 'IN_HANDLING',
  RESOLVED = 'RESOLVED',
}
registerEnumType(DisputeStatus, { name: 'DisputeStatus', description: '争议办理状态 | Status of a dispute', valuesConfig: { FILED: { description: '已提出 | Filed' }, IN_HANDLING: { description: '处理中 | In handling' }, RESOLVED: { description: '已办结 | Resolved' } } });

export enum DisputeOutcome {
  UPHELD = 'UPHELD',
  REJECTED = 'REJECTED',
  SETTLED = 'SETTLED',
}
registerEnumType(DisputeOutcome, { name: 'DisputeOutcome', description: '争议处理结果 | Outcome of a dispute', valuesConfig: { UPHELD: { description: '投诉成立 | Upheld' }, REJECTED: { description: '投诉不成立 | Rejected' }, SETTLED: { description: '调解结案 | Settled' } } });


@ObjectType({ description: '争议证据 | Evidence of a dispute' })
export class DisputeEvidence {
  @Field(() => String, { description: '证据名称 | Title' }) title!: string;
  @Field(() => String, { nullable: true, description: '证据链接 | Where it can be read' }) uri!: string | null;
}

@ObjectType({ description: '争议 | Dispute, appeal or objection' })
export class Dispute {
  @Field(() => ID, { description: '争议标识 | Id of the dispute' }) id!: string;
  @Field(() => String, { description: '辖区 | Jurisdiction' }) jurisdiction!: string;
  @Field(() => DisputeKind, { description: '争议类型 | Kind of dispute' }) kind!: string;
  @Field(() => String, { description: '依据 | Rule it is handled under' }) rule!: string;
  @Field(() => Organization, { description: '投诉方 | Complainant' }) complainant!: Organization;
  @Field(() => String, { description: '实名 | Real name of the complainant' }) complainantName!: string;
  @Field(() => Organization, { nullable: true, description: '被投诉方 | Respondent' }) respondent!: Organization | null;
  @Field(() => String, { description: '争议事项 | What the dispute is about' }) subject!: string;
  @Field(() => ID, { nullable: true, description: '相关对象标识 | Id of the object concerned' }) subjectRef!: string | null;
  @Field(() => [DisputeEvidence], { description: '证据 | Evidence' }) evidence!: DisputeEvidence[];
  @Field(() => DisputeStatus, { description: '办理状态 | Status' }) status!: string;
  @Field(() => Date, { description: '提出时间 | When filed' }) filedAt!: string;
  @Field(() => Date, { nullable: true, description: '开始处理时间 | When handling started' }) handlingStartedAt!: string | null;
  @Field(() => LocalDateScalar, { nullable: true, description: '处理期限 | Decision deadline' }) dueOn!: string | null;
  @Field(() => Boolean, { description: '是否逾期未办结 | Open past its due date' }) overdue!: boolean;
  @Field(() => DisputeOutcome, { nullable: true, description: '处理结果 | Outcome' }) outcome!: string | null;
  @Field(() => String, { nullable: true, description: '处理决定 | Decision' }) decision!: string | null;
  @Field(() => Date, { nullable: true, description: '决定时间 | When decided' }) decidedAt!: string | null;
}

@ObjectType({ description: '争议分页列表 | Page of disputes' })
export class DisputeConnection extends Connection(Dispute) {}

@InputType({ description: '争议证据 | Evidence of a dispute' })
export class DisputeEvidenceInput {
  @Field(() => String, { description: '证据名称 | Title' }) title!: string;
  @Field(() => String, { nullable: true, description: '证据链接 | Where it can be read' }) uri?: string | null;
}

@InputType({ description: '提出争议或投诉 | File a dispute or complaint' })
export class FileDisputeInput {
  @Field(() => DisputeKind, { description: '争议类型 | Kind of dispute' }) kind!: DisputeKind;
  @Field(() => ID, { nullable: true, description: '被投诉主体 | Id of the respondent' }) respondentOrgId?: string | null;
  @Field(() => String, { description: '争议事项 | What the dispute is about' }) subject!: string;
  @Field(() => ID, { nullable: true, description: '所涉对象（登记、产品、协议…）| The record the dispute is about' }) subjectRef?: string | null;
  @Field(() => String, { description: '投诉方名称 | Name of the complainant' }) complainantName!: string;
  @Field(() => [DisputeEvidenceInput], { defaultValue: [], description: '证据 | Evidence' }) evidence!: DisputeEvidenceInput[];
}

const toDispute = (r: DisputeRow, today: string): Dispute => ({
  id: r.id,
  jurisdiction: r.jurisdiction,
  kind: r.kind,
  rule: KIND_RULES[r.kind as DisputeKind].rule,
  complainant: orgRef(r.complainant_org)!,
  complainantName: r.complainant_name,
  respondent: orgRef(r.respondent_org),
  subject: r.subject,
  subjectRef: r.subject_ref,
  evidence: r.evidence.map((e) => ({ title: e.title, uri: e.uri ?? null })),
  status: r.status,
  filedAt: r.filed_at,
  handlingStartedAt: r.handling_started_at,
  dueOn: r.due_on,
  overdue: isDisputeOverdue(r.status, r.due_on, today),
  outcome: r.outcome,
  decision: r.decision,
  decidedAt: r.decided_at,
});

@Resolver(() => Dispute)
export class DisputeResolver {
  @Query(() => DisputeConnection, { description: '争议（主管部门看全辖区，当事方看本方）| Disputes: authority all, parties their own' })
  async disputes(
    @Arg('jurisdiction', () => String, { description: '辖区 | Jurisdiction' }) jurisdiction: string,
    @Arg('status', () => DisputeStatus, { nullable: true, description: '只看该状态 | Only in this status' }) status: string | null,
    @Arg('overdueOnly', () => Boolean, { defaultValue: false, description: '只看逾期未办结的 | Only those past their due date' }) overdueOnly: boolean,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: RequestContext<Loaders>,
  ) {
    const today = todayInShanghai(ctx.now);
    return connectionOf(page, (window) => disputes.disputes(ctx, { jurisdiction, status, overdueOnly, window }), (r) => toDispute(r, today));
  }

  @Query(() => Dispute, { nullable: true, description: '争议 | A dispute' })
  async dispute(@Arg('id', () => ID, { description: '争议标识 | Id of the dispute' }) id: string, @Ctx() ctx: RequestContext<Loaders>) {
    const r = await disputes.dispute(ctx, { id });
    return r ? toDispute(r, todayInShanghai(ctx.now)) : null;
  }

  @Mutation(() => Dispute, { description: '提起争议、申诉或异议 | File a dispute, appeal or objection' })
  async fileDispute(@Arg('input', () => FileDisputeInput, { description: '争议内容 | The dispute' }) input: FileDisputeInput, @Ctx() ctx: RequestContext<Loaders>) {
    return toDispute(await disputes.fileDispute(ctx, input), todayInShanghai(ctx.now));
  }

  @Mutation(() => Dispute, { description: '主管部门受理并设定处理期限 | Authority takes the dispute up, with a deadline' })
  async startDisputeHandling(@Arg('disputeId', () => ID, { description: '争议标识 | Id of the dispute' }) disputeId: string, @Arg('dueOn', () => LocalDateScalar, { description: '办结期限 | Day it must be decided by' }) dueOn: string, @Ctx() ctx: RequestContext<Loaders>) {
    return toDispute(await disputes.startDisputeHandling(ctx, { disputeId, dueOn }), todayInShanghai(ctx.now));
  }

  @Mutation(() => Dispute, { description: '作出处理决定 | Decide the dispute' })
  async resolveDispute(
    @Arg('disputeId', () => ID, { description: '争议标识 | Id of the dispute' }) disputeId: string,
    @Arg('outcome', () => DisputeOutcome, { description: '处理结果 | Outcome' }) outcome: DisputeOutcome,
    @Arg('decision', () => String, { description: '处理决定 | Decision' }) decision: string,
    @Ctx() ctx: RequestContext<Loaders>,
  ) {
    return toDispute(await disputes.resolveDispute(ctx, { disputeId, outcome, decision }), todayInShanghai(ctx.now));
  }
}
