import { Directive, Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DecimalScalar, LocalDateScalar, Money, MoneyAmountScalar } from '@pdo/platform';
import { Decimal } from '@pdo/policy';

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
}
registerEnumType(DistributionPartyKind, { name: 'DistributionPartyKind', description: '收益分配方：运营机构、服务商、属地（HN 第21条）、数据提供单位（按贡献分配的整体） | Party of a distribution plan' });
export enum ContributionBasis {
  RESOURCE_USAGE = 'RESOURCE_USAGE',
  CONTRIBUTION = 'CONTRIBUTION',
}
registerEnumType(ContributionBasis, { name: 'ContributionBasis', description: '数据提供单位权重：RESOURCE_USAGE 按产品使用的资源数；CONTRIBUTION（默认）有贡献评价时按得分，否则按资源数 | How source agencies are weighted' });
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

@ObjectType({ description: '导出文件（base64）| An export file, base64-encoded' })
export class ExportFile {
  @Field(() => String, { description: 'Suggested file name' }) filename!: string;
  @Field(() => String, { description: 'MIME type, e.g. text/csv; charset=utf-8' }) contentType!: string;
  @Field(() => String, { description: 'The file\'s bytes, base64 (a CSV starts with the UTF-8 BOM)' }) base64!: string;
}

/** References to other subgraphs' entities. */
@ObjectType()
@Directive('@key(fields: "id", resolvable: false)')
export class Organization {
  @Field(() => ID) id!: string;
}
@ObjectType()
@Directive('@key(fields: "id", resolvable: false)')
export class DataProduct {
  @Field(() => ID) id!: string;
}

@ObjectType({ description: '成本项（PN §3(1)）| Cost item' })
export class CostItem {
  @Field(() => String) key!: string;
  @Field(() => String) nameZh!: string;
  @Field(() => String) nameEn!: string;
  @Field(() => Money) amount!: bigint;
}

@ObjectType({ description: '收入偏差（PN §4）| Actual revenue vs the MAR' })
export class RevenueDeviation {
  @Field(() => Money) actual!: bigint;
  @Field(() => Money) mar!: bigint;
  @Field(() => Money, { description: 'actual − MAR' }) difference!: bigint;
  @Field(() => DecimalScalar) deviationPercent!: Decimal;
  @Field(() => String, { description: 'ABOVE / BELOW / EQUAL' }) direction!: string;
  @Field(() => DecimalScalar) bandPercent!: Decimal;
  @Field(() => RevenueDeviationAction) action!: RevenueDeviationAction;
  @Field(() => String) source!: string;
  @Field(() => String) explanation!: string;
}

@ObjectType({ description: '成本调查与最高准许收入 | Cost survey and maximum permitted revenue (最高准许收入)' })
@Directive('@key(fields: "id")')
export class CostSurvey {
  @Field(() => ID) id!: string;
  @Field(() => String) jurisdiction!: string;
  @Field(() => String) name!: string;
  @Field(() => ID) operatorId!: string;
  @Field(() => Organization) operator!: Organization;
  @Field(() => LocalDateScalar) periodStart!: string;
  @Field(() => LocalDateScalar) periodEnd!: string;
  @Field(() => Int, { description: '成本调查年度 | Year of the cost investigation' }) surveyYear!: number;
  @Field(() => [CostItem]) costItems!: CostItem[];
  @Field(() => Money) subsidies!: bigint;
  @Field(() => Money) taxes!: bigint;
  @Field(() => Int) bondYear!: number;
  @Field(() => DecimalScalar) bondYieldPercent!: string;
  @Field(() => String) bondYieldSource!: string;
  @Field(() => DecimalScalar) markupPp!: string;
  @Field(() => DecimalScalar) ratePercent!: string;
  @Field(() => Money, { description: '运营成本（扣除政府补助）| Operating cost net of subsidies' }) operatingCost!: bigint;
  @Field(() => Money, { description: '准许利润 | Permitted profit' }) permittedProfit!: bigint;
  @Field(() => Money, { description: '最高准许收入 | MAR before carry-over' }) mar!: bigint;
  @Field(() => Money, { description: '上期超收结转 | Excess revenue carried in' }) carryIn!: bigint;
  @Field(() => Money, { description: '本期扣减 | Deducted this cycle' }) carryOverDeduction!: bigint;
  @Field(() => Money, { description: '继续结转 | Carried on to later cycles' }) carryOut!: bigint;
  @Field(() => Money, { description: '本期有效最高准许收入 | Effective MAR' }) effectiveMar!: bigint;
  @Field(() => [String], { description: '计算过程 | The working' }) working!: string[];
  @Field(() => String) policySource!: string;
  @Field(() => Date) createdAt!: Date;
}

@ObjectType({ description: '上限收费标准 | Price cap' })
export class PriceCap {
  @Field(() => ID) id!: string;
  @Field(() => ID) costSurveyId!: string;
  @Field(() => ID) productId!: string;
  @Field(() => DataProduct) product!: DataProduct;
  @Field(() => ID) operatorId!: string;
  @Field(() => String) jurisdiction!: string;
  @Field(() => RevenueChargingUnit) chargingUnit!: RevenueChargingUnit;
  @Field(() => Money) cap!: bigint;
  @Field(() => String, { description: '预测量（整数）| Forecast volume' }) forecastUnits!: string;
  @Field(() => Money) forecastRevenue!: bigint;
  @Field(() => LocalDateScalar) effectiveFrom!: string;
  @Field(() => Date) createdAt!: Date;
}

@ObjectType({ description: '价格（版本化）| Product price, versioned with its effective date' })
export class ProductPrice {
  @Field(() => ID) id!: string;
  @Field(() => ID) productId!: string;
  @Field(() => ID) operatorId!: string;
  @Field(() => String) jurisdiction!: string;
  @Field(() => RevenueChargingUnit) chargingUnit!: RevenueChargingUnit;
  @Field(() => Money) price!: bigint;
  @Field(() => ID, { nullable: true }) capId!: string | null;
  @Field(() => LocalDateScalar) effectiveFrom!: string;
  @Field(() => Int) version!: number;
  @Field(() => Date) createdAt!: Date;
}

@ObjectType({ description: '费用（每条用量一笔）| Charge: one per usage record' })
export class Charge {
  @Field(() => ID) id!: string;
  @Field(() => ID) usageId!: string;
  @Field(() => ID, { nullable: true }) usageAgreementId!: string | null;
  @Field(() => ID) productId!: string;
  @Field(() => ID) operatorId!: string;
  @Field(() => ID) developerId!: string;
  @Field(() => String) jurisdiction!: string;
  @Field(() => RevenueProductCategory) category!: RevenueProductCategory;
  @Field(() => RevenueChargingUnit) chargingUnit!: RevenueChargingUnit;
  @Field(() => String) units!: string;
  @Field(() => Money, { nullable: true }) unitPrice!: bigint | null;
  @Field(() => ID, { nullable: true }) priceId!: string | null;
  @Field(() => Money) amount!: bigint;
  @Field(() => Boolean, { description: 'false: no price was in force when it was used (charged zero, flagged)' }) priced!: boolean;
  @Field(() => Date) occurredAt!: Date;
}

@ObjectType()
export class DistributionPlanParty {
  @Field(() => Int) ordinal!: number;
  @Field(() => DistributionPartyKind) kind!: DistributionPartyKind;
  @Field(() => String, { nullable: true }) partyId!: string | null;
  @Field(() => DecimalScalar) weight!: string;
}

@ObjectType({ description: '收益分配方案（版本化）| Distribution plan, versioned' })
export class DistributionPlan {
  @Field(() => ID) id!: string;
  @Field(() => ID) agreementId!: string;
  @Field(() => ID, { nullable: true }) productId!: string | null;
  @Field(() => String) jurisdiction!: string;
  @Field(() => Int) version!: number;
  @Field(() => ContributionBasis) sourceBasis!: ContributionBasis;
  @Field(() => [DistributionPlanParty]) parties!: DistributionPlanParty[];
  @Field(() => Date) createdAt!: Date;
}

@ObjectType()
export class SettlementProduct {
  @Field(() => ID) productId!: string;
  @Field(() => ID, { nullable: true }) planId!: string | null;
  @Field(() => Int, { nullable: true }) planVersion!: number | null;
  @Field(() => Money) revenue!: bigint;
  @Field(() => String) chargeCount!: string;
  @Field(() => String) units!: string;
}

@ObjectType({ description: '对账：费用 = 分成 = 分录借方 = 分录贷方 | Reconciliation of a settlement' })
export class SettlementReconciliation {
  @Field(() => Money, { description: "The settlement's charges (its period's and carried late ones), recomputed now" }) charges!: bigint;
  @Field(() => Money) settled!: bigint;
  @Field(() => Money) shares!: bigint;
  @Field(() => Money) ledgerDebits!: bigint;
  @Field(() => Money) ledgerCredits!: bigint;
  @Field(() => Boolean) reconciled!: boolean;
}

@ObjectType({ description: '收益分成 | Revenue share of one party in one product for a settlement' })
export class RevenueShare {
  @Field(() => ID) id!: string;
  @Field(() => ID) settlementId!: string;
  @Field(() => String) jurisdiction!: string;
  @Field(() => LocalDateScalar) periodStart!: string;
  @Field(() => LocalDateScalar) periodEnd!: string;
  @Field(() => ID) productId!: string;
  @Field(() => RevenuePartyKind) partyKind!: RevenuePartyKind;
  @Field(() => String) partyId!: string;
  @Field(() => DecimalScalar) weight!: string;
  @Field(() => Money) amount!: bigint;
  @Field(() => String) basis!: string;
}

@ObjectType({ description: '结算 | Settlement run of one jurisdiction and period' })
export class Settlement {
  @Field(() => ID) id!: string;
  @Field(() => String) jurisdiction!: string;
  @Field(() => LocalDateScalar) periodStart!: string;
  @Field(() => LocalDateScalar) periodEnd!: string;
  @Field(() => RevenueSettlementStatus) status!: RevenueSettlementStatus;
  @Field(() => Money) total!: bigint;
  @Field(() => String) chargeCount!: string;
  @Field(() => Int) productCount!: number;
  @Field(() => ID, { nullable: true }) contributionAssessmentId!: string | null;
  @Field(() => ID, { nullable: true }) ledgerEntryId!: string | null;
  @Field(() => Date) startedAt!: Date;
  @Field(() => Date, { nullable: true }) completedAt!: Date | null;
  @Field(() => String, { nullable: true, description: 'Why the last attempt failed (status FAILED); nothing of it was posted' }) failureReason!: string | null;
  @Field(() => Date, { nullable: true }) failedAt!: Date | null;
  @Field(() => Int, { description: 'Runs of this period so far (a run after a failure retries)' }) attempt!: number;
  @Field(() => Money, { description: '迟到费用 | Late charges of earlier settled periods carried into this settlement (included in total)' }) carriedTotal!: bigint;
  @Field(() => String) carriedChargeCount!: string;
}

@ObjectType({ description: '结算进度 | A step of a settlement run' })
export class SettlementStep {
  @Field(() => Int) attempt!: number;
  @Field(() => String, { description: 'QUEUED (started as a job), STARTED, CHARGES_TOTALLED, SPLITS_COMPUTED, LEDGER_POSTED, COMPLETED or FAILED' }) step!: string;
  @Field(() => String) detail!: string;
  @Field(() => Date) at!: Date;
}

@ObjectType({ description: '结算明细：每个产品与开发者的费用汇总 | Charges of a settlement per product and developer' })
export class SettlementChargeLine {
  @Field(() => ID) productId!: string;
  @Field(() => ID) developerId!: string;
  @Field(() => Money) revenue!: bigint;
  @Field(() => String) chargeCount!: string;
  @Field(() => String) units!: string;
  @Field(() => ID, { nullable: true, description: 'Late charges: the already-settled settlement whose period the usage fell in; null for the period\'s own charges' }) carriedFrom!: string | null;
  @Field(() => LocalDateScalar, { nullable: true }) carriedFromPeriodStart!: string | null;
  @Field(() => LocalDateScalar, { nullable: true }) carriedFromPeriodEnd!: string | null;
}

@ObjectType()
export class RevenueStatementLine {
  @Field(() => ID) productId!: string;
  @Field(() => String) productCode!: string;
  @Field(() => String) productName!: string;
  @Field(() => Money, { description: "The product's revenue in the period" }) productRevenue!: bigint;
  @Field(() => String) chargeCount!: string;
  @Field(() => String) units!: string;
  @Field(() => DecimalScalar, { nullable: true }) weight!: string | null;
  @Field(() => String) basis!: string;
  @Field(() => Money) amount!: bigint;
  @Field(() => ID, { nullable: true, description: 'A developer line of late charges: the settlement of the period they belong to' }) carriedFrom?: string | null;
}

@ObjectType({ description: '对账单 | Statement of one party for one settlement' })
export class RevenueStatement {
  @Field(() => ID) settlementId!: string;
  @Field(() => String) jurisdiction!: string;
  @Field(() => LocalDateScalar) periodStart!: string;
  @Field(() => LocalDateScalar) periodEnd!: string;
  @Field(() => RevenuePartyKind) partyKind!: RevenuePartyKind;
  @Field(() => String) partyId!: string;
  @Field(() => String, { nullable: true }) partyName!: string | null;
  @Field(() => Money) total!: bigint;
  @Field(() => [RevenueStatementLine]) lines!: RevenueStatementLine[];
  @Field(() => String, { description: 'CSV (UTF-8, CRLF) of the lines and the total' }) csv!: string;
}

@ObjectType({ description: '总账科目 | Ledger account of a party' })
export class LedgerAccount {
  @Field(() => ID) id!: string;
  @Field(() => String) jurisdiction!: string;
  @Field(() => RevenuePartyKind) partyKind!: RevenuePartyKind;
  @Field(() => String) partyId!: string;
}

@ObjectType()
export class LedgerLine {
  @Field(() => LedgerAccount) account!: LedgerAccount;
  @Field(() => Money) debit!: bigint;
  @Field(() => Money) credit!: bigint;
}

@ObjectType({ description: '记账凭证（只增不改，借贷平衡）| Ledger entry: append-only, balanced' })
export class LedgerEntry {
  @Field(() => ID) id!: string;
  @Field(() => String) jurisdiction!: string;
  @Field(() => LocalDateScalar) entryDate!: string;
  @Field(() => String) memo!: string;
  @Field(() => ID, { nullable: true }) settlementId!: string | null;
  @Field(() => ID, { nullable: true }) reversesEntryId!: string | null;
  @Field(() => [LedgerLine]) lines!: LedgerLine[];
  @Field(() => String) createdBy!: string;
  @Field(() => Date) createdAt!: Date;
}

@ObjectType({ description: '科目余额（借方 − 贷方）| Account balance as of a date' })
export class LedgerBalance {
  @Field(() => LedgerAccount) account!: LedgerAccount;
  @Field(() => LocalDateScalar) asOf!: string;
  @Field(() => Money) debit!: bigint;
  @Field(() => Money) credit!: bigint;
  @Field(() => Money, { description: 'debit − credit' }) balance!: bigint;
}

@ObjectType()
export class RevenueSummaryRow {
  @Field(() => String) key!: string;
  @Field(() => RevenuePartyKind, { nullable: true, description: 'PARTY: the kind of party' }) partyKind!: RevenuePartyKind | null;
  @Field(() => String, { nullable: true, description: '名称：分配方、运营机构、产品或辖区的名称（期间为空）| Name of the party, operator, product or jurisdiction the key identifies (null for a period or an unknown id)' })
  name?: string | null;
  @Field(() => Money) amount!: bigint;
  /** The grouping the key belongs to (not in the schema): tells `name` where to look. */
  group!: RevenueSummaryGroup;
}

// ── inputs ──────────────────────────────────────────────────────────────────
@InputType()
export class CostItemsInput {
  @Field(() => MoneyAmountScalar, { description: '平台建设及运维' }) platform!: bigint;
  @Field(() => MoneyAmountScalar, { description: '数据传输、汇聚、存储与治理' }) dataHandling!: bigint;
  @Field(() => MoneyAmountScalar, { description: '人力成本' }) personnel!: bigint;
  @Field(() => MoneyAmountScalar, { description: '获取公共数据支出' }) dataAcquisition!: bigint;
  @Field(() => MoneyAmountScalar, { description: '期间费用' }) periodExpenses!: bigint;
}

@InputType()
export class RecordCostSurveyInput {
  @Field(() => ID) operatorId!: string;
  @Field(() => String) name!: string;
  @Field(() => LocalDateScalar) periodStart!: string;
  @Field(() => LocalDateScalar) periodEnd!: string;
  @Field(() => Int) surveyYear!: number;
  @Field(() => CostItemsInput) costItems!: CostItemsInput;
  @Field(() => MoneyAmountScalar) subsidies!: bigint;
  @Field(() => MoneyAmountScalar) taxes!: bigint;
  @Field(() => DecimalScalar, { description: '利润加成（百分点）| Markup in percentage points' }) markupPp!: Decimal;
  @Field(() => Int, { nullable: true, description: '上期超收分摊周期数（默认 1）| Cycles to spread a carried excess over' }) spreadCycles?: number | null;
}

@InputType()
export class PriceCapInput {
  @Field(() => ID) productId!: string;
  @Field(() => RevenueChargingUnit) chargingUnit!: RevenueChargingUnit;
  @Field(() => MoneyAmountScalar) cap!: bigint;
  @Field(() => String, { description: 'Integer forecast volume for the survey period' }) forecastUnits!: string;
}

@InputType()
export class SetPriceCapsInput {
  @Field(() => ID) costSurveyId!: string;
  @Field(() => LocalDateScalar) effectiveFrom!: string;
  @Field(() => [PriceCapInput]) caps!: PriceCapInput[];
}

@InputType()
export class SetProductPriceInput {
  @Field(() => ID) productId!: string;
  @Field(() => RevenueChargingUnit) chargingUnit!: RevenueChargingUnit;
  @Field(() => MoneyAmountScalar) price!: bigint;
  @Field(() => LocalDateScalar) effectiveFrom!: string;
}

@InputType()
export class DistributionPartyInput {
  @Field(() => DistributionPartyKind) kind!: DistributionPartyKind;
  @Field(() => String, { nullable: true, description: 'Organization id (OPERATOR, SERVICE_PROVIDER); omitted for JURISDICTION and SOURCE_AGENCIES' }) partyId?: string | null;
  @Field(() => DecimalScalar) weight!: Decimal;
}

@InputType()
export class SetDistributionPlanInput {
  @Field(() => ID) agreementId!: string;
  @Field(() => ID, { nullable: true }) productId?: string | null;
  @Field(() => ContributionBasis, { nullable: true }) sourceBasis?: ContributionBasis | null;
  @Field(() => [DistributionPartyInput]) parties!: DistributionPartyInput[];
}

@InputType()
export class RunSettlementInput {
  @Field(() => String) jurisdiction!: string;
  @Field(() => LocalDateScalar) periodStart!: string;
  @Field(() => LocalDateScalar) periodEnd!: string;
}

@InputType()
export class LedgerLineInput {
  @Field(() => RevenuePartyKind) partyKind!: RevenuePartyKind;
  @Field(() => String) partyId!: string;
  @Field(() => MoneyAmountScalar, { nullable: true }) debit?: bigint | null;
  @Field(() => MoneyAmountScalar, { nullable: true }) credit?: bigint | null;
}

@InputType()
export class PostLedgerAdjustmentInput {
  @Field(() => String) jurisdiction!: string;
  @Field(() => LocalDateScalar) entryDate!: string;
  @Field(() => String) memo!: string;
  @Field(() => [LedgerLineInput]) lines!: LedgerLineInput[];
}

@InputType()
export class ReverseLedgerEntryInput {
  @Field(() => ID) entryId!: string;
  @Field(() => String) reason!: string;
}

@InputType()
export class RevenueShareFilter {
  @Field(() => String, { nullable: true }) jurisdiction?: string | null;
  @Field(() => ID, { nullable: true }) settlementId?: string | null;
  @Field(() => String, { nullable: true }) partyId?: string | null;
  @Field(() => ID, { nullable: true }) productId?: string | null;
  @Field(() => ID, { nullable: true }) operatorId?: string | null;
  @Field(() => LocalDateScalar, { nullable: true, description: 'Settlements starting on or after' }) from?: string | null;
  @Field(() => LocalDateScalar, { nullable: true, description: 'Settlements ending on or before' }) to?: string | null;
}

@InputType()
export class ChargeFilter {
  @Field(() => String, { nullable: true }) jurisdiction?: string | null;
  @Field(() => ID, { nullable: true }) productId?: string | null;
  @Field(() => ID, { nullable: true }) developerId?: string | null;
  @Field(() => Date, { nullable: true }) from?: Date | null;
  @Field(() => Date, { nullable: true }) to?: Date | null;
}

@ObjectType({ description: '十年期国债年平均收益率（参考数据，PN §3(1)）| Average 10-year government bond yield of a year (reference data)' })
export class BondYield {
  @Field(() => ID) id!: string;
  @Field(() => String) jurisdiction!: string;
  @Field(() => Int, { description: '年度 | Year' }) year!: number;
  @Field(() => Int, { description: '版本：每次载入或更正新增一版，最高版本生效 | Version: each load or correction adds one, the highest is in force' }) version!: number;
  @Field(() => DecimalScalar, { description: '年平均收益率（%）| Annual average yield (%)' }) yieldPercent!: string;
  @Field(() => String, { description: '来源文件 | Source document' }) sourceDocument!: string;
  @Field(() => Boolean, { description: '演示用示意数据 | Illustrative demo figure, not an official one' }) illustrative!: boolean;
  @Field(() => String) loadedBy!: string;
  @Field(() => Date) loadedAt!: Date;
}

@InputType()
export class LoadBondYieldInput {
  @Field(() => Int) year!: number;
  @Field(() => DecimalScalar, { description: '年平均收益率（%），正数且不超过 20 | Annual average yield in %, positive, at most 20' }) yieldPercent!: Decimal;
  @Field(() => String, { description: '来源文件（文号、发布单位）| Source document (reference, issuer)' }) sourceDocument!: string;
}
