import { Migration } from '@pdo/platform';

/**
 * 成本调查 and 最高准许收入 (PN §3(1)). The MAR is computed once, when the survey is recorded,
 * and stored with its working: finance staff must be able to show how every figure was reached,
 * and a later change of the bond-yield table must not silently rewrite an approved MAR.
 */
export class Migration0001CostSurvey extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table cost_survey (
        id uuid primary key,
        jurisdiction text not null,
        operator_id uuid not null,
        name text not null,
        period_start date not null,
        period_end date not null,
        survey_year int not null,
        platform_fen bigint not null check (platform_fen >= 0),
        data_handling_fen bigint not null check (data_handling_fen >= 0),
        personnel_fen bigint not null check (personnel_fen >= 0),
        data_acquisition_fen bigint not null check (data_acquisition_fen >= 0),
        period_expenses_fen bigint not null check (period_expenses_fen >= 0),
        subsidies_fen bigint not null check (subsidies_fen >= 0),
        taxes_fen bigint not null check (taxes_fen >= 0),
        bond_year int not null,
        bond_yield_percent text not null,
        bond_yield_source text not null,
        markup_pp text not null,
        rate_percent text not null,
        operating_cost_fen bigint not null,
        permitted_profit_fen bigint not null,
        mar_fen bigint not null,
        carry_in_fen bigint not null default 0,
        carry_over_deduction_fen bigint not null default 0,
        carry_out_fen bigint not null default 0,
        effective_mar_fen bigint not null,
        working jsonb not null,
        policy_source text not null,
        created_by text not null,
        created_at timestamptz not null default now(),
        check (period_end >= period_start),
        check (operating_cost_fen > 0)
      );
      create index cost_survey_operator_idx on cost_survey (operator_id, period_start);
      create index cost_survey_jurisdiction_idx on cost_survey (jurisdiction, period_start);
    `);
  }
}
