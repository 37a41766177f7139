/**
 * Public response cache (公开数据查询缓存). The marketplace's anonymous pages — the listing,
 * product pages, disclosures — are the same for every anonymous visitor, and they are read far
 * more often than they change. The gateway keeps the exact response of such a query for a short
 * time (RESPONSE_CACHE_TTL_MS) and answers repeats without planning, fetching or serialising
 * again.
 *
 * What may be cached, and why it is safe:
 * - only requests without an Authorization header: everyone without a token is the same
 *   ANONYMOUS caller, so the response cannot be someone's private view;
 * - only queries (never mutations) whose response carried no error, decided after execution;
 * - never a request that overrides the clock (a development aid);
 * - the key is the exact request (method, body or query string, Accept), so a different page,
 *   search or variable is a different entry.
 * A visitor may see an answer up to the TTL old (a usage count, a newly listed product); signed-in
 * users always get live data. RESPONSE_CACHE_TTL_MS=0 turns the cache off.
 */
import { gatewayEnv } from './config.js';

export interface ResponseCacheOptions {
  ttlMs: number;
  /** Upper bound on the bytes of cached bodies; the least recently used entries go first. */
  maxBytes: number;
  /** A response larger than this is not cached (one huge page must not evict the rest). */
  maxEntryBytes: number;
}

/** From the validated configuration (gateway/src/config.ts). */
export function responseCacheFromEnv(env: NodeJS.ProcessEnv = process.env): ResponseCacheOptions {
  const v = gatewayEnv(env);
  return { ttlMs: v.RESPONSE_CACHE_TTL_MS, maxBytes: v.RESPONSE_CACHE_MAX_BYTES, maxEntryBytes: v.RESPONSE_CACHE_MAX_ENTRY_BYTES };
}

export interface CachedResponse {
  /** Kept encoded: a hit writes the bytes as they are. */
  body: Buffer;
  contentType: string;
  /** Headers a hit repeats (its cache-control). */
  headers?: Record<string, string>;
}

interface Entry extends CachedResponse {
  expiresAt: number;
  bytes: number;
}

export class ResponseCache {
  // A Map iterates in insertion order: re-inserting on a hit keeps the least recently used first.
  private readonly entries = new Map<string, Entry>();
  /** Misses being executed now, by key: the callers asking for the same thing meanwhile wait for it. */
  private readonly pending = new Map<string, { promise: Promise<CachedResponse | undefined>; resolve: (r: CachedResponse | undefined) => void }>();
  private bytes = 0;

  constructor(readonly options: ResponseCacheOptions) {}

  get enabled(): boolean {
    return this.options.ttlMs > 0 && this.options.maxBytes > 0;
  }

  get(key: string, now = Date.now()): CachedResponse | undefined {
    const e = this.entries.get(key);
    if (!e) return undefined;
    this.entries.delete(key);
    if (e.expiresAt <= now) {
      this.bytes -= e.bytes;
      return undefined;
    }
    this.entries.set(key, e);
    return e;
  }

  /**
   * A fresh entry; or, when another caller is already executing the same request, a promise of
   * its result (undefined if that result could not be cached); or undefined, and the caller is
   * now the one executing it and must end with `set` or `abandon`. When a popular page expires
   * under load, the subgraphs see one request for it instead of one per waiting visitor.
   */
  lookup(key: string, now = Date.now()): CachedResponse | Promise<CachedResponse | undefined> | undefined {
    const hit = this.get(key, now);
    if (hit) return hit;
    const waiting = this.pending.get(key);
    if (waiting) return waiting.promise;
    let resolve!: (r: CachedResponse | undefined) => void;
    const promise = new Promise<CachedResponse | undefined>((r) => (resolve = r));
    this.pending.set(key, { promise, resolve });
    return undefined;
  }

  /** The executing caller's response was not cacheable (or failed): its waiters execute their own. */
  abandon(key: string): void {
    const p = this.pending.get(key);
    if (!p) return;
    this.pending.delete(key);
    p.resolve(undefined);
  }

  set(key: string, response: { body: string; contentType: string; headers?: Record<string, string> }, now = Date.now()): void {
    const p = this.pending.get(key);
    this.pending.delete(key);
    if (!this.enabled) return p?.resolve(undefined);
    const body = Buffer.from(response.body, 'utf8');
    const bytes = body.length + key.length * 2;
    if (bytes > this.options.maxEntryBytes) return p?.resolve(undefined);
    const old = this.entries.get(key);
    if (old) {
      this.entries.delete(key);
      this.bytes -= old.bytes;
    }
    this.entries.set(key, { body, contentType: response.contentType, headers: response.headers, expiresAt: now + this.options.ttlMs, bytes });
    this.bytes += bytes;
    for (const [k, e] of this.entries) {
      if (this.bytes <= this.options.maxBytes) break;
      this.entries.delete(k);
      this.bytes -= e.bytes;
    }
    p?.resolve({ body, contentType: response.contentType, headers: response.headers });
  }

  get sizeBytes(): number {
    return this.bytes;
  }
}
