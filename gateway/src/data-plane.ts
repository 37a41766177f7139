/**
 * The data plane on the gateway's origin (docs/operating-domain/data-plane.md):
 * `POST /v1/products/{code}/invoke` is forwarded to delivery's HTTP handler over the same signed
 * channel as every GraphQL subgraph call — the body's SHA-256, method and path under the gateway's
 * HMAC with a fresh nonce — so delivery answers only what came through the gateway. The caller is
 * authenticated by its API key, which delivery checks; the gateway forwards it with the
 * Idempotency-Key and never reads either. Anything else under `/v1/` is a coded 404.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ANONYMOUS, CLOCK_HEADER, PayloadTooLargeError, REQUEST_ID_HEADER, readRawBody, sendJson } from '@pdo/platform';
import type { IdentitySigner, SubgraphTransport } from './transport.js';

const INVOKE = /^\/v1\/products\/([A-Za-z0-9][A-Za-z0-9_.-]{0,79})\/invoke$/;
/** Request headers the data plane needs from the caller; nothing else of the client's is forwarded. */
const FORWARDED = ['x-api-key', 'idempotency-key'] as const;
/** Reply headers passed back to the caller. */
const RETURNED = ['retry-after', 'idempotent-replayed', 'x-call-id'] as const;
/** A call's parameters are a small JSON object. */
export const DATA_PLANE_BODY_LIMIT = 64 * 1024;

const coded = (code: string, zh: string, en: string) => ({ errors: [{ message: `${zh} | ${en}`, extensions: { code, messageZh: zh, messageEn: en } }] });

export function createDataPlaneRoute(opts: { deliveryUrl: string | undefined; signer: IdentitySigner; transport: SubgraphTransport; allowClockOverride: boolean }) {
  const origin = opts.deliveryUrl ? new URL(opts.deliveryUrl) : null;
  return async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const path = q < 0 ? url : url.slice(0, q);
    if (!path.startsWith('/v1/')) return false;
    if (!INVOKE.test(path)) {
      sendJson(res, 404, coded('NOT_FOUND', '没有这个接口', 'No such endpoint'));
      return true;
    }
    if (req.method !== 'POST') {
      sendJson(res, 405, coded('BAD_REQUEST', '只接受 POST 请求', 'Only POST is accepted'), { allow: 'POST' });
      return true;
    }
    let body: string;
    try {
      body = (await readRawBody(req, DATA_PLANE_BODY_LIMIT)).toString('utf8');
    } catch (e) {
      if (e instanceof PayloadTooLargeError) {
        sendJson(res, 413, coded('PAYLOAD_TOO_LARGE', '请求体过大', 'Request body too large'));
        return true;
      }
      throw e;
    }
    if (!origin) {
      sendJson(res, 503, coded('SERVICE_UNAVAILABLE', '服务暂不可用（delivery），请稍后重试', 'Service temporarily unavailable (delivery), retry shortly'));
      return true;
    }
    const target = new URL(path, origin);
    const headers = () => {
      const h: Record<string, string> = opts.signer.headers(ANONYMOUS, { audience: 'delivery', method: 'POST', path, body });
      for (const name of FORWARDED) {
        const v = req.headers[name];
        if (typeof v === 'string') h[name] = v;
      }
      const rid = res.getHeader(REQUEST_ID_HEADER);
      if (typeof rid === 'string') h[REQUEST_ID_HEADER] = rid;
      const clock = opts.allowClockOverride ? req.headers[CLOCK_HEADER] : undefined;
      if (typeof clock === 'string') h[CLOCK_HEADER] = clock;
      return h;
    };
    let reply;
    try {
      reply = await opts.transport.post(target, body, headers);
    } catch {
      sendJson(res, 503, coded('SERVICE_UNAVAILABLE', '服务暂不可用（delivery），请稍后重试', 'Service temporarily unavailable (delivery), retry shortly'));
      return true;
    }
    const out: Record<string, string> = { 'content-type': reply.contentType || 'application/json; charset=utf-8', 'content-length': String(Buffer.byteLength(reply.text)) };
    for (const name of RETURNED) {
      const v = reply.headers?.[name];
      if (typeof v === 'string') out[name] = v;
    }
    res.writeHead(reply.status, out);
    res.end(reply.text);
    return true;
  };
}
