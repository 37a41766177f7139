import { assertInScope, forbidden, requireJurisdiction, requireRole, scopeOf, type AccessRule, type EntityAccessRule, type Identity, type Role } from '@pdo/platform';

/**
 * Who may do what in revenue: the role gate of every root field and entity type (enforced by the platform before a
 * resolver runs) and the object scope rules, on the platform's scope (packages/platform/src/access/scope.ts).
 * Finance staff and the authority act for their jurisdiction; a party (source unit, operator, service provider,
 * developer) sees only what is its own. EXPERT and ANONYMOUS have no business with money, except the public prices
 * (prices must be disclosed, PN §5).
 */
const FINANCE: Role[] = ['FINANCE', 'AUTHORITY'];
const FINANCE_OR_OPERATOR: Role[] = [...FINANCE, 'OPERATOR'];
/** Cost surveys and the MAR: the data authority's finance with the pricing authority (会同, PN §2(1)), and the operator surveyed. */
const MAR_READERS: Role[] = [...FINANCE_OR_OPERATOR, 'PRICING_AUTHORITY'];
/** Anyone who can be a party to a settlement, the data service provider (数据服务商, JL §八(二)) among them. */
const PARTIES: Role[] = [...FINANCE, 'OPERATOR', 'SOURCE_UNIT', 'AGENCY', 'DEVELOPER', 'SERVICE_PROVIDER'];

export const REVENUE_ACCESS: Record<string, AccessRule> = {
  // ── queries ──
  costSurvey: MAR_READERS, // the surveyed operator reads its own
  costSurveys: MAR_READERS,
  bondYields: MAR_READERS, // reference data of the caller's jurisdiction
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
  // exports: the same rule as the data each carries (object-level checks in services/exports.ts)
  revenueStatementExport: PARTIES,
  settlementExport: FINANCE,
  revenueShareSummaryExport: PARTIES,
  revenueStatementChargesExport: [...FINANCE, 'OPERATOR', 'DEVELOPER'],
  // ── mutations ──
  recordCostSurvey: [...FINANCE, 'PRICING_AUTHORITY'], // the pricing authority where the profile says so (pricingAuthority)
  loadBondYield: ['AUTHORITY', 'PRICING_AUTHORITY'], // PN §3(1): the yield the pricing authority designates
  setPriceCaps: FINANCE,
  setProductPrice: ['OPERATOR'],
  setDistributionPlan: FINANCE,
  runSettlement: FINANCE,
  startSettlement: FINANCE,
  postLedgerAdjustment: FINANCE,
  reverseLedgerEntry: FINANCE,
};

/**
 * Scope of revenue's objects: finance staff and the authority see their jurisdiction; every other role only what
 * names its organization.
 */
export const REVENUE_SCOPE = { officials: ['FINANCE', 'AUTHORITY'] as readonly Role[] } as const;
/** Cost surveys: the pricing authority also sees its jurisdiction's (it sets the MAR with the data authority). */
export const MAR_SCOPE = { officials: ['FINANCE', 'AUTHORITY', 'PRICING_AUTHORITY'] as readonly Role[] } as const;

/** Where a cost survey belongs: its jurisdiction, and the operator surveyed. */
export const costSurveyTarget = (s: { jurisdiction: string; operatorId: string }) => ({ jurisdiction: s.jurisdiction, orgIds: [s.operatorId] });

/** Who may resolve a reference to each entity revenue owns (`_entities`): as `costSurvey(id)`. */
export const REVENUE_ENTITY_ACCESS: Record<string, EntityAccessRule> = {
  CostSurvey: { roles: MAR_READERS, ...MAR_SCOPE, scope: costSurveyTarget } satisfies EntityAccessRule<{ jurisdiction: string; operatorId: string }>,
};

/**
 * Who sets the maximum permitted revenue (cost survey, markup) and the bond yield in a jurisdiction: the data
 * authority's side (FINANCE, AUTHORITY) and, where the profile gives it the part (`pricingAuthority`), the pricing
 * authority (PN §2(1), §3(1)).
 */
export function requirePricingPart(identity: Identity, jurisdiction: string, part: { value: { setsMaximumRevenue: boolean; designatesBondYield: boolean }; source: string }, step: 'setsMaximumRevenue' | 'designatesBondYield'): void {
  if (identity.role === 'PRICING_AUTHORITY') {
    requireJurisdiction(identity, jurisdiction);
    if (!part.value[step]) throw forbidden('本辖区规定未赋予价格主管部门此项职责', 'The jurisdiction’s texts do not give the pricing authority this step', { rule: part.source });
    return;
  }
  if (step === 'designatesBondYield') {
    requireRole(identity, 'AUTHORITY');
    requireJurisdiction(identity, jurisdiction);
    return;
  }
  requireFinance(identity, jurisdiction);
}

/** FINANCE and AUTHORITY act for their whole jurisdiction. */
export function requireFinance(identity: Identity, jurisdiction: string): void {
  requireRole(identity, 'FINANCE', 'AUTHORITY');
  requireJurisdiction(identity, jurisdiction);
}

export const isFinance = (identity: Identity) => identity.role === 'FINANCE' || identity.role === 'AUTHORITY';

/**
 * Scope of party-level reads: finance staff see their jurisdiction; anyone else only what is theirs (a source unit
 * its shares, an operator its own, a developer its own charges).
 */
export function partyScope(identity: Identity): { jurisdiction: string | null; partyId: string | null } {
  if (identity.role === 'ANONYMOUS') throw forbidden('需要登录', 'Sign in to see revenue data');
  const scope = scopeOf(identity, REVENUE_SCOPE);
  if (scope.kind === 'JURISDICTION') return { jurisdiction: scope.jurisdiction, partyId: null };
  if (scope.kind === 'ORG') return { jurisdiction: null, partyId: scope.org };
  throw forbidden('未关联单位', 'Your account has no organization');
}

/** A single party's statement: finance of the jurisdiction, or the party itself. */
export function requirePartyOrFinance(identity: Identity, jurisdiction: string, partyId: string): void {
  assertInScope(identity, { jurisdiction, orgIds: [partyId] }, { ...REVENUE_SCOPE, entity: ['对账单', 'Statement'] });
}

/** A settlement: finance of its jurisdiction, or — its header only — a party that takes part in it. */
export function requireSettlementReader(identity: Identity, s: { id: string; jurisdiction: string }, takesPart: boolean): void {
  if (isFinance(identity)) {
    assertInScope(identity, { jurisdiction: s.jurisdiction }, { ...REVENUE_SCOPE, entity: ['结算', 'Settlement'], id: s.id });
    return;
  }
  if (!takesPart) throw forbidden();
}

/** Charges in scope, as the `charges` query and the charges export filter them: a developer its own, an operator its products', finance its jurisdiction's. */
export function chargeScope(identity: Identity): { jurisdiction: string | null; developerId: string | null; operatorId: string | null } {
  if (isFinance(identity)) return { jurisdiction: identity.jurisdiction, developerId: null, operatorId: null };
  if (!identity.org) throw forbidden();
  return { jurisdiction: null, developerId: identity.role === 'DEVELOPER' ? identity.org : null, operatorId: identity.role === 'OPERATOR' ? identity.org : null };
}
