import { ScenarioOpinionResolver } from './schema/scenario-opinion-resolver.js';
import { ReturnedDataConsentResolver } from './schema/returned-data-resolver.js';
import { integrityDigestKey, type SubgraphDefinition } from '@pdo/platform';
import { migrations } from './migrations/list.js';
import { OrganizationResolver } from './schema/organization-resolver.js';
import { PolicyResolver } from './schema/policy-resolver.js';
import { ApplicationResolver, CallResolver } from './schema/call-resolver.js';
import { AgreementResolver } from './schema/agreement-resolver.js';
import { IntegrityResolver, OrganizationPersonsResolver, RenewalApplicationResolver } from './schema/selection-resolver.js';
import { AccessGrantResolver, ScenarioResolver } from './schema/scenario-resolver.js';
import { AgreementPlanResolver, ImplementationPlanResolver } from './schema/plan-resolver.js';
import { createLoaders, type Loaders } from './loaders/index.js';
import { handlers } from './handlers/index.js';
import { runAgreementClock } from './services/agreement-clock.js';
import { tables } from './data/tables.js';
import { seed } from './seed.js';
import { licensingRepublish } from './services/republish.js';
import { LICENSING_ACCESS, LICENSING_ENTITY_ACCESS } from './access.js';

export const definition: SubgraphDefinition<Loaders> = {
  name: 'licensing',
  entities: [...tables],
  migrations,
  resolvers: [PolicyResolver, OrganizationResolver, CallResolver, ApplicationResolver, AgreementResolver, ScenarioResolver, AccessGrantResolver, ImplementationPlanResolver, AgreementPlanResolver, IntegrityResolver, OrganizationPersonsResolver, RenewalApplicationResolver, ScenarioOpinionResolver, ReturnedDataConsentResolver],
  referenceResolvers: {
    Organization: (ref, ctx) => (ctx.loaders as Loaders).byId.load(ref.id),
    // Other subgraphs may reference these; LICENSING_ENTITY_ACCESS (applied by the platform) scopes them as the queries.
    AuthorizationAgreement: (ref, ctx) => (ctx.loaders as Loaders).agreementById.load(ref.id),
    DataScenario: (ref, ctx) => (ctx.loaders as Loaders).scenarioById.load(ref.id),
    AccessGrant: (ref, ctx) => (ctx.loaders as Loaders).grantById.load(ref.id),
  },
  access: LICENSING_ACCESS,
  entityAccess: LICENSING_ENTITY_ACCESS,
  createLoaders,
  handlers,
  // Integrity records keep only keyed digests of ID numbers: no key in production, no start (SECURITY.md).
  startupChecks: () => void integrityDigestKey(),
  // Expiry at the end of the last day, consented early terminations on their day, overdue rectifications.
  jobs: [{ name: 'agreement-clock', everySeconds: 60, run: async (em, rt) => void (await runAgreementClock(em, rt)) }],
  seed,
  republish: licensingRepublish,
};

export { runAgreementClock as runAgreementClockJob } from './services/agreement-clock.js';
export { LICENSING_ACCESS, LICENSING_ENTITY_ACCESS } from './access.js';
