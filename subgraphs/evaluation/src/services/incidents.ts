import { assertInScope, conflict, forbidden, inTransaction, newId, notFound, policyViolation, requireJurisdiction, type UnitOfWork } from '@pdo/platform';
import { todayInShanghai, toShanghaiDate } from '@pdo/policy';
import { profileOf } from '../data/profile.js';
import type { EvaluationEvents } from '@pdo/events';
import { INCIDENT_SCOPE, incidentTarget } from '../access.js';
import { answersForScope, incidentObligations, mayRecordAction, planActivationRule } from '../domain/incidents.js';
import { badInput } from '../domain/refusal.js';
import { disclose, fact } from '../data/disclosures.js';
import { orgNameOrNull } from '../data/projections.js';
import {
  addActions,
  affectedAgreement,
  agreementOperator,
  closeIncident,
  hasAction,
  incidentById,
  incidentPage,
  insertIncident,
  knownResourcesAndProducts,
  type IncidentRow,
} from '../data/incidents.js';
import { useCase } from './refusals.js';

export type { IncidentRow } from '../data/incidents.js';

type Window = { limit: number; offset: number };

async function lockedIncident(tx: UnitOfWork['tx'], id: string): Promise<IncidentRow> {
  const r = await incidentById(tx, id, true);
  if (!r) throw notFound('安全事件', 'Security incident', id);
  return r;
}
const target = (r: IncidentRow) => incidentTarget({ jurisdiction: r.jurisdiction, operatorId: r.operator_id, reporterOrg: r.reporter_org });

export const securityIncidents = useCase(async (ctx, input: { jurisdiction: string; status: string | null; window: Window }) => {
  requireJurisdiction(ctx.identity, input.jurisdiction);
  return incidentPage(ctx.em, ctx.identity, INCIDENT_SCOPE, { jurisdiction: input.jurisdiction, status: input.status }, input.window);
});

export const securityIncident = useCase(async (ctx, input: { id: string }) => {
  const r = await incidentById(ctx.em, input.id);
  if (!r) return null;
  assertInScope(ctx.identity, target(r), { ...INCIDENT_SCOPE, entity: ['安全事件', 'Security incident'], id: input.id });
  return r;
});

export interface IncidentReport {
  operatorId?: string | null;
  agreementId?: string | null;
  type: EvaluationEvents.IncidentType;
  severity: string;
  occurredAt: Date;
  description: string;
  resourceIds: string[];
  productIds: string[];
}

/**
 * Reports an incident; risky linkage reported by the operator or an official stops processing in the affected scope
 * where the profile's `linkageStop` says so (HN Art 18; ZJC §三(五)6), and the decision travels with its rule.
 */
export const reportSecurityIncident = useCase(async (ctx, input: IncidentReport) => {
  const jurisdiction = ctx.identity.jurisdiction;
  if (!jurisdiction) throw forbidden('需要辖区身份', 'A jurisdiction is required');
  const description = input.description?.trim();
  if (!description) throw badInput('须描述事件', 'A description is required', { field: 'input.description' });
  if (Number.isNaN(input.occurredAt.getTime()) || input.occurredAt.getTime() > ctx.now.getTime()) {
    throw badInput('发生时间不能晚于现在', 'occurredAt cannot be in the future', { field: 'input.occurredAt' });
  }
  const operatorId = ctx.identity.role === 'OPERATOR' ? ctx.identity.org : input.operatorId ?? null;
  const resourceIds = [...new Set(input.resourceIds)];
  const productIds = [...new Set(input.productIds)];
  if (!operatorId && resourceIds.length === 0 && productIds.length === 0) {
    throw badInput('须指明涉及的运营机构、资源或产品', 'Name the operator, resources or products affected', { field: 'input.resourceIds' });
  }
  return inTransaction(ctx, async ({ tx, audit, publish }) => {
    const profile = await profileOf(tx, jurisdiction);
    const obliged = incidentObligations(input.type, profile.cyberspaceNotice, profile.linkageStop);
    const stops = obliged.stopProcessing && answersForScope(ctx.identity.role, ctx.identity.org, operatorId);
    const ob = { ...obliged, stopProcessing: stops, stopRule: stops ? obliged.stopRule : null };
    const known = await knownResourcesAndProducts(tx, jurisdiction, resourceIds, productIds);
    const unknown = [...resourceIds.filter((x) => !known.resources.includes(x)), ...productIds.filter((x) => !known.products.includes(x))];
    if (unknown.length) throw notFound('涉及的资源或产品', 'Affected resource or product', unknown.join(','));
    let agreementId = input.agreementId ?? null;
    if (agreementId) {
      const ag = await agreementOperator(tx, agreementId, jurisdiction);
      if (!ag) throw notFound('授权协议', 'Agreement', agreementId);
      if (operatorId && ag.operator_id !== operatorId) throw badInput('授权协议不属于该运营机构', 'The agreement is not the operator’s', { field: 'input.agreementId' });
    } else if (operatorId) {
      agreementId = await affectedAgreement(tx, jurisdiction, operatorId, resourceIds);
    }
    const id = newId();
    await insertIncident(tx, {
      id,
      jurisdiction,
      reporterOrg: ctx.identity.org,
      reporterSub: ctx.identity.sub,
      operatorId,
      agreementId,
      type: input.type,
      severity: input.severity,
      occurredAt: input.occurredAt,
      reportedAt: ctx.now,
      description,
      resourceIds,
      productIds,
      stopProcessing: ob.stopProcessing,
      stopRule: ob.stopRule,
      notifyCyberspace: ob.notifyCyberspace,
      notificationRule: ob.notifyRule,
    });
    const timeline = [{ kind: 'REPORTED', note: description, actor: ctx.identity.sub, at: ctx.now }];
    if (ob.stopProcessing) {
      const to = ob.reportTo.map((b) => b.split(' | ')[0]).join('、');
      timeline.push({ kind: 'PROCESSING_STOPPED', note: `立即停止数据处理，及时向${to}报告风险情况（${ob.stopRule}）| Processing stops at once; the risk is reported to ${ob.reportTo.map((b) => b.split(' | ')[1] ?? b).join(', ')}`, actor: 'system', at: ctx.now });
    }
    if (obliged.stopProcessing && !ob.stopProcessing) {
      timeline.push({ kind: 'AWAITING_CONFIRMATION', note: '须经运营机构或主管部门确认后停止处理 | Processing stops once the operator or an official reports it', actor: 'system', at: ctx.now });
    }
    const activation = planActivationRule(input.type, profile.securityDuties);
    if (activation) timeline.push({ kind: 'PLAN_ACTIVATION_REQUIRED', note: `须立即启动应急处置预案并向实施机构报告（${activation}）| The emergency plan must be activated and the implementing agency told`, actor: 'system', at: ctx.now });
    if (ob.notifyCyberspace) timeline.push({ kind: 'NOTIFICATION_REQUIRED', note: `须报告网信部门（${ob.notifyRule}）| Cyberspace authority must be notified`, actor: 'system', at: ctx.now });
    await addActions(tx, id, timeline);
    audit({ entityType: 'SecurityIncident', entityId: id, action: 'REPORTED', changes: { type: input.type, severity: input.severity, stopProcessing: ob.stopProcessing, stopRule: ob.stopRule, resourceIds, productIds, agreementId } });
    const payload: EvaluationEvents.SecurityIncidentReported = {
      incidentId: id,
      jurisdiction,
      operatorId,
      agreementId,
      type: input.type,
      severity: input.severity as EvaluationEvents.SecurityIncidentReported['severity'],
      stopProcessing: ob.stopProcessing,
      stopRule: ob.stopRule,
      resourceIds,
      productIds,
      occurredAt: input.occurredAt.toISOString(),
    };
    await publish('SecurityIncidentReported', payload, jurisdiction);
    return (await incidentById(tx, id))!;
  });
});

/** The authority of the jurisdiction or the operator concerned records a response action. */
export const addSecurityIncidentAction = useCase(async (ctx, input: { incidentId: string; kind: string; note: string }) => {
  const note = input.note?.trim();
  if (!note) throw badInput('须填写处置说明', 'A note is required', { field: 'note' });
  return inTransaction(ctx, async ({ tx, audit }) => {
    const r = await lockedIncident(tx, input.incidentId);
    if (!mayRecordAction(ctx.identity, { jurisdiction: r.jurisdiction, operatorId: r.operator_id })) {
      throw forbidden('只有主管部门或涉事运营机构可以记录处置', 'Only the authority or the operator concerned may record actions');
    }
    if (r.status !== 'OPEN') throw conflict('事件已关闭', 'The incident is closed', { details: { status: r.status } });
    await addActions(tx, r.id, [{ kind: input.kind, note, actor: ctx.identity.sub, at: ctx.now }]);
    audit({ entityType: 'SecurityIncident', entityId: r.id, action: `ACTION_${input.kind}`, changes: { note } });
    return r;
  });
});

/**
 * Closes an incident: processing may resume (SecurityIncidentClosed); a summary is disclosed where the profile's
 * `incidentSummaryDisclosure` says so (no text requires it: off unless an authority switches it on).
 */
export const closeSecurityIncident = useCase(async (ctx, input: { incidentId: string; summary: string }) => {
  const summary = input.summary?.trim();
  if (!summary) throw badInput('须填写处置总结', 'A closure summary is required', { field: 'summary' });
  return inTransaction(ctx, async ({ tx, audit, publish }) => {
    const r = await lockedIncident(tx, input.incidentId);
    requireJurisdiction(ctx.identity, r.jurisdiction);
    if (r.status !== 'OPEN') throw conflict('事件已关闭', 'The incident is already closed', { details: { status: r.status } });
    if (r.notify_cyberspace && !(await hasAction(tx, r.id, 'CYBERSPACE_AUTHORITY_NOTIFIED'))) {
      throw policyViolation(r.notification_rule ?? (await profileOf(tx, r.jurisdiction)).cyberspaceNotice.source, '尚未记录向网信部门报告，不能关闭', 'Record the notification to the cyberspace authority before closing');
    }
    if ((await hasAction(tx, r.id, 'PLAN_ACTIVATION_REQUIRED')) && !(await hasAction(tx, r.id, 'EMERGENCY_PLAN_ACTIVATED'))) {
      throw policyViolation((await profileOf(tx, r.jurisdiction)).securityDuties.source, '尚未记录启动应急预案，不能关闭', 'Record the activation of the emergency plan before closing');
    }
    await closeIncident(tx, r.id, ctx.now, summary);
    await addActions(tx, r.id, [{ kind: 'CLOSED', note: summary, actor: ctx.identity.sub, at: ctx.now }]);
    audit({ entityType: 'SecurityIncident', entityId: r.id, action: 'CLOSED', changes: { summary } });
    const payload: EvaluationEvents.SecurityIncidentClosed = { incidentId: r.id, jurisdiction: r.jurisdiction, agreementId: r.agreement_id, resourceIds: r.resource_ids, productIds: r.product_ids, closedAt: ctx.now.toISOString() };
    await publish('SecurityIncidentClosed', payload, r.jurisdiction);
    const disclosure = (await profileOf(tx, r.jurisdiction)).incidentSummaryDisclosure;
    if (disclosure.value) await discloseSummary(tx, r, summary, disclosure.source, ctx.now);
    return (await incidentById(tx, r.id))!;
  });
});

/** The public summary of a closed incident: the description, reporter and affected ids stay internal. */
async function discloseSummary(tx: UnitOfWork['tx'], r: IncidentRow, summary: string, rule: string, now: Date): Promise<void> {
  const operator = r.operator_id ? await orgNameOrNull(tx, r.operator_id) : null;
  await disclose(tx, {
    dedupeKey: `INCIDENT_SUMMARY:${r.id}`,
    jurisdiction: r.jurisdiction,
    kind: 'INCIDENT_SUMMARY',
    title: `安全事件处置情况：${operator ?? r.jurisdiction}`,
    subjectId: r.id,
    rule,
    facts: [
      fact('operator', operator ?? ''),
      fact('type', r.type),
      fact('severity', r.severity),
      fact('occurredOn', toShanghaiDate(new Date(r.occurred_at))),
      fact('closedOn', todayInShanghai(now)),
      fact('affectedResources', r.resource_ids.length),
      fact('affectedProducts', r.product_ids.length),
      fact('summary', summary),
    ],
    publishedAt: now,
  });
}
