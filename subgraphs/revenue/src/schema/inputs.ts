import { Field, ID, InputType, Int } from 'type-graphql';
import { DecimalScalar, LocalDateScalar, MoneyAmountScalar } from '@pdo/platform';
import { Decimal } from '@pdo/policy';
import { ContributionBasis, DistributionPartyKind, RevenueChargingUnit, RevenuePartyKind } from './enums.js';

// ── inputs ──────────────────────────────────────────────────────────────────
@InputType({ description: '成本项金额（PN §3(1)）| Cost items (PN §3(1))' })
export class CostItemsInput {
  @Field(() => MoneyAmountScalar, { description: '平台建设及运维 | Platform build and operation' }) platform!: bigint;
  @Field(() => MoneyAmountScalar, { description: '数据传输、汇聚、存储与治理 | Data transfer, aggregation, storage and governance' }) dataHandling!: bigint;
  @Field(() => MoneyAmountScalar, { description: '人力成本 | Personnel' }) personnel!: bigint;
  @Field(() => MoneyAmountScalar, { description: '获取公共数据支出 | Cost of obtaining public data' }) dataAcquisition!: bigint;
  @Field(() => MoneyAmountScalar, { description: '期间费用 | Period expenses' }) periodExpenses!: bigint;
}

@InputType({ description: '登记成本调查 | Record a cost survey' })
export class RecordCostSurveyInput {
  @Field(() => ID, { description: '运营机构标识 | Id of the operator' }) operatorId!: string;
  @Field(() => String, { description: '调查名称 | Name' }) name!: string;
  @Field(() => LocalDateScalar, { description: '核定期起始日 | First day of the period' }) periodStart!: string;
  @Field(() => LocalDateScalar, { description: '核定期截止日 | Last day of the period' }) periodEnd!: string;
  @Field(() => Int, { description: '成本调查年度 | Year of the cost investigation' }) surveyYear!: number;
  @Field(() => CostItemsInput, { description: '成本项 | Cost items' }) costItems!: CostItemsInput;
  @Field(() => MoneyAmountScalar, { description: '政府补助 | Government subsidies' }) subsidies!: bigint;
  @Field(() => MoneyAmountScalar, { description: '税金 | Taxes' }) taxes!: bigint;
  @Field(() => DecimalScalar, { description: '利润加成（百分点）| Markup in percentage points' }) markupPp!: Decimal;
  @Field(() => Int, { nullable: true, description: '上期超收分摊周期数（默认 1）| Cycles to spread a carried excess over' }) spreadCycles?: number | null;
}

@InputType({ description: '一个产品的上限收费标准 | Price cap of one product' })
export class PriceCapInput {
  @Field(() => ID, { description: '产品标识 | Id of the product' }) productId!: string;
  @Field(() => RevenueChargingUnit, { description: '计费单位 | Charging unit' }) chargingUnit!: RevenueChargingUnit;
  @Field(() => MoneyAmountScalar, { description: '上限价格 | Capped price per unit' }) cap!: bigint;
  @Field(() => String, { description: '核定期预测量（整数）| Integer forecast volume for the survey period' }) forecastUnits!: string;
}

@InputType({ description: '核定上限收费标准 | Set price caps from a cost survey' })
export class SetPriceCapsInput {
  @Field(() => ID, { description: '所依据的成本调查 | Id of the cost survey' }) costSurveyId!: string;
  @Field(() => LocalDateScalar, { description: '生效日 | Effective from' }) effectiveFrom!: string;
  @Field(() => [PriceCapInput], { description: '各产品的上限 | Caps per product' }) caps!: PriceCapInput[];
}

@InputType({ description: '设定产品价格（不得高于上限）| Set a product price, at most its cap' })
export class SetProductPriceInput {
  @Field(() => ID, { description: '产品标识 | Id of the product' }) productId!: string;
  @Field(() => RevenueChargingUnit, { description: '计费单位 | Charging unit' }) chargingUnit!: RevenueChargingUnit;
  @Field(() => MoneyAmountScalar, { description: '单价 | Price per unit' }) price!: bigint;
  @Field(() => LocalDateScalar, { description: '生效日 | Effective from' }) effectiveFrom!: string;
}

@InputType({ description: '收益分配方案中的一方 | One party of a distribution plan' })
export class DistributionPartyInput {
  @Field(() => DistributionPartyKind, { description: '分配方类型 | Kind of party' }) kind!: DistributionPartyKind;
  @Field(() => String, { nullable: true, description: '主体标识（运营机构、服务商、单个数据提供单位；属地与数据提供单位整体不填）| Organization id (OPERATOR, SERVICE_PROVIDER, SOURCE_AGENCY); omitted for JURISDICTION and SOURCE_AGENCIES' }) partyId?: string | null;
  @Field(() => DecimalScalar, { description: '分配权重 | Weight' }) weight!: Decimal;
}

@InputType({ description: '设定收益分配方案（新版本）| Set a distribution plan, as a new version' })
export class SetDistributionPlanInput {
  @Field(() => ID, { description: '授权运营协议标识 | Id of the authorization agreement' }) agreementId!: string;
  @Field(() => ID, { nullable: true, description: '适用产品（空为协议下全部产品）| Product it applies to (none: every product of the agreement)' }) productId?: string | null;
  @Field(() => ContributionBasis, { nullable: true, description: '数据提供单位之间的分配依据 | How source units share among themselves' }) sourceBasis?: ContributionBasis | null;
  @Field(() => [DistributionPartyInput], { description: '分配方 | Parties' }) parties!: DistributionPartyInput[];
}

@InputType({ description: '运行结算 | Run a settlement' })
export class RunSettlementInput {
  @Field(() => String, { description: '辖区 | Jurisdiction' }) jurisdiction!: string;
  @Field(() => LocalDateScalar, { description: '结算期起始日 | First day of the period' }) periodStart!: string;
  @Field(() => LocalDateScalar, { description: '结算期截止日 | Last day of the period' }) periodEnd!: string;
}

@InputType({ description: '调整凭证的一行 | One line of an adjustment' })
export class LedgerLineInput {
  @Field(() => RevenuePartyKind, { description: '分配方类型 | Kind of party' }) partyKind!: RevenuePartyKind;
  @Field(() => String, { description: '分配方标识 | Id of the party' }) partyId!: string;
  @Field(() => MoneyAmountScalar, { nullable: true, description: '借方 | Debit' }) debit?: bigint | null;
  @Field(() => MoneyAmountScalar, { nullable: true, description: '贷方 | Credit' }) credit?: bigint | null;
}

@InputType({ description: '登记调整凭证（借贷须平衡）| Post an adjusting entry; debits must equal credits' })
export class PostLedgerAdjustmentInput {
  @Field(() => String, { description: '辖区 | Jurisdiction' }) jurisdiction!: string;
  @Field(() => LocalDateScalar, { description: '记账日 | Entry date' }) entryDate!: string;
  @Field(() => String, { description: '摘要 | Memo' }) memo!: string;
  @Field(() => [LedgerLineInput], { description: '分录 | Lines' }) lines!: LedgerLineInput[];
}

@InputType({ description: '冲销凭证 | Reverse a ledger entry' })
export class ReverseLedgerEntryInput {
  @Field(() => ID, { description: '被冲销的凭证 | Id of the entry to reverse' }) entryId!: string;
  @Field(() => String, { description: '冲销原因 | Reason' }) reason!: string;
}

@InputType({ description: '收益分成筛选条件 | Filter for revenue shares' })
export class RevenueShareFilter {
  @Field(() => String, { nullable: true, description: '辖区 | Jurisdiction' }) jurisdiction?: string | null;
  @Field(() => ID, { nullable: true, description: '结算 | Settlement' }) settlementId?: string | null;
  @Field(() => String, { nullable: true, description: '分配方 | Party' }) partyId?: string | null;
  @Field(() => ID, { nullable: true, description: '产品 | Product' }) productId?: string | null;
  @Field(() => ID, { nullable: true, description: '运营机构 | Operator' }) operatorId?: string | null;
  @Field(() => LocalDateScalar, { nullable: true, description: '结算期起始不早于 | Settlements starting on or after' }) from?: string | null;
  @Field(() => LocalDateScalar, { nullable: true, description: '结算期截止不晚于 | Settlements ending on or before' }) to?: string | null;
}

@InputType({ description: '费用筛选条件 | Filter for charges' })
export class ChargeFilter {
  @Field(() => String, { nullable: true, description: '辖区 | Jurisdiction' }) jurisdiction?: string | null;
  @Field(() => ID, { nullable: true, description: '产品 | Product' }) productId?: string | null;
  @Field(() => ID, { nullable: true, description: '开发主体 | Developer' }) developerId?: string | null;
  @Field(() => Date, { nullable: true, description: '使用时间不早于 | Used at or after' }) from?: Date | null;
  @Field(() => Date, { nullable: true, description: '使用时间早于 | Used before' }) to?: Date | null;
}

@InputType({ description: '登记十年期国债年平均收益率 | Load an annual average 10-year bond yield' })
export class LoadBondYieldInput {
  @Field(() => Int, { description: '年度 | Year' }) year!: number;
  @Field(() => DecimalScalar, { description: '年平均收益率（%），正数且不超过 20 | Annual average yield in %, positive, at most 20' }) yieldPercent!: Decimal;
  @Field(() => String, { description: '来源文件（文号、发布单位）| Source document (reference, issuer)' }) sourceDocument!: string;
}
