import { badInput, conflict, policyViolation, type Refusal } from './refusal.js';

/*
 * The lifecycle of a data product (产品): its naming, the authorization it needs, the resources it may use, and when a
 * version may be edited, reviewed or listed. Pure: the facts come in as arguments.
 */

const HAS_CJK = /[\u3400-\u9fff]/;

/** A product carries a Chinese name of 1–100 characters and a description of at most 2000. */
export function checkNaming(name: string, description: string): Refusal | null {
  if (!name.trim() || name.length > 100 || !HAS_CJK.test(name)) return badInput('产品名称须为 1–100 字的中文名称', 'The product name must be a Chinese name of 1–100 characters', { field: 'input.name' });
  if (description.length > 2000) return badInput('产品说明最多 2000 字', 'The description is at most 2000 characters', { field: 'input.description' });
  return null;
}

/** Licensing's agreement as products knows it. */
export interface AgreementTerm {
  status: string;
  startDate: string | null;
  endDate: string;
}

/** Operations need an authorization in force today (HN Art 7; licensing owns the agreement). */
export function agreementNotInForce(a: AgreementTerm | null, today: string, agreementId: string): Refusal | null {
  if (!a) return policyViolation('HN Art 7', '未找到授权协议（尚未收到授权信息）', 'No authorization agreement is known for this product', { details: { agreementId } });
  if (a.status !== 'ACTIVE' || today > a.endDate || (a.startDate && today < a.startDate)) {
    return policyViolation('HN Art 7', `授权协议不在有效期内（状态：${a.status}）`, `The authorization agreement is not in force (status ${a.status})`, { details: { agreementId, status: a.status, endDate: a.endDate } });
  }
  return null;
}

/** A product is built on an approved scenario of its own operator (HN Art 15; ZJC 一场景一清单一审核). */
export function scenarioRefusal(s: { operatorId: string; status: string }, operatorId: string): Refusal | null {
  if (s.operatorId !== operatorId) return { code: 'FORBIDDEN', zh: '只能基于本单位的应用场景开发产品', en: 'You may only build products from your own scenarios' };
  if (s.status !== 'APPROVED') return policyViolation('HN Art 15; ZJC 一场景一清单一审核', '应用场景未审核通过', 'The scenario is not approved', { field: 'input.scenarioId' });
  return null;
}

/** The resource list of a product as it asks: at least one, none twice. */
export function resourceListRefusal(resourceIds: string[]): Refusal | null {
  if (resourceIds.length === 0) return badInput('至少使用一项数据资源', 'A product uses at least one resource', { field: 'input.resourceIds' });
  if (new Set(resourceIds).size !== resourceIds.length) return badInput('数据资源重复', 'Duplicate resources', { field: 'input.resourceIds' });
  return null;
}

/**
 * Resources must lie within the scenario's access grants that are active today (minimum necessary, TZ Art 8; one
 * scenario one list one review, HN Art 15 / ZJC), and still be in the catalog and authorizable when the catalog has
 * told us about them. `granted`: the asked resources the grants cover.
 */
export function grantRefusal(resourceIds: string[], granted: { resourceId: string; withdrawn: boolean; unauthorizable: boolean }[]): Refusal | null {
  const ok = new Set(granted.map((g) => g.resourceId));
  const outside = resourceIds.filter((r) => !ok.has(r));
  if (outside.length) return policyViolation('TZ Art 8; HN Art 15', '所用数据资源超出该场景的数据访问授权范围', "Resources outside the scenario's access grants", { field: 'input.resourceIds', details: { outside } });
  const bad = granted.filter((g) => g.withdrawn || g.unauthorizable).map((g) => g.resourceId);
  if (bad.length) return policyViolation('NS Art 9', '数据资源已撤回或不可授权', 'Resources are withdrawn or no longer authorizable', { field: 'input.resourceIds', details: { resources: bad } });
  return null;
}

/** The product code: jurisdiction, CP and the product's number in the jurisdiction. */
export const productCode = (jurisdiction: string, n: number): string => `${jurisdiction}-CP-${String(n).padStart(4, '0')}`;

/**
 * Only the latest version, while a draft, may be edited. A submitted or delivered version is frozen: changing a
 * delivered product is re-development, which the operator may not do (NS Art 6; HN Art 7(3)).
 */
export function draftRefusal(v: { version: number; status: string; delivered: boolean }): Refusal | null {
  if (v.delivered) return policyViolation('NS Art 6; HN Art 7(3)', '已交付的产品版本不得修改或再开发', 'A delivered product version may not be changed or re-developed', { details: { version: v.version } });
  if (v.status !== 'DRAFT') return conflict(`版本状态为 ${v.status}，只能修改草稿`, `Version is ${v.status}; only a draft can be edited`, { details: { status: v.status } });
  return null;
}

/** Whether a listing may start: not listed already, not ended or suspended with its authorization, nothing holding it. */
export function listingRefusal(listingStatus: string, holds: { kind: string; reason: string }[]): Refusal | null {
  if (listingStatus === 'LISTED') return conflict('产品已挂牌', 'The product is already listed');
  if (listingStatus === 'WITHDRAWN') return policyViolation('HN Art 7', '授权已终止，产品不能再挂牌', 'The authorization has ended; the product cannot be listed');
  if (listingStatus === 'SUSPENDED') return policyViolation('HN Art 7', '授权暂停期间不能挂牌', 'Listing is suspended with the authorization');
  // A paused grant or an open security incident keeps the product off the market as well.
  if (holds.length) {
    return policyViolation('HN Art 7', `产品处于暂停状态（${holds[0]!.reason}），不能挂牌`, `The product is on hold (${holds[0]!.reason}) and cannot be listed`, { details: { holds: holds.map((h) => h.kind) } });
  }
  return null;
}
