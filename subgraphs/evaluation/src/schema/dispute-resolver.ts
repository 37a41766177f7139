import { randomUUID } from 'node:crypto';
import { Arg, Args, Ctx, Field, ID, InputType, Mutation, ObjectType, Query, Resolver, registerEnumType } from 'type-graphql';
import {
  Connection,
  LocalDateScalar,
  PageArgs,
  badInput,
  conflict,
  assertInScope,
  forbidden,
  inTransaction,
  notFound,
  pageRows,
  pageWindow,
  requireJurisdiction,
  sql,
  sqlOne,
  toConnection,
  type Identity,
  type RequestContext,
} from '@pdo/platform';
import { requireAuthorityOf, today } from '../domain/access.js';
import type { Loaders } from '../loaders/index.js';
import { Organization, orgRef } from './common.js';

/** 争议处置 (QHD: coordination by the data authority and appeals; TZ Art 15; RG Art 12). */
export enum DisputeKind {
  /** Source agency vs operator, coordinated by the data authority (QHD). */
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

/** Who may raise each kind, and the rule it rests on. */
const KIND_RULES: Record<DisputeKind, { roles: Identity['role'][]; rule: string }> = {
  AGENCY_OPERATOR: { roles: ['SOURCE_UNIT', 'OPERATOR'], rule: 'QHD: coordinated by the data authority' },
  PLATFORM_ENTRY_APPEAL: { roles: ['DEVELOPER'], rule: 'QHD: secondary developer appeal' },
  DATA_USE_APPEAL: { roles: ['DEVELOPER'], rule: 'QHD: secondary developer appeal' },
  EXPORT_REVIEW_APPEAL: { roles: ['DEVELOPER'], rule: 'QHD: secondary developer appeal' },
  REGISTRATION_OBJECTION: { roles: ['AGENCY', 'SOURCE_UNIT', 'OPERATOR', 'DEVELOPER', 'EXPERT', 'FINANCE'], rule: 'RG Art 12' },
  SELECTION_OBJECTION: { roles: ['OPERATOR', 'DEVELOPER', 'AGENCY', 'SOURCE_UNIT'], rule: 'TZ Art 15' },
};

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
  @Field(() => Date) filedAt!: Date;
  @Field(() => Date, { nullable: true }) handlingStartedAt!: Date | null;
  @Field(() => LocalDateScalar, { nullable: true, description: '处理期限 | Decision deadline' }) dueOn!: string | null;
  @Field(() => Boolean) overdue!: boolean;
  @Field(() => DisputeOutcome, { nullable: true }) outcome!: string | null;
  @Field(() => String, { nullable: true }) decision!: string | null;
  @Field(() => Date, { nullable: true }) decidedAt!: Date | null;
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

interface DisputeRow {
  id: string;
  jurisdiction: string;
  kind: DisputeKind;
  complainant_org: string;
  complainant_name: string;
  respondent_org: string | null;
  subject: string;
  subject_ref: string | null;
  evidence: DisputeEvidence[];
  status: string;
  filed_at: Date;
  handling_started_at: Date | null;
  due_on: string | null;
  outcome: string | null;
  decision: string | null;
  decided_at: Date | null;
}
const COLS = `id, jurisdiction, kind, complainant_org, complainant_name, respondent_org, subject, subject_ref, evidence, status, filed_at, handling_started_at, due_on::text, outcome, decision, decided_at`;

const toDispute = (r: DisputeRow, t: string): Dispute => ({
  id: r.id,
  jurisdiction: r.jurisdiction,
  kind: r.kind,
  rule: KIND_RULES[r.kind].rule,
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
  overdue: r.status === 'IN_HANDLING' && !!r.due_on && r.due_on < t,
  outcome: r.outcome,
  decision: r.decision,
  decidedAt: r.decided_at,
});

async function loadDispute(em: RequestContext['em'], id: string, lock = false): Promise<DisputeRow> {
  const r = await sqlOne<DisputeRow>(em, `select ${COLS} from dispute where id = $1${lock ? ' for update' : ''}`, [id]);
  if (!r) throw notFound('争议', 'Dispute', id);
  return r;
}

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
    requireJurisdiction(ctx.identity, jurisdiction);
    const all = ctx.identity.role === 'AUTHORITY';
    const win = pageWindow(page);
    const { rows, totalCount } = await pageRows<DisputeRow>(
      ctx.em,
      {
        select: COLS,
        from: `dispute
        where jurisdiction = $1 and ($2::text is null or status = $2) and ($3::boolean or complainant_org = $4 or respondent_org = $4)
          and (not $5::boolean or (status = 'IN_HANDLING' and due_on < $6::date))`,
        orderBy: `filed_at desc, id`,
        params: [jurisdiction, status, all, ctx.identity.org, overdueOnly, today(ctx.now)],
      },
      win,
    );
    return toConnection(rows.map((r) => toDispute(r, today(ctx.now))), totalCount, win);
  }

  @Query(() => Dispute, { nullable: true })
  async dispute(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext<Loaders>) {
    const r = await sqlOne<DisputeRow>(ctx.em, `select ${COLS} from dispute where id = $1`, [id]);
    if (!r) return null;
    // Its parties and the authority of its jurisdiction (packages/platform/src/access/scope.ts).
    assertInScope(ctx.identity, { jurisdiction: r.jurisdiction, orgIds: [r.complainant_org, r.respondent_org] }, { officials: ['AUTHORITY'], entity: ['争议', 'Dispute'], id });
    return toDispute(r, today(ctx.now));
  }

  @Mutation(() => Dispute, { description: '提起争议、申诉或异议 | File a dispute, appeal or objection' })
  async fileDispute(@Arg('input', () => FileDisputeInput) input: FileDisputeInput, @Ctx() ctx: RequestContext<Loaders>) {
    const k = KIND_RULES[input.kind];
    // Who may raise this kind is an object-level rule (the platform gate admits the union of all kinds).
    if (!k.roles.includes(ctx.identity.role)) {
      throw forbidden('您的角色不能提起此类争议', 'Your role cannot raise this kind of dispute', { rule: k.rule, details: { kind: input.kind, kindRoles: k.roles } });
    }
    const jurisdiction = ctx.identity.jurisdiction;
    const org = ctx.identity.org;
    if (!jurisdiction || !org) throw forbidden('需要单位和辖区身份', 'An organization and jurisdiction are required');
    if (!input.subject?.trim()) throw badInput('须说明争议事项', 'A subject is required', { field: 'input.subject' });
    if (!input.complainantName?.trim()) throw badInput('须实名提出', 'The complainant’s real name is required', { field: 'input.complainantName', rule: 'RG Art 12' });
    if (input.kind === DisputeKind.REGISTRATION_OBJECTION && input.evidence.length === 0) {
      throw badInput('登记异议须附证据', 'A registration objection needs evidence', { field: 'input.evidence', rule: 'RG Art 12' });
    }
    if (input.kind === DisputeKind.AGENCY_OPERATOR && !input.respondentOrgId) {
      throw badInput('须指明对方单位', 'Name the other party', { field: 'input.respondentOrgId', rule: k.rule });
    }
    if (input.respondentOrgId === org) throw badInput('不能对本单位提起争议', 'You cannot dispute with your own organization', { field: 'input.respondentOrgId' });
    if (input.evidence.some((e) => !e.title?.trim())) throw badInput('证据须有标题', 'Every evidence item needs a title', { field: 'input.evidence' });
    return inTransaction(ctx, async ({ tx, audit }) => {
      const id = randomUUID();
      await sql(
        tx,
        `insert into dispute (id, jurisdiction, kind, complainant_org, complainant_name, respondent_org, subject, subject_ref, evidence, status, filed_by, filed_at)
         values ($1,$2,$3,$4,$5,$6,$7,$8,$9::jsonb,'FILED',$10,$11)`,
        [id, jurisdiction, input.kind, org, input.complainantName.trim(), input.respondentOrgId ?? null, input.subject.trim(), input.subjectRef ?? null,
          JSON.stringify(input.evidence.map((e) => ({ title: e.title.trim(), uri: e.uri ?? null }))), ctx.identity.sub, ctx.now],
      );
      audit({ entityType: 'Dispute', entityId: id, action: 'FILED', changes: { kind: input.kind, respondent: input.respondentOrgId ?? null, subject: input.subject.trim() } });
      return toDispute(await loadDispute(tx, id), today(ctx.now));
    });
  }

  @Mutation(() => Dispute, { description: '主管部门受理并设定处理期限 | Authority takes the dispute up, with a deadline' })
  async startDisputeHandling(@Arg('disputeId', () => ID) disputeId: string, @Arg('dueOn', () => LocalDateScalar) dueOn: string, @Ctx() ctx: RequestContext<Loaders>) {
    return inTransaction(ctx, async ({ tx, audit }) => {
      const r = await loadDispute(tx, disputeId, true);
      requireAuthorityOf(ctx.identity, r.jurisdiction);
      if (r.status !== 'FILED') throw conflict('该争议已受理或已处理', 'The dispute is already being handled or resolved', { details: { status: r.status } });
      if (dueOn <= today(ctx.now)) throw badInput('处理期限须晚于今天', 'The deadline must be after today', { field: 'dueOn' });
      await sql(tx, `update dispute set status = 'IN_HANDLING', handler_sub = $2, handling_started_at = $3, due_on = $4 where id = $1`, [r.id, ctx.identity.sub, ctx.now, dueOn]);
      audit({ entityType: 'Dispute', entityId: r.id, action: 'HANDLING_STARTED', changes: { dueOn } });
      return toDispute(await loadDispute(tx, r.id), today(ctx.now));
    });
  }

  @Mutation(() => Dispute, { description: '作出处理决定 | Decide the dispute' })
  async resolveDispute(
    @Arg('disputeId', () => ID) disputeId: string,
    @Arg('outcome', () => DisputeOutcome) outcome: DisputeOutcome,
    @Arg('decision', () => String) decision: string,
    @Ctx() ctx: RequestContext<Loaders>,
  ) {
    if (!decision?.trim()) throw badInput('须写明处理决定', 'The decision text is required', { field: 'decision' });
    return inTransaction(ctx, async ({ tx, audit }) => {
      const r = await loadDispute(tx, disputeId, true);
      requireAuthorityOf(ctx.identity, r.jurisdiction);
      if (r.status !== 'IN_HANDLING') throw conflict('须先受理才能作出决定', 'Take the dispute up before deciding it', { details: { status: r.status } });
      await sql(tx, `update dispute set status = 'RESOLVED', outcome = $2, decision = $3, decided_at = $4 where id = $1`, [r.id, outcome, decision.trim(), ctx.now]);
      audit({ entityType: 'Dispute', entityId: r.id, action: 'RESOLVED', changes: { outcome, decision: decision.trim(), late: !!r.due_on && r.due_on < today(ctx.now) } });
      return toDispute(await loadDispute(tx, r.id), today(ctx.now));
    });
  }
}
