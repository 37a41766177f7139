import { demoId } from './ids.js';
import { orgByKey } from './organizations.js';
import { resourceByKey } from './resources.js';
import { scenarioByKey } from './authorizations.js';

export type DemoProductForm = 'DATA_PACKAGE' | 'API' | 'MODEL' | 'VERIFICATION' | 'REPORT' | 'SERVICE';
export type DemoChargingUnit = 'PER_CALL' | 'PER_MONTH' | 'PER_MB' | 'PER_ITEM';

export interface DemoProduct {
  key: string;
  id: string;
  code: string;
  scenarioKey: string;
  scenarioId: string;
  agreementId: string;
  jurisdiction: string;
  operatorId: string;
  nameZh: string;
  descriptionZh: string;
  form: DemoProductForm;
  /** FREE for public-welfare scenarios, PAID for industry (inherited from the scenario). */
  category: 'FREE' | 'PAID';
  resourceIds: string[];
  chargingUnit: DemoChargingUnit;
  /** Cap and price in fen per unit (0 for free products). */
  capFen: number;
  priceFen: number;
  /** How it is delivered, when not the form's usual way (API calls, or files for packages and reports). */
  deliveryMethod?: 'SANDBOX';
}

const p = (key: string, code: string, scenarioKey: string, nameZh: string, descriptionZh: string, form: DemoProductForm, resourceKeys: string[], chargingUnit: DemoChargingUnit, capFen: number, priceFen: number): DemoProduct => {
  const sc = scenarioByKey(scenarioKey);
  const free = sc.category === 'PUBLIC_WELFARE';
  return {
    key,
    id: demoId(`product:${key}`),
    code,
    scenarioKey,
    scenarioId: sc.id,
    agreementId: sc.agreementId,
    jurisdiction: sc.jurisdiction,
    operatorId: sc.operatorId,
    nameZh,
    descriptionZh,
    form,
    category: free ? 'FREE' : 'PAID',
    resourceIds: resourceKeys.map((k) => resourceByKey(k).id),
    chargingUnit,
    capFen: free ? 0 : capFen,
    priceFen: free ? 0 : priceFen,
  };
};

/** Products in every form across the seeded jurisdictions (listed unless their authorization is suspended). */
export const DEMO_PRODUCTS: DemoProduct[] = [
  p('hn-carrier-credit-api', 'HN-CP-0001', 'hn-freight-credit', '承运人信用评分接口', '输入车辆或企业标识，返回信用评分与风险标签（不含原始数据）', 'API', ['hn-freight-vehicles', 'hn-freight-waybills', 'hn-admin-penalties'], 'PER_CALL', 80, 60),
  p('hn-logistics-report', 'HN-CP-0002', 'hn-freight-credit', '区域货运景气指数报告', '按月发布的区域货运景气指数', 'REPORT', ['hn-freight-waybills', 'hn-enterprise-registration'], 'PER_ITEM', 500_000, 300_000),
  p('hn-job-info', 'HN-CP-0003', 'hn-employment-service', '就业岗位公共信息服务', '公益性就业信息服务', 'SERVICE', ['hn-employment'], 'PER_CALL', 0, 0),
  p('jl-mortgage-verify', 'JL-CP-0001', 'jl-real-estate-finance', '房产按揭核验', '核验房屋网签、抵押与公积金缴存状态，仅返回是/否', 'VERIFICATION', ['jl-housing-transactions', 'jl-property-registration', 'jl-housing-fund'], 'PER_CALL', 300, 200),
  p('jl-housing-model', 'JL-CP-0002', 'jl-housing', '房价评估模型', '在运营域内训练的房价评估模型，输出估值区间', 'MODEL', ['jl-housing-transactions'], 'PER_CALL', 500, 450),
  p('jl-marriage-verify', 'JL-CP-0003', 'jl-marriage', '婚姻状况核验', '经本人授权的婚姻状况核验', 'VERIFICATION', ['jl-marriage'], 'PER_CALL', 150, 100),
  p('jl-domestic-credit', 'JL-CP-0004', 'jl-domestic', '家政服务信用查询', '家政机构信用信息公益查询', 'API', ['jl-domestic-services'], 'PER_CALL', 0, 0),
  p('qhd-water-activity', 'QHD-CP-0001', 'qhd-shuilingtong', '企业用水活跃度指数', '按月更新的企业经营活跃度指数（水灵通）', 'DATA_PACKAGE', ['qhd-water-usage'], 'PER_MONTH', 2_000_000, 1_500_000),
  p('qhd-credit-score', 'QHD-CP-0002', 'qhd-qixintong', '企信通企业信用评分', '面向金融机构的企业综合信用评分（企信通）', 'API', ['qhd-enterprise-credit', 'qhd-tax-credit'], 'PER_CALL', 120, 100),
  p('tz-underwriting', 'TZ-CP-0001', 'tz-health-insurance', '健康险智能核保', '核保风险等级', 'SERVICE', ['tz-health-records'], 'PER_CALL', 400, 300),
  // Analysed in the development environment (开发处理环境): results leave only after output review.
  { ...p('zjc-insurance-actuarial', 'ZJC-CP-0001', 'zjc-insurance', '普惠保险精算数据包', '按人群分组的脱敏统计数据包', 'DATA_PACKAGE', ['zjc-medical-insurance', 'zjc-health-checkups'], 'PER_MB', 1_000, 800), deliveryMethod: 'SANDBOX' },
  p('zjc-health-guide', 'ZJC-CP-0002', 'zjc-health', '居民健康指导服务', '公益性健康管理服务', 'SERVICE', ['zjc-health-checkups'], 'PER_CALL', 0, 0),
  p('zjc-traffic-api', 'ZJC-CP-0003', 'zjc-transport', '道路流量查询接口', '路段小时级流量统计', 'API', ['zjc-traffic-flow'], 'PER_CALL', 50, 30),
  p('zjc-commerce-report', 'ZJC-CP-0004', 'zjc-commerce', '商贸经营分析报告', '季度商贸运行分析', 'REPORT', ['zjc-commerce-retail'], 'PER_ITEM', 200_000, 150_000),
];

export interface DemoUsageAgreement {
  key: string;
  id: string;
  productKey: string;
  productId: string;
  developerId: string;
  startDate: string;
  endDate: string;
  /** Monthly units used in the demo history (Jan–Oct 2026). */
  monthlyUnits: number;
}

const u = (key: string, productKey: string, developerKey: string, monthlyUnits: number): DemoUsageAgreement => ({
  key,
  id: demoId(`usage-agreement:${key}`),
  productKey,
  productId: DEMO_PRODUCTS.find((x) => x.key === productKey)!.id,
  developerId: orgByKey(developerKey).id,
  startDate: '2026-01-01',
  endDate: '2027-12-31',
  monthlyUnits,
});

/** Secondary developers' agreements with usage over the months before "today". */
export const DEMO_USAGE_AGREEMENTS: DemoUsageAgreement[] = [
  u('logistics-carrier', 'hn-carrier-credit-api', 'dev-logistics', 12_000),
  u('logistics-jobs', 'hn-job-info', 'dev-logistics', 3_000),
  u('fintech-mortgage', 'jl-mortgage-verify', 'dev-fintech', 8_000),
  u('fintech-housing-model', 'jl-housing-model', 'dev-fintech', 1_500),
  u('credit-qixintong', 'qhd-credit-score', 'dev-credit', 20_000),
  u('insure-actuarial', 'zjc-insurance-actuarial', 'dev-insure', 400),
  u('insure-traffic', 'zjc-traffic-api', 'dev-insure', 5_000),
];

/** The demo's settled period: revenue settles the third quarter of 2026. */
export const DEMO_SETTLED_PERIOD = { start: '2026-07-01', end: '2026-09-30' };
