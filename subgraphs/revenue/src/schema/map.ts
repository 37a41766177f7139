/** Plain rows of data/ and services/ → the GraphQL shapes of types.ts (money as bigint, instants as Date). */
import { COST_ITEMS } from '../domain/rules.js';
import type { AccountRow, BondYieldRow, ChargeRow, CostSurveyRow, EntryRecord, PlanRecord, PriceCapRow, PriceRow, SettlementRow, ShareRow } from '../services/rows.js';
import { plainPercent } from '../services/bond-yields.js';
import type { BondYield, Charge, CostSurvey, DistributionPlan, LedgerAccount, LedgerEntry, PriceCap, ProductPrice, RevenueShare, Settlement } from './types.js';

const big = (v: string | number) => BigInt(v);

export function toCostSurvey(r: CostSurveyRow): CostSurvey {
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
    working: r.working,
    policySource: r.policy_source,
    createdAt: new Date(r.created_at),
  };
}

export const toPriceCap = (r: PriceCapRow): PriceCap => ({
  id: r.id,
  costSurveyId: r.cost_survey_id,
  productId: r.product_id,
  product: { id: r.product_id },
  operatorId: r.operator_id,
  jurisdiction: r.jurisdiction,
  chargingUnit: r.charging_unit as PriceCap['chargingUnit'],
  cap: big(r.cap_fen),
  forecastUnits: String(r.forecast_units),
  forecastRevenue: big(r.cap_fen) * big(r.forecast_units),
  effectiveFrom: r.effective_from,
  createdAt: new Date(r.created_at),
  trial: r.trial,
});

export const toPrice = (r: PriceRow): ProductPrice => ({
  id: r.id,
  productId: r.product_id,
  operatorId: r.operator_id,
  jurisdiction: r.jurisdiction,
  chargingUnit: r.charging_unit as ProductPrice['chargingUnit'],
  price: big(r.price_fen),
  capId: r.cap_id,
  effectiveFrom: r.effective_from,
  version: r.version,
  createdAt: new Date(r.created_at),
});

export const toCharge = (r: ChargeRow): Charge => ({
  id: r.id,
  usageId: r.usage_id,
  usageAgreementId: r.usage_agreement_id,
  productId: r.product_id,
  operatorId: r.operator_id,
  developerId: r.developer_id,
  jurisdiction: r.jurisdiction,
  category: r.category as Charge['category'],
  chargingUnit: r.charging_unit as Charge['chargingUnit'],
  units: String(r.units),
  unitPrice: r.unit_price_fen === null ? null : big(r.unit_price_fen),
  priceId: r.price_id,
  amount: big(r.amount_fen),
  priced: r.priced,
  occurredAt: new Date(r.occurred_at),
  basis: r.basis,
});

export const toSettlement = (r: SettlementRow): Settlement => ({
  id: r.id,
  jurisdiction: r.jurisdiction,
  periodStart: r.period_start,
  periodEnd: r.period_end,
  status: r.status as Settlement['status'],
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

export const toShare = (r: ShareRow): RevenueShare => ({
  id: r.id,
  settlementId: r.settlement_id,
  jurisdiction: r.jurisdiction,
  periodStart: r.period_start,
  periodEnd: r.period_end,
  productId: r.product_id,
  partyKind: r.party_kind as RevenueShare['partyKind'],
  partyId: r.party_id,
  weight: r.weight,
  amount: big(r.amount_fen),
  basis: r.basis,
});

export const toAccount = (r: AccountRow): LedgerAccount => ({ id: r.id, jurisdiction: r.jurisdiction, partyKind: r.party_kind as LedgerAccount['partyKind'], partyId: r.party_id });

export const toEntry = (e: EntryRecord): LedgerEntry => ({
  id: e.id,
  jurisdiction: e.jurisdiction,
  entryDate: e.entry_date,
  memo: e.memo,
  settlementId: e.settlement_id,
  reversesEntryId: e.reverses_entry_id,
  createdBy: e.created_by,
  createdAt: new Date(e.created_at),
  lines: e.lines.map((l) => ({ account: toAccount(l.account), debit: big(l.debit_fen), credit: big(l.credit_fen) })),
});

export const toPlan = (p: PlanRecord): DistributionPlan => ({
  id: p.id,
  agreementId: p.agreementId,
  productId: p.productId,
  jurisdiction: p.jurisdiction,
  version: p.version,
  sourceBasis: p.sourceBasis as DistributionPlan['sourceBasis'],
  createdAt: new Date(p.createdAt),
  parties: p.parties.map((x) => ({ ordinal: x.ordinal, kind: x.kind as DistributionPlan['parties'][number]['kind'], partyId: x.partyId, weight: String(x.weight) })),
});

export const toBondYield = (r: BondYieldRow): BondYield => ({
  id: r.id,
  jurisdiction: r.jurisdiction,
  year: r.year,
  version: r.version,
  yieldPercent: plainPercent(r.yield_percent),
  sourceDocument: r.source_document,
  illustrative: r.illustrative,
  loadedBy: r.loaded_by,
  loadedAt: new Date(r.loaded_at),
});
