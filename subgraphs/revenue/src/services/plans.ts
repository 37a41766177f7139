import { badInput, inTransaction, newId, notFound, policyViolation, type RequestContext } from '@pdo/platform';
import type { Decimal } from '@pdo/policy';
import { checkWeights } from '../domain/rules.js';
import type { PlanPartyKind } from '../domain/allocation.js';
import { requireFinance } from '../access.js';
import { agreementParties, insertPlan, nextPlanVersion, planPage, type PlanRecord } from '../data/plans.js';
import { productFacts } from '../data/pricing.js';
import { profileOf } from '../data/profile.js';
import { requireKnownParties } from './parties.js';
import { ruled } from './refusal.js';

type Ctx = RequestContext<unknown>;

export interface SetDistributionPlanInput {
  agreementId: string;
  productId?: string | null;
  sourceBasis?: 'RESOURCE_USAGE' | 'CONTRIBUTION' | null;
  parties: { kind: PlanPartyKind; partyId?: string | null; weight: Decimal }[];
}

/**
 * 收益分配方案 per agreement (optionally per product). No percentage is fixed by policy (TZ Art 10; NS Art 14(7)):
 * the weights are configuration, validated only for shape. A city's revenue right (HN Art 21) is a party only where
 * the profile grants it (paid where the profile's `revenueRightPayee` says). The source units are one pool weighted
 * by the plan's basis — resources supplied unless the plan chooses contribution scores (the profile's
 * `defaultSourceBasis`) — or each a party with its own weight.
 */
export function setDistributionPlan(ctx: Ctx, input: SetDistributionPlanInput): Promise<PlanRecord> {
  return inTransaction(ctx, async (uow) => {
    const { tx } = uow;
    const ag = await agreementParties(tx, input.agreementId);
    if (!ag) throw notFound('授权协议', 'Authorization agreement', input.agreementId);
    requireFinance(ctx.identity, ag.jurisdiction);
    if (input.productId) {
      const p = await productFacts(tx, input.productId);
      if (!p) throw notFound('数据产品', 'Data product', input.productId);
      if (p.agreement_id !== input.agreementId) throw badInput('产品不属于该授权协议', 'The product is not under this agreement', { field: 'input.productId' });
    }
    if (input.parties.length === 0) throw badInput('至少一个分配方', 'At least one party', { field: 'input.parties' });
    ruled(() => checkWeights(input.parties.map((p) => p.weight)));
    const profile = await profileOf(tx, ag.jurisdiction);
    const kinds = input.parties.map((p) => p.kind);
    for (const single of ['OPERATOR', 'JURISDICTION', 'SOURCE_AGENCIES'] as const) {
      if (kinds.filter((k) => k === single).length > 1) throw badInput(`${single} 只能出现一次`, `${single} may appear only once`, { field: 'input.parties' });
    }
    // A service provider named twice would be owed two shares of one settlement for the same product.
    const providers = input.parties.filter((p) => p.kind === 'SERVICE_PROVIDER').map((p) => p.partyId);
    if (new Set(providers).size < providers.length) throw badInput('同一服务商只能出现一次', 'A service provider may appear only once', { field: 'input.parties' });
    const units = input.parties.filter((p) => p.kind === 'SOURCE_AGENCY').map((p) => p.partyId);
    if (new Set(units).size < units.length) throw badInput('同一数据提供单位只能出现一次', 'A source unit may appear only once', { field: 'input.parties' });
    // A unit both in the pool and weighted by itself would be owed two shares of one product; a plan weights the
    // source units one way.
    if (units.length > 0 && kinds.includes('SOURCE_AGENCIES')) {
      throw badInput('数据提供单位须整体分配或逐个设权重，不能兼用', 'Weight the source units either as one pool or one by one, not both', { field: 'input.parties' });
    }
    const parties = input.parties.map((p, i) => {
      const field = `input.parties.${i}`;
      switch (p.kind) {
        case 'OPERATOR':
          if (p.partyId && p.partyId !== ag.operator_id) throw badInput('运营机构须为协议的被授权方', "The operator must be the agreement's operator", { field });
          return { kind: p.kind, partyId: ag.operator_id, weight: p.weight.toString() };
        case 'SERVICE_PROVIDER':
        case 'SOURCE_AGENCY':
          if (!p.partyId || !/^[0-9a-f-]{36}$/i.test(p.partyId)) throw badInput('服务商须给出单位标识', 'A service provider needs its organization id', { field: `${field}.partyId` });
          return { kind: p.kind, partyId: p.partyId, weight: p.weight.toString() };
        case 'JURISDICTION':
          if (!profile.revenueRightForJurisdiction.value) {
            throw policyViolation('NO_JURISDICTION_REVENUE_RIGHT', `${profile.nameZh}未规定属地收益权`, `${profile.nameEn} grants no revenue right to the jurisdiction`, { field, details: { source: profile.revenueRightForJurisdiction.source } });
          }
          return { kind: p.kind, partyId: ag.jurisdiction, weight: p.weight.toString() };
        default:
          return { kind: p.kind, partyId: null, weight: p.weight.toString() };
      }
    });
    // A service provider is credited its shares at every settlement: it must be a registered one.
    await requireKnownParties(tx, ag.jurisdiction, parties.flatMap((p, i) => (p.kind === 'SERVICE_PROVIDER' || p.kind === 'SOURCE_AGENCY' ? [{ kind: p.kind, id: p.partyId!, field: `input.parties.${i}.partyId` }] : [])));
    if (input.sourceBasis === 'CONTRIBUTION' && !kinds.includes('SOURCE_AGENCIES')) {
      throw badInput('按贡献分配须包含数源单位', 'A contribution basis needs the source units as a party', { field: 'input.sourceBasis' });
    }
    const productId = input.productId ?? null;
    const version = await nextPlanVersion(tx, input.agreementId, productId);
    const id = newId();
    const plan = await insertPlan(tx, { id, agreementId: input.agreementId, productId, jurisdiction: ag.jurisdiction, version, sourceBasis: input.sourceBasis ?? profile.defaultSourceBasis.value, createdBy: ctx.identity.sub }, parties);
    uow.audit({ entityType: 'DistributionPlan', entityId: id, action: 'VERSIONED', changes: { agreementId: input.agreementId, productId, version, parties } });
    return plan;
  });
}

/** Every version of the plans of the caller's jurisdiction (optionally of one agreement). */
export function distributionPlans(ctx: Ctx, agreementId: string | null, window: { limit: number; offset: number }) {
  requireFinance(ctx.identity, ctx.identity.jurisdiction ?? '');
  return planPage(ctx.em, ctx.identity.jurisdiction, agreementId, window);
}
