/**
 * What stops an execution in the operating domain (docs/operating-domain/runtime.md): the facts
 * delivery projects from licensing and products, decided here without I/O. A suspension,
 * termination or hold refuses the very next call (HN Art 7(4): no supply outside the agreement;
 * TZ Art 29 and ZJC: access closed while rectifying).
 */

export type StopCode =
  | 'PRODUCT_NOT_RUNNABLE'
  | 'RECIPE_NOT_ACCEPTED'
  | 'PRODUCT_NOT_LISTED'
  | 'AUTHORIZATION_STOPPED'
  | 'ENTITLEMENT_NOT_ACTIVE'
  | 'OUTSIDE_TERM'
  | 'QUOTA_EXHAUSTED'
  | 'NOT_SANDBOX';

export const STOP_MESSAGES: Record<StopCode, readonly [string, string]> = {
  PRODUCT_NOT_RUNNABLE: ['产品版本未通过合规审核，不能在运营域执行', 'The product version has not passed compliance review; it cannot run in the operating domain'],
  RECIPE_NOT_ACCEPTED: ['产品版本没有通过分析的执行配方', 'The product version has no accepted recipe'],
  PRODUCT_NOT_LISTED: ['产品未挂牌或已暂停、摘牌', 'The product is not listed (suspended, held or delisted)'],
  AUTHORIZATION_STOPPED: ['运营机构的授权已暂停、终止或到期', 'The operator’s authorization is suspended, terminated or expired'],
  ENTITLEMENT_NOT_ACTIVE: ['使用权未生效、已暂停或已撤销', 'The entitlement is not active (paused, held or revoked)'],
  OUTSIDE_TERM: ['不在应用协议期限内', 'Outside the usage agreement’s term'],
  QUOTA_EXHAUSTED: ['已用完应用协议约定的用量', 'The usage agreement’s quota is used up'],
  NOT_SANDBOX: ['该使用权不是开发处理环境（沙箱）使用权', 'This entitlement is not for the development environment (sandbox)'],
};

/** The legal source each stop cites. */
export const STOP_RULES: Record<StopCode, string> = {
  PRODUCT_NOT_RUNNABLE: 'HN Art 15',
  RECIPE_NOT_ACCEPTED: 'HN Art 15; TZ Art 20',
  PRODUCT_NOT_LISTED: 'HN Art 7(4)',
  AUTHORIZATION_STOPPED: 'TZ Art 29; HN Art 22',
  ENTITLEMENT_NOT_ACTIVE: 'HN Art 7(4)',
  OUTSIDE_TERM: 'HN Art 17',
  QUOTA_EXHAUSTED: 'HN Art 17',
  NOT_SANDBOX: 'HN Art 3',
};

export interface VersionFacts {
  status: string;
  version: number;
}
export interface ListingFacts {
  listingStatus: string;
  listedVersion: number | null;
}
export interface AgreementFacts {
  status: string;
  endDate: string;
}
export interface EntitlementFacts {
  status: string;
  startDate: string;
  endDate: string;
  quotaUnits: string | null;
}

const STOPPED_AGREEMENT = new Set(['SUSPENDED', 'TERMINATED', 'EXPIRED', 'EXITED']);

/**
 * Whether a product version may run at all (its reader role holds grants only then): approved,
 * with an accepted recipe, the listed version of a listed product, the authorization not stopped.
 * An unknown agreement (no status event seen since activation) does not stop it: products already
 * holds the listing when the authorization stops, and that reaches us as ProductSuspended.
 */
export function versionStop(v: VersionFacts | undefined, recipeAccepted: boolean, listing: ListingFacts | undefined, agreement: AgreementFacts | undefined, today: string): StopCode | null {
  if (!v || v.status !== 'APPROVED') return 'PRODUCT_NOT_RUNNABLE';
  if (!recipeAccepted) return 'RECIPE_NOT_ACCEPTED';
  if (!listing || listing.listingStatus !== 'LISTED' || listing.listedVersion !== v.version) return 'PRODUCT_NOT_LISTED';
  if (agreement && (STOPPED_AGREEMENT.has(agreement.status) || agreement.endDate < today)) return 'AUTHORIZATION_STOPPED';
  return null;
}

/** Whether an entitlement admits one more unit today; `usedUnits` is what the platform metered. */
export function entitlementStop(e: EntitlementFacts | undefined, today: string, usedUnits: bigint, units = 1n): StopCode | null {
  if (!e || e.status !== 'ACTIVE') return 'ENTITLEMENT_NOT_ACTIVE';
  if (today < e.startDate || today > e.endDate) return 'OUTSIDE_TERM';
  if (e.quotaUnits !== null && usedUnits + units > BigInt(e.quotaUnits)) return 'QUOTA_EXHAUSTED';
  return null;
}
