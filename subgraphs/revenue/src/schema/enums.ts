import { registerEnumType } from 'type-graphql';

/** Revenue's GraphQL enums (values are the stored codes). */
export enum RevenueChargingUnit {
  PER_CALL = 'PER_CALL',
  PER_MONTH = 'PER_MONTH',
  PER_MB = 'PER_MB',
  PER_ITEM = 'PER_ITEM',
}
registerEnumType(RevenueChargingUnit, { name: 'RevenueChargingUnit', description: '计费单位：按次、按时长（月）、按数据量（MB）、按条 | Charging unit', valuesConfig: { PER_CALL: { description: '按次 | Per call' }, PER_MONTH: { description: '按月 | Per month' }, PER_MB: { description: '按数据量（MB）| Per megabyte' }, PER_ITEM: { description: '按条 | Per record' } } });
export enum RevenueProductCategory {
  FREE = 'FREE',
  PAID = 'PAID',
}
registerEnumType(RevenueProductCategory, { name: 'RevenueProductCategory', description: '公益免费 / 有偿使用 | Free (public welfare) or paid (industry)', valuesConfig: { FREE: { description: '公益免费 | Free, for public welfare' }, PAID: { description: '有偿使用 | Paid, for industry' } } });
export enum RevenuePartyKind {
  DEVELOPER = 'DEVELOPER',
  OPERATOR = 'OPERATOR',
  SERVICE_PROVIDER = 'SERVICE_PROVIDER',
  JURISDICTION = 'JURISDICTION',
  SOURCE_AGENCY = 'SOURCE_AGENCY',
}
registerEnumType(RevenuePartyKind, { name: 'RevenuePartyKind', description: '开发者 / 运营机构 / 服务商 / 属地 / 数据提供单位 | Party kind', valuesConfig: { DEVELOPER: { description: '开发者（付费方）| Developer, who pays' }, OPERATOR: { description: '运营机构 | Operator' }, SERVICE_PROVIDER: { description: '服务商 | Service provider' }, JURISDICTION: { description: '属地（HN第21条）| The jurisdiction (HN Art 21)' }, SOURCE_AGENCY: { description: '数据提供单位（数源单位）| Source unit' } } });
export enum DistributionPartyKind {
  OPERATOR = 'OPERATOR',
  SERVICE_PROVIDER = 'SERVICE_PROVIDER',
  JURISDICTION = 'JURISDICTION',
  SOURCE_AGENCIES = 'SOURCE_AGENCIES',
  SOURCE_AGENCY = 'SOURCE_AGENCY',
}
registerEnumType(DistributionPartyKind, { name: 'DistributionPartyKind', description: '收益分配方：运营机构、服务商、属地收益权（HN 第21条）、数据提供单位（SOURCE_AGENCIES 整体按权重基础再分；SOURCE_AGENCY 逐个单位设权重）| Party of a distribution plan: the source units as one pool, or one source unit weighted by itself', valuesConfig: { OPERATOR: { description: '运营机构 | Operator' }, SERVICE_PROVIDER: { description: '服务商 | Service provider' }, JURISDICTION: { description: '属地收益权，付给提供数据的单位（HN第21条）| The local revenue right, paid to the units that supplied the data (HN Art 21)' }, SOURCE_AGENCIES: { description: '数据提供单位整体，按权重基础再分 | Source units as one pool, shared by the weighting basis' }, SOURCE_AGENCY: { description: '单个数据提供单位，按本方案的权重 | One source unit, weighted by itself in this plan' } } });
export enum ContributionBasis {
  RESOURCE_USAGE = 'RESOURCE_USAGE',
  CONTRIBUTION = 'CONTRIBUTION',
}
registerEnumType(ContributionBasis, { name: 'ContributionBasis', description: '数据提供单位权重：RESOURCE_USAGE 按产品使用的资源数（未选择时按辖区配置 defaultSourceBasis）；CONTRIBUTION 方案选择时，有贡献评价按得分，否则按资源数 | How source units are weighted', valuesConfig: { RESOURCE_USAGE: { description: '按产品使用的资源数 | By the number of resources a product uses' }, CONTRIBUTION: { description: '方案选择时按贡献评价得分（无评价时按资源数）| By contribution score when the plan chooses it, else by resources used' } } });
export enum RevenueSettlementStatus {
  RUNNING = 'RUNNING',
  COMPLETED = 'COMPLETED',
  FAILED = 'FAILED',
}
registerEnumType(RevenueSettlementStatus, { name: 'RevenueSettlementStatus', description: '结算状态 | Settlement status', valuesConfig: { RUNNING: { description: '进行中 | Running' }, COMPLETED: { description: '已完成 | Completed' }, FAILED: { description: '失败（未记账，可重试）| Failed; nothing posted, may be retried' } } });
export enum RevenueDeviationAction {
  NONE = 'NONE',
  OPERATOR_ADJUSTS_PRICES = 'OPERATOR_ADJUSTS_PRICES',
  AUTHORITY_RESETS_CAP = 'AUTHORITY_RESETS_CAP',
}
registerEnumType(RevenueDeviationAction, { name: 'RevenueDeviationAction', description: '偏差处置：无 / 运营机构调价 / 重新核定上限（PN §4；幅度按辖区配置）| What a revenue deviation requires (PN §4; the band is set per jurisdiction)', valuesConfig: { NONE: { description: '无需处置 | Nothing to do' }, OPERATOR_ADJUSTS_PRICES: { description: '运营机构调价（偏差在允许幅度内）| Operator adjusts prices (deviation within the band)' }, AUTHORITY_RESETS_CAP: { description: '主管部门重新核定上限（偏差超出允许幅度）| Authority resets the cap (deviation beyond the band)' } } });
export enum RevenueSummaryGroup {
  PARTY = 'PARTY',
  PRODUCT = 'PRODUCT',
  OPERATOR = 'OPERATOR',
  JURISDICTION = 'JURISDICTION',
  PERIOD = 'PERIOD',
}
registerEnumType(RevenueSummaryGroup, { name: 'RevenueSummaryGroup', description: '收益汇总维度 | Grouping of revenue shares', valuesConfig: { PARTY: { description: '按分配方 | By party' }, PRODUCT: { description: '按产品 | By product' }, OPERATOR: { description: '按运营机构 | By operator' }, JURISDICTION: { description: '按辖区 | By jurisdiction' }, PERIOD: { description: '按结算期 | By settlement period' } } });

export enum ExportFormat {
  XLSX = 'XLSX',
  CSV = 'CSV',
}
registerEnumType(ExportFormat, { name: 'ExportFormat', description: '导出格式：XLSX（Excel）或 CSV（UTF-8，带 BOM）| Export file format', valuesConfig: { XLSX: { description: 'Excel 工作簿 | Excel workbook' }, CSV: { description: 'CSV（UTF-8，带 BOM）| CSV, UTF-8 with BOM' } } });
export enum ExportLanguage {
  ZH = 'ZH',
  EN = 'EN',
}
registerEnumType(ExportLanguage, { name: 'ExportLanguage', description: '导出表头语言（默认中文）| Language of an export\'s headers and labels (Chinese by default)', valuesConfig: { ZH: { description: '中文 | Chinese' }, EN: { description: '英文 | English' } } });

