import { sql } from 'kysely';
import { newId, pageOf, scopeWhere, type Em, type Identity, type ScopeOptions } from '@pdo/platform';
import { db } from './tables.js';

export function incidentById(em: Em, id: string, lock = false) {
  let q = db(em).selectFrom('security_incident').selectAll().where('id', '=', id);
  if (lock) q = q.forUpdate();
  return q.executeTakeFirst();
}
export type IncidentRow = NonNullable<Awaited<ReturnType<typeof incidentById>>>;

/** The incidents of a jurisdiction the caller may see (`scope`: the supervisors all, others what they reported or concerns them). */
export function incidentPage(em: Em, identity: Identity, scope: ScopeOptions, f: { jurisdiction: string; status: string | null }, window: { limit: number; offset: number }) {
  const k = db(em);
  let q = k
    .selectFrom('security_incident')
    .selectAll()
    .where('jurisdiction', '=', f.jurisdiction)
    .where(scopeWhere(identity, { jurisdiction: 'jurisdiction', orgs: ['operator_id', 'reporter_org'] }, scope));
  if (f.status != null) q = q.where('status', '=', f.status);
  return pageOf(k, q.orderBy('occurred_at', 'desc').orderBy('id'), window);
}

/** Which of the named resources and products are the jurisdiction's, in one statement. */
export async function knownResourcesAndProducts(em: Em, jurisdiction: string, resourceIds: string[], productIds: string[]): Promise<{ resources: string[]; products: string[] }> {
  const k = db(em);
  const r = await k
    .selectNoFrom([
      sql<string[]>`coalesce((${k.selectFrom('resource_projection').select(sql`array_agg(id::text)`.as('a')).where('jurisdiction', '=', jurisdiction).where('id', '=', sql<string>`any(${resourceIds}::uuid[])`)}), '{}')`.as('r'),
      sql<string[]>`coalesce((${k.selectFrom('product_projection').select(sql`array_agg(id::text)`.as('a')).where('jurisdiction', '=', jurisdiction).where('id', '=', sql<string>`any(${productIds}::uuid[])`)}), '{}')`.as('p'),
    ])
    .executeTakeFirstOrThrow();
  return { resources: r.r, products: r.p };
}

export function agreementOperator(em: Em, agreementId: string, jurisdiction: string) {
  return db(em).selectFrom('agreement_projection').select('operator_id').where('id', '=', agreementId).where('jurisdiction', '=', jurisdiction).executeTakeFirst();
}

/** The operator's agreement that covers the affected resources, or else its latest. */
export async function affectedAgreement(em: Em, jurisdiction: string, operatorId: string, resourceIds: string[]): Promise<string | null> {
  const r = await db(em)
    .selectFrom('agreement_projection')
    .select('id')
    .where('jurisdiction', '=', jurisdiction)
    .where('operator_id', '=', operatorId)
    .orderBy(sql`(resource_ids && ${resourceIds}::uuid[])`, 'desc')
    .orderBy('start_date', 'desc')
    .limit(1)
    .executeTakeFirst();
  return r?.id ?? null;
}

export interface NewIncident {
  id: string;
  jurisdiction: string;
  reporterOrg: string | null;
  reporterSub: string;
  operatorId: string | null;
  agreementId: string | null;
  type: string;
  severity: string;
  occurredAt: Date;
  reportedAt: Date;
  description: string;
  resourceIds: string[];
  productIds: string[];
  stopProcessing: boolean;
  stopRule: string | null;
  notifyCyberspace: boolean;
  notificationRule: string | null;
}

export function insertIncident(em: Em, i: NewIncident) {
  return db(em)
    .insertInto('security_incident')
    .values({
      id: i.id,
      jurisdiction: i.jurisdiction,
      reporter_org: i.reporterOrg,
      reporter_sub: i.reporterSub,
      operator_id: i.operatorId,
      agreement_id: i.agreementId,
      type: i.type,
      severity: i.severity,
      occurred_at: i.occurredAt.toISOString(),
      reported_at: i.reportedAt.toISOString(),
      description: i.description,
      resource_ids: i.resourceIds,
      product_ids: i.productIds,
      stop_processing: i.stopProcessing,
      stop_rule: i.stopRule,
      notify_cyberspace: i.notifyCyberspace,
      notification_rule: i.notificationRule,
      status: 'OPEN',
    })
    .execute();
}

/** Adds entries to an incident's timeline (in the order given: the sequence breaks ties of one instant). */
export async function addActions(em: Em, incidentId: string, actions: { kind: string; note: string; actor: string; at: Date }[]): Promise<void> {
  if (actions.length === 0) return;
  await db(em)
    .insertInto('security_incident_action')
    .values(actions.map((a) => ({ id: newId(), incident_id: incidentId, kind: a.kind, note: a.note, actor_sub: a.actor, at: a.at.toISOString() })))
    .execute();
}

export async function hasAction(em: Em, incidentId: string, kind: string): Promise<boolean> {
  const r = await db(em).selectFrom('security_incident_action').select('id').where('incident_id', '=', incidentId).where('kind', '=', kind).limit(1).executeTakeFirst();
  return !!r;
}

export function closeIncident(em: Em, id: string, at: Date, summary: string) {
  return db(em).updateTable('security_incident').set({ status: 'CLOSED', closed_at: at.toISOString(), closure_summary: summary }).where('id', '=', id).execute();
}

/** The timelines of many incidents, for the loader. */
export function actionsOfIncidents(em: Em, ids: readonly string[]) {
  return db(em).selectFrom('security_incident_action').select(['id', 'incident_id', 'kind', 'note', 'actor_sub', 'at']).where('incident_id', 'in', ids).orderBy('at').orderBy('seq').execute();
}
export type IncidentActionRow = Awaited<ReturnType<typeof actionsOfIncidents>>[number];
