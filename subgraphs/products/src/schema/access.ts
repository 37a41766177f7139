import { ROLES, type Role } from '@pdo/platform';

/**
 * The role gate of every root field of the products subgraph (authorization matrix).
 * 'PUBLIC': anyone, results scoped by who asks (the marketplace, a listed product page, public usage disclosure).
 * Otherwise only these roles; every other role gets FORBIDDEN, an anonymous caller UNAUTHENTICATED —
 * checked by the platform (SubgraphDefinition.access) before the arguments are validated or a row
 * is read. Object-level rules (own organization,
 * own jurisdiction, party to the agreement) follow inside the services.
 */
const SIGNED_IN = ROLES.filter((r) => r !== 'ANONYMOUS') as Role[];
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
  advanceProductRegistration: SIGNED_IN,
  applyForProductUsage: ['DEVELOPER'],
  assessUsageApplication: ['OPERATOR'],
  decideUsageApplication: ['AGENCY'],
  acceptUsageAgreement: ['OPERATOR', 'DEVELOPER'],
  endUsageAgreement: ['OPERATOR', 'DEVELOPER', 'AGENCY'],
  recordUsage: ['OPERATOR'],
} satisfies Record<string, 'PUBLIC' | Role[]>;

export type ProductsOperation = keyof typeof PRODUCTS_ACCESS;
