import type { ProhibitedReason } from '@pdo/policy';

/** The sector taxonomy (行业领域), shared with products' `DataResource.sector` (packages/policy/src/sectors.ts). */
export { SECTORS, isSector, type SectorCode } from '@pdo/policy';

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
