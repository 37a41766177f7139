import { badInput, conflict, forbidden, inTransaction, newId, notFound, policyViolation, profileFor, writeAudit, type AuditEntry, type EventPublisher, type Em, type Identity, type RequestContext, type UnitOfWork } from '@pdo/platform';
import { calendarOfProfile, todayInShanghai, type LocalDate } from '@pdo/policy';
import { firstApplicationDue, registrationCode, registrationTransition, renewalCheck, validityOnCoding, type RegistrationAction, type RegistrationType } from '@pdo/registration';
import { applicationBlocker, type RegistrationRow } from '../domain/registration.js';
import { loadResource } from '../data/resources.js';
import { codedCount, expiredRegistrations, liveRegistrations, loadRegistration } from '../data/registrations.js';
import { requireManage } from '../access.js';
import type { CatalogLoaders } from '../loaders/index.js';
import { loadForChange, type Actor } from './resource-commit.js';
import { afterTransition, clockOf, recordStep, registrationActor, saveWithClock } from './registration-steps.js';

type Ctx = RequestContext<CatalogLoaders>;

export interface ApplyRegistrationInput {
  resourceId: string;
  type: RegistrationType;
  providedOn?: LocalDate | null;
  summary?: string | null;
}

/** 登记申请: the holder (source unit or implementing agency) applies for a resource registration. */
export async function applyRegistration(uow: UnitOfWork, actor: Actor, input: ApplyRegistrationInput): Promise<RegistrationRow> {
  const resource = await loadForChange(uow, input.resourceId);
  requireManage(actor.identity, resource);
  if (resource.status !== 'ACTIVE') throw conflict('已撤回的资源不能登记', 'A withdrawn resource cannot be registered', { details: { status: resource.status } });
  const today = todayInShanghai(actor.now);
  const profile = await profileFor(uow.tx, resource.jurisdiction);
  if (input.providedOn && input.providedOn > today) throw badInput('数据提供日期不能晚于今天', 'providedOn cannot be in the future', { field: 'input.providedOn' });
  const blocker = applicationBlocker(await liveRegistrations(uow.tx, resource.id), input.type);
  if (blocker?.reason === 'IN_PROGRESS') throw conflict('该资源已有进行中的登记申请', 'The resource already has a registration in progress', { details: { registrationId: blocker.id, state: blocker.state } });
  if (blocker?.reason === 'ALREADY_REGISTERED') throw conflict('该资源已登记，请申请变更、更正或注销登记', 'The resource is already registered: apply for a change, correction or cancellation', { details: { registrationId: blocker.id } });
  if (blocker?.reason === 'NOT_REGISTERED') throw conflict('该资源尚未登记，须先申请首次登记', 'The resource is not registered yet: apply for a first registration', { rule: 'RG Art 8' });
  // HN Art 10: no registration before the catalog entry is complete (classified and graded).
  if (input.type === 'FIRST' && profile.catalogRegistrationRequiredForAuthorization.value && (!resource.grade || !resource.classification)) {
    throw policyViolation(profile.catalogRegistrationRequiredForAuthorization.source, '资源目录信息不完整（未分类分级），不能申请登记', 'The catalog entry is incomplete (not classified and graded); registration is not possible yet');
  }
  const g: RegistrationRow = {
    id: newId(),
    resourceId: resource.id,
    jurisdiction: resource.jurisdiction,
    type: input.type,
    state: 'APPLIED',
    registrantOrgId: actor.identity.org,
    providedOn: input.providedOn ?? null,
    applicationDueOn: input.type === 'FIRST' && input.providedOn ? firstApplicationDue(profile, calendarOfProfile(profile), input.providedOn) : null,
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
  await saveWithClock(uow, g, true, today);
  await recordStep(uow, actor, g, 'APPLY', null, null, today);
  return g;
}

/** One step of the RG state machine, with its side effects on dates, codes and the resource. */
export async function transitionRegistration(uow: UnitOfWork, actor: Actor, id: string, action: RegistrationAction, reason: string | null): Promise<RegistrationRow> {
  const g = await loadRegistration(uow.tx, id, true);
  if (!g) throw notFound('资源登记', 'Resource registration', id);
  const resource = await loadResource(uow.tx, g.resourceId);
  if (!resource) throw notFound('数据资源', 'Data resource', g.resourceId);
  const outcome = registrationTransition(g.state, action, registrationActor(actor, g, resource, action), reason);
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
  const today = todayInShanghai(actor.now);
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
      g.codedOn = today;
      g.validUntil = validityOnCoding(profile, calendar, today);
      g.registrationCode = registrationCode(g.jurisdiction, 'R', today, (await codedCount(uow.tx, g.jurisdiction)) + 1);
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
  await saveWithClock(uow, g, false, today);
  await recordStep(uow, actor, g, action, from, g.lastReason, today);
  await afterTransition(uow, actor, g, action);
  return g;
}

export const applyResourceRegistration = (ctx: Ctx, input: ApplyRegistrationInput) => inTransaction(ctx, (uow) => applyRegistration(uow, ctx, input));

export const transitionResourceRegistration = (ctx: Ctx, input: { id: string; action: RegistrationAction; reason: string | null }) =>
  inTransaction(ctx, (uow) => transitionRegistration(uow, ctx, input.id, input.action, input.reason));

/**
 * "Not renewed → cancelled" (RG Art 15), a scheduled job: registrations past their validity are cancelled by the
 * system acting as registrar, each in its own transaction with its audit record and events.
 */
export async function expireRegistrations(em: Em, events: EventPublisher, now: Date): Promise<string[]> {
  const due = await expiredRegistrations(em, todayInShanghai(now), 500);
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
