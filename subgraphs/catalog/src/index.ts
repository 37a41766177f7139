import { SIGNED_IN_ROLES, type AccessRule, type EntityAccessRule, type SubgraphDefinition } from '@pdo/platform';
import { migrations } from './migrations/list.js';
import { CatalogSearchResolver, DataResourceResolver } from './schema/resource-resolver.js';
import { CatalogUnappliedRegistrationResolver, DataResourceRegistrationFields, ResourceRegistrationResolver } from './schema/registration-resolver.js';
import { CorrectionRequestResolver } from './schema/correction-resolver.js';
import { createLoaders, type CatalogLoaders } from './loaders/index.js';
import { licensingHandlers } from './handlers/licensing.js';
import { deliveryHandlers } from './handlers/delivery.js';
import { CATALOG_SCOPE, isPublicResource, resourceTarget } from './domain/access.js';
import type { ResourceRow } from './data/resource-rows.js';
import { seed } from './seed.js';
import { expireRegistrations } from './domain/registration-service.js';

const MANAGERS = ['SOURCE_UNIT', 'AGENCY'] as const;
const IDENTIFIED = SIGNED_IN_ROLES;
const CORRECTION_VIEWERS = ['AUTHORITY', 'AGENCY', 'SOURCE_UNIT', 'OPERATOR'] as const;

/**
 * The role gate of every root field (the platform refuses other roles before the resolver runs).
 * Object-level checks — own organization, own jurisdiction, visibility of prohibited resources —
 * stay in the resolvers and services.
 */
export const access: Record<string, AccessRule> = {
  // The catalog is public metadata (never data); prohibited/withdrawn rows are scoped per caller.
  dataResource: 'PUBLIC',
  dataResourceByCode: 'PUBLIC',
  catalogSearch: 'PUBLIC',
  dataResources: 'PUBLIC',
  catalogSectors: 'PUBLIC',
  dataResourceVersions: 'PUBLIC',
  dataResourceVersion: 'PUBLIC',
  // Registrations are public acts (public notice, RG Art 12).
  resourceRegistration: 'PUBLIC',
  resourceRegistrations: 'PUBLIC',
  overdueResourceRegistrations: ['AUTHORITY', 'AGENCY'],
  unappliedResourceRegistrations: ['AUTHORITY', 'AGENCY', 'SOURCE_UNIT'],
  correctionRequest: CORRECTION_VIEWERS,
  correctionRequests: CORRECTION_VIEWERS,
  overdueCorrectionRequests: CORRECTION_VIEWERS,
  correctionTimeliness: ['AUTHORITY', 'AGENCY', 'SOURCE_UNIT', 'EXPERT'],
  createDataResource: MANAGERS,
  editDataResource: MANAGERS,
  withdrawDataResource: MANAGERS,
  applyResourceRegistration: MANAGERS,
  // REGISTRAR steps need AUTHORITY, holder steps SOURCE_UNIT/AGENCY, objections anyone identified: checked per action.
  transitionResourceRegistration: IDENTIFIED,
  raiseCorrectionRequest: ['OPERATOR', 'AGENCY'],
  answerCorrectionRequest: MANAGERS,
};

/** Who may resolve a reference to a resource (`_entities`): the catalog's own visibility (domain/access.ts). */
export const entityAccess: Record<string, EntityAccessRule> = {
  DataResource: { roles: 'PUBLIC', ...CATALOG_SCOPE, scope: (r: ResourceRow) => ({ ...resourceTarget(r), public: isPublicResource(r) }) } satisfies EntityAccessRule<ResourceRow>,
};

export const definition: SubgraphDefinition<CatalogLoaders> = {
  name: 'catalog',
  access,
  entityAccess,
  entities: [],
  migrations,
  resolvers: [DataResourceResolver, CatalogSearchResolver, ResourceRegistrationResolver, DataResourceRegistrationFields, CatalogUnappliedRegistrationResolver, CorrectionRequestResolver],
  referenceResolvers: {
    // Batched through the loader: N references in one response are one `= any($1)` query.
    // Scoped by entityAccess.DataResource, applied by the platform.
    DataResource: (ref, ctx) => (ctx.loaders as CatalogLoaders).resourceById.load(ref.id),
  },
  createLoaders,
  handlers: { ...licensingHandlers, ...deliveryHandlers },
  seed,
  jobs: [{ name: 'registration-expiry', everySeconds: 3600, run: async (em, rt) => void (await expireRegistrations(em, rt.events, new Date())) }],
};
