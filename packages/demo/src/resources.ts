import { demoId } from './ids.js';
import { orgByKey } from './organizations.js';

export type DemoOpenness = 'UNCONDITIONAL' | 'CONDITIONAL' | 'PROHIBITED';

export interface DemoResource {
  key: string;
  id: string;
  jurisdiction: string;
  code: string;
  nameZh: string;
  descriptionZh: string;
  /** Sector code of the catalog taxonomy (lower-case English, e.g. "housing"). */
  sector: string;
  agencyKey: string;
  agencyId: string;
  openness: DemoOpenness;
  prohibitedReason?: 'STATE_SECRET' | 'PUBLIC_SECURITY' | 'PERSONAL_INFORMATION_WITHOUT_CONSENT' | 'BARRED_BY_LAW' | 'BARRED_BY_INDUSTRY_AUTHORITY';
  grade: 'L1' | 'L2' | 'L3' | 'L4' | null;
  sharedFromAgencyKey?: string;
  updateFrequency: 'REAL_TIME' | 'DAILY' | 'WEEKLY' | 'MONTHLY' | 'QUARTERLY' | 'YEARLY';
  recordCount: number;
  /** Data the province returned to the jurisdiction (回流数据; ZJC §三(五)2): the returning platform and its reference. */
  returnedOrigin?: { level: 'PROVINCE' | 'NATIONAL'; from: string; reference: string | null };
  fields: { name: string; type: string; descriptionZh: string; personalInformation?: boolean; sensitive?: boolean; required?: boolean }[];
}

const r = (
  key: string,
  jurisdiction: string,
  code: string,
  nameZh: string,
  descriptionZh: string,
  sector: string,
  agencyKey: string,
  extra: Partial<DemoResource> = {},
): DemoResource => ({
  key,
  id: demoId(`resource:${key}`),
  jurisdiction,
  code,
  nameZh,
  descriptionZh,
  sector,
  agencyKey,
  agencyId: orgByKey(agencyKey).id,
  openness: 'CONDITIONAL',
  grade: 'L2',
  updateFrequency: 'DAILY',
  recordCount: 100_000,
  fields: [
    { name: 'record_id', type: 'string', descriptionZh: '记录标识' },
    { name: 'updated_at', type: 'datetime', descriptionZh: '更新时间' },
  ],
  ...extra,
});

type Field = DemoResource['fields'][number];
const f = (name: string, type: string, descriptionZh: string, extra: Partial<Field> = {}): Field => ({ name, type, descriptionZh, ...extra });
/** The two fields every record-keeping resource starts with. */
const RECORD = [f('record_id', 'string', '记录标识', { required: true }), f('updated_at', 'datetime', '更新时间')];
const PERSON_REF = (descriptionZh: string) => f('person_ref', 'string', descriptionZh, { personalInformation: true, sensitive: true, required: true });

/** Catalogue of the demo world, across the sectors the seed documents name. */
export const DEMO_RESOURCES: DemoResource[] = [
  // 河南
  r('hn-enterprise-registration', 'HN', 'HN-SJ-0001', '企业登记注册信息', '市场主体设立、变更、注销登记信息', 'enterprise_registration', 'hn-src-market', { openness: 'UNCONDITIONAL', recordCount: 10_500_000, updateFrequency: 'DAILY', fields: [{ name: 'uscc', type: 'string', descriptionZh: '统一社会信用代码', required: true }, { name: 'name', type: 'string', descriptionZh: '企业名称', required: true }, { name: 'legal_rep', type: 'string', descriptionZh: '法定代表人', personalInformation: true }, { name: 'established_on', type: 'date', descriptionZh: '成立日期' }, { name: 'registered_capital_wan', type: 'numeric', descriptionZh: '注册资本（万元）' }] }),
  r('hn-admin-penalties', 'HN', 'HN-SJ-0002', '行政处罚信息', '市场监管领域行政处罚决定信息', 'credit', 'hn-src-market', { recordCount: 820_000 , fields: [...RECORD, f('uscc', 'string', '被处罚企业统一社会信用代码', { required: true }), f('decided_on', 'date', '处罚决定日期', { required: true }), f('penalty_kind', 'string', '处罚种类'), f('fine_yuan', 'numeric', '罚没金额（元）')] }),
  r('hn-freight-vehicles', 'HN', 'HN-JT-0001', '道路货运车辆信息', '道路货运车辆及道路运输证信息', 'transport', 'hn-src-transport', { recordCount: 1_900_000, fields: [{ name: 'record_id', type: 'string', descriptionZh: '记录标识', required: true }, { name: 'updated_at', type: 'datetime', descriptionZh: '更新时间' }, { name: 'plate_no', type: 'string', descriptionZh: '车牌号码', required: true }, { name: 'vehicle_type', type: 'string', descriptionZh: '车辆类型' }, { name: 'load_tons', type: 'numeric', descriptionZh: '核定载质量（吨）' }, { name: 'registered_on', type: 'date', descriptionZh: '注册登记日期' }, { name: 'owner_uscc', type: 'string', descriptionZh: '车辆所属企业的登记代码' }] }),
  r('hn-freight-waybills', 'HN', 'HN-JT-0002', '货运电子运单信息', '网络货运平台电子运单', 'logistics', 'hn-src-transport', { recordCount: 45_000_000, updateFrequency: 'REAL_TIME' , fields: [...RECORD, f('plate_no', 'string', '承运车辆车牌号码', { required: true }), f('shipper_uscc', 'string', '托运企业的登记代码'), f('departed_on', 'date', '发运日期', { required: true }), f('distance_km', 'numeric', '运距（公里）'), f('cargo_tons', 'numeric', '货物重量（吨）'), f('on_time', 'boolean', '是否按时送达')] }),
  r('hn-social-insurance', 'HN', 'HN-RS-0001', '社会保险参保信息', '职工养老、失业、工伤保险参保缴费信息', 'social_security', 'hn-src-hrss', { grade: 'L3', recordCount: 38_000_000, fields: [{ name: 'id_no', type: 'string', descriptionZh: '身份证号', personalInformation: true, sensitive: true }, { name: 'pay_months', type: 'int', descriptionZh: '缴费月数' }] }),
  r('hn-employment', 'HN', 'HN-RS-0002', '就业登记信息', '劳动者就业失业登记', 'employment', 'hn-src-hrss', { recordCount: 6_200_000 , fields: [...RECORD, f('employer_uscc', 'string', '用人单位的登记代码'), f('registered_on', 'date', '登记日期', { required: true }), f('kind', 'string', '登记类型（就业/失业）', { required: true }), f('district', 'string', '登记地')] }),
  r('hn-public-security-raw', 'HN', 'HN-GA-0001', '治安管理原始记录', '涉及公共安全的治安管理记录', 'public_safety', 'hn-src-hrss', { openness: 'PROHIBITED', prohibitedReason: 'PUBLIC_SECURITY', grade: 'L4' }),
  // 吉林
  r('jl-housing-transactions', 'JL', 'JL-ZJ-0001', '商品房网签备案信息', '新建商品房及存量房网签备案', 'housing', 'jl-src-housing', { recordCount: 2_300_000 , fields: [...RECORD, f('contract_no', 'string', '网签合同编号', { required: true }), f('buyer_id_no', 'string', '买受人身份证号', { personalInformation: true, sensitive: true, required: true }), f('district', 'string', '所在区', { required: true }), f('area_sqm', 'numeric', '建筑面积（平方米）', { required: true }), f('total_price_wan', 'numeric', '成交总价（万元）', { required: true }), f('signed_on', 'date', '网签日期', { required: true })] }),
  r('jl-property-registration', 'JL', 'JL-ZR-0001', '不动产登记信息', '不动产权属登记及抵押登记', 'natural_resources', 'jl-src-nr', { grade: 'L3', recordCount: 3_100_000 , fields: [...RECORD, f('cert_no', 'string', '不动产权证书号', { required: true }), f('owner_id_no', 'string', '权利人身份证号', { personalInformation: true, sensitive: true, required: true }), f('district', 'string', '所在区'), f('area_sqm', 'numeric', '建筑面积（平方米）'), f('mortgaged', 'boolean', '是否设有抵押', { required: true })] }),
  r('jl-housing-fund', 'JL', 'JL-GJJ-0001', '住房公积金缴存信息', '个人公积金缴存及贷款信息', 'housing_fund', 'jl-src-fund', { grade: 'L3', recordCount: 1_400_000, sharedFromAgencyKey: 'jl-src-housing' , fields: [...RECORD, f('id_no', 'string', '缴存人身份证号', { personalInformation: true, sensitive: true, required: true }), f('account_status', 'string', '账户状态（正常/封存）', { required: true }), f('months_paid', 'int', '连续缴存月数'), f('has_loan', 'boolean', '是否有公积金贷款')] }),
  r('jl-marriage', 'JL', 'JL-MZ-0001', '婚姻登记信息', '结婚、离婚登记信息', 'civil_affairs', 'jl-src-civil', { grade: 'L3', recordCount: 900_000, fields: [{ name: 'id_no', type: 'string', descriptionZh: '身份证号', personalInformation: true, sensitive: true, required: true }, { name: 'registered_on', type: 'date', descriptionZh: '登记日期', required: true }, { name: 'kind', type: 'string', descriptionZh: '登记类型（结婚/离婚）', required: true }, { name: 'district', type: 'string', descriptionZh: '登记机关所在区' }] }),
  r('jl-domestic-services', 'JL', 'JL-MZ-0002', '家政服务机构信息', '家政服务机构备案及从业人员信用', 'commerce', 'jl-src-civil', { openness: 'UNCONDITIONAL', recordCount: 12_000 , fields: [...RECORD, f('org_uscc', 'string', '家政机构统一社会信用代码', { required: true }), f('org_name', 'string', '机构名称', { required: true }), f('staff_count', 'int', '从业人员数'), f('complaints_12m', 'int', '近12个月有效投诉数'), f('rating', 'string', '信用评级（A/B/C）')] }),
  r('jl-marriage-ungraded', 'JL', 'JL-MZ-0003', '婚姻家庭辅导记录', '尚未完成分类分级的辅导记录', 'civil_affairs', 'jl-src-civil', { grade: null, recordCount: 30_000 }),
  // 秦皇岛
  r('qhd-water-usage', 'QHD', 'QHD-SW-0001', '居民及企业用水信息', '供水户用水量及缴费信息（水灵通）', 'utilities', 'qhd-src-water', { recordCount: 4_800_000, updateFrequency: 'MONTHLY' , fields: [...RECORD, f('account_no', 'string', '用水户号', { required: true }), f('holder_uscc', 'string', '企业用户统一社会信用代码'), f('kind', 'string', '用户类型（居民/企业）', { required: true }), f('month', 'string', '计费月份（YYYY-MM）', { required: true }), f('volume_m3', 'numeric', '用水量（立方米）')] }),
  r('qhd-water-quality', 'QHD', 'QHD-SW-0002', '供水水质监测信息', '出厂水、管网水水质监测', 'environment', 'qhd-src-water', { openness: 'UNCONDITIONAL', recordCount: 210_000 }),
  r('qhd-enterprise-credit', 'QHD', 'QHD-SJ-0001', '企业信用信息', '企业登记、许可、处罚、异常名录（企信通）', 'credit', 'qhd-src-market', { recordCount: 520_000 , fields: [...RECORD, f('uscc', 'string', '统一社会信用代码', { required: true }), f('name', 'string', '企业名称', { required: true }), f('established_on', 'date', '成立日期'), f('registered_capital_wan', 'numeric', '注册资本（万元）'), f('abnormal_listed', 'boolean', '是否列入经营异常名录', { required: true }), f('penalties_3y', 'int', '近三年行政处罚次数', { required: true }), f('licences', 'int', '有效行政许可数')] }),
  r('qhd-tax-credit', 'QHD', 'QHD-SW-0003', '纳税信用等级信息', '企业纳税信用评价结果', 'finance', 'qhd-src-tax', { recordCount: 310_000, updateFrequency: 'YEARLY' , fields: [...RECORD, f('uscc', 'string', '统一社会信用代码', { required: true }), f('tax_year', 'int', '评价年度', { required: true }), f('grade', 'string', '纳税信用级别（A/B/M/C/D）', { required: true })] }),
  r('qhd-classified', 'QHD', 'QHD-SW-0004', '涉密水利工程图纸', '涉密数据', 'utilities', 'qhd-src-water', { openness: 'PROHIBITED', prohibitedReason: 'STATE_SECRET', grade: 'L4' }),
  // 泰州
  r('tz-health-records', 'TZ', 'TZ-WJ-0001', '居民电子健康档案摘要', '脱敏后的健康档案摘要指标', 'health', 'tz-src-health', { grade: 'L3', recordCount: 4_500_000 , fields: [...RECORD, PERSON_REF('居民标识（去标识化）'), f('age_band', 'string', '年龄段', { required: true }), f('chronic_conditions', 'int', '慢病数'), f('bmi', 'numeric', '体重指数')] }),
  r('tz-medical-institutions', 'TZ', 'TZ-WJ-0002', '医疗机构信息', '医疗机构执业登记信息', 'health', 'tz-src-health', { openness: 'UNCONDITIONAL', recordCount: 3_600 }),
  r('tz-weather', 'TZ', 'TZ-QX-0001', '气象观测数据', '自动气象站逐小时观测', 'weather', 'tz-src-weather', { openness: 'UNCONDITIONAL', recordCount: 8_700_000, updateFrequency: 'REAL_TIME', fields: [{ name: 'record_id', type: 'string', descriptionZh: '记录标识', required: true }, { name: 'updated_at', type: 'datetime', descriptionZh: '更新时间' }, { name: 'station_id', type: 'string', descriptionZh: '站点编号', required: true }, { name: 'observed_at', type: 'datetime', descriptionZh: '观测时间', required: true }, { name: 'temperature_c', type: 'numeric', descriptionZh: '气温（摄氏度）' }, { name: 'precipitation_mm', type: 'numeric', descriptionZh: '降水量（毫米）' }] }),
  // 新昌
  r('zjc-medical-insurance', 'ZJC', 'ZJC-YB-0001', '医保结算信息', '医保参保及结算明细（脱敏）', 'medical_insurance', 'zjc-src-medins', { grade: 'L3', recordCount: 2_600_000, returnedOrigin: { level: 'PROVINCE', from: '浙江省公共数据平台（省医保局回流）', reference: 'IRS-ZJ-YB-330624-0001' }, fields: [...RECORD, PERSON_REF('参保人标识（去标识化）'), f('age_band', 'string', '年龄段', { required: true }), f('settled_on', 'date', '结算日期', { required: true }), f('claim_yuan', 'numeric', '医保结算金额（元）', { required: true }), f('inpatient', 'boolean', '是否住院')] }),
  r('zjc-health-checkups', 'ZJC', 'ZJC-WJ-0001', '健康体检信息', '居民健康体检结论指标', 'health', 'zjc-src-health', { grade: 'L3', recordCount: 780_000 , fields: [...RECORD, PERSON_REF('受检人标识（去标识化）'), f('age_band', 'string', '年龄段', { required: true }), f('checked_on', 'date', '体检日期', { required: true }), f('conclusion', 'string', '体检结论（正常/异常）', { required: true }), f('bmi', 'numeric', '体重指数')] }),
  r('zjc-traffic-flow', 'ZJC', 'ZJC-JT-0001', '道路交通流量信息', '主要道路卡口流量', 'transport', 'zjc-src-transport', { openness: 'UNCONDITIONAL', recordCount: 15_000_000, updateFrequency: 'REAL_TIME', fields: [{ name: 'record_id', type: 'string', descriptionZh: '记录标识', required: true }, { name: 'updated_at', type: 'datetime', descriptionZh: '更新时间' }, { name: 'checkpoint_id', type: 'string', descriptionZh: '卡口编号', required: true }, { name: 'hour_start', type: 'datetime', descriptionZh: '统计小时起点', required: true }, { name: 'vehicle_count', type: 'int', descriptionZh: '通过车辆数', required: true }, { name: 'avg_speed_kmh', type: 'numeric', descriptionZh: '平均车速（公里/小时）' }] }),
  r('zjc-commerce-retail', 'ZJC', 'ZJC-SW-0001', '商贸流通企业经营信息', '限上商贸企业经营指标', 'commerce', 'zjc-src-commerce', { recordCount: 45_000, updateFrequency: 'MONTHLY' , fields: [...RECORD, f('uscc', 'string', '企业的登记代码', { required: true }), f('trade', 'string', '行业', { required: true }), f('month', 'string', '统计月份（YYYY-MM）', { required: true }), f('sales_wan', 'numeric', '销售额（万元）', { required: true })] }),
];

export const resourceByKey = (key: string): DemoResource => {
  const x = DEMO_RESOURCES.find((d) => d.key === key);
  if (!x) throw new Error(`unknown demo resource ${key}`);
  return x;
};

/**
 * Deterministic 80.00–99.99 quality scores of a demo resource per dimension (`i`: its index in
 * DEMO_RESOURCES). The catalog seeds them; evaluation's seed derives its quality input from them.
 */
export function demoResourceQuality(r: DemoResource, i: number): { completeness: string; consistency: string; accuracy: string; timeliness: string } {
  const h = [...r.key].reduce((a, c) => (a * 31 + c.charCodeAt(0)) % 100_000, 7);
  const s = (k: number) => `${80 + ((h >> k) + i * 7) % 20}.${String((h * (k + 3)) % 100).padStart(2, '0')}`;
  return { completeness: s(1), consistency: s(2), accuracy: s(3), timeliness: s(4) };
}
