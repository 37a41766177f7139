import { sql, type RawBuilder, type SqlBool } from 'kysely';
import {
  assertInScope,
  forbidden,
  inScope,
  scopeWhere,
  SIGNED_IN_ROLES,
  SUPERVISOR_ROLES,
  type EntityAccessRule,
  type Identity,
  type Role,
  type ScopeTarget,
} from '@pdo/platform';

/*
 * Who may do what in products: the role matrix of every root field and entity type, and the object scope rules,
 * built on the platform's scope (packages/platform/src/access/scope.ts). The data authority and the implementing
 * agency (实施机构, AGENCY) see their jurisdiction's products, usage applications, agreements and records; an operator
 * its own products and their usage; a secondary developer its own applications, agreements and usage; the public
 * the products that were listed.
 */

const USAGE_READERS: Role[] = ['DEVELOPER', 'OPERATOR', 'AGENCY', 'AUTHORITY'];

/**
 * The role gate of every root field (authorization matrix). 'PUBLIC': anyone, results scoped by who asks (the
 * marketplace, a listed product page, public usage disclosure). Otherwise only these roles; every other role gets
 * FORBIDDEN, an anonymous caller UNAUTHENTICATED — checked by the platform (SubgraphDefinition.access) before the
 * arguments are validated or a row is read. Object rules (own organization, own jurisdiction, party to the agreement)
 * follow in the services, through the scope rules below.
 */
export const PRODUCTS_ACCESS = {
  // ── queries ──
  dataProduct: 'PUBLIC', // unlisted products only for their operator / agency / authority
  productMarketplace: 'PUBLIC',
  dataProducts: 'PUBLIC', // the public sees products that were listed; back-office scope by role
  productUsageByMonth: 'PUBLIC', // usage of listed products is disclosed (NS Art 19)
  usageApplications: USAGE_READERS,
  usageAgreement: USAGE_READERS,
  usageAgreements: USAGE_READERS,
  usageRecords: USAGE_READERS,
  // ── mutations ──
  createDataProduct: ['OPERATOR'],
  updateProductDraft: ['OPERATOR'],
  createProductVersion: ['OPERATOR'],
  submitProductForReview: ['OPERATOR'],
  reviewProduct: ['AGENCY'],
  listProduct: ['OPERATOR'],
  delistProduct: ['OPERATOR', 'AGENCY'],
  applyProductRegistration: ['OPERATOR'],
  // registrant (operator), registrar (agency) and, for an objection during public notice, any real-name user (RG Art 12)
  advanceProductRegistration: SIGNED_IN_ROLES,
  applyForProductUsage: ['DEVELOPER'],
  assessUsageApplication: ['OPERATOR'],
  decideUsageApplication: ['AGENCY'],
  acceptUsageAgreement: ['OPERATOR', 'DEVELOPER'],
  endUsageAgreement: ['OPERATOR', 'DEVELOPER', 'AGENCY'],
  recordUsage: ['OPERATOR'],
} satisfies Record<string, 'PUBLIC' | readonly Role[]>;

export type ProductsOperation = keyof typeof PRODUCTS_ACCESS;

/** Only the supervisors of a jurisdiction count as its officials here; everyone else sees what names its organization. */
export const PRODUCTS_SCOPE = { officials: SUPERVISOR_ROLES } as const;

/** A product beyond the public market: its operator and the supervisors of its jurisdiction. */
export const productTarget = (p: { jurisdiction: string; operatorId: string }): ScopeTarget => ({ jurisdiction: p.jurisdiction, orgIds: [p.operatorId] });

/** Usage applications, agreements and records: both parties and the supervisors of the jurisdiction. */
export const usageTarget = (u: { jurisdiction: string; developerId: string; operatorId: string }): ScopeTarget => ({
  jurisdiction: u.jurisdiction,
  orgIds: [u.developerId, u.operatorId],
});

/** A catalog resource as products projects it (data/resource-facts.ts): what decides who may see it. */
interface ProjectedResource {
  jurisdiction: string;
  sourceAgencyId: string | null;
  status: string;
  openness: string | null;
  authorizable: boolean;
}

/**
 * The catalog's visibility of a resource (catalog access.ts: isPublicResource, canSee, CATALOG_SCOPE), applied to
 * products' projection because products answers the shared `DataResource.nameZh`, `sector` and `sourceAgency`, which
 * must resolve as the catalog resolves them: public unless prohibited or withdrawn; otherwise its source unit, and the
 * agency and the authority of its jurisdiction (every jurisdiction's for a national resource). Until a snapshot has
 * carried its openness (products migration 0018) an authorizable resource counts as public (a prohibited one is never
 * authorizable) and an unauthorizable one as hidden.
 */
export const RESOURCE_SCOPE = { officials: SUPERVISOR_ROLES, national: true } as const;
export const isPublicResource = (r: ProjectedResource): boolean => r.status === 'ACTIVE' && (r.openness === null ? r.authorizable : r.openness !== 'PROHIBITED');
export const resourceTarget = (r: ProjectedResource): ScopeTarget => ({ jurisdiction: r.jurisdiction, orgIds: [r.sourceAgencyId], public: isPublicResource(r) });
export const canSeeResource = (identity: Identity, r: ProjectedResource): boolean => inScope(identity, resourceTarget(r), RESOURCE_SCOPE);

/**
 * Who may resolve a reference to each entity products owns (`_entities`): the same scope as the root queries — a
 * listed product is public, an unlisted one its operator's and its jurisdiction's supervisors'; a usage record its
 * parties' and its jurisdiction's supervisors'.
 */
export const PRODUCTS_ENTITY_ACCESS = {
  DataProduct: {
    roles: 'PUBLIC',
    ...PRODUCTS_SCOPE,
    scope: (p: { jurisdiction: string; operatorId: string; listedAt: string | null }) => ({ ...productTarget(p), public: p.listedAt !== null }),
  } satisfies EntityAccessRule<{ jurisdiction: string; operatorId: string; listedAt: string | null }>,
  // The catalog's rule for its resources (below); a resource no snapshot has told products of yet is only its id, for
  // `DataResource.products` (scoped by its own loader).
  DataResource: {
    roles: 'PUBLIC',
    ...RESOURCE_SCOPE,
    scope: (r: ProjectedResource | { id: string }) => ('status' in r ? resourceTarget(r) : { jurisdiction: null, public: true }),
  } satisfies EntityAccessRule<ProjectedResource | { id: string }>,
  UsageRecord: {
    roles: USAGE_READERS,
    ...PRODUCTS_SCOPE,
    scope: (r: { jurisdiction: string; developerId: string; operatorId: string }) => usageTarget(r),
  } satisfies EntityAccessRule<{ jurisdiction: string; developerId: string; operatorId: string }>,
} satisfies Record<string, EntityAccessRule>;

/** Whether the caller may see a product that is not on the public market: its operator, the agency and the authority of its jurisdiction. */
export const canSeeUnlisted = (identity: Identity, p: { operatorId: string; jurisdiction: string }): boolean => inScope(identity, productTarget(p), PRODUCTS_SCOPE);

/**
 * Products (rows of `table`, data_product or its alias) the caller may see beyond the listed ones; `listedOnes` adds
 * every product that was ever listed.
 */
export const productsVisible = (identity: Identity, table: string, listedOnes = false): RawBuilder<SqlBool> =>
  scopeWhere(
    identity,
    { jurisdiction: `${table}.jurisdiction`, orgs: [`${table}.operator_id`], ...(listedOnes ? { public: sql<SqlBool>`${sql.ref(`${table}.listed_at`)} is not null` } : {}) },
    PRODUCTS_SCOPE,
  );

/**
 * Usage rows (applications, agreements, records: rows of `alias`, a table or its alias) the caller may see: a developer its own, an
 * operator its products', the agency and the authority their jurisdiction's. Asking for another developer's rows is
 * refused, not emptied.
 */
export function usageVisible(identity: Identity, alias: string, developerId?: string | null): RawBuilder<SqlBool> {
  if (identity.role === 'DEVELOPER' && developerId && developerId !== identity.org) {
    throw forbidden('不能查看其他二级开发主体的协议或用量', "You may not see another developer's agreements or usage");
  }
  return scopeWhere(identity, { jurisdiction: `${alias}.jurisdiction`, orgs: [`${alias}.developer_id`, `${alias}.operator_id`] }, PRODUCTS_SCOPE);
}

/** Parties, the agency and the authority of the jurisdiction; a developer never sees another developer's agreement. */
export function assertUsageAgreementVisible(identity: Identity, u: { developerId: string; operatorId: string; jurisdiction: string; id?: string }): void {
  assertInScope(identity, usageTarget(u), { ...PRODUCTS_SCOPE, entity: ['应用协议', 'Usage agreement'], id: u.id });
}

/** The organization the caller acts for (tokens of organization roles carry one). */
export function actingOrg(identity: Identity): string {
  if (!identity.org) throw forbidden('需要以单位身份操作', 'You must act for an organization');
  return identity.org;
}

/** Only the operator that owns the product acts on it as its developer. */
export function requireProductOwner(identity: Identity, p: { operatorId: string }): void {
  if (actingOrg(identity) !== p.operatorId) throw forbidden('只能操作本单位的产品', "You may only act on your own organization's products");
}
