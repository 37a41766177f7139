import { demoId } from './ids.js';

export type OrgKind = 'AUTHORITY' | 'IMPLEMENTING_AGENCY' | 'SOURCE_AGENCY' | 'OPERATOR' | 'DEVELOPER' | 'SERVICE_PROVIDER' | 'EXPERT_BODY';

export interface DemoOrg {
  key: string;
  id: string;
  jurisdiction: string;
  kinds: OrgKind[];
  nameZh: string;
  nameEn: string;
  /** 统一社会信用代码 for companies (valid check character). */
  creditCode?: string;
  foundedOn?: string;
}

const org = (key: string, jurisdiction: string, kinds: OrgKind[], nameZh: string, nameEn: string, extra: Partial<DemoOrg> = {}): DemoOrg => ({
  key,
  id: demoId(`org:${key}`),
  jurisdiction,
  kinds,
  nameZh,
  nameEn,
  ...extra,
});

/**
 * The parties of the demo world , drawn from the seed documents: for each
 * jurisdiction its data authority, implementing agency, source agencies and authorized operator,
 * plus secondary developers, a service provider and an expert body.
 */
export const DEMO_ORGS: DemoOrg[] = [
  // national default profile: a demonstration authority
  org('nat-authority', 'NATIONAL', ['AUTHORITY'], '国家数据局（示例）', 'National Data Administration (demo)'),
  // 河南省
  org('hn-authority', 'HN', ['AUTHORITY'], '河南省数据局', 'Henan Provincial Data Bureau'),
  org('hn-agency', 'HN', ['IMPLEMENTING_AGENCY'], '河南省大数据中心', 'Henan Big Data Center'),
  // the pricing authority (价格主管部门, PN §2(1)): a government authority of its own
  org('hn-pricing', 'HN', ['AUTHORITY'], '河南省发展和改革委员会', 'Henan Development and Reform Commission'),
  org('hn-src-market', 'HN', ['SOURCE_AGENCY'], '河南省市场监督管理局', 'Henan Administration for Market Regulation'),
  org('hn-src-transport', 'HN', ['SOURCE_AGENCY'], '河南省交通运输厅', 'Henan Department of Transport'),
  org('hn-src-hrss', 'HN', ['SOURCE_AGENCY'], '河南省人力资源和社会保障厅', 'Henan Human Resources and Social Security'),
  org('hn-operator', 'HN', ['OPERATOR'], '河南数据集团有限公司', 'Henan Data Group Co., Ltd.', { foundedOn: '2022-06-01' }),
  // 吉林市
  org('jl-authority', 'JL', ['AUTHORITY'], '吉林市政务服务和数字化建设管理局', 'Jilin City Government Services and Digitalization Bureau'),
  org('jl-agency', 'JL', ['IMPLEMENTING_AGENCY'], '吉林市大数据中心', 'Jilin City Big Data Center'),
  org('jl-src-housing', 'JL', ['SOURCE_AGENCY'], '吉林市住房和城乡建设局', 'Jilin City Housing and Urban-Rural Development Bureau'),
  org('jl-src-fund', 'JL', ['SOURCE_AGENCY'], '吉林市住房公积金管理中心', 'Jilin City Housing Provident Fund Center'),
  org('jl-src-civil', 'JL', ['SOURCE_AGENCY'], '吉林市民政局', 'Jilin City Civil Affairs Bureau'),
  org('jl-src-nr', 'JL', ['SOURCE_AGENCY'], '吉林市自然资源局', 'Jilin City Natural Resources Bureau'),
  org('jl-operator', 'JL', ['OPERATOR'], '吉林市数据运营有限公司', 'Jilin City Data Operation Co., Ltd.', { foundedOn: '2021-03-15' }),
  // 秦皇岛市
  org('qhd-authority', 'QHD', ['AUTHORITY'], '秦皇岛市数据和政务服务局', 'Qinhuangdao Data and Government Services Bureau'),
  org('qhd-agency', 'QHD', ['IMPLEMENTING_AGENCY'], '秦皇岛市大数据中心', 'Qinhuangdao Big Data Center'),
  org('qhd-src-water', 'QHD', ['SOURCE_AGENCY'], '秦皇岛市水务局', 'Qinhuangdao Water Affairs Bureau'),
  org('qhd-src-market', 'QHD', ['SOURCE_AGENCY'], '秦皇岛市市场监督管理局', 'Qinhuangdao Administration for Market Regulation'),
  org('qhd-src-tax', 'QHD', ['SOURCE_AGENCY'], '国家税务总局秦皇岛市税务局', 'Qinhuangdao Tax Bureau'),
  org('qhd-operator', 'QHD', ['OPERATOR'], '秦皇岛市数据集团有限公司', 'Qinhuangdao Data Group Co., Ltd.', { foundedOn: '2020-09-01' }),
  // 泰州市
  org('tz-authority', 'TZ', ['AUTHORITY'], '泰州市数据局', 'Taizhou Data Bureau'),
  org('tz-agency', 'TZ', ['IMPLEMENTING_AGENCY'], '泰州市大数据管理中心', 'Taizhou Big Data Management Center'),
  org('tz-src-health', 'TZ', ['SOURCE_AGENCY'], '泰州市卫生健康委员会', 'Taizhou Health Commission'),
  org('tz-src-weather', 'TZ', ['SOURCE_AGENCY'], '泰州市气象局', 'Taizhou Meteorological Bureau'),
  org('tz-operator', 'TZ', ['OPERATOR'], '泰州数据运营有限公司', 'Taizhou Data Operation Co., Ltd.', { foundedOn: '2019-05-20' }),
  // 新昌县
  org('zjc-authority', 'ZJC', ['AUTHORITY'], '新昌县大数据发展管理局', 'Xinchang County Big Data Development Bureau'),
  org('zjc-agency', 'ZJC', ['IMPLEMENTING_AGENCY'], '新昌县数据资源中心', 'Xinchang County Data Resource Center'),
  org('zjc-src-medins', 'ZJC', ['SOURCE_AGENCY'], '新昌县医疗保障局', 'Xinchang County Healthcare Security Bureau'),
  org('zjc-src-health', 'ZJC', ['SOURCE_AGENCY'], '新昌县卫生健康局', 'Xinchang County Health Bureau'),
  org('zjc-src-transport', 'ZJC', ['SOURCE_AGENCY'], '新昌县交通运输局', 'Xinchang County Transport Bureau'),
  org('zjc-src-commerce', 'ZJC', ['SOURCE_AGENCY'], '新昌县商务局', 'Xinchang County Commerce Bureau'),
  org('zjc-operator', 'ZJC', ['OPERATOR'], '新昌县数字经济发展有限公司', 'Xinchang Digital Economy Development Co., Ltd.', { foundedOn: '2021-08-08' }),
  // secondary developers / service providers / experts (companies may act across jurisdictions)
  org('dev-fintech', 'JL', ['DEVELOPER'], '长白山金融科技有限公司', 'Changbaishan Fintech Co., Ltd.', { foundedOn: '2018-04-12' }),
  org('dev-insure', 'ZJC', ['DEVELOPER'], '越州保险科技有限公司', 'Yuezhou Insurtech Co., Ltd.', { foundedOn: '2017-11-02' }),
  org('dev-logistics', 'HN', ['DEVELOPER'], '中原智慧物流有限公司', 'Zhongyuan Smart Logistics Co., Ltd.', { foundedOn: '2016-07-30' }),
  org('dev-credit', 'QHD', ['DEVELOPER'], '港城征信服务有限公司', 'Gangcheng Credit Services Co., Ltd.', { foundedOn: '2015-02-09' }),
  org('svc-cloud', 'HN', ['SERVICE_PROVIDER'], '中原政务云服务有限公司', 'Zhongyuan Government Cloud Co., Ltd.', { foundedOn: '2014-01-01' }),
  org('expert-panel', 'HN', ['EXPERT_BODY'], '公共数据授权运营专家委员会', 'Public Data Operation Expert Committee'),
];

export const orgByKey = (key: string): DemoOrg => {
  const o = DEMO_ORGS.find((x) => x.key === key);
  if (!o) throw new Error(`unknown demo org ${key}`);
  return o;
};
