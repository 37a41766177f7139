import { pageOf, scopeWhere, type Em, type Identity, type ScopeOptions } from '@pdo/platform';
import { camel, camelAll, type GrantRow, type GrantStatus, type ScenarioResourceRow, type ScenarioRow } from './rows.js';
import { db } from './tables.js';

type Window = { limit: number; offset: number };

export async function getScenario(em: Em, id: string, lock = false): Promise<ScenarioRow | null> {
  let q = db(em).selectFrom('scenario').selectAll().where('id', '=', id);
  if (lock) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  return row ? (camel(row) as ScenarioRow) : null;
}

export async function scenariosByIds(em: Em, ids: readonly string[]): Promise<ScenarioRow[]> {
  return camelAll(await db(em).selectFrom('scenario').selectAll().where('id', 'in', ids).execute()) as ScenarioRow[];
}

export async function scenariosOfAgreements(em: Em, agreementIds: readonly string[]): Promise<ScenarioRow[]> {
  return camelAll(await db(em).selectFrom('scenario').selectAll().where('agreement_id', 'in', agreementIds).orderBy('submitted_on').orderBy('id').execute()) as ScenarioRow[];
}

/** Scenarios the caller may see (officials of the jurisdiction, the operator its own), newest first. */
export async function scenarioPage(em: Em, identity: Identity, filter: { jurisdiction?: string | null; agreementId?: string | null; status?: string | null }, window: Window, scope: ScopeOptions = {}) {
  const k = db(em);
  let q = k
    .selectFrom('scenario')
    .selectAll()
    .where(scopeWhere(identity, { jurisdiction: 'jurisdiction', orgs: ['operator_id'] }, scope))
    .orderBy('submitted_on', 'desc')
    .orderBy('id');
  if (filter.jurisdiction) q = q.where('jurisdiction', '=', filter.jurisdiction);
  if (filter.agreementId) q = q.where('agreement_id', '=', filter.agreementId);
  if (filter.status) q = q.where('status', '=', filter.status);
  const page = await pageOf(k, q, window);
  return { rows: camelAll(page.rows) as ScenarioRow[], totalCount: page.totalCount };
}

export async function insertScenario(
  em: Em,
  s: Pick<ScenarioRow, 'id' | 'agreementId' | 'operatorId' | 'jurisdiction' | 'nameZh' | 'description' | 'category' | 'expectedValue' | 'plan' | 'status' | 'submittedOn' | 'reviewDueOn'> & {
    agencyDecision?: string | null;
    decidedAt?: string | null;
    at?: string;
  },
): Promise<void> {
  await db(em)
    .insertInto('scenario')
    .values({
      id: s.id,
      agreement_id: s.agreementId,
      operator_id: s.operatorId,
      jurisdiction: s.jurisdiction,
      name_zh: s.nameZh,
      description: s.description,
      category: s.category,
      expected_value: s.expectedValue,
      plan: s.plan,
      status: s.status,
      submitted_on: s.submittedOn,
      review_due_on: s.reviewDueOn,
      agency_decision: s.agencyDecision ?? null,
      decided_at: s.decidedAt ?? null,
      ...(s.at ? { created_at: s.at } : {}),
    })
    .execute();
}

export async function decideScenario(em: Em, id: string, d: { status: 'APPROVED' | 'REFUSED'; refusalReasons?: string[]; at: string }): Promise<void> {
  await db(em)
    .updateTable('scenario')
    .set({ status: d.status, agency_decision: d.status, decided_at: d.at, ...(d.refusalReasons ? { refusal_reasons: d.refusalReasons } : {}) })
    .where('id', '=', id)
    .execute();
}

// ── the resources a scenario requests ──────────────────────────────────────
export async function insertScenarioResources(em: Em, rows: Omit<ScenarioResourceRow, 'reason'>[]): Promise<void> {
  if (!rows.length) return;
  await db(em)
    .insertInto('scenario_resource')
    .values(rows.map((r) => ({ scenario_id: r.scenarioId, resource_id: r.resourceId, source_agency_id: r.sourceAgencyId, justification: r.justification, fields: r.fields, decision: r.decision, decided_by: r.decidedBy })))
    .execute();
}

export async function scenarioResourcesOf(em: Em, scenarioIds: readonly string[], resourceId?: string): Promise<ScenarioResourceRow[]> {
  let q = db(em).selectFrom('scenario_resource').selectAll().where('scenario_id', 'in', scenarioIds).orderBy('resource_id');
  if (resourceId) q = q.where('resource_id', '=', resourceId);
  return camelAll(await q.execute()) as ScenarioResourceRow[];
}

export async function decideScenarioResource(em: Em, scenarioId: string, resourceId: string, d: { decision: 'APPROVED' | 'REFUSED'; reason: string | null; by: string }): Promise<void> {
  await db(em)
    .updateTable('scenario_resource')
    .set({ decision: d.decision, reason: d.reason, decided_by: d.by })
    .where('scenario_id', '=', scenarioId)
    .where('resource_id', '=', resourceId)
    .execute();
}

// ── access grants ──────────────────────────────────────────────────────────
export async function getGrant(em: Em, id: string, lock = false): Promise<GrantRow | null> {
  let q = db(em).selectFrom('access_grant').selectAll().where('id', '=', id);
  if (lock) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  return row ? (camel(row) as GrantRow) : null;
}

export async function grantsByIds(em: Em, ids: readonly string[]): Promise<GrantRow[]> {
  return camelAll(await db(em).selectFrom('access_grant').selectAll().where('id', 'in', ids).execute()) as GrantRow[];
}

export async function grantsOfScenarios(em: Em, scenarioIds: readonly string[]): Promise<GrantRow[]> {
  return camelAll(await db(em).selectFrom('access_grant').selectAll().where('scenario_id', 'in', scenarioIds).orderBy('resource_id').orderBy('id').execute()) as GrantRow[];
}

export async function grantsOfAgreements(em: Em, agreementIds: readonly string[]): Promise<GrantRow[]> {
  return camelAll(await db(em).selectFrom('access_grant').selectAll().where('agreement_id', 'in', agreementIds).orderBy('scenario_id').orderBy('resource_id').execute()) as GrantRow[];
}

/** The agreement's grants in these states, by id. */
export async function grantsOfAgreement(em: Em, agreementId: string, statuses: readonly GrantStatus[]): Promise<GrantRow[]> {
  return camelAll(await db(em).selectFrom('access_grant').selectAll().where('agreement_id', '=', agreementId).where('status', 'in', statuses).orderBy('id').execute()) as GrantRow[];
}

/** Live (active or paused) grants on a resource. */
export async function liveGrantsOfResource(em: Em, resourceId: string): Promise<GrantRow[]> {
  return camelAll(await db(em).selectFrom('access_grant').selectAll().where('resource_id', '=', resourceId).where('status', 'in', ['ACTIVE', 'PAUSED']).execute()) as GrantRow[];
}

export async function unrevokedGrantCount(em: Em, agreementId: string): Promise<number> {
  const row = await db(em).selectFrom('access_grant').select((eb) => eb.fn.countAll<string>().as('n')).where('agreement_id', '=', agreementId).where('status', '<>', 'REVOKED').executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Grants the caller may see (officials of the jurisdiction, the operator its own). */
export async function grantPage(em: Em, identity: Identity, filter: { agreementId?: string | null; scenarioId?: string | null; resourceId?: string | null; status?: string | null }, window: Window) {
  const k = db(em);
  let q = k
    .selectFrom('access_grant')
    .selectAll()
    .where(scopeWhere(identity, { jurisdiction: 'jurisdiction', orgs: ['operator_id'] }))
    .orderBy('scenario_id')
    .orderBy('resource_id')
    .orderBy('id');
  if (filter.agreementId) q = q.where('agreement_id', '=', filter.agreementId);
  if (filter.scenarioId) q = q.where('scenario_id', '=', filter.scenarioId);
  if (filter.resourceId) q = q.where('resource_id', '=', filter.resourceId);
  if (filter.status) q = q.where('status', '=', filter.status);
  const page = await pageOf(k, q, window);
  return { rows: camelAll(page.rows) as GrantRow[], totalCount: page.totalCount };
}

export async function insertGrants(em: Em, grants: Omit<GrantRow, 'reason'>[]): Promise<void> {
  if (!grants.length) return;
  await db(em)
    .insertInto('access_grant')
    .values(grants.map((g) => ({ id: g.id, agreement_id: g.agreementId, scenario_id: g.scenarioId, operator_id: g.operatorId, resource_id: g.resourceId, jurisdiction: g.jurisdiction, expires_on: g.expiresOn, status: g.status, updated_at: g.updatedAt })))
    .execute();
}

export async function setGrantStatus(em: Em, ids: readonly string[], status: GrantStatus, reason: string, at: string): Promise<void> {
  if (!ids.length) return;
  await db(em).updateTable('access_grant').set({ status, reason, updated_at: at }).where('id', 'in', ids).execute();
}

/** A renewal carries the live grants of the agreement to its new end. */
export async function extendLiveGrants(em: Em, agreementId: string, expiresOn: string, at: string, previousEnd: string): Promise<void> {
  // Only grants that ran to the agreement's end: one capped earlier by a returned-data consent keeps its cap.
  await db(em).updateTable('access_grant').set({ expires_on: expiresOn, updated_at: at }).where('agreement_id', '=', agreementId).where('status', 'in', ['ACTIVE', 'PAUSED']).where('expires_on', '=', previousEnd).execute();
}
