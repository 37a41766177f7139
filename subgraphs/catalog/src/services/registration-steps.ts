import { forbidden, profileFor, requireRole, type UnitOfWork } from '@pdo/platform';
import { calendarOfProfile, todayInShanghai, type EffectiveProfile, type LocalDate } from '@pdo/policy';
import type { CatalogEvents } from '@pdo/events';
import { registrationClock, REGISTRATION_TRANSITIONS, TERMINAL_STATES, type RegistrationAction, type RegistrationActor, type RegistrationState } from '@pdo/registration';
import type { RegistrationRow } from '../domain/registration.js';
import type { ResourceRow } from '../domain/resource.js';
import { codedRegistrationsOf, insertRegistrationStep, markCancelled, saveRegistration } from '../data/registrations.js';
import { canManage, requireManage } from '../access.js';
import { commitResource, loadForChange, type Actor } from './resource-commit.js';

/** What the registration awaits and by when, in the jurisdiction's working days. */
export function clockOf(profile: EffectiveProfile, g: RegistrationRow, today: LocalDate) {
  return registrationClock(profile, calendarOfProfile(profile), g.state, g, today, g.type);
}

/** Writes the registration with its clock recomputed. */
export async function saveWithClock(uow: UnitOfWork, g: RegistrationRow, insert: boolean, today: LocalDate): Promise<void> {
  const clock = clockOf(await profileFor(uow.tx, g.jurisdiction), g, today);
  g.awaiting = clock.awaiting;
  g.dueOn = clock.dueOn;
  await saveRegistration(uow.tx, g, insert);
}

/** Records the step taken (append-only) and its audit record. */
export async function recordStep(uow: UnitOfWork, actor: Actor, g: RegistrationRow, action: string, from: RegistrationState | null, reason: string | null, today: LocalDate): Promise<void> {
  await insertRegistrationStep(uow.tx, { registrationId: g.id, action, fromState: from, toState: g.state, reason, actorSub: actor.identity.sub, actorRole: actor.identity.role, onDate: today, at: actor.now });
  uow.audit({ entityType: 'ResourceRegistration', entityId: g.id, action, changes: { from, to: g.state, reason } });
}

/**
 * In which capacity the caller takes a step: registrar steps are the jurisdiction's data authority's (the
 * registration authority, stricter than the role gate); holder steps the managers of the resource; objections come
 * from anyone signed in (the role gate), as the holder when they manage the resource.
 */
export function registrationActor(actor: Actor, g: RegistrationRow, resource: ResourceRow, action: RegistrationAction): RegistrationActor {
  const rule = REGISTRATION_TRANSITIONS[action];
  const id = actor.identity;
  if (rule.actor === 'REGISTRAR') {
    requireRole(id, 'AUTHORITY');
    if (id.jurisdiction !== g.jurisdiction && id.jurisdiction !== 'NATIONAL') throw forbidden('只能办理本辖区的登记', 'You may only handle registrations of your jurisdiction');
    return 'REGISTRAR';
  }
  if (rule.actor === 'REGISTRANT') {
    requireManage(id, resource);
    return 'REGISTRANT';
  }
  return canManage(id, resource) ? 'REGISTRANT' : 'PUBLIC';
}

/** Sets the resource's `registered` flag from its registrations; a change is a new resource version. */
export async function syncRegistered(uow: UnitOfWork, actor: Actor, resourceId: string): Promise<void> {
  const r = await loadForChange(uow, resourceId);
  const registered = (await codedRegistrationsOf(uow.tx, resourceId, { excludeCancellations: true })).length > 0;
  if (registered === r.registered || r.status === 'WITHDRAWN') return;
  await commitResource(uow, actor, r, { ...r, registered }, registered ? 'REGISTRATION_CODED' : 'REGISTRATION_ENDED');
}

/** Coding and ending a registration change whether the resource counts as registered (HN Art 10), and tell the others. */
export async function afterTransition(uow: UnitOfWork, actor: Actor, g: RegistrationRow, action: RegistrationAction): Promise<void> {
  const ended = g.state === 'CANCELLED' || g.state === 'TERMINATED' || g.state === 'REVOKED';
  if (action === 'CODE' && g.type === 'CANCELLATION') {
    // A coded cancellation registration ends the resource's registration.
    for (const p of await codedRegistrationsOf(uow.tx, g.resourceId, { except: g.id, forUpdate: true })) {
      await markCancelled(uow.tx, p.id, '注销登记已赋码', actor.now);
      await insertRegistrationStep(uow.tx, {
        registrationId: p.id,
        action: 'CANCEL',
        fromState: 'CODED',
        toState: 'CANCELLED',
        reason: `cancellation ${g.registrationCode}`,
        actorSub: actor.identity.sub,
        actorRole: actor.identity.role,
        onDate: todayInShanghai(actor.now),
        at: actor.now,
      });
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
