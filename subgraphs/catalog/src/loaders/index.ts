import DataLoader from 'dataloader';
import { profileLoader, type Em, type Identity } from '@pdo/platform';
import type { ResourceRow } from '../domain/resource.js';
import type { RegistrationRow, RegistrationStepRow } from '../domain/registration.js';
import { loadResources } from '../data/resources.js';
import { versionCounts } from '../data/resource-versions.js';
import { openCorrectionCounts } from '../data/corrections.js';
import { latestRegistrations, registrationSteps } from '../data/registrations.js';
import { organizationNames } from '../data/projections.js';

const counted = (count: (ids: readonly string[]) => Promise<Map<string, number>>) =>
  new DataLoader<string, number>(async (ids) => {
    const m = await count(ids);
    return ids.map((id) => m.get(id) ?? 0);
  });

/** Fresh per request: every by-id / per-resource lookup of one tick becomes one statement. */
export function createLoaders(em: Em, _identity?: Identity) {
  return {
    /** Effective policy profile per jurisdiction (local edits projected from licensing), one query per batch. */
    profile: profileLoader(em),
    resourceById: new DataLoader<string, ResourceRow | null>(async (ids) => {
      const byId = new Map((await loadResources(em, ids)).map((r) => [r.id, r]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    /**
     * Licensing's name of an organization, from the catalog's projection; '' for one no event has told the catalog of
     * yet (the field is non-null in licensing's schema, which this answer stands in for).
     */
    organizationName: new DataLoader<string, string>(async (ids) => {
      const names = new Map((await organizationNames(em, ids)).map((r) => [r.id, r.name_zh]));
      return ids.map((id) => names.get(id) ?? '');
    }),
    versionsCount: counted((ids) => versionCounts(em, ids)),
    openCorrectionsCount: counted((ids) => openCorrectionCounts(em, ids)),
    /** The most recent registration of each resource (any state). */
    latestRegistration: new DataLoader<string, RegistrationRow | null>(async (ids) => {
      const m = new Map((await latestRegistrations(em, ids)).map((r) => [r.resourceId, r]));
      return ids.map((id) => m.get(id) ?? null);
    }),
    registrationSteps: new DataLoader<string, RegistrationStepRow[]>(async (ids) => {
      const rows = await registrationSteps(em, ids);
      return ids.map((id) => rows.filter((r) => r.registrationId === id));
    }),
  };
}
export type CatalogLoaders = ReturnType<typeof createLoaders>;
