/**
 * The rules of signed webhooks (docs/operating-domain/webhooks.md): which events a developer can
 * subscribe to, what a receiving URL may be (no way into the platform's own network: SSRF), the
 * retry schedule, and when usage crosses a quota threshold. Pure: no I/O.
 */
import { isIP } from 'node:net';

/** What a developer's systems can learn of without polling (issue 21), named as the event's `type`. */
export const WEBHOOK_EVENT_TYPES = [
  'entitlement.expiring',
  'quota.threshold',
  'product.version.published',
  'product.version.withdrawn',
  'usage_agreement.suspended',
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];
/** Sent by "send test event" only; no subscription needed. */
export const TEST_EVENT_TYPE = 'webhook.test';

/** Quota thresholds, in percent of the agreed units, that each send one notice per quota. */
export const QUOTA_THRESHOLDS = [80, 100] as const;

/** Thresholds reached by `used` of `quota` units (none for an unlimited or zero quota). */
export function quotaThresholdsReached(used: bigint, quota: bigint | null): number[] {
  if (quota === null || quota <= 0n) return [];
  return QUOTA_THRESHOLDS.filter((pct) => used * 100n >= quota * BigInt(pct));
}

/** Calendar days from `today` to `endDate` (both YYYY-MM-DD); negative when past. */
export function daysUntil(today: string, endDate: string): number {
  return Math.round((Date.parse(`${endDate}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
}

export type UrlRefusal = 'NOT_A_URL' | 'SCHEME' | 'CREDENTIALS' | 'PRIVATE_ADDRESS' | 'TOO_LONG';

/**
 * A receiving URL as written: absolute, https (http only where private targets are allowed, i.e.
 * tests), no user:password, no literal address inside the platform's networks. Host names are
 * resolved and checked again by the sender at every attempt (a name may point anywhere later).
 */
export function webhookUrlProblem(raw: string, opts: { allowPrivate: boolean }): UrlRefusal | null {
  if (raw.length > 2000) return 'TOO_LONG';
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return 'NOT_A_URL';
  }
  if (u.protocol !== 'https:' && !(opts.allowPrivate && u.protocol === 'http:')) return 'SCHEME';
  if (u.username || u.password) return 'CREDENTIALS';
  const host = u.hostname.replace(/^\[|\]$/g, '');
  if (!opts.allowPrivate && (host === 'localhost' || host.endsWith('.localhost') || host.endsWith('.local') || host.endsWith('.internal'))) return 'PRIVATE_ADDRESS';
  if (!opts.allowPrivate && isIP(host) && !isPublicAddress(host)) return 'PRIVATE_ADDRESS';
  return null;
}

function v4Parts(ip: string): number[] | null {
  const parts = ip.split('.').map(Number);
  return parts.length === 4 && parts.every((n) => Number.isInteger(n) && n >= 0 && n <= 255) ? parts : null;
}

/**
 * Whether an address is on the public internet: not loopback, private (RFC 1918, RFC 4193),
 * link-local (cloud metadata lives at 169.254.169.254), carrier-grade NAT, "this network",
 * multicast, reserved or documentation ranges — in IPv4, and in IPv6 including IPv4-mapped forms.
 */
export function isPublicAddress(ip: string): boolean {
  const kind = isIP(ip);
  if (kind === 4) {
    const [a, b] = v4Parts(ip)!;
    if (a === 0 || a === 10 || a === 127 || a >= 224) return false;
    if (a === 100 && b! >= 64 && b! <= 127) return false;
    if (a === 169 && b === 254) return false;
    if (a === 172 && b! >= 16 && b! <= 31) return false;
    if (a === 192 && (b === 168 || (b === 0 && [0, 2].includes(v4Parts(ip)![2]!)))) return false;
    if (a === 198 && (b === 18 || b === 19 || (b === 51 && v4Parts(ip)![2] === 100))) return false;
    if (a === 203 && b === 0 && v4Parts(ip)![2] === 113) return false;
    return true;
  }
  if (kind === 6) {
    const x = ip.toLowerCase();
    // IPv4-mapped and -compatible forms, dotted (::ffff:10.0.0.1) or as URL parsing writes them (::ffff:a00:1).
    const dotted = /^::(?:ffff:)?(\d+\.\d+\.\d+\.\d+)$/.exec(x);
    if (dotted) return isPublicAddress(dotted[1]!);
    const hex = /^::(?:ffff:)?([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(x);
    if (hex) {
      const hi = parseInt(hex[1]!, 16);
      const lo = parseInt(hex[2]!, 16);
      return isPublicAddress(`${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`);
    }
    if (x === '::' || x === '::1') return false;
    const first = parseInt(x.split(':')[0] || '0', 16);
    if ((first & 0xfe00) === 0xfc00) return false; // unique local fc00::/7
    if ((first & 0xffc0) === 0xfe80) return false; // link-local fe80::/10
    if ((first & 0xff00) === 0xff00) return false; // multicast
    if (x.startsWith('2001:db8') || x.startsWith('64:ff9b') || x.startsWith('2002:')) return false; // documentation, NAT64, 6to4
    return true;
  }
  return false;
}

/**
 * When the next attempt is due after `attempts` failed ones, or null when the schedule is spent
 * (the delivery is then FAILED). `schedule` lists the waits in seconds before attempt 2, 3, ….
 */
export function nextAttemptDelay(attempts: number, schedule: readonly number[]): number | null {
  return attempts >= 1 && attempts <= schedule.length ? schedule[attempts - 1]! : null;
}

/** A 2xx answer is a delivery; anything else (a 3xx too: redirects are not followed) is retried. */
export const delivered = (status: number | null) => status !== null && status >= 200 && status < 300;

/** Label of an endpoint as the developer writes it. */
export function endpointDescription(v: string | null | undefined): string | null {
  const s = (v ?? '').trim();
  return s.length <= 200 ? s : null;
}
