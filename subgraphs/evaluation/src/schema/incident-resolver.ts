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
  DATA_DESTRUCTION = 'DATA_DESTRUCTION',
}
registerEnumType(SecurityIncidentType, { name: 'SecurityIncidentType', description: '安全事件类型：泄露、丢失、篡改、毁损、风险关联 | Incident type', valuesConfig: { DATA_DESTRUCTION: { description: '数据毁损（JL §八(三)；HN 第18条）| Data destruction (JL §8(3); HN Art 18)' }, DATA_LEAK: { description: '数据泄露 | Data leak' }, DATA_LOSS: { description: '数据丢失 | Data loss' }, TAMPERING: { description: '数据篡改 | Tampering' }, RISKY_LINKAGE: { description: '风险关联（再识别）| Risky linkage (re-identification)' } } });

export enum SecurityIncidentSeverity {
  LOW = 'LOW',
  MEDIUM = 'MEDIUM',
  HIGH = 'HIGH',
  CRITICAL = 'CRITICAL',
}
registerEnumType(SecurityIncidentSeverity, { name: 'SecurityIncidentSeverity', description: '安全事件严重程度 | Severity of a security incident', valuesConfig: { LOW: { description: '低 | Low' }, MEDIUM: { description: '中 | Medium' }, HIGH: { description: '高 | High' }, CRITICAL: { description: '特别重大 | Critical' } } });

export enum SecurityIncidentActionKind {
  CONTAINMENT = 'CONTAINMENT',
  EMERGENCY_PLAN_ACTIVATED = 'EMERGENCY_PLAN_ACTIVATED',
  CYBERSPACE_AUTHORITY_NOTIFIED = 'CYBERSPACE_AUTHORITY_NOTIFIED',
  INVESTIGATION = 'INVESTIGATION',
  OTHER = 'OTHER',
}
registerEnumType(SecurityIncidentActionKind, { name: 'SecurityIncidentActionKind', description: '安全事件处置措施类型 | Kind of action on an incident', valuesConfig: { CONTAINMENT: { description: '控制处置 | Containment' }, CYBERSPACE_AUTHORITY_NOTIFIED: { description: '已报告网信部门 | Cyberspace authority notified' }, EMERGENCY_PLAN_ACTIVATED: { description: '启动应急预案 | Emergency plan activated' }, INVESTIGATION: { description: '调查 | Investigation' }, OTHER: { description: '其他 | Other' } } });

@ObjectType({ description: '安全事件处置措施 | An action taken on a security incident' })
export class SecurityIncidentAction {
  @Field(() => ID, { description: '措施标识 | Id of the action' }) id!: string;
  @Field(() => String, { description: '措施类型：REPORTED / NOTIFICATION_REQUIRED / CLOSED 或处置措施类型 | REPORTED, NOTIFICATION_REQUIRED, CLOSED or a SecurityIncidentActionKind' }) kind!: string;
  @Field(() => String, { description: '说明 | Note' }) note!: string;
  @Field(() => String, { description: '处置人 | Who took it' }) actor!: string;
  @Field(() => Date, { description: '时间 | When' }) at!: string;
}

@ObjectType({ description: '安全事件 | Security incident' })
export class SecurityIncident {
  @Field(() => ID, { description: '事件标识 | Id of the incident' }) id!: string;
  @Field(() => String, { description: '辖区 | Jurisdiction' }) jurisdiction!: string;
  @Field(() => Organization, { nullable: true, description: '运营机构 | The operator' }) operator!: Organization | null;
  @Field(() => ID, { nullable: true, description: '运营机构标识 | Id of the operator' }) operatorId!: string | null;
  @Field(() => ID, { nullable: true, description: '授权运营协议标识 | Id of the authorization agreement' }) agreementId!: string | null;
  @Field(() => SecurityIncidentType, { description: '事件类型 | Kind of incident' }) type!: string;
  @Field(() => SecurityIncidentSeverity, { description: '严重程度 | Severity' }) severity!: string;
  @Field(() => Date, { description: '发生时间 | When it happened' }) occurredAt!: string;
  @Field(() => Date, { description: '报告时间 | When it was reported' }) reportedAt!: string;
  @Field(() => Int, { description: '发生到报告的分钟数（第一时间报告）| Minutes from occurrence to report' }) reportingDelayMinutes!: number;
  @Field(() => String, { description: '事件说明 | What happened' }) description!: string;
  @Field(() => [ID], { description: '涉及的数据资源 | Resources concerned' }) resourceIds!: string[];
  @Field(() => [ID], { description: '涉及的数据产品 | Products concerned' }) productIds!: string[];
  @Field(() => Boolean, { description: '立即停止处理（仅风险关联，且仅在政策文本规定之处：HN 第18条、ZJC §三(五)6）| Processing stopped in the affected scope (risky linkage only, where a text says so: HN Art 18, ZJC §3(5)6)' }) stopProcessing!: boolean;
  @Field(() => String, { nullable: true, description: '停止处理的依据 | Rule under which processing stopped' }) stopRule!: string | null;
  @Field(() => Boolean, { description: '须报告网信部门 | Cyberspace authority must be notified' }) notifyCyberspaceAuthority!: boolean;
  @Field(() => String, { nullable: true, description: '须报告网信部门的依据 | Rule that requires notifying the cyberspace authority' }) notificationRule!: string | null;
  @Field(() => String, { description: '事件状态：OPEN 处置中 / CLOSED 已关闭 | Status: OPEN or CLOSED' }) status!: string;
  @Field(() => Date, { nullable: true, description: '关闭时间 | When closed' }) closedAt!: string | null;
  @Field(() => String, { nullable: true, description: '处置总结 | Closure summary' }) closureSummary!: string | null;
}

@ObjectType({ description: '安全事件分页列表 | Page of security incidents' })
export class SecurityIncidentConnection extends Connection(SecurityIncident) {}

@InputType({ description: '报告安全事件 | Report a security incident' })
export class ReportSecurityIncidentInput {
  @Field(() => ID, { nullable: true, description: '运营机构（运营机构本身报告时忽略）| Operator concerned (an operator reports for itself)' }) operatorId?: string | null;
  @Field(() => ID, { nullable: true, description: '授权运营协议标识 | Id of the authorization agreement' }) agreementId?: string | null;
  @Field(() => SecurityIncidentType, { description: '事件类型 | Kind of incident' }) type!: SecurityIncidentType;
  @Field(() => SecurityIncidentSeverity, { description: '严重程度 | Severity' }) severity!: SecurityIncidentSeverity;
  @Field(() => Date, { description: '发生时间 | When it happened' }) occurredAt!: Date;
  @Field(() => String, { description: '事件说明 | What happened' }) description!: string;
  @Field(() => [ID], { defaultValue: [], description: '涉及的数据资源 | Resources concerned' }) resourceIds!: string[];
  @Field(() => [ID], { defaultValue: [], description: '涉及的数据产品 | Products concerned' }) productIds!: string[];
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
  stopRule: r.stop_rule,
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
    @Arg('jurisdiction', () => String, { description: '辖区 | Jurisdiction' }) jurisdiction: string,
    @Arg('status', () => String, { nullable: true, description: '只看该状态 | Only in this status' }) status: string | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: RequestContext<Loaders>,
  ) {
    return connectionOf(page, (window) => incidents.securityIncidents(ctx, { jurisdiction, status, window }), toIncident);
  }

  @Query(() => SecurityIncident, { nullable: true, description: '安全事件 | A security incident' })
  async securityIncident(@Arg('id', () => ID, { description: '事件标识 | Id of the incident' }) id: string, @Ctx() ctx: RequestContext<Loaders>) {
    const r = await incidents.securityIncident(ctx, { id });
    return r ? toIncident(r) : null;
  }

  @FieldResolver(() => [SecurityIncidentAction], { description: '处置时间线 | Timeline' })
  async timeline(@Root() i: SecurityIncident, @Ctx() ctx: RequestContext<Loaders>) {
    return (await ctx.loaders.incidentActions.load(i.id)).map((a) => ({ id: a.id, kind: a.kind, note: a.note, actor: a.actor_sub, at: a.at }));
  }

  @Mutation(() => SecurityIncident, { description: '报告安全事件（运营机构或主管部门报告的风险关联，在政策规定之处立即停止处理）| Report an incident; risky linkage reported by the operator or an official stops processing where the profile says so' })
  async reportSecurityIncident(@Arg('input', () => ReportSecurityIncidentInput, { description: '事件报告 | The report' }) input: ReportSecurityIncidentInput, @Ctx() ctx: RequestContext<Loaders>) {
    return toIncident(await incidents.reportSecurityIncident(ctx, input));
  }

  @Mutation(() => SecurityIncident, { description: '记录处置措施 | Record a response action' })
  async addSecurityIncidentAction(
    @Arg('incidentId', () => ID, { description: '事件标识 | Id of the incident' }) incidentId: string,
    @Arg('kind', () => SecurityIncidentActionKind, { description: '措施类型 | Kind of action' }) kind: SecurityIncidentActionKind,
    @Arg('note', () => String, { description: '说明 | Note' }) note: string,
    @Ctx() ctx: RequestContext<Loaders>,
  ) {
    return toIncident(await incidents.addSecurityIncidentAction(ctx, { incidentId, kind, note }));
  }

  @Mutation(() => SecurityIncident, { description: '关闭事件（恢复处理，公开摘要）| Close: processing may resume; a summary is disclosed' })
  async closeSecurityIncident(@Arg('incidentId', () => ID, { description: '事件标识 | Id of the incident' }) incidentId: string, @Arg('summary', () => String, { description: '处置总结 | Closure summary' }) summary: string, @Ctx() ctx: RequestContext<Loaders>) {
    return toIncident(await incidents.closeSecurityIncident(ctx, { incidentId, summary }));
  }
}
