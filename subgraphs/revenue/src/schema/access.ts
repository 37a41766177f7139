import type { AccessRule, EntityAccessRule, Role } from '@pdo/platform';
import { REVENUE_SCOPE } from '../domain/access.js';
import type { CostSurvey } from './types.js';

/**
 * The role gate of every root field of the revenue subgraph (authorization matrix), enforced by
 * the platform before a resolver runs. Object-level scoping stays in the resolvers: finance staff
 * see their own jurisdiction, a party (source agency, operator, service provider, developer) only
 * what is its own. EXPERT and ANONYMOUS have no business with money, except the public prices
 * (prices must be disclosed, PN §5).
 */
const FINANCE: Role[] = ['FINANCE', 'AUTHORITY'];
const FINANCE_OR_OPERATOR: Role[] = [...FINANCE, 'OPERATOR'];
/** Anyone who can be a party to a settlement: a service provider signs in with an operator or developer role. */
const PARTIES: Role[] = [...FINANCE, 'OPERATOR', 'SOURCE_UNIT', 'AGENCY', 'DEVELOPER'];

export const REVENUE_ACCESS: Record<string, AccessRule> = {
  // ── queries ──
  costSurvey: FINANCE_OR_OPERATOR, // the surveyed operator reads its own
  costSurveys: FINANCE_OR_OPERATOR,
  bondYields: FINANCE_OR_OPERATOR, // reference data of the caller's jurisdiction
  productPrices: 'PUBLIC',
  priceInForce: 'PUBLIC',
  charges: [...FINANCE, 'OPERATOR', 'DEVELOPER'],
  distributionPlans: FINANCE,
  settlement: PARTIES, // a party sees the header of a settlement it takes part in
  settlements: FINANCE,
  revenueShares: PARTIES,
  revenueShareSummary: PARTIES,
  revenueStatement: PARTIES,
  revenueStatements: FINANCE,
  ledgerEntries: FINANCE,
  ledgerBalances: PARTIES,
  // exports: the same rule as the data each carries (object-level checks in export-resolver.ts)
  revenueStatementExport: PARTIES,
  settlementExport: FINANCE,
  revenueShareSummaryExport: PARTIES,
  revenueStatementChargesExport: [...FINANCE, 'OPERATOR', 'DEVELOPER'],
  // ── mutations ──
  recordCostSurvey: FINANCE,
  loadBondYield: ['AUTHORITY'], // PN §3(1): the pricing authority designates the yield
  setPriceCaps: FINANCE,
  setProductPrice: ['OPERATOR'],
  setDistributionPlan: FINANCE,
  runSettlement: FINANCE,
  startSettlement: FINANCE,
  postLedgerAdjustment: FINANCE,
  reverseLedgerEntry: FINANCE,
};

/** Who may resolve a reference to each entity revenue owns (`_entities`): as `costSurvey(id)`. */
export const REVENUE_ENTITY_ACCESS: Record<string, EntityAccessRule> = {
  CostSurvey: { roles: FINANCE_OR_OPERATOR, ...REVENUE_SCOPE, scope: (s: CostSurvey) => ({ jurisdiction: s.jurisdiction, orgIds: [s.operatorId] }) } satisfies EntityAccessRule<CostSurvey>,
};
