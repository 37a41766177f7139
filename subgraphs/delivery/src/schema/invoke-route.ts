/**
 * The data plane's HTTP entry on delivery's port (docs/operating-domain/data-plane.md): the REST
 * counterpart of a thin resolver — check that the request came through the gateway (its signature
 * over method, path and body, the same channel as GraphQL), parse, call the invoke service, answer.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { CLOCK_HEADER, DomainError, PayloadTooLargeError, createSubgraphAuthenticator, readRawBody, sendJson, type SubgraphRuntime } from '@pdo/platform';
import { KEY_HEADER } from '../domain/api-key.js';
import { invoke, type DataPlane } from '../services/invoke-service.js';
import { createKeyRateLimiter } from '../services/rate-limit.js';
import { meteringOf } from '../services/metering.js';
import { callStatementsOf } from '../services/call-recorder.js';

const INVOKE = /^\/v1\/products\/([A-Za-z0-9][A-Za-z0-9_.-]{0,79})\/invoke$/;
const BODY_LIMIT = 64 * 1024;

const error = (code: string, zh: string, en: string) => ({ errors: [{ message: `${zh} | ${en}`, extensions: { code, messageZh: zh, messageEn: en } }] });

export function dataPlaneRoutes(rt: SubgraphRuntime<any>) {
  const authenticate = createSubgraphAuthenticator(rt.config, rt.nonces);
  const plane: DataPlane = { orm: rt.orm, events: rt.events, limiter: createKeyRateLimiter(), meter: meteringOf(rt), ...callStatementsOf(rt) };
  return async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    const url = req.url ?? '/';
    if (!url.startsWith('/v1/')) return false;
    const m = INVOKE.exec(url);
    if (!m) {
      sendJson(res, 404, error('NOT_FOUND', '没有这个接口', 'No such endpoint'));
      return true;
    }
    if (req.method !== 'POST') {
      sendJson(res, 405, error('BAD_REQUEST', '只接受 POST 请求', 'Only POST is accepted'), { allow: 'POST' });
      return true;
    }
    let raw: Buffer;
    try {
      raw = await readRawBody(req, BODY_LIMIT);
    } catch (e) {
      if (e instanceof PayloadTooLargeError) {
        sendJson(res, 413, error('PAYLOAD_TOO_LARGE', '请求体过大', 'Request body too large'));
        return true;
      }
      throw e;
    }
    try {
      await authenticate(req.headers, { audience: 'delivery', method: 'POST', path: url, body: raw });
    } catch (e) {
      const d = e instanceof DomainError ? e : new DomainError('UNAUTHENTICATED', '请求被拒绝', 'Request refused');
      sendJson(res, d.code === 'SERVICE_UNAVAILABLE' ? 503 : 401, { errors: [d.toGraphQLError().toJSON()] });
      return true;
    }
    let body: unknown;
    try {
      body = raw.length ? JSON.parse(raw.toString('utf8')) : {};
    } catch {
      sendJson(res, 400, error('BAD_USER_INPUT', '请求体不是合法的 JSON', 'The body is not valid JSON'));
      return true;
    }
    const clock = rt.config.allowClockOverride ? (req.headers[CLOCK_HEADER] as string | undefined) : undefined;
    const now = clock && !Number.isNaN(new Date(clock).getTime()) ? new Date(clock) : new Date();
    const answer = await invoke(plane, { productCode: m[1]!, apiKey: req.headers[KEY_HEADER], idempotencyKey: req.headers['idempotency-key'], body, now });
    sendJson(res, answer.status, answer.body, answer.headers);
    return true;
  };
}
