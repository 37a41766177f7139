import { registerEnumType } from 'type-graphql';

/** Revenue's GraphQL enums (values are the stored codes). */
export enum RevenueChargingUnit {
  PER_CALL = 'PER_CALL',
  PER_MONTH = 'PER_MONTH',
  PER_MB = 'PER_MB',
  PER_ITEM = 'PER_ITEM',
}
registerEnumType(RevenueChargingUnit, { name: 'RevenueChargingUnit', description: '计费单位：按次、按时长（月）、按数据量（MB）、按条 | Charging unit' });
export enum RevenueProductCategory {
  FREE = 'FREE',
  PAID = 'PAID',
}
registerEnumType(RevenueProductCategory, { name: 'RevenueProductCategory', description: '公益免费 / 有偿使用 | Free (public welfare) or paid (industry)' });
export enum RevenuePartyKind {
  DEVELOPER = 'DEVELOPER',
  OPERATOR = 'OPERATOR',
  SERVICE_PROVIDER = 'SERVICE_PROVIDER',
  JURISDICTION = 'JURISDICTION',
  SOURCE_AGENCY = 'SOURCE_AGENCY',
}
registerEnumType(RevenuePartyKind, { name: 'RevenuePartyKind', description: '开发者 / 运营机构 / 服务商 / 属地 / 数据提供单位 | Party kind' });
export enum DistributionPartyKind {
  OPERATOR = 'OPERATOR',
  SERVICE_PROVIDER = 'SERVICE_PROVIDER',
  JURISDICTION = 'JURISDICTION',
  SOURCE_AGENCIES = 'SOURCE_AGENCIES',
  SOURCE_AGENCY = 'SOURCE_AGENCY',
}
registerEnumType(DistributionPartyKind, { name: 'DistributionPartyKind', description: '收益分配方：运营机构、服务商、属地收益权（HN 第21条）、数据提供单位（SOURCE_AGENCIES 整体按权重基础再分；SOURCE_AGENCY 逐个单位设权重） | Party of a distribution plan: the source units as one pool, or one source unit weighted by itself' });
export enum ContributionBasis {
  RESOURCE_USAGE = 'RESOURCE_USAGE',
  CONTRIBUTION = 'CONTRIBUTION',
}
registerEnumType(ContributionBasis, { name: 'ContributionBasis', description: '数据提供单位权重：RESOURCE_USAGE 按产品使用的资源数（未选择时按辖区配置 defaultSourceBasis）；CONTRIBUTION 方案选择时，有贡献评价按得分，否则按资源数 | How source units are weighted' });
export enum RevenueSettlementStatus {
  RUNNING = 'RUNNING',
  COMPLETED = 'COMPLETED',
  FAILED = 'FAILED',
}
registerEnumType(RevenueSettlementStatus, { name: 'RevenueSettlementStatus', description: '结算状态 | Settlement status' });
export enum RevenueDeviationAction {
  NONE = 'NONE',
  OPERATOR_ADJUSTS_PRICES = 'OPERATOR_ADJUSTS_PRICES',
  AUTHORITY_RESETS_CAP = 'AUTHORITY_RESETS_CAP',
}
registerEnumType(RevenueDeviationAction, { name: 'RevenueDeviationAction', description: '偏差处置：无 / 运营机构调价（≤10%）/ 重新核定上限（>10%）(PN §4)' });
export enum RevenueSummaryGroup {
  PARTY = 'PARTY',
  PRODUCT = 'PRODUCT',
  OPERATOR = 'OPERATOR',
  JURISDICTION = 'JURISDICTION',
  PERIOD = 'PERIOD',
}
registerEnumType(RevenueSummaryGroup, { name: 'RevenueSummaryGroup', description: '收益汇总维度 | Grouping of revenue shares' });

export enum ExportFormat {
  XLSX = 'XLSX',
  CSV = 'CSV',
}
registerEnumType(ExportFormat, { name: 'ExportFormat', description: '导出格式：XLSX（Excel）或 CSV（UTF-8，带 BOM）| Export file format' });
export enum ExportLanguage {
  ZH = 'ZH',
  EN = 'EN',
}
registerEnumType(ExportLanguage, { name: 'ExportLanguage', description: '导出表头语言（默认中文）| Language of an export\'s headers and labels (Chinese by default)' });

