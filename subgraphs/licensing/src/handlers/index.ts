import { newId, writeAudit, type AuditEntry, type Em, type EventHandlerContext, type EventHandlers, type Identity } from '@pdo/platform';
import type { CatalogEvents, EvaluationEvents, EventEnvelope } from '@pdo/events';
import { toShanghaiDate } from '@pdo/policy';
import { getAgreement, rectificationOfFinding } from '../data/agreements.js';
import { getOrg, insertFactChange, setSecurityIncidents } from '../data/organizations.js';
import { resourcesByIds, setAuthorizability, upsertResource, withdrawResource } from '../data/resources.js';
import { liveGrantsOfResource } from '../data/scenarios.js';
import { incidentFact } from '../domain/organization-facts.js';
import { upsertEvaluationProjection } from '../data/integrity.js';
import { upsertPlanProjection } from '../data/emergency-plans.js';
import { openRectification } from '../services/agreement-steps.js';
import type { Uow } from '../services/checks.js';
import { pauseGrants, revokeGrants } from '../services/grants.js';
import { closeUncoveredGrants, resumeGrants } from '../services/returned-data.js';

const SYSTEM: Identity = { sub: 'system:events', role: 'AUTHORITY', org: null, jurisdiction: null };

/**
 * The handler's unit of work: events it causes are published in the handler's own transaction (they exist iff its
 * change commits), its audit records written at the end as the event system.
 */
async function withUow(em: Em, event: EventEnvelope<any>, ctx: EventHandlerContext, work: (uow: Uow) => Promise<unknown>): Promise<void> {
  const entries: AuditEntry[] = [];
  await work({ tx: em, audit: (e) => void entries.push(e), publish: (name, payload, jurisdiction = null) => ctx.publish(name, payload, jurisdiction) });
  if (entries.length) await writeAudit(em, { identity: SYSTEM, requestId: `event:${event.id}`, jurisdiction: event.jurisdiction }, entries);
}

const snapshot = (r: CatalogEvents.ResourceSnapshot) => ({
  resourceId: r.resourceId, jurisdiction: r.jurisdiction, code: r.code, nameZh: r.nameZh, sector: r.sector, sourceAgencyId: r.sourceAgencyId,
  openness: r.openness, authorizable: r.authorizable, authorizableReasons: r.authorizableReasons, status: r.status, version: r.version,
  returnedOrigin: r.returnedOrigin ?? null,
});

export const handlers: EventHandlers = {
  ResourcePublished: async (em, e: EventEnvelope<CatalogEvents.ResourcePublished>) => upsertResource(em, snapshot(e.payload)),
  /**
   * A resource newly marked as returned data (catalog `correctResourceOrigin`) takes with it the live grants no consent
   * covers, where the profile requires one (ZJC §三(五)2): they are revoked, as a consent revocation revokes them
   * (docs/policy/returned-data.md). Only the change from own to returned data does this, so a redelivered or older
   * snapshot changes nothing more.
   */
  ResourceChanged: async (em, e: EventEnvelope<CatalogEvents.ResourceChanged>, ctx) => {
    const p = e.payload;
    const [before] = await resourcesByIds(em, [p.resourceId]);
    await upsertResource(em, snapshot(p));
    const newlyReturned = !!p.returnedOrigin && !before?.returnedOrigin && (!before || before.version < p.version);
    if (!newlyReturned) return;
    const at = new Date(p.updatedAt);
    const reason = `resource marked as returned data (${p.returnedOrigin!.from}); no consent covers the grant`;
    await withUow(em, e, ctx, (uow) => closeUncoveredGrants(uow, p.jurisdiction, [p.resourceId], toShanghaiDate(at), reason, at));
  },
  ResourceAuthorizabilityChanged: async (em, e: EventEnvelope<CatalogEvents.ResourceAuthorizabilityChanged>) => {
    const p = e.payload;
    await setAuthorizability(em, p.resourceId, p.authorizable, p.reasons, p.version);
  },
  /** A resource that can no longer be authorized takes its live grants with it. */
  ResourceWithdrawn: async (em, e: EventEnvelope<CatalogEvents.ResourceWithdrawn>, ctx) => {
    const p = e.payload;
    if (!(await withdrawResource(em, p.resourceId, p.version))) return;
    await withUow(em, e, ctx, async (uow) => revokeGrants(uow, await liveGrantsOfResource(em, p.resourceId), 'resource withdrawn from the catalog', new Date(p.withdrawnAt)));
  },
  /** An evaluation finding opens a rectification; access follows the jurisdiction's rule (idempotent per finding). */
  RectificationRequested: async (em, e: EventEnvelope<EvaluationEvents.RectificationRequested>, ctx) => {
    const p = e.payload;
    if (await rectificationOfFinding(em, p.findingId)) return;
    const a = await getAgreement(em, p.agreementId, true);
    if (!a || a.status !== 'ACTIVE') return; // ended, or already suspended for rectification
    await withUow(em, e, ctx, (uow) => openRectification(uow, a, { cause: 'EVALUATION_FINDING', origin: 'EVALUATION', description: p.cause, deadline: p.deadline, findingId: p.findingId }, new Date(e.occurredAt)));
  },
  /**
   * An incident becomes part of the operator's security record (eligibility looks at it); where the report stops
   * processing — risky data linkage only, where the profile's `linkageStop` says so (HN Art 18, ZJC §三(五)6), as
   * evaluation decided and the event's `stopProcessing` carries; a leak does not by itself — the affected grants are
   * paused until it is closed.
   */
  SecurityIncidentReported: async (em, e: EventEnvelope<EvaluationEvents.SecurityIncidentReported>, ctx) => {
    const p = e.payload;
    if (p.operatorId) {
      const entry = incidentFact({ occurredOn: toShanghaiDate(new Date(p.occurredAt)), severity: p.severity, type: p.type, incidentId: p.incidentId });
      const org = await getOrg(em, p.operatorId, true);
      if (org && !org.securityIncidents.some((i) => i.incidentId === p.incidentId)) {
        const next = [...org.securityIncidents, entry];
        await setSecurityIncidents(em, org.id, next, new Date().toISOString());
        // An eligibility fact changed: it enters the party's fact history, the incident as its evidence.
        await insertFactChange(em, {
          id: newId(), organizationId: org.id, jurisdiction: org.jurisdiction, kind: 'INCIDENT_REPORTED', fields: ['securityIncidents'],
          oldValues: { securityIncidents: org.securityIncidents }, newValues: { securityIncidents: next },
          evidence: { documentRef: `安全事件 ${p.incidentId}`, documentDate: entry.date, note: p.type },
          recordedBy: { sub: SYSTEM.sub, role: SYSTEM.role, org: null }, recordedAt: new Date(e.occurredAt).toISOString(),
        });
        await withUow(em, e, ctx, async (uow) => uow.audit({ entityType: 'Organization', entityId: org.id, action: 'FACTS_RECORDED', changes: { kind: 'INCIDENT_REPORTED', fields: ['securityIncidents'], incident: entry } }));
      }
    }
    if (p.stopProcessing && p.agreementId) {
      await withUow(em, e, ctx, (uow) => pauseGrants(uow, p.agreementId!, `incident:${p.incidentId}`, new Date(p.occurredAt), p.resourceIds));
    }
  },
  /** The reviewers of a re-application read the operator's evaluations (TZ Art 28); the newest finalization wins. */
  OperatorEvaluationFinalized: async (em, e: EventEnvelope<EvaluationEvents.OperatorEvaluationFinalized>) => {
    const p = e.payload;
    await upsertEvaluationProjection(em, { evaluationId: p.evaluationId, jurisdiction: p.jurisdiction, operatorId: p.operatorId, agreementId: p.agreementId, year: p.year, total: p.total, conclusion: p.conclusion, finalizedAt: p.finalizedAt });
  },
  /** The operation gate follows evaluation's plans (ZJC 一授权一预案): the newest state of each plan is kept. */
  EmergencyPlanChanged: async (em, e: EventEnvelope<EvaluationEvents.EmergencyPlanChanged>) => {
    const p = e.payload;
    await upsertPlanProjection(em, { planId: p.planId, jurisdiction: p.jurisdiction, holderOrgId: p.holderOrgId, holderKind: p.holderKind, agreementId: p.agreementId, status: p.status, version: p.version, adoptedOn: p.adoptedOn, updatedAt: p.effectiveAt });
  },
  SecurityIncidentClosed: async (em, e: EventEnvelope<EvaluationEvents.SecurityIncidentClosed>, ctx) => {
    const p = e.payload;
    if (!p.agreementId) return;
    const a = await getAgreement(em, p.agreementId, true);
    if (!a || a.status !== 'ACTIVE') return; // a suspended or ended agreement keeps its grants closed
    // A grant of returned data that no consent covers any more is revoked rather than resumed (an event is not refused).
    await withUow(em, e, ctx, (uow) => resumeGrants(uow, a.id, 'incident closed', new Date(p.closedAt), toShanghaiDate(new Date(p.closedAt)), `incident:${p.incidentId}`, 'REVOKE'));
  },
};
