import type { ProhibitedReason } from '@pdo/policy';

/**
 * The sector taxonomy (行业领域) of the catalog: the sectors the seed documents name. Stored as
 * lower-case codes because licensing agreements scope BY_DOMAIN authorizations with the same codes.
 */
export const SECTORS = {
  credit: '信用',
  transport: '交通运输',
  health: '医疗健康',
  employment: '就业',
  social_security: '社会保障',
  geography: '地理空间',
  culture: '文化',
  education: '教育',
  science: '科技',
  natural_resources: '自然资源',
  agriculture: '农业农村',
  environment: '生态环境',
  emergency: '应急管理',
  finance: '金融财税',
  quality: '质量监督',
  statistics: '统计',
  weather: '气象',
  enterprise_registration: '企业登记',
  medical_insurance: '医疗保障',
  housing: '住房',
  housing_fund: '住房公积金',
  commerce: '商务',
  logistics: '物流',
  industry: '工业',
  sport: '体育',
  tourism: '文化旅游',
  public_safety: '公共安全',
  utilities: '公用事业（水电气）',
  civil_affairs: '民政',
} as const;
export type SectorCode = keyof typeof SECTORS;
export const isSector = (s: unknown): s is SectorCode => typeof s === 'string' && Object.hasOwn(SECTORS, s);

export const OPENNESS = ['UNCONDITIONAL', 'CONDITIONAL', 'PROHIBITED'] as const;
export type Openness = (typeof OPENNESS)[number];

/** 数据分级: L1 (lowest) … L4 (highest sensitivity). */
export const GRADES = ['L1', 'L2', 'L3', 'L4'] as const;
export type Grade = (typeof GRADES)[number];

/** 数据分类 by importance (一般 / 重要 / 核心数据, Data Security Law Art 21). */
export const CLASSIFICATIONS = ['GENERAL', 'IMPORTANT', 'CORE'] as const;
export type Classification = (typeof CLASSIFICATIONS)[number];

export const UPDATE_FREQUENCIES = ['REAL_TIME', 'DAILY', 'WEEKLY', 'MONTHLY', 'QUARTERLY', 'YEARLY', 'IRREGULAR'] as const;
export type UpdateFrequency = (typeof UPDATE_FREQUENCIES)[number];

export const PROHIBITED_REASONS: readonly ProhibitedReason[] = [
  'STATE_SECRET',
  'PUBLIC_SECURITY',
  'PERSONAL_INFORMATION_WITHOUT_CONSENT',
  'BARRED_BY_LAW',
  'BARRED_BY_INDUSTRY_AUTHORITY',
  'TRADE_SECRET',
  'NATIONAL_SECURITY',
];

export const RESOURCE_STATUSES = ['ACTIVE', 'WITHDRAWN'] as const;
export type ResourceStatus = (typeof RESOURCE_STATUSES)[number];

export interface ResourceField {
  name: string;
  type: string;
  descriptionZh: string;
  /** 个人信息 */
  personalInformation: boolean;
  /** 敏感个人信息 / sensitive */
  sensitive: boolean;
  /** 必填: every row of the resource's data has a value (checked when raw data is loaded). Absent in rows stored before it existed. */
  required?: boolean;
}
