import { Arg, Args, Ctx, Field, FieldResolver, ID, InputType, Int, Mutation, ObjectType, Query, Resolver, Root, registerEnumType } from 'type-graphql';
import { Connection, PageArgs, connectionOf, type RequestContext } from '@pdo/platform';
import { reportingDelayMinutes } from '../domain/incidents.js';
import * as incidents from '../services/incidents.js';
import type { IncidentRow } from '../services/incidents.js';
import type { Loaders } from '../loaders/index.js';
import { Organization, orgRef } from './common.js';

export enum SecurityIncidentType {
  DATA_LEAK = 'DATA_LEAK',
  DATA_LOSS = 'DATA_LOSS',
  TAMPERING = 'TAMPERING',
  RISKY_LINKAGE = 'RISKY_LINKAGE',
}
registerEnumType(SecurityIncidentType, { name: 'SecurityIncidentType', description: '安全事件类型：泄露、丢失、篡改、风险关联 | Incident type' });

export enum SecurityIncidentSeverity {
  LOW = 'LOW',
  MEDIUM = 'MEDIUM',
  HIGH = 'HIGH',
  CRITICAL = 'CRITICAL',
}
registerEnumType(SecurityIncidentSeverity, { name: 'SecurityIncidentSeverity' });

export enum SecurityIncidentActionKind {
  CONTAINMENT = 'CONTAINMENT',
  EMERGENCY_PLAN_ACTIVATED = 'EMERGENCY_PLAN_ACTIVATED',
  CYBERSPACE_AUTHORITY_NOTIFIED = 'CYBERSPACE_AUTHORITY_NOTIFIED',
  INVESTIGATION = 'INVESTIGATION',
  OTHER = 'OTHER',
}
registerEnumType(SecurityIncidentActionKind, { name: 'SecurityIncidentActionKind' });

@ObjectType()
export class SecurityIncidentAction {
  @Field(() => ID) id!: string;
  @Field(() => String, { description: 'REPORTED | NOTIFICATION_REQUIRED | CLOSED | SecurityIncidentActionKind' }) kind!: string;
  @Field(() => String) note!: string;
  @Field(() => String) actor!: string;
  @Field(() => Date) at!: string;
}

@ObjectType({ description: '安全事件 | Security incident' })
export class SecurityIncident {
  @Field(() => ID) id!: string;
  @Field(() => String) jurisdiction!: string;
  @Field(() => Organization, { nullable: true }) operator!: Organization | null;
  @Field(() => ID, { nullable: true }) operatorId!: string | null;
  @Field(() => ID, { nullable: true }) agreementId!: string | null;
  @Field(() => SecurityIncidentType) type!: string;
  @Field(() => SecurityIncidentSeverity) severity!: string;
  @Field(() => Date) occurredAt!: string;
  @Field(() => Date) reportedAt!: string;
  @Field(() => Int, { description: '发生到报告的分钟数（第一时间报告）| Minutes from occurrence to report' }) reportingDelayMinutes!: number;
  @Field(() => String) description!: string;
  @Field(() => [ID]) resourceIds!: string[];
  @Field(() => [ID]) productIds!: string[];
  @Field(() => Boolean, { description: '立即停止处理 | Processing stopped in the affected scope' }) stopProcessing!: boolean;
  @Field(() => Boolean, { description: '须报告网信部门 | Cyberspace authority must be notified' }) notifyCyberspaceAuthority!: boolean;
  @Field(() => String, { nullable: true }) notificationRule!: string | null;
  @Field(() => String, { description: 'OPEN | CLOSED' }) status!: string;
  @Field(() => Date, { nullable: true }) closedAt!: string | null;
  @Field(() => String, { nullable: true }) closureSummary!: string | null;
}

@ObjectType()
export class SecurityIncidentConnection extends Connection(SecurityIncident) {}

@InputType()
export class ReportSecurityIncidentInput {
  @Field(() => ID, { nullable: true, description: '运营机构（运营机构本身报告时忽略）| Operator concerned (an operator reports for itself)' }) operatorId?: string | null;
  @Field(() => ID, { nullable: true }) agreementId?: string | null;
  @Field(() => SecurityIncidentType) type!: SecurityIncidentType;
  @Field(() => SecurityIncidentSeverity) severity!: SecurityIncidentSeverity;
  @Field(() => Date) occurredAt!: Date;
  @Field(() => String) description!: string;
  @Field(() => [ID], { defaultValue: [] }) resourceIds!: string[];
  @Field(() => [ID], { defaultValue: [] }) productIds!: string[];
}

const toIncident = (r: IncidentRow): SecurityIncident => ({
  id: r.id,
  jurisdiction: r.jurisdiction,
  operator: orgRef(r.operator_id),
  operatorId: r.operator_id,
  agreementId: r.agreement_id,
  type: r.type,
  severity: r.severity,
  occurredAt: r.occurred_at,
  reportedAt: r.reported_at,
  reportingDelayMinutes: reportingDelayMinutes(r.occurred_at, r.reported_at),
  description: r.description,
  resourceIds: r.resource_ids,
  productIds: r.product_ids,
  stopProcessing: r.stop_processing,
  notifyCyberspaceAuthority: r.notify_cyberspace,
  notificationRule: r.notification_rule,
  status: r.status,
  closedAt: r.closed_at,
  closureSummary: r.closure_summary,
});

@Resolver(() => SecurityIncident)
export class SecurityIncidentResolver {
  @Query(() => SecurityIncidentConnection, { description: '安全事件 | Incidents (authority/agency: jurisdiction; others: their own)' })
  async securityIncidents(
    @Arg('jurisdiction', () => String) jurisdiction: string,
    @Arg('status', () => String, { nullable: true }) status: string | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: RequestContext<Loaders>,
  ) {
    return connectionOf(page, (window) => incidents.securityIncidents(ctx, { jurisdiction, status, window }), toIncident);
  }

  @Query(() => SecurityIncident, { nullable: true })
  async securityIncident(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext<Loaders>) {
    const r = await incidents.securityIncident(ctx, { id });
    return r ? toIncident(r) : null;
  }

  @FieldResolver(() => [SecurityIncidentAction], { description: '处置时间线 | Timeline' })
  async timeline(@Root() i: SecurityIncident, @Ctx() ctx: RequestContext<Loaders>) {
    return (await ctx.loaders.incidentActions.load(i.id)).map((a) => ({ id: a.id, kind: a.kind, note: a.note, actor: a.actor_sub, at: a.at }));
  }

  @Mutation(() => SecurityIncident, { description: '报告安全事件（运营机构或主管部门报告的风险关联立即停止处理）| Report an incident; risky linkage reported by the operator or an official stops processing' })
  async reportSecurityIncident(@Arg('input', () => ReportSecurityIncidentInput) input: ReportSecurityIncidentInput, @Ctx() ctx: RequestContext<Loaders>) {
    return toIncident(await incidents.reportSecurityIncident(ctx, input));
  }

  @Mutation(() => SecurityIncident, { description: '记录处置措施 | Record a response action' })
  async addSecurityIncidentAction(
    @Arg('incidentId', () => ID) incidentId: string,
    @Arg('kind', () => SecurityIncidentActionKind) kind: SecurityIncidentActionKind,
    @Arg('note', () => String) note: string,
    @Ctx() ctx: RequestContext<Loaders>,
  ) {
    return toIncident(await incidents.addSecurityIncidentAction(ctx, { incidentId, kind, note }));
  }

  @Mutation(() => SecurityIncident, { description: '关闭事件（恢复处理，公开摘要）| Close: processing may resume; a summary is disclosed' })
  async closeSecurityIncident(@Arg('incidentId', () => ID) incidentId: string, @Arg('summary', () => String) summary: string, @Ctx() ctx: RequestContext<Loaders>) {
    return toIncident(await incidents.closeSecurityIncident(ctx, { incidentId, summary }));
  }
}
