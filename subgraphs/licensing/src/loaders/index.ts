import DataLoader from 'dataloader';
import type { Em } from '@pdo/platform';
import type { PolicyProfile } from '@pdo/policy';
import { agreementsByIds, readinessOf, rectificationsOf, renewalsOf } from '../data/agreements.js';
import { callsByIds, reviewsByApplications } from '../data/calls.js';
import { orgsByIds } from '../data/organizations.js';
import { exitDutiesOfMany, plansByIds } from '../data/plans.js';
import { currentPersons, evaluationsOfOperators } from '../data/integrity.js';
import { storedOverridesOf } from '../data/profiles.js';
import { plansOfAgreements } from '../data/emergency-plans.js';
import { opinionsOf } from '../data/scenario-opinions.js';
import { grantsByIds, grantsOfAgreements, grantsOfScenarios, scenarioResourcesOf, scenariosByIds, scenariosOfAgreements } from '../data/scenarios.js';

/** One query per tick for by-id lookups. */
function byId<T extends { id: string }>(load: (ids: readonly string[]) => Promise<T[]>) {
  return new DataLoader<string, T | null>(async (ids) => {
    const m = new Map((await load(ids)).map((r) => [r.id, r]));
    return ids.map((id) => m.get(id) ?? null);
  });
}

/** Children grouped by a parent key, in the order the query gives, one query per tick. */
function groupBy<T>(load: (keys: readonly string[]) => Promise<T[]>, keyOf: (r: T) => string) {
  return new DataLoader<string, T[]>(async (keys) => {
    const m = new Map<string, T[]>();
    for (const r of await load(keys)) m.set(keyOf(r), [...(m.get(keyOf(r)) ?? []), r]);
    return keys.map((k) => m.get(k) ?? []);
  });
}

/** Fresh per request. */
export function createLoaders(em: Em) {
  return {
    byId: byId((ids) => orgsByIds(em, ids)),
    callById: byId((ids) => callsByIds(em, ids)),
    agreementById: byId((ids) => agreementsByIds(em, ids)),
    scenarioById: byId((ids) => scenariosByIds(em, ids)),
    grantById: byId((ids) => grantsByIds(em, ids)),
    reviewsByApplication: groupBy((ids) => reviewsByApplications(em, ids), (r) => r.applicationId),
    readinessByAgreement: groupBy((ids) => readinessOf(em, ids), (r) => r.agreementId),
    emergencyPlansByAgreement: groupBy((ids) => plansOfAgreements(em, ids), (r) => r.agreementId!),
    rectificationsByAgreement: groupBy((ids) => rectificationsOf(em, ids), (r) => r.agreementId),
    renewalsByAgreement: groupBy((ids) => renewalsOf(em, ids), (r) => r.agreementId),
    scenariosByAgreement: groupBy((ids) => scenariosOfAgreements(em, ids), (r) => r.agreementId),
    resourcesByScenario: groupBy((ids) => scenarioResourcesOf(em, ids), (r) => r.scenarioId),
    opinionsByScenario: groupBy((ids) => opinionsOf(em, ids), (r) => r.scenarioId),
    grantsByScenario: groupBy((ids) => grantsOfScenarios(em, ids), (r) => r.scenarioId),
    grantsByAgreement: groupBy((ids) => grantsOfAgreements(em, ids), (r) => r.agreementId),
    planById: byId((ids) => plansByIds(em, ids)),
    exitDutiesByAgreement: groupBy((ids) => exitDutiesOfMany(em, ids), (r) => r.agreementId),
    personsByOrganization: groupBy((ids) => currentPersons(em, ids), (r) => r.organizationId),
    /** A profile version's stored overrides by `jurisdiction|version` (null: none stored). */
    profileOverrides: new DataLoader<string, Partial<PolicyProfile> | null>(async (keys) => {
      const m = await storedOverridesOf(em, keys.map((k) => ({ jurisdiction: k.slice(0, k.lastIndexOf('|')), version: Number(k.slice(k.lastIndexOf('|') + 1)) })));
      return keys.map((k) => m.get(k) ?? null);
    }),
    evaluationsByOperator: groupBy((ids) => evaluationsOfOperators(em, ids), (r) => r.operatorId),
  };
}
export type Loaders = ReturnType<typeof createLoaders>;
