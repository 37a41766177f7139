import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { DecimalScalar, LocalDateScalar, Money } from '@pdo/platform';
import { Decimal } from '@pdo/policy';
import { ContributionBasis, DistributionPartyKind, RevenueChargingUnit, RevenueDeviationAction, RevenuePartyKind, RevenueProductCategory, RevenueSettlementStatus, RevenueSummaryGroup } from './enums.js';

export * from './enums.js';
export * from './inputs.js';
export * from './file-types.js';

/** References to other subgraphs' entities. */
@ObjectType({ description: '主体（由 licensing 子图提供）| Organization (owned by licensing)' })
@Directive('@key(fields: "id", resolvable: false)')
export class Organization {
  @Field(() => ID, { description: '主体标识 | Id of the organization' }) id!: string;
}
@ObjectType({ description: '数据产品（由 products 子图提供）| Data product (owned by products)' })
@Directive('@key(fields: "id", resolvable: false)')
export class DataProduct {
  @Field(() => ID, { description: '产品标识 | Id of the product' }) id!: string;
}

@ObjectType({ description: '成本项（PN §3(1)）| Cost item' })
export class CostItem {
  @Field(() => String, { description: '成本项代码 | Code of the cost item' }) key!: string;
  @Field(() => String, { description: '中文名称 | Name in Chinese' }) nameZh!: string;
  @Field(() => String, { description: '英文名称 | Name in English' }) nameEn!: string;
  @Field(() => Money, { description: '金额 | Amount' }) amount!: bigint;
}

@ObjectType({ description: '收入偏差（PN §4）| Actual revenue vs the MAR' })
export class RevenueDeviation {
  @Field(() => Money, { description: '实际收入 | Actual revenue' }) actual!: bigint;
  @Field(() => Money, { description: '最高准许收入 | Maximum permitted revenue (MAR)' }) mar!: bigint;
  @Field(() => Money, { description: '差额（实际 − 最高准许收入）| actual − MAR' }) difference!: bigint;
  @Field(() => DecimalScalar, { description: '偏差率（%）| Deviation, percent' }) deviationPercent!: Decimal;
  @Field(() => String, { description: '方向：ABOVE 超出 / BELOW 不足 / EQUAL 持平 | Direction: ABOVE, BELOW or EQUAL' }) direction!: string;
  @Field(() => DecimalScalar, { description: '允许偏差幅度（%，按辖区配置）| Permitted band, percent (jurisdiction profile)' }) bandPercent!: Decimal;
  @Field(() => RevenueDeviationAction, { description: '应采取的处置 | Action required' }) action!: RevenueDeviationAction;
  @Field(() => String, { description: '依据 | Source of the rule' }) source!: string;
  @Field(() => String, { description: '说明 | Explanation' }) explanation!: string;
}

@ObjectType({ description: '成本调查与最高准许收入 | Cost survey and maximum permitted revenue (最高准许收入)' })
@Directive('@key(fields: "id")')
export class CostSurvey {
  @Field(() => ID, { description: '成本调查标识 | Id of the cost survey' }) id!: string;
  @Field(() => String, { description: '所属辖区 | Jurisdiction' }) jurisdiction!: string;
  @Field(() => String, { description: '调查名称 | Name' }) name!: string;
  @Field(() => ID, { description: '运营机构标识 | Id of the operator' }) operatorId!: string;
  @Field(() => Organization, { description: '运营机构 | The operator' }) operator!: Organization;
  @Field(() => LocalDateScalar, { description: '核定期起始日 | First day of the period' }) periodStart!: string;
  @Field(() => LocalDateScalar, { description: '核定期截止日 | Last day of the period' }) periodEnd!: string;
  @Field(() => Int, { description: '成本调查年度 | Year of the cost investigation' }) surveyYear!: number;
  @Field(() => [CostItem], { description: '成本项 | Cost items' }) costItems!: CostItem[];
  @Field(() => Money, { description: '政府补助 | Government subsidies' }) subsidies!: bigint;
  @Field(() => Money, { description: '税金 | Taxes' }) taxes!: bigint;
  @Field(() => Int, { description: '所用国债收益率年度 | Year of the bond yield used' }) bondYear!: number;
  @Field(() => DecimalScalar, { description: '十年期国债年平均收益率（%）| Average 10-year government bond yield, percent' }) bondYieldPercent!: string;
  @Field(() => String, { description: '收益率数据来源 | Source of the bond yield' }) bondYieldSource!: string;
  @Field(() => DecimalScalar, { description: '加成（百分点，PN §3(1)）| Markup in percentage points (PN §3(1))' }) markupPp!: string;
  @Field(() => DecimalScalar, { description: '准许收益率（%）| Permitted rate of return, percent' }) ratePercent!: string;
  @Field(() => Money, { description: '运营成本（扣除政府补助）| Operating cost net of subsidies' }) operatingCost!: bigint;
  @Field(() => Money, { description: '准许利润 | Permitted profit' }) permittedProfit!: bigint;
  @Field(() => Money, { description: '最高准许收入 | MAR before carry-over' }) mar!: bigint;
  @Field(() => Money, { description: '上期超收结转 | Excess revenue carried in' }) carryIn!: bigint;
  @Field(() => Money, { description: '本期扣减 | Deducted this cycle' }) carryOverDeduction!: bigint;
  @Field(() => Money, { description: '继续结转 | Carried on to later cycles' }) carryOut!: bigint;
  @Field(() => Money, { description: '本期有效最高准许收入 | Effective MAR' }) effectiveMar!: bigint;
  @Field(() => [String], { description: '计算过程 | The working' }) working!: string[];
  @Field(() => String, { description: '政策依据 | Policy source' }) policySource!: string;
  @Field(() => Date, { description: '创建时间 | When recorded' }) createdAt!: Date;
}

@ObjectType({ description: '上限收费标准 | Price cap' })
export class PriceCap {
  @Field(() => ID, { description: '上限收费标准标识 | Id of the price cap' }) id!: string;
  @Field(() => ID, { description: '所依据的成本调查 | Id of the cost survey' }) costSurveyId!: string;
  @Field(() => ID, { description: '产品标识 | Id of the product' }) productId!: string;
  @Field(() => DataProduct, { description: '产品 | The product' }) product!: DataProduct;
  @Field(() => ID, { description: '运营机构标识 | Id of the operator' }) operatorId!: string;
  @Field(() => String, { description: '所属辖区 | Jurisdiction' }) jurisdiction!: string;
  @Field(() => RevenueChargingUnit, { description: '计费单位 | Charging unit' }) chargingUnit!: RevenueChargingUnit;
  @Field(() => Money, { description: '上限价格 | Capped price per unit' }) cap!: bigint;
  @Field(() => String, { description: '预测量（整数）| Forecast volume' }) forecastUnits!: string;
  @Field(() => Money, { description: '预测收入 | Forecast revenue' }) forecastRevenue!: bigint;
  @Field(() => LocalDateScalar, { description: '生效日 | Effective from' }) effectiveFrom!: string;
  @Field(() => Date, { description: '创建时间 | When recorded' }) createdAt!: Date;
  @Field(() => Boolean, { description: '试行价格：按不足一整年运营的成本调查设定（PN §2）| A trial price: set on a cost survey of less than a full year of operation' }) trial!: boolean;
}

@ObjectType({ description: '价格（版本化）| Product price, versioned with its effective date' })
export class ProductPrice {
  @Field(() => ID, { description: '价格标识 | Id of the price' }) id!: string;
  @Field(() => ID, { description: '产品标识 | Id of the product' }) productId!: string;
  @Field(() => ID, { description: '运营机构标识 | Id of the operator' }) operatorId!: string;
  @Field(() => String, { description: '所属辖区 | Jurisdiction' }) jurisdiction!: string;
  @Field(() => RevenueChargingUnit, { description: '计费单位 | Charging unit' }) chargingUnit!: RevenueChargingUnit;
  @Field(() => Money, { description: '单价 | Price per unit' }) price!: bigint;
  @Field(() => ID, { nullable: true, description: '所受约束的上限收费标准 | Id of the price cap it is held under' }) capId!: string | null;
  @Field(() => LocalDateScalar, { description: '生效日 | Effective from' }) effectiveFrom!: string;
  @Field(() => Int, { description: '价格版本 | Version of the price' }) version!: number;
  @Field(() => Date, { description: '创建时间 | When recorded' }) createdAt!: Date;
}

@ObjectType({ description: '费用（每条用量一笔）| Charge: one per usage record' })
export class Charge {
  @Field(() => ID, { description: '费用标识 | Id of the charge' }) id!: string;
  @Field(() => ID, { description: '用量记录标识 | Id of the usage record' }) usageId!: string;
  @Field(() => ID, { nullable: true, description: '使用协议标识 | Id of the usage agreement' }) usageAgreementId!: string | null;
  @Field(() => ID, { description: '产品标识 | Id of the product' }) productId!: string;
  @Field(() => ID, { description: '运营机构标识 | Id of the operator' }) operatorId!: string;
  @Field(() => ID, { description: '开发主体标识 | Id of the developer' }) developerId!: string;
  @Field(() => String, { description: '所属辖区 | Jurisdiction' }) jurisdiction!: string;
  @Field(() => RevenueProductCategory, { description: '产品类别（免费/收费）| Free or paid' }) category!: RevenueProductCategory;
  @Field(() => RevenueChargingUnit, { description: '计费单位 | Charging unit' }) chargingUnit!: RevenueChargingUnit;
  @Field(() => String, { description: '用量 | Units used' }) units!: string;
  @Field(() => Money, { nullable: true, description: '适用单价 | Unit price applied' }) unitPrice!: bigint | null;
  @Field(() => ID, { nullable: true, description: '适用价格标识 | Id of the price applied' }) priceId!: string | null;
  @Field(() => Money, { description: '金额 | Amount charged' }) amount!: bigint;
  @Field(() => Boolean, { description: '是否有适用价格（否：使用时无有效价格，按零计费并标记）| false: no price was in force when it was used (charged zero, flagged)' }) priced!: boolean;
  @Field(() => Date, { description: '使用发生时间 | When the use happened' }) occurredAt!: Date;
  @Field(() => String, { nullable: true, description: '单价与生效价格不同的依据（免费使用、上限）| Why the unit price is not the price in force: a free use (still counted) or the cap in force' }) basis!: string | null;
}

@ObjectType({ description: '收益分配方案中的一方 | One party of a distribution plan' })
export class DistributionPlanParty {
  @Field(() => Int, { description: '顺序 | Order' }) ordinal!: number;
  @Field(() => DistributionPartyKind, { description: '分配方类型 | Kind of party' }) kind!: DistributionPartyKind;
  @Field(() => String, { nullable: true, description: '分配方标识（数据提供单位为空，按贡献分配）| Id of the party (none for source units, which share by contribution)' }) partyId!: string | null;
  @Field(() => DecimalScalar, { description: '分配权重 | Weight' }) weight!: string;
}

@ObjectType({ description: '收益分配方案（版本化）| Distribution plan, versioned' })
export class DistributionPlan {
  @Field(() => ID, { description: '方案标识 | Id of the plan' }) id!: string;
  @Field(() => ID, { description: '授权运营协议标识 | Id of the authorization agreement' }) agreementId!: string;
  @Field(() => ID, { nullable: true, description: '适用产品（空为协议下全部产品）| Product it applies to (none: every product of the agreement)' }) productId!: string | null;
  @Field(() => String, { description: '所属辖区 | Jurisdiction' }) jurisdiction!: string;
  @Field(() => Int, { description: '方案版本 | Version of the plan' }) version!: number;
  @Field(() => ContributionBasis, { description: '数据提供单位之间的分配依据 | How source units share among themselves' }) sourceBasis!: ContributionBasis;
  @Field(() => [DistributionPlanParty], { description: '分配方 | Parties' }) parties!: DistributionPlanParty[];
  @Field(() => Date, { description: '创建时间 | When recorded' }) createdAt!: Date;
}

@ObjectType({ description: '结算中的一个产品 | One product of a settlement' })
export class SettlementProduct {
  @Field(() => ID, { description: '产品标识 | Id of the product' }) productId!: string;
  @Field(() => ID, { nullable: true, description: '适用的分配方案 | Id of the distribution plan applied' }) planId!: string | null;
  @Field(() => Int, { nullable: true, description: '方案版本 | Version of the plan' }) planVersion!: number | null;
  @Field(() => Money, { description: '收入 | Revenue' }) revenue!: bigint;
  @Field(() => String, { description: '费用笔数 | Number of charges' }) chargeCount!: string;
  @Field(() => String, { description: '用量 | Units used' }) units!: string;
}

@ObjectType({ description: '对账：费用 = 分成 = 分录借方 = 分录贷方 | Reconciliation of a settlement' })
export class SettlementReconciliation {
  @Field(() => Money, { description: "结算包含的费用（本期及结转的迟到费用），当前重算 | The settlement's charges (its period's and carried late ones), recomputed now" }) charges!: bigint;
  @Field(() => Money, { description: '已结算金额 | Amount settled' }) settled!: bigint;
  @Field(() => Money, { description: '分成合计 | Sum of the shares' }) shares!: bigint;
  @Field(() => Money, { description: '分录借方合计 | Sum of ledger debits' }) ledgerDebits!: bigint;
  @Field(() => Money, { description: '分录贷方合计 | Sum of ledger credits' }) ledgerCredits!: bigint;
  @Field(() => Boolean, { description: '是否平衡 | Whether everything agrees' }) reconciled!: boolean;
}

@ObjectType({ description: '收益分成 | Revenue share of one party in one product for a settlement' })
export class RevenueShare {
  @Field(() => ID, { description: '分成标识 | Id of the share' }) id!: string;
  @Field(() => ID, { description: '结算标识 | Id of the settlement' }) settlementId!: string;
  @Field(() => String, { description: '所属辖区 | Jurisdiction' }) jurisdiction!: string;
  @Field(() => LocalDateScalar, { description: '结算期起始日 | First day of the period' }) periodStart!: string;
  @Field(() => LocalDateScalar, { description: '结算期截止日 | Last day of the period' }) periodEnd!: string;
  @Field(() => ID, { description: '产品标识 | Id of the product' }) productId!: string;
  @Field(() => RevenuePartyKind, { description: '分配方类型 | Kind of party' }) partyKind!: RevenuePartyKind;
  @Field(() => String, { description: '分配方标识 | Id of the party' }) partyId!: string;
  @Field(() => DecimalScalar, { description: '分配权重 | Weight' }) weight!: string;
  @Field(() => Money, { description: '分成金额 | Amount of the share' }) amount!: bigint;
  @Field(() => String, { description: '计算依据 | How it was computed' }) basis!: string;
}

@ObjectType({ description: '结算 | Settlement run of one jurisdiction and period' })
export class Settlement {
  @Field(() => ID, { description: '结算标识 | Id of the settlement' }) id!: string;
  @Field(() => String, { description: '所属辖区 | Jurisdiction' }) jurisdiction!: string;
  @Field(() => LocalDateScalar, { description: '结算期起始日 | First day of the period' }) periodStart!: string;
  @Field(() => LocalDateScalar, { description: '结算期截止日 | Last day of the period' }) periodEnd!: string;
  @Field(() => RevenueSettlementStatus, { description: '结算状态 | Status' }) status!: RevenueSettlementStatus;
  @Field(() => Money, { description: '结算总额 | Total settled' }) total!: bigint;
  @Field(() => String, { description: '费用笔数 | Number of charges' }) chargeCount!: string;
  @Field(() => Int, { description: '产品数 | Number of products' }) productCount!: number;
  @Field(() => ID, { nullable: true, description: '所用的数据贡献评估 | Id of the contribution assessment used' }) contributionAssessmentId!: string | null;
  @Field(() => ID, { nullable: true, description: '记账凭证标识 | Id of the ledger entry posted' }) ledgerEntryId!: string | null;
  @Field(() => Date, { description: '开始时间 | When it started' }) startedAt!: Date;
  @Field(() => Date, { nullable: true, description: '完成时间 | When it completed' }) completedAt!: Date | null;
  @Field(() => String, { nullable: true, description: '最近一次失败的原因（未记任何账）| Why the last attempt failed (status FAILED); nothing of it was posted' }) failureReason!: string | null;
  @Field(() => Date, { nullable: true, description: '失败时间 | When it failed' }) failedAt!: Date | null;
  @Field(() => Int, { description: '本期已运行次数（失败后重试）| Runs of this period so far (a run after a failure retries)' }) attempt!: number;
  @Field(() => Money, { description: '迟到费用 | Late charges of earlier settled periods carried into this settlement (included in total)' }) carriedTotal!: bigint;
  @Field(() => String, { description: '迟到费用笔数 | Number of late charges carried in' }) carriedChargeCount!: string;
}

@ObjectType({ description: '结算进度 | A step of a settlement run' })
export class SettlementStep {
  @Field(() => Int, { description: '第几次运行 | Run number' }) attempt!: number;
  @Field(() => String, { description: '步骤 | QUEUED (started as a job), STARTED, CHARGES_TOTALLED, SPLITS_COMPUTED, LEDGER_POSTED, COMPLETED or FAILED' }) step!: string;
  @Field(() => String, { description: '说明 | Detail' }) detail!: string;
  @Field(() => Date, { description: '时间 | When' }) at!: Date;
}

@ObjectType({ description: '结算明细：每个产品与开发者的费用汇总 | Charges of a settlement per product and developer' })
export class SettlementChargeLine {
  @Field(() => ID, { description: '产品标识 | Id of the product' }) productId!: string;
  @Field(() => ID, { description: '开发主体标识 | Id of the developer' }) developerId!: string;
  @Field(() => Money, { description: '收入 | Revenue' }) revenue!: bigint;
  @Field(() => String, { description: '费用笔数 | Number of charges' }) chargeCount!: string;
  @Field(() => String, { description: '用量 | Units used' }) units!: string;
  @Field(() => ID, { nullable: true, description: '迟到费用所属的已结算结算（本期费用为空）| Late charges: the already-settled settlement whose period the usage fell in; null for the period\'s own charges' }) carriedFrom!: string | null;
  @Field(() => LocalDateScalar, { nullable: true, description: '迟到费用所属结算期起始日 | First day of the period the late charges belong to' }) carriedFromPeriodStart!: string | null;
  @Field(() => LocalDateScalar, { nullable: true, description: '迟到费用所属结算期截止日 | Last day of the period the late charges belong to' }) carriedFromPeriodEnd!: string | null;
}

@ObjectType({ description: '对账单的一行 | One line of a statement' })
export class RevenueStatementLine {
  @Field(() => ID, { description: '产品标识 | Id of the product' }) productId!: string;
  @Field(() => String, { description: '产品编码 | Product code' }) productCode!: string;
  @Field(() => String, { description: '产品名称 | Product name' }) productName!: string;
  @Field(() => Money, { description: '产品本期收入 | The product\'s revenue in the period' }) productRevenue!: bigint;
  @Field(() => String, { description: '费用笔数 | Number of charges' }) chargeCount!: string;
  @Field(() => String, { description: '用量 | Units used' }) units!: string;
  @Field(() => DecimalScalar, { nullable: true, description: '分配权重 | Weight' }) weight!: string | null;
  @Field(() => String, { description: '计算依据 | How it was computed' }) basis!: string;
  @Field(() => Money, { description: '金额 | Amount' }) amount!: bigint;
  @Field(() => ID, { nullable: true, description: '迟到费用所属结算 | A developer line of late charges: the settlement of the period they belong to' }) carriedFrom?: string | null;
}

@ObjectType({ description: '对账单 | Statement of one party for one settlement' })
export class RevenueStatement {
  @Field(() => ID, { description: '结算标识 | Id of the settlement' }) settlementId!: string;
  @Field(() => String, { description: '所属辖区 | Jurisdiction' }) jurisdiction!: string;
  @Field(() => LocalDateScalar, { description: '结算期起始日 | First day of the period' }) periodStart!: string;
  @Field(() => LocalDateScalar, { description: '结算期截止日 | Last day of the period' }) periodEnd!: string;
  @Field(() => RevenuePartyKind, { description: '分配方类型 | Kind of party' }) partyKind!: RevenuePartyKind;
  @Field(() => String, { description: '分配方标识 | Id of the party' }) partyId!: string;
  @Field(() => String, { nullable: true, description: '分配方名称 | Name of the party' }) partyName!: string | null;
  @Field(() => Money, { description: '合计 | Total' }) total!: bigint;
  @Field(() => [RevenueStatementLine], { description: '明细 | Lines' }) lines!: RevenueStatementLine[];
  @Field(() => String, { description: '明细与合计的 CSV（UTF-8，CRLF）| CSV (UTF-8, CRLF) of the lines and the total' }) csv!: string;
}

@ObjectType({ description: '总账科目 | Ledger account of a party' })
export class LedgerAccount {
  @Field(() => ID, { description: '科目标识 | Id of the account' }) id!: string;
  @Field(() => String, { description: '所属辖区 | Jurisdiction' }) jurisdiction!: string;
  @Field(() => RevenuePartyKind, { description: '分配方类型 | Kind of party' }) partyKind!: RevenuePartyKind;
  @Field(() => String, { description: '分配方标识 | Id of the party' }) partyId!: string;
}

@ObjectType({ description: '凭证的一行 | One line of a ledger entry' })
export class LedgerLine {
  @Field(() => LedgerAccount, { description: '科目 | Account' }) account!: LedgerAccount;
  @Field(() => Money, { description: '借方 | Debit' }) debit!: bigint;
  @Field(() => Money, { description: '贷方 | Credit' }) credit!: bigint;
}

@ObjectType({ description: '记账凭证（只增不改，借贷平衡）| Ledger entry: append-only, balanced' })
export class LedgerEntry {
  @Field(() => ID, { description: '凭证标识 | Id of the entry' }) id!: string;
  @Field(() => String, { description: '所属辖区 | Jurisdiction' }) jurisdiction!: string;
  @Field(() => LocalDateScalar, { description: '记账日 | Entry date' }) entryDate!: string;
  @Field(() => String, { description: '摘要 | Memo' }) memo!: string;
  @Field(() => ID, { nullable: true, description: '对应结算 | Id of the settlement it posts' }) settlementId!: string | null;
  @Field(() => ID, { nullable: true, description: '冲销的凭证 | Id of the entry it reverses' }) reversesEntryId!: string | null;
  @Field(() => [LedgerLine], { description: '分录 | Lines' }) lines!: LedgerLine[];
  @Field(() => String, { description: '制单人 | Who posted it' }) createdBy!: string;
  @Field(() => Date, { description: '创建时间 | When recorded' }) createdAt!: Date;
}

@ObjectType({ description: '科目余额（借方 − 贷方）| Account balance as of a date' })
export class LedgerBalance {
  @Field(() => LedgerAccount, { description: '科目 | Account' }) account!: LedgerAccount;
  @Field(() => LocalDateScalar, { description: '余额基准日 | As of' }) asOf!: string;
  @Field(() => Money, { description: '借方合计 | Total debits' }) debit!: bigint;
  @Field(() => Money, { description: '贷方合计 | Total credits' }) credit!: bigint;
  @Field(() => Money, { description: '余额（借方 − 贷方）| debit − credit' }) balance!: bigint;
}

@ObjectType({ description: '收益汇总的一行 | One row of a revenue summary' })
export class RevenueSummaryRow {
  @Field(() => String, { description: '分组键（分配方、运营机构、产品、辖区或期间）| Group key: party, operator, product, jurisdiction or period' }) key!: string;
  @Field(() => RevenuePartyKind, { nullable: true, description: '分配方类型（按分配方汇总时）| The kind of party, when grouped by party' }) partyKind!: RevenuePartyKind | null;
  @Field(() => String, { nullable: true, description: '名称：分配方、运营机构、产品或辖区的名称（期间为空）| Name of the party, operator, product or jurisdiction the key identifies (null for a period or an unknown id)' })
  name?: string | null;
  @Field(() => Money, { description: '金额 | Amount' }) amount!: bigint;
  /** The grouping the key belongs to (not in the schema): tells `name` where to look. */
  group!: RevenueSummaryGroup;
}
