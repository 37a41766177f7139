import { Migration0001CostSurvey } from './0001_cost_survey.js';
import { Migration0002PricingLedgerSettlement } from './0002_pricing_ledger_settlement.js';
import { Migration0003SettlementRunsLateCharges } from './0003_settlement_runs_late_charges.js';
import { Migration0004SettlementWatermarks } from './0004_settlement_watermarks.js';
import { Migration0005SettlementReferenceChecks } from './0005_settlement_reference_checks.js';
import { Migration0006SettledChargeAmount } from './0006_settled_charge_amount.js';
import { Migration0007AppendOnlyNoTruncate } from './0007_append_only_no_truncate.js';
import { Migration0008MoneyBoundsSettlementOverlap } from './0008_money_bounds_settlement_overlap.js';
import { Migration0009ProfileProjectionBondYield } from './0009_profile_projection_bond_yield.js';
import { Migration0010ProjectionNames } from './0010_projection_names.js';
import { Migration0011ChargeBasisTrialCapsUnitWeights } from './0011_charge_basis_trial_caps_unit_weights.js';
import { Migration0012LedgerLineReferenceChecks } from './0012_ledger_line_reference_checks.js';
import { Migration0013ChargeGroupStatistics } from './0013_charge_group_statistics.js';

/** Applied in order; never edit one that has shipped, add the next. */
export const migrations = [
  { name: '0001_cost_survey', class: Migration0001CostSurvey },
  { name: '0002_pricing_ledger_settlement', class: Migration0002PricingLedgerSettlement },
  { name: '0003_settlement_runs_late_charges', class: Migration0003SettlementRunsLateCharges },
  { name: '0004_settlement_watermarks', class: Migration0004SettlementWatermarks },
  { name: '0005_settlement_reference_checks', class: Migration0005SettlementReferenceChecks },
  { name: '0006_settled_charge_amount', class: Migration0006SettledChargeAmount },
  { name: '0007_append_only_no_truncate', class: Migration0007AppendOnlyNoTruncate },
  { name: '0008_money_bounds_settlement_overlap', class: Migration0008MoneyBoundsSettlementOverlap },
  { name: '0009_profile_projection_bond_yield', class: Migration0009ProfileProjectionBondYield },
  { name: '0010_projection_names', class: Migration0010ProjectionNames },
  { name: '0011_charge_basis_trial_caps_unit_weights', class: Migration0011ChargeBasisTrialCapsUnitWeights },
  { name: '0012_ledger_line_reference_checks', class: Migration0012LedgerLineReferenceChecks },
  { name: '0013_charge_group_statistics', class: Migration0013ChargeGroupStatistics },
];
