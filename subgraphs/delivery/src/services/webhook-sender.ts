/**
 * Sends due webhook deliveries (docs/operating-domain/webhooks.md): signed by the Standard Webhooks
 * scheme (`webhook-id`, `webhook-timestamp`, `webhook-signature: v1,<HMAC-SHA256>`), to an address
 * checked at connect time, with retries on the configured schedule. At least once: a delivery is
 * claimed under a lease, so a worker that dies mid-attempt leaves it to the next one; the receiver
 * dedupes by `webhook-id`, which every attempt of a delivery repeats.
 */
import http from 'node:http';
import https from 'node:https';
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import type { MikroORM } from '@mikro-orm/postgresql';
import { setting, type Logger } from '@pdo/platform';
import { Webhook } from 'standardwebhooks';
import { delivered, isPublicAddress, nextAttemptDelay, webhookUrlProblem } from '../domain/webhooks.js';
import { claimDue, recordAttempt, type ClaimedDelivery } from '../data/webhooks.js';
import { instant } from '../data/data-plane-tables.js';
import { openSecret } from './webhook-secrets.js';

export interface SenderOptions {
  allowPrivate?: boolean;
  timeoutMs?: number;
  schedule?: readonly number[];
  now?: () => Date;
  batch?: number;
}

const settings = (o: SenderOptions) => ({
  allowPrivate: o.allowPrivate ?? setting('WEBHOOK_ALLOW_PRIVATE_TARGETS'),
  timeoutMs: o.timeoutMs ?? setting('WEBHOOK_TIMEOUT_MS'),
  schedule: o.schedule ?? setting('WEBHOOK_RETRY_SCHEDULE'),
  now: o.now ?? (() => new Date()),
  batch: o.batch ?? 20,
});

/** The `webhook-signature` value: the current secret's, and during a rotation's grace the previous one's too. */
export function signatures(d: Pick<ClaimedDelivery, 'endpointId' | 'secret' | 'previousSecret' | 'previousSecretExpiresAt'>, id: string, at: Date, body: string): string {
  const sigs = [new Webhook(openSecret(d.secret, d.endpointId)).sign(id, at, body)];
  if (d.previousSecret && d.previousSecretExpiresAt && instant(d.previousSecretExpiresAt).getTime() > at.getTime()) sigs.push(new Webhook(openSecret(d.previousSecret, d.endpointId)).sign(id, at, body));
  return sigs.join(' ');
}

/** DNS lookup that refuses names resolving into the platform's own networks (SSRF via DNS). */
function guardedLookup(allowPrivate: boolean) {
  return (hostname: string, options: { all?: boolean }, callback: (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void) => {
    dnsLookup(hostname, { all: true }, (err, addresses) => {
      if (err) return callback(err, '');
      const usable = allowPrivate ? addresses : addresses.filter((a) => isPublicAddress(a.address));
      if (usable.length === 0) {
        const e: NodeJS.ErrnoException = new Error('PRIVATE_ADDRESS');
        e.code = 'PRIVATE_ADDRESS';
        return callback(e, '');
      }
      if (options.all) return callback(null, usable);
      callback(null, usable[0]!.address, usable[0]!.family);
    });
  };
}

interface AttemptResult {
  status: number | null;
  error: string | null;
  durationMs: number;
}

/** One POST; redirects are not followed, the reply body is not kept. Errors are named by class, never echoed. */
function post(url: string, headers: Record<string, string>, body: string, o: { allowPrivate: boolean; timeoutMs: number }): Promise<AttemptResult> {
  const started = performance.now();
  const done = (status: number | null, error: string | null): AttemptResult => ({ status, error, durationMs: Math.round(performance.now() - started) });
  const problem = webhookUrlProblem(url, { allowPrivate: o.allowPrivate });
  if (problem) return Promise.resolve(done(null, problem));
  const u = new URL(url);
  const lib = u.protocol === 'https:' ? https : http;
  return new Promise((resolve) => {
    const req = lib.request(u, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), 'user-agent': 'pdo-webhooks/1' },
      lookup: guardedLookup(o.allowPrivate) as never,
      timeout: o.timeoutMs,
      agent: false,
    }, (res) => {
      res.resume();
      res.on('end', () => resolve(done(res.statusCode ?? null, null)));
      res.on('error', () => resolve(done(res.statusCode ?? null, null)));
    });
    req.on('timeout', () => req.destroy(Object.assign(new Error('TIMEOUT'), { code: 'TIMEOUT' })));
    req.on('error', (e: NodeJS.ErrnoException) => resolve(done(null, /^[A-Z_]+$/.test(e.code ?? '') ? e.code! : 'NETWORK_ERROR')));
    req.end(body);
  });
}

/** Attempts every due delivery once; returns how many attempts were made. Run by the `webhook-dispatch` job. */
export async function dispatchDueWebhooks(orm: MikroORM, opts: SenderOptions = {}, log?: Logger): Promise<number> {
  const o = settings(opts);
  // The lease outlasts an attempt: a live worker always records before anyone else may retry.
  const lease = Math.ceil(o.timeoutMs / 1000) * 2 + 30;
  const claimed = await orm.em.fork().transactional((tx) => claimDue(tx, o.now(), o.batch, lease));
  await Promise.all(claimed.map(async (d) => {
    const body = JSON.stringify(d.payload);
    const at = o.now();
    let signature: string | null = null;
    try {
      signature = signatures(d, d.id, at, body);
    } catch {
      // Sealed under a key this process lacks (WEBHOOK_SECRET_KEY changed without _PREVIOUS): nothing is sent unsigned.
      log?.error({ endpointId: d.endpointId }, 'webhook secret cannot be opened with this process\'s keys');
    }
    const r = signature === null
      ? { status: null, error: 'SECRET_KEY_UNKNOWN', durationMs: 0 }
      : await post(d.url, { 'webhook-id': d.id, 'webhook-timestamp': String(Math.floor(at.getTime() / 1000)), 'webhook-signature': signature }, body, o);
    const attempt = d.attempts + 1;
    const ok = delivered(r.status);
    const wait = ok ? null : nextAttemptDelay(attempt, o.schedule);
    const outcome = ok ? 'DELIVERED' : wait === null ? 'FAILED' : 'PENDING';
    await orm.em.fork().transactional((tx) => recordAttempt(tx, {
      deliveryId: d.id, attempt, at, responseCode: r.status, durationMs: r.durationMs, error: r.error ?? (ok ? null : `HTTP_${r.status}`),
      outcome, nextAttemptAt: wait === null ? null : new Date(at.getTime() + wait * 1000),
    }));
    if (!ok) log?.info({ deliveryId: d.id, endpointId: d.endpointId, attempt, status: r.status, error: r.error, outcome }, 'webhook attempt failed');
  }));
  return claimed.length;
}
