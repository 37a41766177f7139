/** SQL rows → GraphQL shapes. Dates are selected as text, money as bigint text. */
import { COST_ITEMS } from '../domain/rules.js';
import type { Charge, CostSurvey, DistributionPlan, LedgerAccount, PriceCap, ProductPrice, RevenueShare, Settlement } from '../schema/types.js';

type Row = Record<string, any>;
const big = (v: unknown) => BigInt(v as string);
const bigOrNull = (v: unknown) => (v === null || v === undefined ? null : BigInt(v as string));

export const COST_SURVEY_COLS = `id, jurisdiction, operator_id, name, period_start::text, period_end::text, survey_year, platform_fen, data_handling_fen, personnel_fen,
  data_acquisition_fen, period_expenses_fen, subsidies_fen, taxes_fen, bond_year, bond_yield_percent, bond_yield_source, markup_pp, rate_percent,
  operating_cost_fen, permitted_profit_fen, mar_fen, carry_in_fen, carry_over_deduction_fen, carry_out_fen, effective_mar_fen, working, policy_source, created_at`;

export function toCostSurvey(r: Row): CostSurvey {
  const fen: Record<string, bigint> = {
    platform: big(r.platform_fen),
    dataHandling: big(r.data_handling_fen),
    personnel: big(r.personnel_fen),
    dataAcquisition: big(r.data_acquisition_fen),
    periodExpenses: big(r.period_expenses_fen),
  };
  return {
    id: r.id,
    jurisdiction: r.jurisdiction,
    name: r.name,
    operatorId: r.operator_id,
    operator: { id: r.operator_id },
    periodStart: r.period_start,
    periodEnd: r.period_end,
    surveyYear: r.survey_year,
    costItems: COST_ITEMS.map((c) => ({ key: c.key, nameZh: c.zh, nameEn: c.en, amount: fen[c.key]! })),
    subsidies: big(r.subsidies_fen),
    taxes: big(r.taxes_fen),
    bondYear: r.bond_year,
    bondYieldPercent: r.bond_yield_percent,
    bondYieldSource: r.bond_yield_source,
    markupPp: r.markup_pp,
    ratePercent: r.rate_percent,
    operatingCost: big(r.operating_cost_fen),
    permittedProfit: big(r.permitted_profit_fen),
    mar: big(r.mar_fen),
    carryIn: big(r.carry_in_fen),
    carryOverDeduction: big(r.carry_over_deduction_fen),
    carryOut: big(r.carry_out_fen),
    effectiveMar: big(r.effective_mar_fen),
    working: r.working as string[],
    policySource: r.policy_source,
    createdAt: new Date(r.created_at),
  };
}

export const PRICE_CAP_COLS = `id, cost_survey_id, product_id, operator_id, jurisdiction, charging_unit, cap_fen, forecast_units, effective_from::text, created_at`;
export const toPriceCap = (r: Row): PriceCap => ({
  id: r.id,
  costSurveyId: r.cost_survey_id,
  productId: r.product_id,
  product: { id: r.product_id },
  operatorId: r.operator_id,
  jurisdiction: r.jurisdiction,
  chargingUnit: r.charging_unit,
  cap: big(r.cap_fen),
  forecastUnits: String(r.forecast_units),
  forecastRevenue: big(r.cap_fen) * big(r.forecast_units),
  effectiveFrom: r.effective_from,
  createdAt: new Date(r.created_at),
});

export const PRICE_COLS = `id, product_id, operator_id, jurisdiction, charging_unit, price_fen, cap_id, effective_from::text, version, created_at`;
export const toPrice = (r: Row): ProductPrice => ({
  id: r.id,
  productId: r.product_id,
  operatorId: r.operator_id,
  jurisdiction: r.jurisdiction,
  chargingUnit: r.charging_unit,
  price: big(r.price_fen),
  capId: r.cap_id,
  effectiveFrom: r.effective_from,
  version: r.version,
  createdAt: new Date(r.created_at),
});

export const CHARGE_COLS = `id, usage_id, usage_agreement_id, product_id, operator_id, developer_id, jurisdiction, category, charging_unit, units, unit_price_fen, price_id, amount_fen, priced, occurred_at`;
export const toCharge = (r: Row): Charge => ({
  id: r.id,
  usageId: r.usage_id,
  usageAgreementId: r.usage_agreement_id,
  productId: r.product_id,
  operatorId: r.operator_id,
  developerId: r.developer_id,
  jurisdiction: r.jurisdiction,
  category: r.category,
  chargingUnit: r.charging_unit,
  units: String(r.units),
  unitPrice: bigOrNull(r.unit_price_fen),
  priceId: r.price_id,
  amount: big(r.amount_fen),
  priced: r.priced,
  occurredAt: new Date(r.occurred_at),
});

export const SETTLEMENT_COLS = `id, jurisdiction, period_start::text, period_end::text, status, total_fen, charge_count, product_count, contribution_assessment_id, ledger_entry_id, started_at, completed_at, failure_reason, failed_at, attempt, carried_fen, carried_count`;
export const toSettlement = (r: Row): Settlement => ({
  id: r.id,
  jurisdiction: r.jurisdiction,
  periodStart: r.period_start,
  periodEnd: r.period_end,
  status: r.status,
  total: big(r.total_fen),
  chargeCount: String(r.charge_count),
  productCount: r.product_count,
  contributionAssessmentId: r.contribution_assessment_id,
  ledgerEntryId: r.ledger_entry_id,
  startedAt: new Date(r.started_at),
  completedAt: r.completed_at ? new Date(r.completed_at) : null,
  failureReason: r.failure_reason ?? null,
  failedAt: r.failed_at ? new Date(r.failed_at) : null,
  attempt: Number(r.attempt ?? 1),
  carriedTotal: big(r.carried_fen ?? 0),
  carriedChargeCount: String(r.carried_count ?? 0),
});

export const SHARE_COLS = `s.id, s.settlement_id, st.jurisdiction, st.period_start::text, st.period_end::text, s.product_id, s.party_kind, s.party_id, s.weight, s.amount_fen, s.basis`;
export const toShare = (r: Row): RevenueShare => ({
  id: r.id,
  settlementId: r.settlement_id,
  jurisdiction: r.jurisdiction,
  periodStart: r.period_start,
  periodEnd: r.period_end,
  productId: r.product_id,
  partyKind: r.party_kind,
  partyId: r.party_id,
  weight: r.weight,
  amount: big(r.amount_fen),
  basis: r.basis,
});

export const toAccount = (r: Row): LedgerAccount => ({ id: r.account_id ?? r.id, jurisdiction: r.jurisdiction, partyKind: r.party_kind, partyId: r.party_id });

export const toPlan = (r: Row, parties: Row[]): DistributionPlan => ({
  id: r.id,
  agreementId: r.agreement_id,
  productId: r.product_id,
  jurisdiction: r.jurisdiction,
  version: r.version,
  sourceBasis: r.source_basis,
  createdAt: new Date(r.created_at),
  parties: parties.map((p) => ({ ordinal: p.ordinal, kind: p.party_kind, partyId: p.party_id, weight: String(p.weight) })),
});
