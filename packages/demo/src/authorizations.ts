import { demoId } from './ids.js';
import { orgByKey } from './organizations.js';
import { resourceByKey } from './resources.js';

export interface DemoAgreement {
  key: string;
  id: string;
  number: string;
  jurisdiction: string;
  operatorId: string;
  mode: 'WHOLE' | 'BY_DOMAIN' | 'BY_SCENARIO';
  startDate: string;
  endDate: string;
  trialEndDate?: string;
  status: 'ACTIVE' | 'SUSPENDED';
  resourceKeys: string[];
}

const a = (key: string, jurisdiction: string, operatorKey: string, mode: DemoAgreement['mode'], startDate: string, endDate: string, resourceKeys: string[], extra: Partial<DemoAgreement> = {}): DemoAgreement => ({
  key,
  id: demoId(`agreement:${key}`),
  number: `${jurisdiction}-SQ-${startDate.slice(0, 4)}-001`,
  jurisdiction,
  operatorId: orgByKey(operatorKey).id,
  mode,
  startDate,
  endDate,
  status: 'ACTIVE',
  resourceKeys,
  ...extra,
});

/** One authorization per jurisdiction under that jurisdiction's terms (docs/policy/profile-settings.md). */
export const DEMO_AGREEMENTS: DemoAgreement[] = [
  a('hn', 'HN', 'hn-operator', 'WHOLE', '2025-04-01', '2028-03-31', ['hn-enterprise-registration', 'hn-admin-penalties', 'hn-freight-vehicles', 'hn-freight-waybills', 'hn-social-insurance', 'hn-employment']),
  a('jl', 'JL', 'jl-operator', 'BY_SCENARIO', '2025-06-01', '2028-05-31', ['jl-housing-transactions', 'jl-property-registration', 'jl-housing-fund', 'jl-marriage', 'jl-domestic-services']),
  a('qhd', 'QHD', 'qhd-operator', 'WHOLE', '2025-03-01', '2028-02-29', ['qhd-water-usage', 'qhd-water-quality', 'qhd-enterprise-credit', 'qhd-tax-credit']),
  // Taizhou's is in rectification (整改): suspended, its grants paused.
  a('tz', 'TZ', 'tz-operator', 'BY_SCENARIO', '2025-05-01', '2028-04-30', ['tz-health-records', 'tz-medical-institutions', 'tz-weather'], { status: 'SUSPENDED' }),
  // Xinchang: 2 years plus a 6-month trial before it.
  a('zjc', 'ZJC', 'zjc-operator', 'BY_SCENARIO', '2025-01-01', '2027-06-30', ['zjc-medical-insurance', 'zjc-health-checkups', 'zjc-traffic-flow', 'zjc-commerce-retail'], { trialEndDate: '2025-06-30' }),
];

export type ScenarioCategory = 'PUBLIC_WELFARE' | 'INDUSTRY';

export interface DemoScenario {
  key: string;
  id: string;
  agreementKey: string;
  agreementId: string;
  jurisdiction: string;
  operatorId: string;
  nameZh: string;
  descriptionZh: string;
  /** PUBLIC_WELFARE (public governance / welfare) is free; INDUSTRY is paid (PN §1). */
  category: ScenarioCategory;
  resourceKeys: string[];
  resourceIds: string[];
}

const s = (key: string, agreementKey: string, nameZh: string, descriptionZh: string, category: ScenarioCategory, resourceKeys: string[]): DemoScenario => {
  const ag = DEMO_AGREEMENTS.find((x) => x.key === agreementKey)!;
  return {
    key,
    id: demoId(`scenario:${key}`),
    agreementKey,
    agreementId: ag.id,
    jurisdiction: ag.jurisdiction,
    operatorId: ag.operatorId,
    nameZh,
    descriptionZh,
    category,
    resourceKeys,
    resourceIds: resourceKeys.map((k) => resourceByKey(k).id),
  };
};

/** The scenarios the seed documents name, approved with access grants. */
export const DEMO_SCENARIOS: DemoScenario[] = [
  s('hn-freight-credit', 'hn', '网络货运信用评估', '为网络货运平台提供承运车辆及企业信用评估', 'INDUSTRY', ['hn-freight-vehicles', 'hn-freight-waybills', 'hn-enterprise-registration', 'hn-admin-penalties']),
  s('hn-employment-service', 'hn', '就业服务公共信息', '面向求职者的就业公共服务信息', 'PUBLIC_WELFARE', ['hn-employment', 'hn-enterprise-registration']),
  s('jl-real-estate-finance', 'jl', '地产金融服务', '为银行按揭贷款提供房产交易与不动产核验', 'INDUSTRY', ['jl-housing-transactions', 'jl-property-registration', 'jl-housing-fund']),
  s('jl-housing', 'jl', '乐居服务', '购房、租房一站式信息服务', 'INDUSTRY', ['jl-housing-transactions', 'jl-housing-fund']),
  s('jl-marriage', 'jl', '婚恋服务', '婚恋平台婚姻状况核验（经本人授权）', 'INDUSTRY', ['jl-marriage']),
  s('jl-domestic', 'jl', '家政服务', '家政服务机构与从业人员信用查询', 'PUBLIC_WELFARE', ['jl-domestic-services']),
  s('qhd-shuilingtong', 'qhd', '水灵通', '基于用水数据的企业经营活跃度与居民服务', 'INDUSTRY', ['qhd-water-usage', 'qhd-water-quality']),
  s('qhd-qixintong', 'qhd', '企信通', '企业信用综合评价，服务金融机构信贷', 'INDUSTRY', ['qhd-enterprise-credit', 'qhd-tax-credit']),
  s('tz-health-insurance', 'tz', '商业健康险核保', '健康档案摘要支撑商业健康险智能核保', 'INDUSTRY', ['tz-health-records', 'tz-medical-institutions']),
  s('zjc-insurance', 'zjc', '保险服务', '医保与体检数据支撑普惠保险精算', 'INDUSTRY', ['zjc-medical-insurance', 'zjc-health-checkups']),
  s('zjc-health', 'zjc', '健康服务', '居民健康管理公共服务', 'PUBLIC_WELFARE', ['zjc-health-checkups']),
  s('zjc-transport', 'zjc', '交通服务', '道路流量分析服务物流企业', 'INDUSTRY', ['zjc-traffic-flow']),
  s('zjc-commerce', 'zjc', '商贸服务', '商贸企业经营分析', 'INDUSTRY', ['zjc-commerce-retail']),
];

export const scenarioByKey = (key: string): DemoScenario => {
  const x = DEMO_SCENARIOS.find((d) => d.key === key);
  if (!x) throw new Error(`unknown demo scenario ${key}`);
  return x;
};
