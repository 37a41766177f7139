import { SIGNED_IN_ROLES, type EntityAccessRule, type Role } from '@pdo/platform';
import type { ProductRow, UsageRow } from '../data/rows.js';
import { productTarget, PRODUCTS_SCOPE, usageTarget } from '../domain/scope.js';

/**
 * The role gate of every root field of the products subgraph (authorization matrix).
 * 'PUBLIC': anyone, results scoped by who asks (the marketplace, a listed product page, public usage disclosure).
 * Otherwise only these roles; every other role gets FORBIDDEN, an anonymous caller UNAUTHENTICATED —
 * checked by the platform (SubgraphDefinition.access) before the arguments are validated or a row
 * is read. Object-level rules (own organization,
 * own jurisdiction, party to the agreement) follow inside the services.
 */
const USAGE_READERS: Role[] = ['DEVELOPER', 'OPERATOR', 'AGENCY', 'AUTHORITY'];

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

/**
 * Who may resolve a reference to each entity products owns (`_entities`): the same scope as the
 * root queries — a listed product is public, an unlisted one its operator's and its jurisdiction's
 * supervisors'; a usage record its parties' and its jurisdiction's supervisors'.
 */
export const PRODUCTS_ENTITY_ACCESS = {
  DataProduct: { roles: 'PUBLIC', ...PRODUCTS_SCOPE, scope: (p: ProductRow) => ({ ...productTarget(p), public: p.listedAt !== null }) } satisfies EntityAccessRule<ProductRow>,
  // products contributes `DataResource.products` (scoped by its own loader); the reference is the id.
  DataResource: { roles: 'PUBLIC', scope: 'PUBLIC' } satisfies EntityAccessRule,
  UsageRecord: { roles: USAGE_READERS, ...PRODUCTS_SCOPE, scope: (r: UsageRow) => usageTarget(r) } satisfies EntityAccessRule<UsageRow>,
} satisfies Record<string, EntityAccessRule>;
