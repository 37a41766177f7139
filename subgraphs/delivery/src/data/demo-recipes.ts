import type { FieldType, OutputKind } from '../domain/recipe-types.js';
import type { Scalar } from '../domain/output-guard.js';

/**
 * The executable recipes of the demo products (docs/operating-domain/recipes.md), as their operators
 * would submit them: a scoring expression over features (the credit scores), verifications that
 * answer only yes/no, aggregates for reports, data packages and the sandbox. Tables are named as a
 * recipe writes them (the resource's code); the seed analyses each one like any submission, so a
 * recipe that breaks a rule fails the seed instead of being stored. SERVICE products run outside the
 * domain and have none.
 */
export interface DemoRecipe {
  productKey: string;
  sql: string;
  parameters: { name: string; type: FieldType }[];
  outputs: { name: string; kind: OutputKind }[];
  /** Per resource key: the field naming the data subject (k counts its distinct values). */
  subjects: { resourceKey: string; field: string }[];
  verification?: { column: string; values: Scalar[] }[];
}

/** 企信通 (QHD): tax grade, abnormal-list entry, penalties, age and licences → a 0–1000 score and its band. */
const QHD_SCORE = `500
      + case when t.grade = 'A' then 200 when t.grade = 'B' then 120 when t.grade = 'M' then 40 when t.grade = 'C' then -80 else -200 end
      + case when c.abnormal_listed then -150 else 60 end
      - 40 * c.penalties_3y
      + case when c.established_on < date '2015-01-01' then 90 when c.established_on < date '2021-01-01' then 40 else 0 end
      + 5 * c.licences`;

export const DEMO_RECIPES: DemoRecipe[] = [
  {
    productKey: 'qhd-credit-score',
    sql: `select ${QHD_SCORE} as score,
       case when ${QHD_SCORE} >= 700 then 'LOW' when ${QHD_SCORE} >= 550 then 'MEDIUM' else 'HIGH' end as risk_level
  from qhd_sj_0001 c join qhd_sw_0003 t on t.uscc = c.uscc
 where c.uscc = $1 and t.tax_year = 2025`,
    parameters: [{ name: 'uscc', type: 'text' }],
    outputs: [{ name: 'score', kind: 'SCORE' }, { name: 'risk_level', kind: 'LABEL' }],
    subjects: [{ resourceKey: 'qhd-enterprise-credit', field: 'uscc' }, { resourceKey: 'qhd-tax-credit', field: 'uscc' }],
  },
  {
    productKey: 'hn-carrier-credit-api',
    sql: `select 600
       + case when registered_on >= date '2020-01-01' then 80 when registered_on >= date '2016-01-01' then 30 else -40 end
       + case when vehicle_type = '重型半挂牵引车' then -20 else 20 end
       + case when owner_uscc is null then -150 else 60 end as score,
       case when owner_uscc is null then 'HIGH' when registered_on >= date '2016-01-01' then 'LOW' else 'MEDIUM' end as risk_level
  from hn_jt_0001 where plate_no = $1`,
    parameters: [{ name: 'plate_no', type: 'text' }],
    outputs: [{ name: 'score', kind: 'SCORE' }, { name: 'risk_level', kind: 'LABEL' }],
    subjects: [{ resourceKey: 'hn-freight-vehicles', field: 'plate_no' }],
  },
  {
    productKey: 'jl-marriage-verify',
    sql: 'select (kind = $2) as matched from jl_mz_0001 where id_no = $1',
    parameters: [{ name: 'id_no', type: 'text' }, { name: 'kind', type: 'text' }],
    outputs: [{ name: 'matched', kind: 'FLAG' }],
    subjects: [{ resourceKey: 'jl-marriage', field: 'id_no' }],
    verification: [{ column: 'matched', values: [true, false] }],
  },
  {
    productKey: 'jl-mortgage-verify',
    sql: 'select (mortgaged = true) as matched from jl_zr_0001 where cert_no = $1 and owner_id_no = $2',
    parameters: [{ name: 'cert_no', type: 'text' }, { name: 'owner_id_no', type: 'text' }],
    outputs: [{ name: 'matched', kind: 'FLAG' }],
    subjects: [{ resourceKey: 'jl-property-registration', field: 'owner_id_no' }],
    verification: [{ column: 'matched', values: [true, false] }],
  },
  {
    productKey: 'jl-housing-model',
    sql: `select round(avg(total_price_wan * 10000 / area_sqm) * $2 * 0.92) as estimate_low,
       round(avg(total_price_wan * 10000 / area_sqm) * $2 * 1.08) as estimate_high
  from jl_zj_0001 where district = $1`,
    parameters: [{ name: 'district', type: 'text' }, { name: 'area_sqm', type: 'numeric' }],
    outputs: [{ name: 'estimate_low', kind: 'AGGREGATE' }, { name: 'estimate_high', kind: 'AGGREGATE' }],
    subjects: [{ resourceKey: 'jl-housing-transactions', field: 'buyer_id_no' }],
  },
  {
    productKey: 'jl-domestic-credit',
    sql: `select 100 - 8 * complaints_12m + case when rating = 'A' then 0 when rating = 'B' then -10 else -25 end as score, rating as risk_level
  from jl_mz_0002 where org_uscc = $1`,
    parameters: [{ name: 'org_uscc', type: 'text' }],
    outputs: [{ name: 'score', kind: 'SCORE' }, { name: 'risk_level', kind: 'LABEL' }],
    subjects: [{ resourceKey: 'jl-domestic-services', field: 'org_uscc' }],
  },
  {
    productKey: 'hn-logistics-report',
    sql: `select date_trunc('month', departed_on) as period, round(sum(cargo_tons), 1) as freight_tons, count(record_id) as waybills
  from hn_jt_0002 group by date_trunc('month', departed_on)`,
    parameters: [],
    outputs: [{ name: 'period', kind: 'LABEL' }, { name: 'freight_tons', kind: 'AGGREGATE' }, { name: 'waybills', kind: 'AGGREGATE' }],
    subjects: [{ resourceKey: 'hn-freight-waybills', field: 'plate_no' }],
  },
  {
    productKey: 'qhd-water-activity',
    sql: `select month, count(account_no) as active_enterprises, round(sum(volume_m3)) as volume_m3
  from qhd_sw_0001 where kind = '企业' group by month`,
    parameters: [],
    outputs: [{ name: 'month', kind: 'LABEL' }, { name: 'active_enterprises', kind: 'AGGREGATE' }, { name: 'volume_m3', kind: 'AGGREGATE' }],
    subjects: [{ resourceKey: 'qhd-water-usage', field: 'account_no' }],
  },
  {
    productKey: 'zjc-traffic-api',
    sql: `select checkpoint_id as checkpoint, date_trunc('day', hour_start) as day, sum(vehicle_count) as vehicles
  from zjc_jt_0001 where checkpoint_id = $1 group by checkpoint_id, date_trunc('day', hour_start)`,
    parameters: [{ name: 'checkpoint_id', type: 'text' }],
    outputs: [{ name: 'checkpoint', kind: 'LABEL' }, { name: 'day', kind: 'LABEL' }, { name: 'vehicles', kind: 'AGGREGATE' }],
    subjects: [{ resourceKey: 'zjc-traffic-flow', field: 'record_id' }],
  },
  {
    productKey: 'zjc-insurance-actuarial',
    sql: 'select age_band, count(person_ref) as claims, round(avg(claim_yuan), 2) as avg_claim_yuan from zjc_yb_0001 group by age_band',
    parameters: [],
    outputs: [{ name: 'age_band', kind: 'LABEL' }, { name: 'claims', kind: 'AGGREGATE' }, { name: 'avg_claim_yuan', kind: 'AGGREGATE' }],
    subjects: [{ resourceKey: 'zjc-medical-insurance', field: 'person_ref' }, { resourceKey: 'zjc-health-checkups', field: 'person_ref' }],
  },
  {
    productKey: 'zjc-commerce-report',
    sql: 'select trade, month as period, round(sum(sales_wan), 2) as sales_wan from zjc_sw_0001 group by trade, month',
    parameters: [],
    outputs: [{ name: 'trade', kind: 'LABEL' }, { name: 'period', kind: 'LABEL' }, { name: 'sales_wan', kind: 'AGGREGATE' }],
    subjects: [{ resourceKey: 'zjc-commerce-retail', field: 'uscc' }],
  },
];
