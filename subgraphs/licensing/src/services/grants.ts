import type { LicensingEvents } from '@pdo/events';
import { grantsOfAgreement, setGrantStatus } from '../data/scenarios.js';
import type { GrantRow, GrantStatus } from '../data/rows.js';
import { resumable } from '../domain/agreement-lifecycle.js';
import type { Uow } from './checks.js';

/** Grants change state together: one statement, then an audit record and an event per grant (products and revenue follow). */
async function changeGrants(uow: Uow, grants: GrantRow[], status: GrantStatus, reason: string, at: Date): Promise<void> {
  if (!grants.length) return;
  await setGrantStatus(uow.tx, grants.map((g) => g.id), status, reason, at.toISOString());
  for (const g of grants) {
    uow.audit({ entityType: 'AccessGrant', entityId: g.id, action: status === 'ACTIVE' ? 'RESUMED' : status, changes: { from: g.status, to: status }, reason });
    if (status === 'ACTIVE') {
      const p: LicensingEvents.AccessGranted = { grantId: g.id, agreementId: g.agreementId, scenarioId: g.scenarioId, operatorId: g.operatorId, resourceId: g.resourceId, jurisdiction: g.jurisdiction, expiresOn: g.expiresOn, status: 'ACTIVE', effectiveAt: at.toISOString() };
      await uow.publish('AccessGranted', p, g.jurisdiction);
    } else {
      const p: LicensingEvents.AccessRevoked = { grantId: g.id, agreementId: g.agreementId, scenarioId: g.scenarioId, operatorId: g.operatorId, resourceId: g.resourceId, jurisdiction: g.jurisdiction, status, reason, effectiveAt: at.toISOString() };
      await uow.publish('AccessRevoked', p, g.jurisdiction);
    }
  }
}

/** Suspension pauses every active grant of the agreement (or those on `resourceIds`). */
export async function pauseGrants(uow: Uow, agreementId: string, reason: string, at: Date, resourceIds?: string[]): Promise<number> {
  let grants = await grantsOfAgreement(uow.tx, agreementId, ['ACTIVE']);
  if (resourceIds?.length) grants = grants.filter((g) => resourceIds.includes(g.resourceId));
  await changeGrants(uow, grants, 'PAUSED', reason, at);
  return grants.length;
}

/**
 * The paused grants a resumption would reopen: those paused with exactly `onlyReason`, or whose reason starts with it
 * when it ends with ':'. Resuming goes through `resumeGrants` of returned-data.ts, which re-checks the consent first.
 */
export async function pausedGrants(uow: Uow, agreementId: string, onlyReason?: string): Promise<GrantRow[]> {
  return resumable(await grantsOfAgreement(uow.tx, agreementId, ['PAUSED']), onlyReason);
}

export const reopenGrants = (uow: Uow, grants: GrantRow[], reason: string, at: Date) => changeGrants(uow, grants, 'ACTIVE', reason, at);

/** Exit closes every permission at once (QHD: take back all; JL §6.7). */
export async function revokeAllGrants(uow: Uow, agreementId: string, reason: string, at: Date): Promise<number> {
  const grants = await grantsOfAgreement(uow.tx, agreementId, ['ACTIVE', 'PAUSED']);
  await changeGrants(uow, grants, 'REVOKED', reason, at);
  return grants.length;
}

export const revokeGrants = (uow: Uow, grants: GrantRow[], reason: string, at: Date) => changeGrants(uow, grants, 'REVOKED', reason, at);
