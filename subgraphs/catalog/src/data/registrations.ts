import { sql, type Selectable } from 'kysely';
import { newId, pageOf, type Em } from '@pdo/platform';
import type { LocalDate } from '@pdo/policy';
import { CLOSED_STATES, CODED_STATES, type RegistrationRow, type RegistrationStepRow } from '../domain/registration.js';
import { db, instant, type DB } from './tables.js';
import { isUuid } from './resources.js';

export function toRegistrationRow(g: Selectable<DB['resource_registration']>): RegistrationRow {
  return {
    id: g.id,
    resourceId: g.resource_id,
    jurisdiction: g.jurisdiction,
    type: g.type as RegistrationRow['type'],
    state: g.state as RegistrationRow['state'],
    registrantOrgId: g.registrant_org_id,
    providedOn: g.provided_on,
    applicationDueOn: g.application_due_on,
    submittedOn: g.submitted_on,
    acceptedOn: g.accepted_on,
    noticeStartedOn: g.notice_started_on,
    codedOn: g.coded_on,
    validUntil: g.valid_until,
    registrationCode: g.registration_code,
    awaiting: g.awaiting,
    dueOn: g.due_on,
    lastReason: g.last_reason,
    summary: g.summary,
    createdAt: new Date(g.created_at),
    updatedAt: new Date(g.updated_at),
  };
}

const registrations = (em: Em) => db(em).selectFrom('resource_registration').selectAll();

export async function loadRegistration(em: Em, id: string, forUpdate = false): Promise<RegistrationRow | null> {
  if (!isUuid(id)) return null;
  let q = registrations(em).where('id', '=', id);
  if (forUpdate) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  return row ? toRegistrationRow(row) : null;
}

/** Writes every column of the registration (insert or update). */
export async function saveRegistration(em: Em, g: RegistrationRow, insert: boolean): Promise<void> {
  const values = {
    resource_id: g.resourceId,
    jurisdiction: g.jurisdiction,
    type: g.type,
    state: g.state,
    registrant_org_id: g.registrantOrgId,
    provided_on: g.providedOn,
    application_due_on: g.applicationDueOn,
    submitted_on: g.submittedOn,
    accepted_on: g.acceptedOn,
    notice_started_on: g.noticeStartedOn,
    coded_on: g.codedOn,
    valid_until: g.validUntil,
    registration_code: g.registrationCode,
    awaiting: g.awaiting,
    due_on: g.dueOn,
    last_reason: g.lastReason,
    summary: g.summary,
    created_at: instant(g.createdAt),
    updated_at: instant(g.updatedAt),
  };
  if (insert) await db(em).insertInto('resource_registration').values({ id: g.id, ...values }).execute();
  else await db(em).updateTable('resource_registration').set(values).where('id', '=', g.id).execute();
}

export async function insertRegistrationStep(em: Em, s: Omit<RegistrationStepRow, 'at'> & { at: Date }): Promise<void> {
  await db(em)
    .insertInto('resource_registration_step')
    .values({
      id: newId(),
      registration_id: s.registrationId,
      action: s.action,
      from_state: s.fromState,
      to_state: s.toState,
      reason: s.reason,
      actor_sub: s.actorSub,
      actor_role: s.actorRole,
      on_date: s.onDate,
      at: instant(s.at),
    })
    .execute();
}

/** The registrations of a resource that still count (not rejected, cancelled, terminated or revoked). */
export function liveRegistrations(em: Em, resourceId: string) {
  return db(em).selectFrom('resource_registration').select(['id', 'type', 'state']).where('resource_id', '=', resourceId).where('state', 'not in', CLOSED_STATES).execute();
}

/** How many registrations of the jurisdiction were ever coded (the sequence of the next registration code). */
export async function codedCount(em: Em, jurisdiction: string): Promise<number> {
  const row = await db(em).selectFrom('resource_registration').select((eb) => eb.fn.countAll<string>().as('n')).where('jurisdiction', '=', jurisdiction).where('registration_code', 'is not', null).executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** The coded registrations of a resource (all of them, or all but one), locked: a coded cancellation ends them. */
export async function codedRegistrationsOf(em: Em, resourceId: string, options: { except?: string; excludeCancellations?: boolean; forUpdate?: boolean } = {}) {
  let q = db(em).selectFrom('resource_registration').select(['id', 'type', 'state']).where('resource_id', '=', resourceId).where('state', 'in', CODED_STATES);
  if (options.except) q = q.where('id', '<>', options.except);
  if (options.excludeCancellations) q = q.where('type', '<>', 'CANCELLATION');
  if (options.forUpdate) q = q.forUpdate();
  return q.execute();
}

/** Ends a coded registration without its own state-machine step (a coded cancellation registration did it). */
export async function markCancelled(em: Em, id: string, reason: string, at: Date): Promise<void> {
  await db(em).updateTable('resource_registration').set({ state: 'CANCELLED', awaiting: null, due_on: null, last_reason: reason, updated_at: instant(at) }).where('id', '=', id).execute();
}

/** Coded registrations past their validity (RG Art 15), oldest first, a bounded batch. */
export function expiredRegistrations(em: Em, today: LocalDate, limit: number) {
  return db(em)
    .selectFrom('resource_registration')
    .select(['id', 'jurisdiction'])
    .where('state', 'in', CODED_STATES)
    .where('type', '<>', 'CANCELLATION')
    .where('valid_until', '<', today)
    .orderBy('valid_until')
    .orderBy('id')
    .limit(limit)
    .execute();
}

export interface RegistrationFilter {
  resourceId?: string | null;
  jurisdiction?: string | null;
  states?: string[] | null;
}

/** A page of registrations, most recently changed first. */
export function registrationPage(em: Em, f: RegistrationFilter, window: { limit: number; offset: number }) {
  let q = registrations(em);
  if (f.resourceId) q = q.where(sql`resource_id::text`, '=', f.resourceId);
  if (f.jurisdiction) q = q.where('jurisdiction', '=', f.jurisdiction);
  if (f.states?.length) q = q.where('state', 'in', f.states);
  return pageOf(db(em), q.orderBy('updated_at', 'desc').orderBy('id'), window);
}

/** A page of the jurisdiction's registrations whose awaited step is past due, by due date. */
export function overdueRegistrationPage(em: Em, jurisdiction: string, today: LocalDate, window: { limit: number; offset: number }) {
  const q = registrations(em).where('jurisdiction', '=', jurisdiction).where('due_on', '<', today).where('state', 'not in', CLOSED_STATES).orderBy('due_on').orderBy('id');
  return pageOf(db(em), q, window);
}

/** The most recent registration of each resource (any state), one `distinct on` statement. */
export async function latestRegistrations(em: Em, resourceIds: readonly string[]): Promise<RegistrationRow[]> {
  const ids = resourceIds.filter(isUuid);
  if (ids.length === 0) return [];
  const rows = await registrations(em)
    .distinctOn('resource_id')
    .where('resource_id', 'in', ids)
    .orderBy('resource_id')
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return rows.map(toRegistrationRow);
}

/** The steps of each registration, in order. */
export async function registrationSteps(em: Em, registrationIds: readonly string[]): Promise<RegistrationStepRow[]> {
  const rows = await db(em)
    .selectFrom('resource_registration_step')
    .select(['registration_id as registrationId', 'action', 'from_state as fromState', 'to_state as toState', 'reason', 'actor_sub as actorSub', 'actor_role as actorRole', 'on_date as onDate', 'at'])
    .where('registration_id', 'in', registrationIds)
    .orderBy('at')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ ...r, at: new Date(r.at) }));
}
