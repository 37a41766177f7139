import { conflict, forbidden, inTransaction, newId, notFound, requireJurisdiction, type RequestContext } from '@pdo/platform';
import { todayInShanghai } from '@pdo/policy';
import {
  applicationById,
  approveApplication,
  insertApplication,
  insertUsageAgreement,
  openUsageOf,
  recordAssessment,
  refuseApplication,
} from '../data/usage-applications.js';
import type { ApplicationRow, TermsRow } from '../data/rows.js';
import { badInput } from '../domain/refusal.js';
import { applicationRefusal, assessmentRefusal, isRefusal, parseUnits, productApplicationRefusal, termRefusal, type Assessment } from '../domain/usage-rules.js';
import { actingOrg } from '../access.js';
import type { Loaders } from '../loaders/index.js';
import { agreementInForce, lockedProduct } from './context.js';
import { check, refused } from './refusal.js';

/* A secondary developer (二级开发主体) applies to use a product; the operator assesses, the implementing agency decides (HN Art 17). */

type Ctx = RequestContext<Loaders>;

/** Units as a bigint, or the refusal thrown. */
export function units(s: string | null | undefined, field: string): bigint | null {
  const u = parseUnits(s, field);
  if (isRefusal(u)) throw refused(u);
  return u;
}

async function lockedApplication(tx: Ctx['em'], id: string): Promise<ApplicationRow> {
  const a = await applicationById(tx, id, true);
  if (!a) throw notFound('使用申请', 'Usage application', id);
  return a;
}

export interface ApplyInput {
  productId: string;
  purpose: string;
  /** The purpose class and non-profit declaration a free-use rule decides by (PN §1; HN Art 21); optional. */
  usePurpose?: 'PUBLIC_GOVERNANCE' | 'PUBLIC_WELFARE' | 'INDUSTRY' | null;
  nonProfit?: boolean | null;
  scenario: string;
  scope: string;
  method: string;
  startDate: string;
  endDate: string;
  requestedQuota?: string | null;
}

/** 二级开发主体申请使用 (HN Art 17): only a listed product, within the operator's authorization term. */
export async function applyForProductUsage(ctx: Ctx, input: ApplyInput): Promise<string> {
  const dev = actingOrg(ctx.identity);
  const today = todayInShanghai(ctx.now);
  check(applicationRefusal(input, today));
  const quota = units(input.requestedQuota, 'input.requestedQuota');
  return inTransaction(ctx, async ({ tx, audit }) => {
    const p = await lockedProduct(tx, input.productId);
    check(productApplicationRefusal(p, dev));
    const ag = await agreementInForce(tx, p.agreementId, today);
    check(termRefusal(input.endDate, ag.endDate));
    const open = await openUsageOf(tx, p.id, dev);
    if (open) throw conflict('已有进行中的申请或有效协议', 'An application or agreement for this product is already open', { details: { id: open.id } });
    const id = newId();
    await insertApplication(tx, {
      id, productId: p.id, developerId: dev, operatorId: p.operatorId, jurisdiction: p.jurisdiction, purpose: input.purpose.trim(), usePurpose: input.usePurpose ?? null, nonProfit: input.nonProfit ?? null, scenario: input.scenario.trim(),
      scope: input.scope.trim(), method: input.method.trim(), startDate: input.startDate, endDate: input.endDate, requestedQuota: quota?.toString() ?? null,
      at: ctx.now.toISOString(),
    });
    audit({ entityType: 'UsageApplication', entityId: id, action: 'APPLIED', changes: { ...input } });
    return id;
  });
}

export interface AssessInput extends Assessment {
  applicationId: string;
  quotaUnits?: string | null;
}

/** The operator assesses capability, need, scenario compliance and security risk, and proposes the terms (HN Art 17). */
export async function assessUsageApplication(ctx: Ctx, input: AssessInput): Promise<void> {
  check(assessmentRefusal(input));
  const quota = units(input.quotaUnits, 'input.quotaUnits');
  await inTransaction(ctx, async ({ tx, audit }) => {
    const a = await lockedApplication(tx, input.applicationId);
    if (a.operatorId !== actingOrg(ctx.identity)) throw forbidden('只能评估本单位产品的申请', 'You may only assess applications for your own products');
    if (a.status !== 'APPLIED') throw conflict(`申请状态为 ${a.status}，不能评估`, `Application is ${a.status}; it cannot be assessed`);
    const opinion = input.opinion.trim();
    const assessment = {
      capabilityAdequate: input.capabilityAdequate, needReasonable: input.needReasonable, scenarioCompliant: input.scenarioCompliant, securityRisk: input.securityRisk,
      recommend: input.recommend, opinion, assessedAt: ctx.now.toISOString(),
    };
    const terms: TermsRow | null = input.recommend
      ? { revenueDistribution: input.revenueDistribution!.trim(), securityTerms: input.securityTerms!.trim(), confidentialityTerms: input.confidentialityTerms!.trim(), quotaUnits: quota?.toString() ?? a.requestedQuota }
      : null;
    await recordAssessment(tx, a.id, input.recommend ? 'ASSESSED' : 'REFUSED', assessment, terms, input.recommend ? [] : [opinion]);
    audit({ entityType: 'UsageApplication', entityId: a.id, action: input.recommend ? 'ASSESSED' : 'REFUSED_BY_OPERATOR', changes: { assessment, terms } });
  });
}

export interface DecideInput {
  applicationId: string;
  approve: boolean;
  reasons: string[];
}

/** The implementing agency (AGENCY) approves (drafting the usage agreement for both parties to accept) or refuses with reasons. */
export async function decideUsageApplication(ctx: Ctx, input: DecideInput): Promise<void> {
  const why = input.reasons.map((r) => r.trim()).filter(Boolean);
  if (!input.approve && why.length === 0) check(badInput('不予批准须说明理由', 'A refusal must give reasons', { field: 'reasons' }));
  await inTransaction(ctx, async ({ tx, audit }) => {
    const a = await lockedApplication(tx, input.applicationId);
    requireJurisdiction(ctx.identity, a.jurisdiction);
    if (a.status !== 'ASSESSED') throw conflict(`申请状态为 ${a.status}，须先经运营机构评估`, `Application is ${a.status}; the operator must assess it first`);
    if (!input.approve) {
      await refuseApplication(tx, a.id, why);
      audit({ entityType: 'UsageApplication', entityId: a.id, action: 'REFUSED', changes: { reasons: why } });
      return;
    }
    const p = await lockedProduct(tx, a.productId);
    if (p.listingStatus !== 'LISTED') throw conflict(`产品未挂牌（${p.listingStatus}），不能批准`, `The product is not listed (${p.listingStatus})`);
    const terms = a.proposedTerms!;
    const agreementId = newId();
    await insertUsageAgreement(tx, { id: agreementId, application: a, category: p.category, terms, at: ctx.now.toISOString() });
    await approveApplication(tx, a.id, agreementId);
    audit({ entityType: 'UsageApplication', entityId: a.id, action: 'APPROVED', changes: { usageAgreementId: agreementId } });
    audit({ entityType: 'UsageAgreement', entityId: agreementId, action: 'DRAFTED', changes: { ...terms, startDate: a.startDate, endDate: a.endDate } });
  });
}
