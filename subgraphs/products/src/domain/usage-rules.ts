import { badInput, conflict, policyViolation, type Refusal } from './refusal.js';

/*
 * Rules of a secondary developer's use of a product (二级开发主体): applications, the operator's assessment (HN Art 17),
 * entitlements and metered usage. Pure: the facts and "today" come in as arguments.
 */

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A count of units: a positive integer of at most 15 digits; absent stays null. */
export function parseUnits(s: string | null | undefined, field: string): bigint | null | Refusal {
  if (s === null || s === undefined) return null;
  if (!/^\d{1,15}$/.test(s) || BigInt(s) <= 0n) return badInput('数量须为正整数', 'Units must be a positive integer', { field });
  return BigInt(s);
}
export const isRefusal = (x: unknown): x is Refusal => typeof x === 'object' && x !== null && 'code' in x && 'zh' in x;

export interface ApplicationTerms {
  purpose: string;
  scenario: string;
  scope: string;
  method: string;
  startDate: string;
  endDate: string;
}
const LABELS = { purpose: '用途', scenario: '应用场景', scope: '使用范围', method: '使用方式' } as const;

/** An application names purpose, scenario, scope and method, and a term that is not over yet. */
export function applicationRefusal(a: ApplicationTerms, today: string): Refusal | null {
  for (const f of ['purpose', 'scenario', 'scope', 'method'] as const) {
    if (!a[f]?.trim()) return badInput(`须填写${LABELS[f]}`, `${f} is required`, { field: `input.${f}` });
  }
  if (!DATE.test(a.startDate) || !DATE.test(a.endDate) || a.startDate > a.endDate) return badInput('使用期限不合法', 'Invalid term', { field: 'input.endDate' });
  if (a.endDate < today) return badInput('使用期限已过', 'The term is already over', { field: 'input.endDate' });
  return null;
}

/** A developer applies for a listed product of another organization (HN Art 17). */
export function productApplicationRefusal(p: { listingStatus: string; operatorId: string }, developerId: string): Refusal | null {
  if (p.listingStatus !== 'LISTED') {
    return conflict(`产品未挂牌（${p.listingStatus}），不受理使用申请`, `The product is not listed (${p.listingStatus}); applications are refused`, { details: { listingStatus: p.listingStatus } });
  }
  if (p.operatorId === developerId) return { code: 'FORBIDDEN', zh: '运营机构不能申请使用自己的产品', en: 'An operator cannot apply for its own product' };
  return null;
}

/** The term of use may not run past the operator's authorization (HN Art 17). */
export function termRefusal(endDate: string, authorizationEnds: string): Refusal | null {
  if (endDate <= authorizationEnds) return null;
  return policyViolation('HN Art 17', `使用期限不得超过运营授权期限（${authorizationEnds}）`, `The term may not run past the operator's authorization (${authorizationEnds})`, { field: 'input.endDate', details: { authorizationEnds } });
}

export interface Assessment {
  capabilityAdequate: boolean;
  needReasonable: boolean;
  scenarioCompliant: boolean;
  securityRisk: 'LOW' | 'MEDIUM' | 'HIGH';
  recommend: boolean;
  opinion: string;
  revenueDistribution?: string | null;
  securityTerms?: string | null;
  confidentialityTerms?: string | null;
}

/** The operator recommends only when capability, need and scenario compliance hold, risk is not high, and it proposes the terms (HN Art 17). */
export function assessmentRefusal(a: Assessment): Refusal | null {
  if (!a.opinion?.trim()) return badInput('须填写评估意见', 'An assessment opinion is required', { field: 'input.opinion' });
  if (!a.recommend) return null;
  if (!a.capabilityAdequate || !a.needReasonable || !a.scenarioCompliant || a.securityRisk === 'HIGH') {
    return policyViolation('HN Art 17', '能力、需求合理性、场景合规性均须满足且安全风险非高，方可推荐', 'Recommend only when capability, need and scenario compliance hold and security risk is not high');
  }
  for (const f of ['revenueDistribution', 'securityTerms', 'confidentialityTerms'] as const) {
    if (!a[f]?.trim()) return badInput('推荐时须拟定收益分配、安全和保密条款', `${f} is required when recommending`, { field: `input.${f}` });
  }
  return null;
}

/** An entitlement as usage is recorded against it. */
export interface EntitlementState {
  status: string;
  pauseReason: string | null;
  startDate: string;
  endDate: string;
  quotaUnits: string | null;
  usedUnits: string;
}

/**
 * Usage is recorded only against an active entitlement, on a day within the agreement's term (and not after it has
 * ended), and within the agreed quota (HN Art 7(4), HN Art 17). `day`: the day the usage occurred, in Shanghai.
 */
export function usageRefusal(e: EntitlementState, units: bigint, day: string, today: string): Refusal | null {
  if (e.status !== 'ACTIVE') return policyViolation('HN Art 7(4)', `使用权状态为 ${e.status}，不能提供产品`, `The entitlement is ${e.status}; the product may not be supplied`, { details: { status: e.status, reason: e.pauseReason } });
  if (day < e.startDate || day > e.endDate || today > e.endDate) {
    return policyViolation('HN Art 7(4)', `不在应用协议期限内（${e.startDate} 至 ${e.endDate}）`, `Outside the usage agreement's term (${e.startDate} to ${e.endDate})`, { details: { startDate: e.startDate, endDate: e.endDate } });
  }
  if (e.quotaUnits !== null && BigInt(e.usedUnits) + units > BigInt(e.quotaUnits)) {
    return policyViolation('HN Art 17', '超出应用协议约定的用量', 'Usage would exceed the quota of the usage agreement', { details: { quotaUnits: e.quotaUnits, usedUnits: e.usedUnits } });
  }
  return null;
}

/** An entitlement past its last day reads as EXPIRED without a job having to flip it. */
export const entitlementStatusOn = (e: { status: string; endDate: string }, today: string): string => (e.status === 'ACTIVE' && today > e.endDate ? 'EXPIRED' : e.status);
