import { orgByKey } from './organizations.js';

export interface DemoUser {
  key: string;
  sub: string;
  nameZh: string;
  role: 'AUTHORITY' | 'AGENCY' | 'SOURCE_UNIT' | 'OPERATOR' | 'DEVELOPER' | 'FINANCE' | 'EXPERT' | 'SERVICE_PROVIDER' | 'PRICING_AUTHORITY' | 'INDUSTRY_DEPARTMENT';
  org: string;
  jurisdiction: string;
}

const user = (key: string, role: DemoUser['role'], orgKey: string, nameZh: string, jurisdiction?: string): DemoUser => {
  const o = orgByKey(orgKey);
  return { key, sub: `demo:${key}`, nameZh, role, org: o.id, jurisdiction: jurisdiction ?? o.jurisdiction };
};

/** One demo user per role (Henan unless noted), printed with a token by `pnpm start`. */
export const DEMO_USERS: DemoUser[] = [
  user('authority', 'AUTHORITY', 'hn-authority', '河南省数据局 王处长'),
  user('agency', 'AGENCY', 'hn-agency', '河南省大数据中心 李主任'),
  user('source', 'SOURCE_UNIT', 'hn-src-market', '河南省市场监管局 数据专员'),
  user('operator', 'OPERATOR', 'hn-operator', '河南数据集团 产品经理'),
  user('developer', 'DEVELOPER', 'dev-logistics', '中原智慧物流 开发者', 'HN'),
  user('finance', 'FINANCE', 'hn-authority', '河南省数据局 财务'),
  user('expert', 'EXPERT', 'expert-panel', '专家委员会 张教授', 'HN'),
  user('service-provider', 'SERVICE_PROVIDER', 'svc-cloud', '中原政务云 结算专员'),
  user('pricing', 'PRICING_AUTHORITY', 'hn-pricing', '河南省发展改革委 价格处'),
  user('jl-operator', 'OPERATOR', 'jl-operator', '吉林市数据运营 产品经理'),
  user('jl-authority', 'AUTHORITY', 'jl-authority', '吉林市数据主管部门'),
  user('jl-industry', 'INDUSTRY_DEPARTMENT', 'jl-src-housing', '吉林市住房和城乡建设局 行业管理科'),
  user('qhd-operator', 'OPERATOR', 'qhd-operator', '秦皇岛数据集团 产品经理'),
  user('zjc-operator', 'OPERATOR', 'zjc-operator', '新昌数字经济 产品经理'),
  user('jl-developer', 'DEVELOPER', 'dev-fintech', '长白山金融科技 开发者', 'JL'),
  user('qhd-developer', 'DEVELOPER', 'dev-credit', '港城征信 开发者（企信通信用评分）', 'QHD'),
  user('zjc-developer', 'DEVELOPER', 'dev-insure', '越州保险科技 开发者（开发处理环境）', 'ZJC'),
  // Taizhou lists the documents of an application (TZ Art 12): the company applying and the bureau running the call.
  user('tz-operator', 'OPERATOR', 'tz-operator', '泰州数据运营 申报专员'),
  user('tz-authority', 'AUTHORITY', 'tz-authority', '泰州市数据局 遴选科'),
];
