import { csv, day, enterpriseCode, idNumber, int, pad, personName, pick, prng, type DemoLoad } from './demo-generators.js';

/**
 * Raw data of the remaining resources the demo products read (their recipes: demo-recipes.ts), one
 * CSV each, deterministic. Enterprises are numbered per jurisdiction (`enterpriseCode(division, i)`),
 * so a resource that refers to another resource's enterprise (a penalty, a waybill's shipper, a tax
 * grade) names one that exists there. People are opaque references or valid 身份证 numbers.
 */

const UPDATED = '2026-12-01T02:00:00+08:00';
const HN = '410100';
const JL = '220100';
const QHD = '130300';
const ZJC = '330624';
const AGE_BANDS = ['18-29', '30-39', '40-49', '50-59', '60+'];
const money = (r: () => number, lo: number, hi: number) => `${int(r, lo, hi)}.${pad(int(r, 0, 99), 2)}`;
const load = (resourceKey: string, header: string[], rows: (string | number | null)[][]): DemoLoad => ({ resourceKey, format: 'CSV', content: csv(['record_id', 'updated_at', ...header], rows.map((row, i) => [`${resourceKey.toUpperCase()}-${pad(i + 1, 6)}`, UPDATED, ...row])) });

/** 秦皇岛 enterprises known to the credit bureau and the tax office (企信通): the same 600. */
export const QHD_ENTERPRISES = 600;

function henan(plates: readonly string[]): DemoLoad[] {
  const r = prng('hn-products');
  const penalties = Array.from({ length: 300 }, () => [enterpriseCode(HN, int(r, 1, 800)), day('2022-01-01', int(r, 0, 1_700)), pick(r, ['警告', '罚款', '没收违法所得', '责令停产停业']), money(r, 500, 200_000)]);
  const waybills = Array.from({ length: 3_000 }, () => [plates[int(r, 0, Math.min(plates.length, 400) - 1)]!, enterpriseCode(HN, int(r, 1, 800)), day('2026-05-01', int(r, 0, 210)), money(r, 20, 1_400), money(r, 1, 48), r() < 0.88 ? 'true' : 'false']);
  const employment = Array.from({ length: 800 }, () => [r() < 0.9 ? enterpriseCode(HN, int(r, 1, 800)) : null, day('2025-01-01', int(r, 0, 690)), r() < 0.86 ? '就业' : '失业', pick(r, ['郑州', '洛阳', '开封', '新乡', '许昌'])]);
  return [
    load('hn-admin-penalties', ['uscc', 'decided_on', 'penalty_kind', 'fine_yuan'], penalties),
    load('hn-freight-waybills', ['plate_no', 'shipper_uscc', 'departed_on', 'distance_km', 'cargo_tons', 'on_time'], waybills),
    load('hn-employment', ['employer_uscc', 'registered_on', 'kind', 'district'], employment),
  ];
}

function jilin(): DemoLoad[] {
  const r = prng('jl-products');
  const districts = ['南关区', '宽城区', '朝阳区', '二道区', '绿园区', '双阳区'];
  const pricePerSqm: Record<string, number> = { 南关区: 9_800, 宽城区: 7_600, 朝阳区: 11_200, 二道区: 7_900, 绿园区: 7_100, 双阳区: 5_400 };
  const regions = ['220102', '220103', '220104', '220105', '220106'];
  const transactions = Array.from({ length: 1_000 }, (_, i) => {
    const district = pick(r, districts);
    const area = int(r, 45, 160);
    const price = (area * pricePerSqm[district]! * (0.85 + r() * 0.3)) / 10_000;
    return [`JL-WQ-2026-${pad(i + 1, 6)}`, idNumber(r, pick(r, regions)), district, `${area}.${pad(int(r, 0, 99), 2)}`, price.toFixed(2), day('2025-06-01', int(r, 0, 540))];
  });
  const property = Array.from({ length: 800 }, (_, i) => [`吉(2024)长春市不动产权第${pad(i + 1, 7)}号`, idNumber(r, pick(r, regions)), pick(r, districts), `${int(r, 45, 160)}.${pad(int(r, 0, 99), 2)}`, r() < 0.42 ? 'true' : 'false']);
  const fund = Array.from({ length: 800 }, () => [idNumber(r, pick(r, regions)), r() < 0.9 ? '正常' : '封存', int(r, 0, 240), r() < 0.3 ? 'true' : 'false']);
  const domestic = Array.from({ length: 200 }, (_, i) => [enterpriseCode(JL, i + 1), `长春${pick(r, ['安心', '好帮手', '暖家', '福满', '康馨'])}家政服务有限公司${i + 1}号`, int(r, 3, 180), r() < 0.6 ? 0 : int(r, 1, 12), pick(r, ['A', 'A', 'B', 'B', 'C'])]);
  return [
    load('jl-housing-transactions', ['contract_no', 'buyer_id_no', 'district', 'area_sqm', 'total_price_wan', 'signed_on'], transactions),
    load('jl-property-registration', ['cert_no', 'owner_id_no', 'district', 'area_sqm', 'mortgaged'], property),
    load('jl-housing-fund', ['id_no', 'account_status', 'months_paid', 'has_loan'], fund),
    load('jl-domestic-services', ['org_uscc', 'org_name', 'staff_count', 'complaints_12m', 'rating'], domestic),
  ];
}

function qinhuangdao(): DemoLoad[] {
  const r = prng('qhd-products');
  const credit: (string | number | null)[][] = [];
  const tax: (string | number | null)[][] = [];
  for (let i = 1; i <= QHD_ENTERPRISES; i++) {
    const uscc = enterpriseCode(QHD, i);
    const troubled = r() < 0.12;
    credit.push([uscc, `秦皇岛${pick(r, ['海港', '北戴河', '山海关', '抚宁', '昌黎'])}${personName(r).slice(0, 1)}${pick(r, ['科技', '商贸', '建设', '物流', '食品', '旅游'])}有限公司`, day('2000-01-01', int(r, 0, 9_000)),
      money(r, 10, 20_000), troubled && r() < 0.6 ? 'true' : 'false', troubled ? int(r, 1, 6) : r() < 0.15 ? 1 : 0, int(r, 0, 9)]);
    // One grade per year for two years; some enterprises have only the latest.
    for (const year of r() < 0.8 ? [2024, 2025] : [2025]) tax.push([uscc, year, troubled ? pick(r, ['M', 'C', 'D', 'B']) : pick(r, ['A', 'A', 'B', 'B', 'M'])]);
  }
  const water: (string | number | null)[][] = [];
  for (let a = 1; a <= 150; a++) {
    const enterprise = a <= 90;
    for (let m = 1; m <= 12; m++) {
      if (enterprise && r() < 0.06) continue;
      water.push([`QHD-SH-${pad(a, 6)}`, enterprise ? enterpriseCode(QHD, a) : null, enterprise ? '企业' : '居民', `2025-${pad(m, 2)}`, enterprise ? money(r, 80, 9_000) : money(r, 4, 30)]);
    }
  }
  return [
    load('qhd-enterprise-credit', ['uscc', 'name', 'established_on', 'registered_capital_wan', 'abnormal_listed', 'penalties_3y', 'licences'], credit),
    load('qhd-tax-credit', ['uscc', 'tax_year', 'grade'], tax),
    load('qhd-water-usage', ['account_no', 'holder_uscc', 'kind', 'month', 'volume_m3'], water),
  ];
}

function taizhouAndXinchang(): DemoLoad[] {
  const r = prng('zjc-products');
  const ref = (prefix: string, i: number) => `${prefix}-${pad(i, 6)}`;
  const health = Array.from({ length: 600 }, (_, i) => [ref('TZ-P', i + 1), pick(r, AGE_BANDS), r() < 0.7 ? 0 : int(r, 1, 4), `${int(r, 17, 34)}.${int(r, 0, 9)}`]);
  const insurance = Array.from({ length: 2_000 }, () => {
    const band = pick(r, AGE_BANDS);
    const older = AGE_BANDS.indexOf(band);
    return [ref('ZJC-P', int(r, 1, 900)), band, day('2025-01-01', int(r, 0, 700)), money(r, 40 + older * 60, 3_000 + older * 2_500), r() < 0.06 + older * 0.03 ? 'true' : 'false'];
  });
  const checkups = Array.from({ length: 1_200 }, (_, i) => {
    const band = pick(r, AGE_BANDS);
    return [ref('ZJC-P', (i % 900) + 1), band, day('2025-03-01', int(r, 0, 600)), r() < 0.55 + AGE_BANDS.indexOf(band) * 0.08 ? '正常' : '异常', `${int(r, 17, 33)}.${int(r, 0, 9)}`];
  });
  const trades = ['批发', '零售', '住宿', '餐饮'];
  const retail: (string | number | null)[][] = [];
  for (let e = 1; e <= 60; e++) {
    const trade = trades[e % trades.length]!;
    for (let m = 1; m <= 12; m++) retail.push([enterpriseCode(ZJC, e), trade, `2025-${pad(m, 2)}`, money(r, 20, 4_000)]);
  }
  return [
    load('tz-health-records', ['person_ref', 'age_band', 'chronic_conditions', 'bmi'], health),
    load('zjc-medical-insurance', ['person_ref', 'age_band', 'settled_on', 'claim_yuan', 'inpatient'], insurance),
    load('zjc-health-checkups', ['person_ref', 'age_band', 'checked_on', 'conclusion', 'bmi'], checkups),
    load('zjc-commerce-retail', ['uscc', 'trade', 'month', 'sales_wan'], retail),
  ];
}

/** `vehicles`: the freight vehicle register's load, whose plates the waybills name. */
export function demoProductLoads(vehicles: DemoLoad): DemoLoad[] {
  const plates = vehicles.content.trim().split('\n').slice(1).map((line) => line.split(',')[2]!);
  return [...henan(plates), ...jilin(), ...qinhuangdao(), ...taizhouAndXinchang()];
}
