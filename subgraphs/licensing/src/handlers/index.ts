import type { EntityManager } from '@mikro-orm/postgresql';
import { sql, writeAudit, type AuditEntry, type EventHandlerContext, type EventHandlers, type Identity } from '@pdo/platform';
import type { CatalogEvents, EvaluationEvents, EventEnvelope } from '@pdo/events';
import { getAgreement, getOrg, GRANT_COLS, type GrantRow } from '../data/rows.js';
import { newId } from '../domain/common.js';
import { toShanghaiDate } from '@pdo/policy';
import type { Publish } from '../domain/agreement-rules.js';
import { pauseGrants, resumeGrants, revokeGrants } from '../domain/agreement-rules.js';
import { openRectification } from '../domain/agreements.js';

const SYSTEM: Identity = { sub: 'system:events', role: 'AUTHORITY', org: null, jurisdiction: null };

/** Events a handler causes are published in the handler's own transaction: they exist iff its change commits. */
const publisherOf = (ctx: EventHandlerContext): Publish => (name, payload, jurisdiction = null) => ctx.publish(name, payload, jurisdiction);

async function withAudit(em: EntityManager, event: EventEnvelope<any>, work: (audit: (e: AuditEntry) => void) => Promise<void>): Promise<void> {
  const entries: AuditEntry[] = [];
  await work((e) => void entries.push(e));
  if (entries.length) await writeAudit(em, { identity: SYSTEM, requestId: `event:${event.id}`, jurisdiction: event.jurisdiction }, entries);
}

async function upsertResource(em: EntityManager, r: CatalogEvents.ResourceSnapshot): Promise<void> {
  // Version-guarded: a stale snapshot delivered late never overwrites a newer one.
  await sql(
    em,
    `insert into resource_projection (resource_id, jurisdiction, code, name_zh, sector, source_agency_id, openness, authorizable, authorizable_reasons, status, version)
     values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11)
     on conflict (resource_id) do update set jurisdiction = excluded.jurisdiction, code = excluded.code, name_zh = excluded.name_zh, sector = excluded.sector,
       source_agency_id = excluded.source_agency_id, openness = excluded.openness, authorizable = excluded.authorizable,
       authorizable_reasons = excluded.authorizable_reasons, status = excluded.status, version = excluded.version
     where resource_projection.version < excluded.version`,
    [r.resourceId, r.jurisdiction, r.code, r.nameZh, r.sector, r.sourceAgencyId, r.openness, r.authorizable, r.authorizableReasons, r.status, r.version],
  );
}

/** A resource that can no longer be authorized takes its live grants with it. */
async function revokeGrantsOfResource(em: EntityManager, resourceId: string, reason: string, at: Date, publish: Publish, audit: (e: AuditEntry) => void): Promise<void> {
  const grants = await sql<GrantRow>(em, `select ${GRANT_COLS} from access_grant where resource_id = $1 and status in ('ACTIVE','PAUSED')`, [resourceId]);
  await revokeGrants(em, grants, reason, at, publish, audit);
}

export const handlers: EventHandlers = {
  ResourcePublished: async (em, e: EventEnvelope<CatalogEvents.ResourcePublished>) => upsertResource(em, e.payload),
  ResourceChanged: async (em, e: EventEnvelope<CatalogEvents.ResourceChanged>) => upsertResource(em, e.payload),
  ResourceAuthorizabilityChanged: async (em, e: EventEnvelope<CatalogEvents.ResourceAuthorizabilityChanged>) => {
    const p = e.payload;
    await sql(em, `update resource_projection set authorizable = $2, authorizable_reasons = $3, version = $4 where resource_id = $1 and version <= $4`, [p.resourceId, p.authorizable, p.reasons, p.version]);
  },
  ResourceWithdrawn: async (em, e: EventEnvelope<CatalogEvents.ResourceWithdrawn>, ctx) => {
    const p = e.payload;
    const rows = await sql(em, `update resource_projection set status = 'WITHDRAWN', authorizable = false, version = $2 where resource_id = $1 and version <= $2 returning resource_id`, [p.resourceId, p.version]);
    if (!rows.length) return;
    await withAudit(em, e, (audit) => revokeGrantsOfResource(em, p.resourceId, 'resource withdrawn from the catalog', new Date(p.withdrawnAt), publisherOf(ctx), audit));
  },
  /** An evaluation finding opens a rectification; access follows the jurisdiction's rule (idempotent per finding). */
  RectificationRequested: async (em, e: EventEnvelope<EvaluationEvents.RectificationRequested>, ctx) => {
    const p = e.payload;
    const seen = await sql(em, `select id from rectification where finding_id = $1`, [p.findingId]);
    if (seen.length) return;
    const a = await getAgreement(em, p.agreementId, true);
    if (!a || a.status !== 'ACTIVE') return; // ended, or already suspended for rectification
    await withAudit(em, e, (audit) =>
      openRectification(em, a, { cause: 'EVALUATION_FINDING', origin: 'EVALUATION', description: p.cause, deadline: p.deadline, findingId: p.findingId }, new Date(e.occurredAt), publisherOf(ctx), audit).then(() => undefined),
    );
  },
  /**
   * An incident becomes part of the operator's security record (eligibility looks at it); a leak or
   * risky linkage stops processing at once: the affected grants are paused until it is closed.
   */
  SecurityIncidentReported: async (em, e: EventEnvelope<EvaluationEvents.SecurityIncidentReported>, ctx) => {
    const p = e.payload;
    if (p.operatorId) {
      const entry = { date: toShanghaiDate(new Date(p.occurredAt)), severity: p.severity === 'HIGH' || p.severity === 'CRITICAL' ? 'MAJOR' : 'MINOR', description: p.type, incidentId: p.incidentId };
      const org = await getOrg(em, p.operatorId, true);
      if (org && !org.securityIncidents.some((i) => i.incidentId === p.incidentId)) {
        const next = [...org.securityIncidents, entry];
        await sql(em, `update organization set security_incidents = $2::jsonb, updated_at = now() where id = $1`, [org.id, JSON.stringify(next)]);
        // An eligibility fact changed: it enters the party's fact history, the incident as its evidence.
        await sql(
          em,
          `insert into organization_fact_change (id, organization_id, jurisdiction, kind, fields, old_values, new_values, document_ref, document_date, evidence_note,
             recorded_by, recorded_by_role, recorded_by_org, recorded_at)
           values ($1,$2,$3,'INCIDENT_REPORTED',$4,$5,$6,$7,$8,$9,$10,$11,null,$12)`,
          [newId(new Date(e.occurredAt).getTime()), org.id, org.jurisdiction, ['securityIncidents'], JSON.stringify({ securityIncidents: org.securityIncidents }), JSON.stringify({ securityIncidents: next }),
            `安全事件 ${p.incidentId}`, entry.date, p.type, SYSTEM.sub, SYSTEM.role, new Date(e.occurredAt)],
        );
        await withAudit(em, e, async (audit) => audit({ entityType: 'Organization', entityId: org.id, action: 'FACTS_RECORDED', changes: { kind: 'INCIDENT_REPORTED', fields: ['securityIncidents'], incident: entry } }));
      }
    }
    if (p.stopProcessing && p.agreementId) {
      await withAudit(em, e, (audit) => pauseGrants(em, p.agreementId!, `incident:${p.incidentId}`, new Date(p.occurredAt), publisherOf(ctx), audit, p.resourceIds).then(() => undefined));
    }
  },
  SecurityIncidentClosed: async (em, e: EventEnvelope<EvaluationEvents.SecurityIncidentClosed>, ctx) => {
    const p = e.payload;
    if (!p.agreementId) return;
    const a = await getAgreement(em, p.agreementId, true);
    if (!a || a.status !== 'ACTIVE') return; // a suspended or ended agreement keeps its grants closed
    await withAudit(em, e, (audit) => resumeGrants(em, a.id, 'incident closed', new Date(p.closedAt), publisherOf(ctx), audit, `incident:${p.incidentId}`).then(() => undefined));
  },
};
