import { notFound, profileFor, type Identity, type UnitOfWork } from '@pdo/platform';
import type { CatalogEvents } from '@pdo/events';
import { computeAuthorizability } from '../domain/authorizability.js';
import { diffSnapshots, snapshotOf, snapshotPayload, verdictChanged, type ResourceRow, type VersionAction } from '../domain/resource.js';
import { loadResource, saveResource } from '../data/resources.js';
import { insertResourceVersion } from '../data/resource-versions.js';

/** Who acts and when: a request's identity and clock, or a system actor's (seed, jobs, events). */
export interface Actor {
  identity: Identity;
  now: Date;
}

/** The resource, locked for the transaction's change. */
export async function loadForChange(uow: UnitOfWork, id: string): Promise<ResourceRow> {
  const row = await loadResource(uow.tx, id, true);
  if (!row) throw notFound('数据资源', 'Data resource', id);
  return row;
}

/**
 * Persists a new state of a resource: bumps the version, recomputes authorizability, writes the
 * immutable version row and the audit record, and publishes the events. Every change path
 * (edit, withdraw, correction, registration, data load) goes through here so none can skip a version.
 */
export async function commitResource(uow: UnitOfWork, actor: Actor, before: ResourceRow | null, draft: ResourceRow, action: VersionAction, note: string | null = null): Promise<ResourceRow> {
  const verdict = computeAuthorizability(draft, await profileFor(uow.tx, draft.jurisdiction));
  const after: ResourceRow = {
    ...draft,
    authorizable: verdict.authorizable,
    authorizableReasons: verdict.reasons.map((x) => x.code),
    version: before ? before.version + 1 : 1,
    updatedAt: actor.now,
  };
  await saveResource(uow.tx, after, before === null);
  const changes = diffSnapshots(before ? snapshotOf(before) : null, snapshotOf(after));
  await insertResourceVersion(uow.tx, {
    resourceId: after.id,
    version: after.version,
    action,
    snapshot: snapshotOf(after),
    changes,
    changedBy: actor.identity.sub,
    changedByOrg: actor.identity.org,
    changedAt: actor.now,
    note,
  });
  uow.audit({ entityType: 'DataResource', entityId: after.id, action, changes: { version: after.version, ...changes } });
  const j = after.jurisdiction;
  if (!before) await uow.publish('ResourcePublished', snapshotPayload(after), j);
  else if (action === 'WITHDRAWN') {
    const payload: CatalogEvents.ResourceWithdrawn = { resourceId: after.id, jurisdiction: j, sourceAgencyId: after.sourceUnitId, version: after.version, withdrawnAt: actor.now.toISOString() };
    await uow.publish('ResourceWithdrawn', payload, j);
  } else await uow.publish('ResourceChanged', snapshotPayload(after), j);
  if (verdictChanged(before, after)) {
    const payload: CatalogEvents.ResourceAuthorizabilityChanged = { resourceId: after.id, jurisdiction: j, authorizable: after.authorizable, reasons: after.authorizableReasons, version: after.version };
    await uow.publish('ResourceAuthorizabilityChanged', payload, j);
  }
  return after;
}
