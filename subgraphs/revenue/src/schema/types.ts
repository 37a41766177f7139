import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { DecimalScalar, LocalDateScalar, Money } from '@pdo/platform';
import { Decimal } from '@pdo/policy';
import { ContributionBasis, DistributionPartyKind, RevenueChargingUnit, RevenueDeviationAction, RevenuePartyKind, RevenueProductCategory, RevenueSettlementStatus, RevenueSummaryGroup } from './enums.js';

export * from './enums.js';
export * from './inputs.js';
export * from './file-types.js';

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
  @Field(() => Boolean, { description: '试行价格：按不足一整年运营的成本调查设定（PN §2）| A trial price: set on a cost survey of less than a full year of operation' }) trial!: boolean;
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
  @Field(() => String, { nullable: true, description: '单价与生效价格不同的依据（免费使用、上限）| Why the unit price is not the price in force: a free use (still counted) or the cap in force' }) basis!: string | null;
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
