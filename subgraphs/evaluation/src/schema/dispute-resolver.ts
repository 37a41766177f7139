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
registerEnumType(DisputeKind, { name: 'DisputeKind', description: '争议/申诉/异议类型 | Dispute, appeal or objection kind' });

export enum DisputeStatus {
  FILED = 'FILED',
  IN_HANDLING = 'IN_HANDLING',
  RESOLVED = 'RESOLVED',
}
registerEnumType(DisputeStatus, { name: 'DisputeStatus' });

export enum DisputeOutcome {
  UPHELD = 'UPHELD',
  REJECTED = 'REJECTED',
  SETTLED = 'SETTLED',
}
registerEnumType(DisputeOutcome, { name: 'DisputeOutcome' });


@ObjectType()
export class DisputeEvidence {
  @Field(() => String) title!: string;
  @Field(() => String, { nullable: true }) uri!: string | null;
}

@ObjectType({ description: '争议 | Dispute, appeal or objection' })
export class Dispute {
  @Field(() => ID) id!: string;
  @Field(() => String) jurisdiction!: string;
  @Field(() => DisputeKind) kind!: string;
  @Field(() => String) rule!: string;
  @Field(() => Organization) complainant!: Organization;
  @Field(() => String, { description: '实名 | Real name of the complainant' }) complainantName!: string;
  @Field(() => Organization, { nullable: true }) respondent!: Organization | null;
  @Field(() => String) subject!: string;
  @Field(() => ID, { nullable: true }) subjectRef!: string | null;
  @Field(() => [DisputeEvidence]) evidence!: DisputeEvidence[];
  @Field(() => DisputeStatus) status!: string;
  @Field(() => Date) filedAt!: string;
  @Field(() => Date, { nullable: true }) handlingStartedAt!: string | null;
  @Field(() => LocalDateScalar, { nullable: true, description: '处理期限 | Decision deadline' }) dueOn!: string | null;
  @Field(() => Boolean) overdue!: boolean;
  @Field(() => DisputeOutcome, { nullable: true }) outcome!: string | null;
  @Field(() => String, { nullable: true }) decision!: string | null;
  @Field(() => Date, { nullable: true }) decidedAt!: string | null;
}

@ObjectType()
export class DisputeConnection extends Connection(Dispute) {}

@InputType()
export class DisputeEvidenceInput {
  @Field(() => String) title!: string;
  @Field(() => String, { nullable: true }) uri?: string | null;
}

@InputType()
export class FileDisputeInput {
  @Field(() => DisputeKind) kind!: DisputeKind;
  @Field(() => ID, { nullable: true }) respondentOrgId?: string | null;
  @Field(() => String) subject!: string;
  @Field(() => ID, { nullable: true, description: '所涉对象（登记、产品、协议…）| The record the dispute is about' }) subjectRef?: string | null;
  @Field(() => String) complainantName!: string;
  @Field(() => [DisputeEvidenceInput], { defaultValue: [] }) evidence!: DisputeEvidenceInput[];
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
    @Arg('jurisdiction', () => String) jurisdiction: string,
    @Arg('status', () => DisputeStatus, { nullable: true }) status: string | null,
    @Arg('overdueOnly', () => Boolean, { defaultValue: false }) overdueOnly: boolean,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: RequestContext<Loaders>,
  ) {
    const today = todayInShanghai(ctx.now);
    return connectionOf(page, (window) => disputes.disputes(ctx, { jurisdiction, status, overdueOnly, window }), (r) => toDispute(r, today));
  }

  @Query(() => Dispute, { nullable: true })
  async dispute(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext<Loaders>) {
    const r = await disputes.dispute(ctx, { id });
    return r ? toDispute(r, todayInShanghai(ctx.now)) : null;
  }

  @Mutation(() => Dispute, { description: '提起争议、申诉或异议 | File a dispute, appeal or objection' })
  async fileDispute(@Arg('input', () => FileDisputeInput) input: FileDisputeInput, @Ctx() ctx: RequestContext<Loaders>) {
    return toDispute(await disputes.fileDispute(ctx, input), todayInShanghai(ctx.now));
  }

  @Mutation(() => Dispute, { description: '主管部门受理并设定处理期限 | Authority takes the dispute up, with a deadline' })
  async startDisputeHandling(@Arg('disputeId', () => ID) disputeId: string, @Arg('dueOn', () => LocalDateScalar) dueOn: string, @Ctx() ctx: RequestContext<Loaders>) {
    return toDispute(await disputes.startDisputeHandling(ctx, { disputeId, dueOn }), todayInShanghai(ctx.now));
  }

  @Mutation(() => Dispute, { description: '作出处理决定 | Decide the dispute' })
  async resolveDispute(
    @Arg('disputeId', () => ID) disputeId: string,
    @Arg('outcome', () => DisputeOutcome) outcome: DisputeOutcome,
    @Arg('decision', () => String) decision: string,
    @Ctx() ctx: RequestContext<Loaders>,
  ) {
    return toDispute(await disputes.resolveDispute(ctx, { disputeId, outcome, decision }), todayInShanghai(ctx.now));
  }
}
