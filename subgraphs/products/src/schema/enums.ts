import { registerEnumType } from 'type-graphql';
import { CATALOG_SECTOR_ENUM, CATALOG_SECTOR_TERMS } from '@pdo/policy';
import { describedValues, REGISTRATION_ACTION_TERMS, REGISTRATION_ACTIONS, REGISTRATION_STATE_TERMS, REGISTRATION_STATES } from '@pdo/registration';
import { CHARGING_UNITS, COMPLIANCE_ITEMS, DELIVERY_METHODS, OUTPUT_FIELD_KINDS, PRODUCT_FORMS } from '../domain/rules.js';

/** The enums of products' schema, each value described in Chinese and English. */
const asEnum = <T extends string>(values: readonly T[]) => Object.fromEntries(values.map((v) => [v, v])) as { [K in T]: K };
const values = (terms: Record<string, string>) => Object.fromEntries(Object.entries(terms).map(([k, description]) => [k, { description }]));

export const ProductForm = asEnum(PRODUCT_FORMS);
export const ProductCategory = asEnum(['FREE', 'PAID'] as const);
export const ProductChargingUnit = asEnum(CHARGING_UNITS);
export const ProductDeliveryMethod = asEnum(DELIVERY_METHODS);
export const ProductOutputFieldKind = asEnum(OUTPUT_FIELD_KINDS);
export const ProductListingStatus = asEnum(['UNLISTED', 'LISTED', 'SUSPENDED', 'DELISTED', 'WITHDRAWN'] as const);
export const ProductVersionStatus = asEnum(['DRAFT', 'SUBMITTED', 'APPROVED', 'REFUSED'] as const);
export const ProductComplianceItem = asEnum(COMPLIANCE_ITEMS);
export const ProductCheckResult = asEnum(['PASS', 'FAIL'] as const);
export const ProductReviewDecision = asEnum(['APPROVED', 'REFUSED'] as const);
export const ProductRegistrationState = asEnum(REGISTRATION_STATES);
export const ProductRegistrationAction = asEnum(REGISTRATION_ACTIONS);
export const ProductSort = asEnum(['RELEVANCE', 'NEWEST', 'MOST_USED', 'PRICE_ASC', 'PRICE_DESC'] as const);
export const UsageApplicationStatus = asEnum(['APPLIED', 'ASSESSED', 'APPROVED', 'REFUSED'] as const);
export const UsageAgreementStatus = asEnum(['PENDING_ACCEPTANCE', 'SIGNED', 'ENDED'] as const);
export const EntitlementStatus = asEnum(['ACTIVE', 'PAUSED', 'REVOKED', 'EXPIRED'] as const);
export const UsageSecurityRisk = asEnum(['LOW', 'MEDIUM', 'HIGH'] as const);

registerEnumType(ProductForm, {
  name: 'ProductForm',
  description: '产品形态：数据包、接口、模型、核验、报告、业务服务 | Product form',
  valuesConfig: values({
    DATA_PACKAGE: '数据包 | Data package', API: '数据接口 | API', MODEL: '数据模型 | Model', VERIFICATION: '核验服务 | Verification',
    REPORT: '分析报告 | Report', SERVICE: '业务服务 | Business service',
  }),
});
registerEnumType(ProductCategory, {
  name: 'ProductCategory',
  description: '产品类别：公益免费或产业收费（NS第9条第7项）| Free (public welfare) or paid (industry) (NS Art 9(7))',
  valuesConfig: values({ FREE: '公共治理、公益事业（免费）| Public governance and welfare, free', PAID: '产业发展、行业发展（收费）| Industry development, paid' }),
});
registerEnumType(ProductChargingUnit, {
  name: 'ProductChargingUnit',
  description: '计费单位 | Charging unit',
  valuesConfig: values({ PER_CALL: '按次 | Per call', PER_MONTH: '按月 | Per month', PER_MB: '按数据量（MB）| Per megabyte', PER_ITEM: '按条 | Per record' }),
});
registerEnumType(ProductDeliveryMethod, {
  name: 'ProductDeliveryMethod',
  description: '交付方式 | Delivery method',
  valuesConfig: values({
    API_CALL: '接口调用 | API calls', FILE_DELIVERY: '文件交付 | File delivery', SANDBOX: '数据沙箱 | Data sandbox',
    PRIVACY_COMPUTING: '隐私计算 | Privacy-preserving computation', ONLINE_SERVICE: '在线服务 | Online service',
  }),
});
registerEnumType(ProductOutputFieldKind, {
  name: 'ProductOutputFieldKind',
  description: '输出字段性质（无原始数据选项）| Output field kind (there is no raw kind)',
  valuesConfig: values({
    AGGREGATE: '统计汇总值 | Aggregate', SCORE: '评分 | Score', LABEL: '标签 | Label', FLAG: '是否标识 | Yes/no flag',
    MASKED: '脱敏值 | Masked value', DERIVED: '加工衍生值 | Derived value',
  }),
});
registerEnumType(ProductListingStatus, {
  name: 'ProductListingStatus',
  description: '挂牌状态 | Listing status',
  valuesConfig: values({
    UNLISTED: '未挂牌 | Not listed yet', LISTED: '已挂牌 | Listed in the marketplace', SUSPENDED: '暂停挂牌 | Listing suspended',
    DELISTED: '已摘牌 | Delisted', WITHDRAWN: '已撤回 | Withdrawn by the operator',
  }),
});
registerEnumType(ProductVersionStatus, {
  name: 'ProductVersionStatus',
  description: '版本状态 | Version status',
  valuesConfig: values({ DRAFT: '草稿 | Draft', SUBMITTED: '已提交审核 | Submitted for review', APPROVED: '审核通过 | Approved', REFUSED: '审核未通过 | Refused' }),
});
registerEnumType(ProductComplianceItem, {
  name: 'ProductComplianceItem',
  description: '合规审核项（HN Art 15）| Compliance review item (HN Art 15)',
  valuesConfig: values({
    DATA_SOURCE: '数据来源合法 | Lawful data source',
    DESENSITISATION: '脱敏处理 | Desensitisation',
    RAW_DATA_STAYS_IN_DOMAIN: '原始数据不出域 | Raw data stays in its domain',
    ACCESS_CONTROL: '访问控制 | Access control',
    ASSOCIATED_PARTY_AUTHORIZATION: '关联方授权 | Authorization by associated parties',
  }),
});
registerEnumType(ProductCheckResult, {
  name: 'ProductCheckResult',
  description: '审核项结论 | Result of one review item',
  valuesConfig: values({ PASS: '通过 | Passed', FAIL: '不通过 | Failed' }),
});
registerEnumType(ProductReviewDecision, {
  name: 'ProductReviewDecision',
  description: '合规审核决定 | Compliance review decision',
  valuesConfig: values({ APPROVED: '通过 | Approved', REFUSED: '不予通过 | Refused' }),
});
registerEnumType(ProductRegistrationState, {
  name: 'ProductRegistrationState',
  description: '产品登记状态（RG）| Product registration state',
  valuesConfig: describedValues(REGISTRATION_STATE_TERMS),
});
registerEnumType(ProductRegistrationAction, {
  name: 'ProductRegistrationAction',
  description: '产品登记操作 | Product registration step',
  valuesConfig: describedValues(REGISTRATION_ACTION_TERMS),
});
registerEnumType(ProductSort, {
  name: 'ProductSort',
  description: '产品排序 | Product sort order',
  valuesConfig: values({
    RELEVANCE: '按相关度 | Best match first', NEWEST: '最新上架在前 | Newest first', MOST_USED: '使用最多在前 | Most used first',
    PRICE_ASC: '价格从低到高 | Cheapest first', PRICE_DESC: '价格从高到低 | Dearest first',
  }),
});
registerEnumType(UsageApplicationStatus, {
  name: 'UsageApplicationStatus',
  description: '产品使用申请状态 | Status of a product usage application',
  valuesConfig: values({ APPLIED: '已申请 | Applied', ASSESSED: '已评估 | Assessed', APPROVED: '已同意 | Approved', REFUSED: '不予同意 | Refused' }),
});
registerEnumType(UsageAgreementStatus, {
  name: 'UsageAgreementStatus',
  description: '使用协议状态 | Status of a usage agreement',
  valuesConfig: values({ PENDING_ACCEPTANCE: '待使用方确认 | Awaiting the user\'s acceptance', SIGNED: '已签订 | Signed', ENDED: '已结束 | Ended' }),
});
registerEnumType(EntitlementStatus, {
  name: 'EntitlementStatus',
  description: '使用权状态 | Status of an entitlement',
  valuesConfig: values({ ACTIVE: '有效 | Active', PAUSED: '暂停 | Paused', REVOKED: '已撤销 | Revoked', EXPIRED: '已到期 | Expired' }),
});
registerEnumType(UsageSecurityRisk, {
  name: 'UsageSecurityRisk',
  description: '使用申请安全风险等级 | Security risk of a usage application',
  valuesConfig: values({ LOW: '低 | Low', MEDIUM: '中 | Medium', HIGH: '高 | High' }),
});
export const ProductHoldKind = asEnum(['AGREEMENT_SUSPENDED', 'ACCESS_REVOKED', 'SECURITY_INCIDENT'] as const);
registerEnumType(ProductHoldKind, {
  name: 'ProductHoldKind',
  description: '暂停原因：授权暂停、访问授权暂停/撤销、安全事件 | Why a product is held',
  valuesConfig: values({
    AGREEMENT_SUSPENDED: '授权运营协议暂停 | The authorization agreement is suspended',
    ACCESS_REVOKED: '访问授权暂停或撤销 | An access grant is paused or revoked',
    SECURITY_INCIDENT: '发生安全事件 | A security incident is open',
  }),
});
export const UsageSource = asEnum(['METERED', 'DECLARED'] as const);
registerEnumType(UsageSource, {
  name: 'UsageSource',
  description: '用量来源：平台计量（运营域执行）或运营机构申报 | Metered by the platform (executed in the operating domain) or declared by the operator',
  valuesConfig: values({ METERED: '平台计量 | Metered by the platform', DECLARED: '运营机构申报 | Declared by the operator' }),
});

export enum UsePurpose {
  PUBLIC_GOVERNANCE = 'PUBLIC_GOVERNANCE',
  PUBLIC_WELFARE = 'PUBLIC_WELFARE',
  INDUSTRY = 'INDUSTRY',
}
registerEnumType(UsePurpose, {
  name: 'UsePurpose',
  description: '用途类别：公共治理、公益事业、产业/行业发展（PN §1）| Purpose class of a use',
  valuesConfig: {
    PUBLIC_GOVERNANCE: { description: '公共治理（免费使用，仍计量，PN §1）| Public governance (free, still metered, PN §1)' },
    PUBLIC_WELFARE: { description: '公益事业（免费使用，仍计量，PN §1）| Public welfare (free, still metered, PN §1)' },
    INDUSTRY: { description: '产业/行业发展（按价格收费）| Industry development (charged at the price)' },
  },
});

/** The catalog's sector enum, declared alike here for the shared `DataResource.sector` (packages/policy/src/sectors.ts). */
export const CatalogSector = { ...CATALOG_SECTOR_ENUM };
registerEnumType(CatalogSector, {
  name: 'CatalogSector',
  description: '行业领域 | Sector of the catalog taxonomy',
  valuesConfig: values(CATALOG_SECTOR_TERMS),
});
