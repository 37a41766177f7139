/**
 * The listing's exchange reference (profile setting `designatedExchange`: QHD §三(一)2; ZJC §三(五)4). Where the
 * jurisdiction designates an exchange or zone the operator names its listing reference there; the venue is the
 * designated one (the API defaults to it), so the form sends only the reference. Checked before sending with the
 * API's own limit (200 characters), so a refusal from the API is the exception.
 */
import { inLang } from './errors';
import type { Lang } from './i18n';

export interface DesignatedExchange {
  required: boolean;
  venue: string | null;
}

export type ListingProblem = 'refMissing' | 'refTooLong';

/** The setting as the profile query returns it (a JSON value), or null when the profile has none. */
export function designatedExchange(value: unknown): DesignatedExchange | null {
  if (!value || typeof value !== 'object') return null;
  const v = value as { required?: unknown; venue?: unknown };
  return { required: v.required === true, venue: typeof v.venue === 'string' && v.venue.trim() ? v.venue : null };
}

/** The venue's name in the user's language (profiles write it "中文 | English"). */
export function venueName(venue: string | null, lang: Lang): string | null {
  return venue ? inLang(venue, lang) : null;
}

/** The variables of `listProduct`, or what the operator must fix first. */
export function listingInput(productId: string, rule: DesignatedExchange | null, reference: string): { input: { productId: string; exchangeListingRef: string | null } } | { problem: ListingProblem } {
  const ref = reference.trim();
  if ([...ref].length > 200) return { problem: 'refTooLong' };
  if (rule?.required && !ref) return { problem: 'refMissing' };
  return { input: { productId, exchangeListingRef: ref || null } };
}
