import { Field, ID, InputType, Int } from 'type-graphql';
import { DecimalScalar, LocalDateScalar, MoneyAmountScalar } from '@pdo/platform';
import { Decimal } from '@pdo/policy';
import { ContributionBasis, DistributionPartyKind, RevenueChargingUnit, RevenuePartyKind } from './enums.js';

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
  @Field(() => String, { nullable: true, description: 'Organization id (OPERATOR, SERVICE_PROVIDER, SOURCE_AGENCY); omitted for JURISDICTION and SOURCE_AGENCIES' }) partyId?: string | null;
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

@InputType()
export class LoadBondYieldInput {
  @Field(() => Int) year!: number;
  @Field(() => DecimalScalar, { description: '年平均收益率（%），正数且不超过 20 | Annual average yield in %, positive, at most 20' }) yieldPercent!: Decimal;
  @Field(() => String, { description: '来源文件（文号、发布单位）| Source document (reference, issuer)' }) sourceDocument!: string;
}
