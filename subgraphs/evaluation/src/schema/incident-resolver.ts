import { randomUUID } from 'node:crypto';
import { Arg, Args, Ctx, Field, FieldResolver, ID, InputType, Int, Mutation, ObjectType, Query, Resolver, Root, registerEnumType } from 'type-graphql';
import {
  Connection,
  PageArgs,
  badInput,
  conflict,
  assertInScope,
  forbidden,
  SUPERVISOR_ROLES,
  inTransaction,
  notFound,
  pageRows,
  pageWindow,
  policyViolation,
  requireJurisdiction,
  sql,
  sqlOne,
  toConnection,
  type RequestContext,
} from '@pdo/platform';
import type { EvaluationEvents } from '@pdo/events';
import { todayInShanghai, toShanghaiDate } from '@pdo/policy';
import { incidentObligations } from '../domain/incidents.js';
import { requireAuthorityOf } from '../domain/access.js';
import { disclose, fact } from '../data/disclose.js';
import type { IncidentActionRow, Loaders } from '../loaders/index.js';
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
  @Field(() => Date) at!: Date;
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
  @Field(() => Date) occurredAt!: Date;
  @Field(() => Date) reportedAt!: Date;
  @Field(() => Int, { description: '发生到报告的分钟数（第一时间报告）| Minutes from occurrence to report' }) reportingDelayMinutes!: number;
  @Field(() => String) description!: string;
  @Field(() => [ID]) resourceIds!: string[];
  @Field(() => [ID]) productIds!: string[];
  @Field(() => Boolean, { description: '立即停止处理 | Processing stopped in the affected scope' }) stopProcessing!: boolean;
  @Field(() => Boolean, { description: '须报告网信部门 | Cyberspace authority must be notified' }) notifyCyberspaceAuthority!: boolean;
  @Field(() => String, { nullable: true }) notificationRule!: string | null;
  @Field(() => String, { description: 'OPEN | CLOSED' }) status!: string;
  @Field(() => Date, { nullable: true }) closedAt!: Date | null;
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

interface IncidentRow {
  id: string;
  jurisdiction: string;
  reporter_org: string | null;
  operator_id: string | null;
  agreement_id: string | null;
  type: string;
  severity: string;
  occurred_at: Date;
  reported_at: Date;
  description: string;
  resource_ids: string[];
  product_ids: string[];
  stop_processing: boolean;
  notify_cyberspace: boolean;
  notification_rule: string | null;
  status: string;
  closed_at: Date | null;
  closure_summary: string | null;
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
  reportingDelayMinutes: Math.max(0, Math.round((new Date(r.reported_at).getTime() - new Date(r.occurred_at).getTime()) / 60000)),
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

async function loadIncident(em: RequestContext['em'], id: string, lock = false): Promise<IncidentRow> {
  const r = await sqlOne<IncidentRow>(em, `select * from security_incident where id = $1${lock ? ' for update' : ''}`, [id]);
  if (!r) throw notFound('安全事件', 'Security incident', id);
  return r;
}

/** The supervisors of the jurisdiction see every incident; an operator its own; a reporter what it reported. */
/** The authority and agency of the jurisdiction; anyone else the incidents it reported or that concern it. */
const incidentTarget = (r: IncidentRow) => ({ jurisdiction: r.jurisdiction, orgIds: [r.operator_id, r.reporter_org] });

@Resolver(() => SecurityIncident)
export class SecurityIncidentResolver {
  @Query(() => SecurityIncidentConnection, { description: '安全事件 | Incidents (authority/agency: jurisdiction; others: their own)' })
  async securityIncidents(
    @Arg('jurisdiction', () => String) jurisdiction: string,
    @Arg('status', () => String, { nullable: true }) status: string | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: RequestContext<Loaders>,
  ) {
    requireJurisdiction(ctx.identity, jurisdiction);
    const all = ctx.identity.role === 'AUTHORITY' || ctx.identity.role === 'AGENCY';
    const win = pageWindow(page);
    const { rows, totalCount } = await pageRows<IncidentRow>(
      ctx.em,
      {
        select: `*`,
        from: `security_incident where jurisdiction = $1 and ($2::text is null or status = $2) and ($3::boolean or operator_id = $4 or reporter_org = $4)`,
        orderBy: `occurred_at desc, id`,
        params: [jurisdiction, status, all, ctx.identity.org],
      },
      win,
    );
    return toConnection(rows.map(toIncident), totalCount, win);
  }

  @Query(() => SecurityIncident, { nullable: true })
  async securityIncident(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext<Loaders>) {
    const r = await sqlOne<IncidentRow>(ctx.em, `select * from security_incident where id = $1`, [id]);
    if (!r) return null;
    assertInScope(ctx.identity, incidentTarget(r), { officials: SUPERVISOR_ROLES, entity: ['安全事件', 'Security incident'], id });
    return toIncident(r);
  }

  @FieldResolver(() => [SecurityIncidentAction], { description: '处置时间线 | Timeline' })
  async timeline(@Root() i: SecurityIncident, @Ctx() ctx: RequestContext<Loaders>) {
    return (await ctx.loaders.incidentActions.load(i.id)).map((a: IncidentActionRow) => ({ id: a.id, kind: a.kind, note: a.note, actor: a.actor_sub, at: a.at }));
  }

  @Mutation(() => SecurityIncident, { description: '报告安全事件（运营机构或主管部门报告的风险关联立即停止处理）| Report an incident; risky linkage reported by the operator or an official stops processing' })
  async reportSecurityIncident(@Arg('input', () => ReportSecurityIncidentInput) input: ReportSecurityIncidentInput, @Ctx() ctx: RequestContext<Loaders>) {
    const jurisdiction = ctx.identity.jurisdiction;
    if (!jurisdiction) throw forbidden('需要辖区身份', 'A jurisdiction is required');
    if (!input.description?.trim()) throw badInput('须描述事件', 'A description is required', { field: 'input.description' });
    if (Number.isNaN(input.occurredAt.getTime()) || input.occurredAt.getTime() > ctx.now.getTime()) {
      throw badInput('发生时间不能晚于现在', 'occurredAt cannot be in the future', { field: 'input.occurredAt' });
    }
    const operatorId = ctx.identity.role === 'OPERATOR' ? ctx.identity.org : input.operatorId ?? null;
    const resourceIds = [...new Set(input.resourceIds)];
    const productIds = [...new Set(input.productIds)];
    if (!operatorId && resourceIds.length === 0 && productIds.length === 0) {
      throw badInput('须指明涉及的运营机构、资源或产品', 'Name the operator, resources or products affected', { field: 'input.resourceIds' });
    }
    const obliged = incidentObligations(input.type);
    // Anyone signed in may report what they see; stopping processing follows only from the report of those
    // who answer for the scope — the operator concerned or an official of the jurisdiction — so a report by a
    // developer or another party cannot pause a jurisdiction's grants on its own (an official re-reports to stop).
    const answersForScope = ctx.identity.role === 'AUTHORITY' || ctx.identity.role === 'AGENCY' || (ctx.identity.role === 'OPERATOR' && ctx.identity.org === operatorId);
    const ob = { ...obliged, stopProcessing: obliged.stopProcessing && answersForScope };
    return inTransaction(ctx, async ({ tx, audit, publish }) => {
      const known = await sqlOne<{ r: string[]; p: string[] }>(
        tx,
        `select coalesce((select array_agg(id::text) from resource_projection where jurisdiction = $1 and id = any($2::uuid[])), '{}') as r,
                coalesce((select array_agg(id::text) from product_projection where jurisdiction = $1 and id = any($3::uuid[])), '{}') as p`,
        [jurisdiction, resourceIds, productIds],
      );
      const unknown = [...resourceIds.filter((x) => !known!.r.includes(x)), ...productIds.filter((x) => !known!.p.includes(x))];
      if (unknown.length) throw notFound('涉及的资源或产品', 'Affected resource or product', unknown.join(','));
      let agreementId = input.agreementId ?? null;
      if (agreementId) {
        const ag = await sqlOne<{ operator_id: string }>(tx, `select operator_id from agreement_projection where id = $1 and jurisdiction = $2`, [agreementId, jurisdiction]);
        if (!ag) throw notFound('授权协议', 'Agreement', agreementId);
        if (operatorId && ag.operator_id !== operatorId) throw badInput('授权协议不属于该运营机构', 'The agreement is not the operator’s', { field: 'input.agreementId' });
      } else if (operatorId) {
        // The affected scope: the operator's agreement that covers the resources (or its latest).
        const ag = await sqlOne<{ id: string }>(
          tx,
          `select id from agreement_projection where jurisdiction = $1 and operator_id = $2 order by (resource_ids && $3::uuid[]) desc, start_date desc limit 1`,
          [jurisdiction, operatorId, resourceIds],
        );
        agreementId = ag?.id ?? null;
      }
      const id = randomUUID();
      await sql(
        tx,
        `insert into security_incident (id, jurisdiction, reporter_org, reporter_sub, operator_id, agreement_id, type, severity, occurred_at, reported_at, description,
                                        resource_ids, product_ids, stop_processing, notify_cyberspace, notification_rule, status)
         values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,'OPEN')`,
        [id, jurisdiction, ctx.identity.org, ctx.identity.sub, operatorId, agreementId, input.type, input.severity, input.occurredAt, ctx.now, input.description.trim(), resourceIds, productIds, ob.stopProcessing, ob.notifyCyberspace, ob.notifyRule],
      );
      await sql(tx, `insert into security_incident_action (id, incident_id, kind, note, actor_sub, at) values ($1,$2,'REPORTED',$3,$4,$5)`, [randomUUID(), id, input.description.trim(), ctx.identity.sub, ctx.now]);
      if (obliged.stopProcessing && !ob.stopProcessing) {
        await sql(tx, `insert into security_incident_action (id, incident_id, kind, note, actor_sub, at) values ($1,$2,'AWAITING_CONFIRMATION',$3,$4,$5)`, [
          randomUUID(), id, '须经运营机构或主管部门确认后停止处理 | Processing stops once the operator or an official reports it', 'system', ctx.now,
        ]);
      }
      if (ob.notifyCyberspace) {
        await sql(tx, `insert into security_incident_action (id, incident_id, kind, note, actor_sub, at) values ($1,$2,'NOTIFICATION_REQUIRED',$3,$4,$5)`, [
          randomUUID(), id, `须报告网信部门（${ob.notifyRule}）| Cyberspace authority must be notified`, 'system', ctx.now,
        ]);
      }
      audit({ entityType: 'SecurityIncident', entityId: id, action: 'REPORTED', changes: { type: input.type, severity: input.severity, stopProcessing: ob.stopProcessing, resourceIds, productIds, agreementId } });
      const payload: EvaluationEvents.SecurityIncidentReported = {
        incidentId: id,
        jurisdiction,
        operatorId,
        agreementId,
        type: input.type,
        severity: input.severity,
        stopProcessing: ob.stopProcessing,
        resourceIds,
        productIds,
        occurredAt: input.occurredAt.toISOString(),
      };
      await publish('SecurityIncidentReported', payload, jurisdiction);
      return toIncident(await loadIncident(tx, id));
    });
  }

  @Mutation(() => SecurityIncident, { description: '记录处置措施 | Record a response action' })
  async addSecurityIncidentAction(
    @Arg('incidentId', () => ID) incidentId: string,
    @Arg('kind', () => SecurityIncidentActionKind) kind: SecurityIncidentActionKind,
    @Arg('note', () => String) note: string,
    @Ctx() ctx: RequestContext<Loaders>,
  ) {
    if (!note?.trim()) throw badInput('须填写处置说明', 'A note is required', { field: 'note' });
    return inTransaction(ctx, async ({ tx, audit }) => {
      const r = await loadIncident(tx, incidentId, true);
      const isAuthority = ctx.identity.role === 'AUTHORITY' && ctx.identity.jurisdiction === r.jurisdiction;
      const isOperator = ctx.identity.role === 'OPERATOR' && !!ctx.identity.org && ctx.identity.org === r.operator_id;
      if (!isAuthority && !isOperator) throw forbidden('只有主管部门或涉事运营机构可以记录处置', 'Only the authority or the operator concerned may record actions');
      if (r.status !== 'OPEN') throw conflict('事件已关闭', 'The incident is closed', { details: { status: r.status } });
      await sql(tx, `insert into security_incident_action (id, incident_id, kind, note, actor_sub, at) values ($1,$2,$3,$4,$5,$6)`, [randomUUID(), r.id, kind, note.trim(), ctx.identity.sub, ctx.now]);
      audit({ entityType: 'SecurityIncident', entityId: r.id, action: `ACTION_${kind}`, changes: { note: note.trim() } });
      return toIncident(r);
    });
  }

  @Mutation(() => SecurityIncident, { description: '关闭事件（恢复处理，公开摘要）| Close: processing may resume; a summary is disclosed' })
  async closeSecurityIncident(@Arg('incidentId', () => ID) incidentId: string, @Arg('summary', () => String) summary: string, @Ctx() ctx: RequestContext<Loaders>) {
    if (!summary?.trim()) throw badInput('须填写处置总结', 'A closure summary is required', { field: 'summary' });
    return inTransaction(ctx, async ({ tx, audit, publish }) => {
      const r = await loadIncident(tx, incidentId, true);
      requireAuthorityOf(ctx.identity, r.jurisdiction);
      if (r.status !== 'OPEN') throw conflict('事件已关闭', 'The incident is already closed', { details: { status: r.status } });
      if (r.notify_cyberspace) {
        const notified = await sqlOne(tx, `select 1 from security_incident_action where incident_id = $1 and kind = 'CYBERSPACE_AUTHORITY_NOTIFIED'`, [r.id]);
        if (!notified) throw policyViolation(r.notification_rule ?? 'HN Art 18', '尚未记录向网信部门报告，不能关闭', 'Record the notification to the cyberspace authority before closing');
      }
      await sql(tx, `update security_incident set status = 'CLOSED', closed_at = $2, closure_summary = $3 where id = $1`, [r.id, ctx.now, summary.trim()]);
      await sql(tx, `insert into security_incident_action (id, incident_id, kind, note, actor_sub, at) values ($1,$2,'CLOSED',$3,$4,$5)`, [randomUUID(), r.id, summary.trim(), ctx.identity.sub, ctx.now]);
      audit({ entityType: 'SecurityIncident', entityId: r.id, action: 'CLOSED', changes: { summary: summary.trim() } });
      const payload: EvaluationEvents.SecurityIncidentClosed = { incidentId: r.id, jurisdiction: r.jurisdiction, agreementId: r.agreement_id, resourceIds: r.resource_ids, productIds: r.product_ids, closedAt: ctx.now.toISOString() };
      await publish('SecurityIncidentClosed', payload, r.jurisdiction);
      const op = r.operator_id ? await sqlOne<{ name_zh: string }>(tx, `select name_zh from org_projection where id = $1`, [r.operator_id]) : null;
      // Summary only: the description, reporter and affected ids stay internal.
      await disclose(tx, {
        dedupeKey: `INCIDENT_SUMMARY:${r.id}`,
        jurisdiction: r.jurisdiction,
        kind: 'INCIDENT_SUMMARY',
        title: `安全事件处置情况：${op?.name_zh ?? r.jurisdiction}`,
        subjectId: r.id,
        rule: 'HN Art 18; TZ Art 26',
        facts: [
          fact('operator', op?.name_zh ?? ''),
          fact('type', r.type),
          fact('severity', r.severity),
          fact('occurredOn', toShanghaiDate(new Date(r.occurred_at))),
          fact('closedOn', todayInShanghai(ctx.now)),
          fact('affectedResources', r.resource_ids.length),
          fact('affectedProducts', r.product_ids.length),
          fact('summary', summary.trim()),
        ],
        publishedAt: ctx.now,
      });
      return toIncident(await loadIncident(tx, r.id));
    });
  }
}
