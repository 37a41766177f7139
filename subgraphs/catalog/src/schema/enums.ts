import { registerEnumType } from 'type-graphql';
import { CATALOG_SECTOR_ENUM, CATALOG_SECTOR_TERMS } from '@pdo/policy';
import {
  describedValues,
  REGISTRATION_ACTION_TERMS,
  REGISTRATION_ACTIONS,
  REGISTRATION_STATE_TERMS,
  REGISTRATION_STATES,
  REGISTRATION_TYPE_TERMS,
  REGISTRATION_TYPES,
} from '@pdo/registration';
import { CLASSIFICATIONS, GRADES, OPENNESS, PROHIBITED_REASONS, RESOURCE_STATUSES, UPDATE_FREQUENCIES } from '../domain/taxonomy.js';

/** The enums of catalog's schema, each value described in Chinese and English. */
const enumOf = <T extends string>(values: readonly T[]) => Object.fromEntries(values.map((v) => [v, v])) as Record<T, T>;

const values = (terms: Record<string, string>) => Object.fromEntries(Object.entries(terms).map(([k, description]) => [k, { description }]));
const GRADE_TERMS = { L1: '一级（最低）| Level 1, lowest sensitivity', L2: '二级 | Level 2', L3: '三级 | Level 3', L4: '四级（最高）| Level 4, highest sensitivity' };

/** GraphQL names are upper-case; stored codes stay lower-case (shared with licensing's BY_DOMAIN scopes). */
export const CatalogSector = CATALOG_SECTOR_ENUM;
registerEnumType(CatalogSector, {
  name: 'CatalogSector',
  description: '行业领域 | Sector of the catalog taxonomy',
  valuesConfig: values(CATALOG_SECTOR_TERMS),
});
export const CatalogOpenness = enumOf(OPENNESS);
registerEnumType(CatalogOpenness, {
  name: 'CatalogOpenness',
  description: '开放属性：无条件 / 有条件 / 禁止 | Openness',
  valuesConfig: values({
    UNCONDITIONAL: '无条件开放 | Open without conditions',
    CONDITIONAL: '有条件开放（可授权运营）| Open under conditions (may be authorized for operation)',
    PROHIBITED: '禁止开放（NS第5条）| Closed (NS Art 5)',
  }),
});
export const CatalogGrade = enumOf(GRADES);
registerEnumType(CatalogGrade, { name: 'CatalogGrade', description: '数据分级 | Data grade (L1 lowest … L4 highest)', valuesConfig: values(GRADE_TERMS) });
export const CatalogGradeFilter = enumOf([...GRADES, 'UNGRADED'] as const);
registerEnumType(CatalogGradeFilter, {
  name: 'CatalogGradeFilter',
  description: '分级筛选（含未分级）| Grade filter, UNGRADED for not graded',
  valuesConfig: values({ ...GRADE_TERMS, UNGRADED: '未分级 | Not graded yet' }),
});
export const CatalogDataClass = enumOf(CLASSIFICATIONS);
registerEnumType(CatalogDataClass, {
  name: 'CatalogDataClass',
  description: '数据分类：一般 / 重要 / 核心（数据安全法第21条）| Data classification (Data Security Law Art 21)',
  valuesConfig: values({ GENERAL: '一般数据 | General data', IMPORTANT: '重要数据 | Important data', CORE: '核心数据 | Core data' }),
});
export const CatalogUpdateFrequency = enumOf(UPDATE_FREQUENCIES);
registerEnumType(CatalogUpdateFrequency, {
  name: 'CatalogUpdateFrequency',
  description: '更新频率 | Update frequency',
  valuesConfig: values({
    REAL_TIME: '实时 | Real time', DAILY: '每日 | Daily', WEEKLY: '每周 | Weekly', MONTHLY: '每月 | Monthly',
    QUARTERLY: '每季度 | Quarterly', YEARLY: '每年 | Yearly', IRREGULAR: '不定期 | Irregular',
  }),
});
export const CatalogProhibitedReason = enumOf(PROHIBITED_REASONS);
registerEnumType(CatalogProhibitedReason, {
  name: 'CatalogProhibitedReason',
  description: '禁止开放理由 | Why a resource is prohibited (NS Art 5)',
  valuesConfig: values({
    STATE_SECRET: '涉及国家秘密 | Involves state secrets',
    PUBLIC_SECURITY: '危害公共安全 | Would endanger public security',
    PERSONAL_INFORMATION_WITHOUT_CONSENT: '涉及个人信息且未获同意 | Personal information without consent',
    BARRED_BY_LAW: '法律法规禁止开放 | Closed by law or regulation',
    BARRED_BY_INDUSTRY_AUTHORITY: '行业主管部门禁止开放 | Closed by the industry authority',
    TRADE_SECRET: '涉及商业秘密 | Involves trade secrets',
    NATIONAL_SECURITY: '危害国家安全 | Would endanger national security',
  }),
});
export const DataResourceStatus = enumOf(RESOURCE_STATUSES);
registerEnumType(DataResourceStatus, {
  name: 'DataResourceStatus',
  description: '目录状态 | Catalogue status of a resource',
  valuesConfig: values({ ACTIVE: '在目录中 | Listed in the catalogue', WITHDRAWN: '已撤回 | Withdrawn from the catalogue' }),
});
export const CatalogSort = enumOf(['RELEVANCE', 'RECENTLY_UPDATED', 'NAME'] as const);
registerEnumType(CatalogSort, {
  name: 'CatalogSort',
  description: '排序：相关度 / 最近更新 / 名称 | Sort order',
  valuesConfig: values({ RELEVANCE: '按相关度 | Best match first', RECENTLY_UPDATED: '最近更新在前 | Recently updated first', NAME: '按名称 | By name' }),
});
export const ResourceRegistrationType = enumOf(REGISTRATION_TYPES);
registerEnumType(ResourceRegistrationType, {
  name: 'ResourceRegistrationType',
  description: '登记类型：首次 / 变更 / 更正 / 注销 | Kind of registration',
  valuesConfig: describedValues(REGISTRATION_TYPE_TERMS),
});
export const ResourceRegistrationState = enumOf(REGISTRATION_STATES);
registerEnumType(ResourceRegistrationState, {
  name: 'ResourceRegistrationState',
  description: '登记状态 (RG Art 8) | Registration state (RG Art 8)',
  valuesConfig: describedValues(REGISTRATION_STATE_TERMS),
});
export const ResourceRegistrationAction = enumOf(REGISTRATION_ACTIONS);
registerEnumType(ResourceRegistrationAction, {
  name: 'ResourceRegistrationAction',
  description: '登记操作 | Registration step',
  valuesConfig: describedValues(REGISTRATION_ACTION_TERMS),
});
export const CorrectionRequestState = enumOf(['OPEN', 'CORRECTED', 'REJECTED'] as const);
registerEnumType(CorrectionRequestState, {
  name: 'CorrectionRequestState',
  description: '校核状态 | Correction request state',
  valuesConfig: values({ OPEN: '待答复 | Awaiting an answer', CORRECTED: '已更正 | Corrected', REJECTED: '不予更正 | Not corrected' }),
});
export const CorrectionOutcome = enumOf(['CORRECTED', 'REJECTED'] as const);
registerEnumType(CorrectionOutcome, {
  name: 'CorrectionOutcome',
  description: '校核答复：已更正 / 不予更正 | Answer to a correction request',
  valuesConfig: values({ CORRECTED: '更正（生成新版本）| Correct it (a new version)', REJECTED: '不予更正（须说明理由）| Do not correct (reason required)' }),
});

export const ReturnedLevel = enumOf(['PROVINCE', 'NATIONAL'] as const);
registerEnumType(ReturnedLevel, {
  name: 'ReturnedLevel',
  description: '回流层级 | The level that returned data to the jurisdiction',
  valuesConfig: values({ PROVINCE: '省级回流（省公共数据平台）| Returned by the province (its public data platform)', NATIONAL: '国家级回流 | Returned by the national level' }),
});
