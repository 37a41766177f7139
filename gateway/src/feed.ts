/**
 * The live feeds on the gateway's origin (docs/live-feeds.md): server-sent events, because the
 * Apollo gateway runs no subscriptions and SSE is plain HTTP that any router, proxy or CDN in the
 * path passes through. The gateway verifies the bearer token as for GraphQL, then streams the
 * subgraph that holds the facts, over the same signed channel (identity + HMAC over method, path
 * and an empty body, fresh nonce):
 * - `GET /v1/feed/usage` — delivery: the caller's own data-plane usage (a developer's token);
 * - `GET /v1/feed/disclosures[?jurisdiction=JL]` — evaluation: the public disclosure feed (no token).
 */
import http from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ANONYMOUS, DomainError, REQUEST_ID_HEADER, type Identity } from '@pdo/platform';
import type { IdentitySigner } from './transport.js';

const FEEDS: Record<string, 'delivery' | 'evaluation'> = {
  '/v1/feed/usage': 'delivery',
  '/v1/feed/disclosures': 'evaluation',
};

const refuse = (res: ServerResponse, status: number, code: string, zh: string, en: string) => {
  const body = JSON.stringify({ errors: [{ message: `${zh} | ${en}`, extensions: { code, messageZh: zh, messageEn: en } }] });
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': String(Buffer.byteLength(body)) });
  res.end(body);
};

export function createFeedRoute(opts: { urls: Partial<Record<'delivery' | 'evaluation', string>>; signer: IdentitySigner; verify: (req: IncomingMessage) => Promise<Identity> }) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    const raw = req.url ?? '/';
    const q = raw.indexOf('?');
    const path = q < 0 ? raw : raw.slice(0, q);
    const subgraph = FEEDS[path];
    if (!subgraph) return false;
    if (req.method !== 'GET') {
      refuse(res, 405, 'BAD_REQUEST', '只接受 GET 请求', 'Only GET is accepted');
      return true;
    }
    let identity: Identity = ANONYMOUS;
    try {
      identity = await opts.verify(req);
    } catch (e) {
      const d = e instanceof DomainError ? e : new DomainError('UNAUTHENTICATED', '令牌无效', 'Invalid token');
      refuse(res, 401, d.code, d.messageZh, d.messageEn);
      return true;
    }
    const base = opts.urls[subgraph];
    if (!base) {
      refuse(res, 503, 'SERVICE_UNAVAILABLE', `服务暂不可用（${subgraph}），请稍后重试`, `Service temporarily unavailable (${subgraph}), retry shortly`);
      return true;
    }
    // Only the query string travels with the path; the client's other headers stay here.
    const target = new URL(raw, new URL(base).origin);
    const headers: Record<string, string> = { ...opts.signer.headers(identity, { audience: subgraph, method: 'GET', path: raw, body: '' }), accept: 'text/event-stream' };
    const rid = res.getHeader(REQUEST_ID_HEADER);
    if (typeof rid === 'string') headers[REQUEST_ID_HEADER] = rid;
    const last = req.headers['last-event-id'];
    if (typeof last === 'string' && last.length <= 100) headers['last-event-id'] = last;
    await new Promise<void>((resolve) => {
      const upstream = http.request(target, { method: 'GET', headers, agent: false }, (reply) => {
        res.writeHead(reply.statusCode ?? 502, {
          'content-type': reply.headers['content-type'] ?? 'text/event-stream; charset=utf-8',
          'cache-control': 'no-store',
          'x-accel-buffering': 'no',
        });
        res.flushHeaders();
        reply.pipe(res);
        reply.on('end', resolve);
        reply.on('error', () => resolve());
      });
      upstream.on('error', () => {
        if (!res.headersSent) refuse(res, 503, 'SERVICE_UNAVAILABLE', `服务暂不可用（${subgraph}），请稍后重试`, `Service temporarily unavailable (${subgraph}), retry shortly`);
        else res.end();
        resolve();
      });
      // The client went away: stop the subgraph's stream too.
      res.on('close', () => {
        upstream.destroy();
        resolve();
      });
      upstream.end();
    });
    return true;
  };
}
