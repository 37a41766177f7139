import { randomUUID } from 'node:crypto';
import { badInput, conflict, forbidden, notFound, policyViolation, requireRole, sql, sqlOne, writeAudit, type AuditEntry, type EventPublisher, type Identity, type UnitOfWork } from '@pdo/platform';
import type { EffectiveProfile, LocalDate } from '@pdo/policy';
import type { CatalogEvents } from '@pdo/events';
import {
  firstApplicationDue,
  registrationClock,
  registrationCode,
  registrationTransition,
  renewalCheck,
  validityOnCoding,
  REGISTRATION_TRANSITIONS,
  TERMINAL_STATES,
  type RegistrationAction,
  type RegistrationActor,
  type RegistrationState,
  type RegistrationType,
} from '@pdo/registration';
import { calendarOfProfile, canManage, profileFor, requireManage, todayOf } from './access.js';
import { commitResource, loadForChange, type Actor } from './resource-service.js';
import { loadResource } from '../data/resource-rows.js';

export interface RegistrationRow {
  id: string;
  resourceId: string;
  jurisdiction: string;
  type: RegistrationType;
  state: RegistrationState;
  registrantOrgId: string | null;
  providedOn: LocalDate | null;
  applicationDueOn: LocalDate | null;
  submittedOn: LocalDate;
  acceptedOn: LocalDate | null;
  noticeStartedOn: LocalDate | null;
  codedOn: LocalDate | null;
  validUntil: LocalDate | null;
  registrationCode: string | null;
  awaiting: string | null;
  dueOn: LocalDate | null;
  lastReason: string | null;
  summary: string;
  createdAt: Date;
  updatedAt: Date;
}

export const REGISTRATION_COLUMNS = `g.id, g.resource_id as "resourceId", g.jurisdiction, g.type, g.state, g.registrant_org_id as "registrantOrgId",
  to_char(g.provided_on, 'YYYY-MM-DD') as "providedOn", to_char(g.application_due_on, 'YYYY-MM-DD') as "applicationDueOn",
  to_char(g.submitted_on, 'YYYY-MM-DD') as "submittedOn", to_char(g.accepted_on, 'YYYY-MM-DD') as "acceptedOn",
  to_char(g.notice_started_on, 'YYYY-MM-DD') as "noticeStartedOn", to_char(g.coded_on, 'YYYY-MM-DD') as "codedOn",
  to_char(g.valid_until, 'YYYY-MM-DD') as "validUntil", g.registration_code as "registrationCode", g.awaiting,
  to_char(g.due_on, 'YYYY-MM-DD') as "dueOn", g.last_reason as "lastReason", g.summary, g.created_at as "createdAt", g.updated_at as "updatedAt"`;

export async function loadRegistration(em: UnitOfWork['tx'], id: string, forUpdate = false): Promise<RegistrationRow | null> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  return sqlOne<RegistrationRow>(em, `select ${REGISTRATION_COLUMNS} from resource_registration g where g.id = $1${forUpdate ? ' for update' : ''}`, [id]);
}

/** Recomputes what the registration awaits and by when, in the jurisdiction's working days. */
export function clockOf(profile: EffectiveProfile, g: RegistrationRow, today: LocalDate) {
  return registrationClock(profile, calendarOfProfile(profile), g.state, g, today, g.type);
}

async function save(uow: UnitOfWork, g: RegistrationRow, insert: boolean, today: LocalDate): Promise<void> {
  const clock = clockOf(await profileFor(uow.tx, g.jurisdiction), g, today);
  g.awaiting = clock.awaiting;
  g.dueOn = clock.dueOn;
  const params = [g.id, g.resourceId, g.jurisdiction, g.type, g.state, g.registrantOrgId, g.providedOn, g.applicationDueOn, g.submittedOn, g.acceptedOn, g.noticeStartedOn, g.codedOn, g.validUntil, g.registrationCode, g.awaiting, g.dueOn, g.lastReason, g.summary, g.createdAt, g.updatedAt];
  if (insert) {
    await sql(uow.tx, `insert into resource_registration (id, resource_id, jurisdiction, type, state, registrant_org_id, provided_on, application_due_on, submitted_on, accepted_on, notice_started_on, coded_on, valid_until, registration_code, awaiting, due_on, last_reason, summary, created_at, updated_at)
      values ($1,$2,$3,$4,$5,$6,$7::date,$8::date,$9::date,$10::date,$11::date,$12::date,$13::date,$14,$15,$16::date,$17,$18,$19,$20)`, params);
  } else {
    await sql(uow.tx, `update resource_registration set resource_id=$2, jurisdiction=$3, type=$4, state=$5, registrant_org_id=$6, provided_on=$7::date, application_due_on=$8::date, submitted_on=$9::date, accepted_on=$10::date, notice_started_on=$11::date, coded_on=$12::date, valid_until=$13::date, registration_code=$14, awaiting=$15, due_on=$16::date, last_reason=$17, summary=$18, created_at=$19, updated_at=$20 where id=$1`, params);
  }
}

async function step(uow: UnitOfWork, actor: Actor, g: RegistrationRow, action: string, from: RegistrationState | null, reason: string | null, today: LocalDate) {
  await sql(uow.tx, `insert into resource_registration_step (id, registration_id, action, from_state, to_state, reason, actor_sub, actor_role, on_date, at) values ($1,$2,$3,$4,$5,$6,$7,$8,$9::date,$10)`, [
    randomUUID(), g.id, action, from, g.state, reason, actor.identity.sub, actor.identity.role, today, actor.now,
  ]);
  uow.audit({ entityType: 'ResourceRegistration', entityId: g.id, action, changes: { from, to: g.state, reason } });
}

export interface ApplyRegistrationInput {
  resourceId: string;
  type: RegistrationType;
  providedOn?: LocalDate | null;
  summary?: string | null;
}

const LIVE_EXCLUDED = ['REJECTED', 'CANCELLED', 'TERMINATED', 'REVOKED'];

/** 登记申请: the holder (source unit or implementing agency) applies for a resource registration. */
export async function applyRegistration(uow: UnitOfWork, actor: Actor, input: ApplyRegistrationInput): Promise<RegistrationRow> {
  const resource = await loadForChange(uow, input.resourceId);
  requireManage(actor.identity, resource);
  if (resource.status !== 'ACTIVE') throw conflict('已撤回的资源不能登记', 'A withdrawn resource cannot be registered', { details: { status: resource.status } });
  const today = todayOf(actor.now);
  const profile = await profileFor(uow.tx, resource.jurisdiction);
  if (input.providedOn && input.providedOn > today) throw badInput('数据提供日期不能晚于今天', 'providedOn cannot be in the future', { field: 'input.providedOn' });
  const live = await sql<{ id: string; type: string; state: string }>(uow.tx, `select id, type, state from resource_registration where resource_id = $1 and state <> all($2::text[])`, [resource.id, LIVE_EXCLUDED]);
  const coded = live.find((x) => (x.state === 'CODED' || x.state === 'RENEWED') && x.type !== 'CANCELLATION');
  const pending = live.find((x) => x.state !== 'CODED' && x.state !== 'RENEWED');
  if (pending) throw conflict('该资源已有进行中的登记申请', 'The resource already has a registration in progress', { details: { registrationId: pending.id, state: pending.state } });
  if (input.type === 'FIRST' && coded) throw conflict('该资源已登记，请申请变更、更正或注销登记', 'The resource is already registered: apply for a change, correction or cancellation', { details: { registrationId: coded.id } });
  if (input.type !== 'FIRST' && !coded) throw conflict('该资源尚未登记，须先申请首次登记', 'The resource is not registered yet: apply for a first registration', { rule: 'RG Art 8' });
  // HN Art 10: no registration before the catalog entry is complete (classified and graded).
  if (input.type === 'FIRST' && profile.catalogRegistrationRequiredForAuthorization.value && (!resource.grade || !resource.classification)) {
    throw policyViolation(profile.catalogRegistrationRequiredForAuthorization.source, '资源目录信息不完整（未分类分级），不能申请登记', 'The catalog entry is incomplete (not classified and graded); registration is not possible yet');
  }
  const calendar = calendarOfProfile(profile);
  const g: RegistrationRow = {
    id: randomUUID(),
    resourceId: resource.id,
    jurisdiction: resource.jurisdiction,
    type: input.type,
    state: 'APPLIED',
    registrantOrgId: actor.identity.org,
    providedOn: input.providedOn ?? null,
    applicationDueOn: input.type === 'FIRST' && input.providedOn ? firstApplicationDue(profile, calendar, input.providedOn) : null,
    submittedOn: today,
    acceptedOn: null,
    noticeStartedOn: null,
    codedOn: null,
    validUntil: null,
    registrationCode: null,
    awaiting: null,
    dueOn: null,
    lastReason: null,
    summary: (input.summary ?? '').trim() || `${resource.nameZh}（${resource.code}）`,
    createdAt: actor.now,
    updatedAt: actor.now,
  };
  await save(uow, g, true, today);
  await step(uow, actor, g, 'APPLY', null, null, today);
  return g;
}

function actorKind(actor: Actor, g: RegistrationRow, resource: { jurisdiction: string; sourceAgencyId: string }, action: RegistrationAction): RegistrationActor {
  const rule = REGISTRATION_TRANSITIONS[action];
  const id = actor.identity;
  if (rule.actor === 'REGISTRAR') {
    // The registration authority (数据登记机构) is the jurisdiction's data authority.
    requireRole(id, 'AUTHORITY');
    if (id.jurisdiction !== g.jurisdiction && id.jurisdiction !== 'NATIONAL') throw forbidden('只能办理本辖区的登记', 'You may only handle registrations of your jurisdiction');
    return 'REGISTRAR';
  }
  if (rule.actor === 'REGISTRANT') {
    requireManage(id, resource);
    return 'REGISTRANT';
  }
  // Objections come from anyone identified (real name, RG Art 12); anonymous callers are refused.
  requireRole(id, 'AUTHORITY', 'AGENCY', 'SOURCE_UNIT', 'OPERATOR', 'DEVELOPER', 'FINANCE', 'EXPERT');
  return canManage(id, resource) ? 'REGISTRANT' : 'PUBLIC';
}

/** One step of the RG state machine, with its side effects on dates, codes and the resource. */
export async function transitionRegistration(uow: UnitOfWork, actor: Actor, id: string, action: RegistrationAction, reason: string | null): Promise<RegistrationRow> {
  const g = await loadRegistration(uow.tx, id, true);
  if (!g) throw notFound('资源登记', 'Resource registration', id);
  const resource = await loadResource(uow.tx, g.resourceId);
  if (!resource) throw notFound('数据资源', 'Data resource', g.resourceId);
  const kind = actorKind(actor, g, resource, action);
  const outcome = registrationTransition(g.state, action, kind, reason);
  if (!outcome.ok) {
    if (outcome.reason === 'WRONG_STATE') {
      throw conflict(`登记当前状态为 ${g.state}，不能执行 ${action}`, `The registration is ${g.state}; ${action} is not allowed now`, {
        rule: outcome.article,
        details: { state: g.state, action, allowedFrom: outcome.allowedFrom },
      });
    }
    if (outcome.reason === 'WRONG_ACTOR') throw forbidden('无权执行该登记操作', 'You may not take this registration step', { rule: outcome.article });
    throw badInput('该操作须说明理由', 'This step requires a reason', { field: 'reason', rule: outcome.article });
  }
  const today = todayOf(actor.now);
  const profile = await profileFor(uow.tx, g.jurisdiction);
  const calendar = calendarOfProfile(profile);
  const from = g.state;
  g.state = outcome.to;
  g.lastReason = reason?.trim() || null;
  g.updatedAt = actor.now;
  switch (action) {
    case 'ACCEPT':
      g.acceptedOn = today;
      break;
    case 'RESUBMIT':
      // Resubmitting an incomplete file restarts the acceptance clock (RG Art 10).
      g.submittedOn = today;
      g.acceptedOn = null;
      break;
    case 'PASS_FORMAL_REVIEW':
      g.noticeStartedOn = today;
      break;
    case 'CODE': {
      const ends = clockOf(profile, { ...g, state: 'PUBLIC_NOTICE' }, today).dueOn!;
      if (today <= ends) {
        throw policyViolation('RG Art 12', `公示期至 ${ends} 结束，期满后方可赋码`, `The public notice runs until ${ends}; coding is possible only after it ends`, { details: { noticeEndsOn: ends } });
      }
      const seq = await sqlOne<{ n: string }>(uow.tx, `select count(*)::text as n from resource_registration where jurisdiction = $1 and registration_code is not null`, [g.jurisdiction]);
      g.codedOn = today;
      g.validUntil = validityOnCoding(profile, calendar, today);
      g.registrationCode = registrationCode(g.jurisdiction, 'R', today, Number(seq?.n ?? 0) + 1);
      break;
    }
    case 'RENEW': {
      const check = renewalCheck(profile, calendar, g.validUntil!, today);
      if (!check.ok) {
        throw policyViolation('RG Art 15', `续期须在有效期届满前 ${profile.registration.value.renewalWindowDays} 日内申请（${check.opensOn} 至 ${g.validUntil}）`, `Renewal may be requested only from ${check.opensOn} to ${g.validUntil}`, {
          details: { opensOn: check.opensOn, validUntil: g.validUntil },
        });
      }
      g.validUntil = check.newValidUntil;
      break;
    }
  }
  await save(uow, g, false, today);
  await step(uow, actor, g, action, from, g.lastReason, today);
  await afterTransition(uow, actor, g, action);
  return g;
}

/** Coding and ending a registration change whether the resource counts as registered (HN Art 10). */
async function afterTransition(uow: UnitOfWork, actor: Actor, g: RegistrationRow, action: RegistrationAction): Promise<void> {
  const ended = g.state === 'CANCELLED' || g.state === 'TERMINATED' || g.state === 'REVOKED';
  if (action === 'CODE' && g.type === 'CANCELLATION') {
    // A coded cancellation registration ends the resource's registration.
    const prior = await sql<{ id: string }>(uow.tx, `select id from resource_registration where resource_id = $1 and id <> $2 and state in ('CODED','RENEWED') for update`, [g.resourceId, g.id]);
    for (const p of prior) {
      await sql(uow.tx, `update resource_registration set state = 'CANCELLED', awaiting = null, due_on = null, last_reason = $2, updated_at = $3 where id = $1`, [p.id, '注销登记已赋码', actor.now]);
      await sql(uow.tx, `insert into resource_registration_step (id, registration_id, action, from_state, to_state, reason, actor_sub, actor_role, on_date, at) values ($1,$2,'CANCEL','CODED','CANCELLED',$3,$4,$5,$6::date,$7)`, [
        randomUUID(), p.id, `cancellation ${g.registrationCode}`, actor.identity.sub, actor.identity.role, todayOf(actor.now), actor.now,
      ]);
      const payload: CatalogEvents.ResourceRegistrationCancelled = { registrationId: p.id, resourceId: g.resourceId, jurisdiction: g.jurisdiction, state: 'CANCELLED', reason: '注销登记' };
      await uow.publish('ResourceRegistrationCancelled', payload, g.jurisdiction);
    }
  } else if (action === 'CODE') {
    const payload: CatalogEvents.ResourceRegistrationCoded = { registrationId: g.id, resourceId: g.resourceId, jurisdiction: g.jurisdiction, registrationCode: g.registrationCode!, codedOn: g.codedOn!, validUntil: g.validUntil! };
    await uow.publish('ResourceRegistrationCoded', payload, g.jurisdiction);
  } else if (ended && (TERMINAL_STATES as readonly string[]).includes(g.state)) {
    const payload: CatalogEvents.ResourceRegistrationCancelled = { registrationId: g.id, resourceId: g.resourceId, jurisdiction: g.jurisdiction, state: g.state as 'CANCELLED' | 'TERMINATED' | 'REVOKED', reason: g.lastReason };
    await uow.publish('ResourceRegistrationCancelled', payload, g.jurisdiction);
  }
  await syncRegistered(uow, actor, g.resourceId);
}

/** Sets the resource's `registered` flag from its registrations; a change is a new resource version. */
export async function syncRegistered(uow: UnitOfWork, actor: Actor, resourceId: string): Promise<void> {
  const r = await loadForChange(uow, resourceId);
  const row = await sqlOne<{ n: string }>(uow.tx, `select count(*)::text as n from resource_registration where resource_id = $1 and state in ('CODED','RENEWED') and type <> 'CANCELLATION'`, [resourceId]);
  const registered = Number(row?.n ?? 0) > 0;
  if (registered === r.registered || r.status === 'WITHDRAWN') return;
  await commitResource(uow, actor, r, { ...r, registered }, registered ? 'REGISTRATION_CODED' : 'REGISTRATION_ENDED');
}

/**
 * "Not renewed → cancelled" (RG Art 15): registrations past their validity are cancelled by the
 * system acting as registrar, each in its own transaction with its audit record and events.
 */
export async function expireRegistrations(em: UnitOfWork['tx'], events: EventPublisher, now: Date): Promise<string[]> {
  const today = todayOf(now);
  const due = await sql<{ id: string; jurisdiction: string }>(
    em,
    `select id, jurisdiction from resource_registration where state in ('CODED','RENEWED') and type <> 'CANCELLATION' and valid_until < $1::date order by valid_until, id limit 500`,
    [today],
  );
  const done: string[] = [];
  for (const g of due) {
    const identity: Identity = { sub: 'system:registration-expiry', role: 'AUTHORITY', org: null, jurisdiction: g.jurisdiction };
    await em.fork().transactional(async (tx) => {
      const entries: AuditEntry[] = [];
      const uow: UnitOfWork = { tx, audit: (e) => void entries.push(e), publish: (name, payload, j = null) => events.publish(tx, name, payload, j) };
      await transitionRegistration(uow, { identity, now }, g.id, 'CANCEL', '有效期届满未续期（RG Art 15）');
      await writeAudit(tx, { identity, requestId: 'job:registration-expiry' }, entries);
    });
    done.push(g.id);
  }
  return done;
}
