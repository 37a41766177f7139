/**
 * The live feeds through the gateway's origin (docs/live-feeds.md): a developer's usage stream
 * carries each of its own data-plane calls as it happens, and nobody else's; the public disclosure
 * stream carries a new disclosure to anyone listening, filtered by jurisdiction when asked.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mintToken, gatewayConfig } from '@pdo/gateway';
import { definition as delivery } from '@pdo/delivery';
import { definition as evaluation } from '@pdo/evaluation';
import { startTestStack, who, type TestStack } from '@pdo/testing';
import type { Identity } from '@pdo/platform';
import { aMarriage, entitle, grantMarriage, marriageProduct, ok, publishAs, type Product } from '../../subgraphs/delivery/test/data-plane-world.js';

process.env.DATA_PLANE_CALLS_PER_SECOND = '0';
process.env.FEED_POLL_MS = '100';

let stack: TestStack;
let world: Awaited<ReturnType<typeof grantMarriage>>;
let product: Product;
const person = aMarriage();

beforeAll(async () => {
  stack = await startTestStack([delivery, evaluation], { gateway: true, seed: true });
  world = await grantMarriage(stack);
  product = await marriageProduct(stack, world, 'JL-FEED-MARRIAGE');
}, 240_000);
afterAll(async () => stack?.stop());

const origin = () => stack.gateway!.url.replace(/\/graphql$/, '');

interface Feed {
  status: number;
  events: { id: string; event: string; data: any }[];
  /** Resolves when an event satisfying `pred` has arrived (or rejects after `ms`). */
  until(pred: (e: { event: string; data: any }) => boolean, ms?: number): Promise<{ id: string; event: string; data: any }>;
  close(): void;
}

/** A client of a server-sent-event stream, as a browser's fetch() reads one. */
async function openFeed(path: string, as?: Identity, headers: Record<string, string> = {}): Promise<Feed> {
  const h: Record<string, string> = { accept: 'text/event-stream', ...headers };
  if (as) h.authorization = `Bearer ${await mintToken(gatewayConfig(), { sub: as.sub, role: as.role as Exclude<Identity['role'], 'ANONYMOUS'>, org: as.org, jurisdiction: as.jurisdiction })}`;
  const abort = new AbortController();
  const res = await fetch(`${origin()}${path}`, { headers: h, signal: abort.signal });
  const events: Feed['events'] = [];
  const waiters: (() => void)[] = [];
  if (res.headers.get('content-type')?.startsWith('text/event-stream') && res.body) {
    void (async () => {
      const decoder = new TextDecoder();
      let buf = '';
      try {
        for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
          buf += decoder.decode(chunk, { stream: true });
          let end;
          while ((end = buf.indexOf('\n\n')) >= 0) {
            const block = buf.slice(0, end);
            buf = buf.slice(end + 2);
            const field = (name: string) => block.split('\n').find((l) => l.startsWith(`${name}: `))?.slice(name.length + 2);
            const data = field('data');
            if (data !== undefined) events.push({ id: field('id')!, event: field('event')!, data: JSON.parse(data) });
            waiters.splice(0).forEach((w) => w());
          }
        }
      } catch {
        /* closed */
      }
    })();
  }
  return {
    status: res.status,
    events,
    async until(pred, ms = 10_000) {
      const deadline = Date.now() + ms;
      for (;;) {
        const hit = events.find(pred);
        if (hit) return hit as never;
        if (Date.now() > deadline) throw new Error(`no matching event within ${ms} ms; got ${JSON.stringify(events)}`);
        await new Promise<void>((r) => {
          waiters.push(r);
          setTimeout(r, 200);
        });
      }
    },
    close: () => abort.abort(),
  };
}

describe('GET /v1/feed/usage', () => {
  it('the developer receives its own call, with the quota it counts against; another developer does not', async () => {
    const devId = randomUUID();
    const dev = who('DEVELOPER', devId, 'JL');
    const other = who('DEVELOPER', randomUUID(), 'JL');
    const e = await entitle(stack, product, world.operatorId, devId, { quotaUnits: '10' });
    const key = ok(await stack.gql(`mutation($i: CreateApiCredentialInput!) { createApiCredential(input: $i) { apiKey } }`, { i: { usageAgreementId: e.usageAgreementId } }, { as: dev })).createApiCredential.apiKey;
    const mine = await openFeed('/v1/feed/usage', dev);
    const theirs = await openFeed('/v1/feed/usage', other);
    try {
      expect(mine.status).toBe(200);
      const r = await fetch(`${origin()}/v1/products/${product.code}/invoke`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': key, 'idempotency-key': 'feed-1' }, body: JSON.stringify({ id_no: person.idNo, kind: person.kind }) });
      expect(r.status).toBe(200);
      const callId = r.headers.get('x-call-id');
      const got = await mine.until((x) => x.event === 'usage' && x.data.usageAgreementId === e.usageAgreementId);
      expect(got.data).toMatchObject({ outcome: 'OK', metered: true, usedUnits: '1', quotaUnits: '10', remainingUnits: '9' });
      if (callId) expect(got.id).toBe(callId);
      // Nothing of it reaches another developer's stream (its own calls would).
      await new Promise((res) => setTimeout(res, 600));
      expect(theirs.events).toEqual([]);

      // A client that reconnects with Last-Event-ID gets what it missed, and not what it had.
      const r2 = await fetch(`${origin()}/v1/products/${product.code}/invoke`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': key, 'idempotency-key': 'feed-2' }, body: JSON.stringify({ id_no: person.idNo, kind: person.kind }) });
      expect(r2.status).toBe(200);
      const resumed = await openFeed('/v1/feed/usage', dev, { 'last-event-id': got.id });
      try {
        const second = await resumed.until((x) => x.data.usedUnits === '2');
        expect(second.id).not.toBe(got.id);
        expect(resumed.events.map((x) => x.id)).not.toContain(got.id);
      } finally {
        resumed.close();
      }
    } finally {
      mine.close();
      theirs.close();
    }
  });

  it('refuses the anonymous caller and every role but a developer', async () => {
    const anon = await openFeed('/v1/feed/usage');
    expect(anon.status).toBe(401);
    const op = await openFeed('/v1/feed/usage', who('OPERATOR', world.operatorId, 'JL'));
    expect(op.status).toBe(403);
    const bad = await fetch(`${origin()}/v1/feed/usage`, { headers: { authorization: 'Bearer not-a-token' } });
    expect(bad.status).toBe(401);
  });
});

describe('GET /v1/feed/disclosures', () => {
  it('anyone receives a new disclosure as it is published; a listener of another jurisdiction does not', async () => {
    const anyone = await openFeed('/v1/feed/disclosures');
    const jl = await openFeed('/v1/feed/disclosures?jurisdiction=JL');
    const hn = await openFeed('/v1/feed/disclosures?jurisdiction=HN');
    try {
      expect(anyone.status).toBe(200);
      const productId = randomUUID();
      await publishAs(stack, 'products', 'ProductListed', {
        productId, productCode: 'JL-FEED-NEW', version: 1, jurisdiction: 'JL', operatorId: world.operatorId, agreementId: world.agreementId, scenarioId: world.scenarioId,
        nameZh: '实时披露测试产品', form: 'VERIFICATION', category: 'PAID', resources: [], listedAt: new Date().toISOString(),
      }, 'JL');
      const seen = await anyone.until((x) => x.event === 'disclosure' && x.data.subjectId === productId);
      expect(seen.data).toMatchObject({ kind: 'PRODUCT_LISTED', jurisdiction: 'JL', rule: 'NS Art 19; HN Art 17' });
      await jl.until((x) => x.data.subjectId === productId);
      await new Promise((res) => setTimeout(res, 600));
      expect(hn.events.filter((x) => x.data.subjectId === productId)).toEqual([]);
    } finally {
      anyone.close();
      jl.close();
      hn.close();
    }
    expect((await fetch(`${origin()}/v1/feed/disclosures?jurisdiction=x;drop`)).status).toBe(400);
  });
});
