/**
 * `GET /v1/feed/usage` on delivery's port, reached through the gateway's signed channel
 * (docs/live-feeds.md): the server-sent-event stream of the caller's own data-plane usage. Only a
 * developer organization has one.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { DomainError, createSubgraphAuthenticator, refuseStream, serveEventStream, setting, type SubgraphRuntime } from '@pdo/platform';
import { usageFeed } from '../services/usage-feed.js';

export const USAGE_FEED_PATH = '/v1/feed/usage';
/** Calls are logged in short transactions: a few seconds cover a late commit. */
const USAGE_LAG_MS = 5000;

export function feedRoutes(rt: SubgraphRuntime<any>) {
  const authenticate = createSubgraphAuthenticator(rt.config, rt.nonces);
  return async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    const url = req.url ?? '/';
    if (url.split('?')[0] !== USAGE_FEED_PATH) return false;
    if (req.method !== 'GET') {
      refuseStream(res, 405, 'BAD_REQUEST', '只接受 GET 请求', 'Only GET is accepted');
      return true;
    }
    let identity;
    try {
      identity = await authenticate(req.headers, { audience: rt.definition.name, method: 'GET', path: url, body: Buffer.alloc(0) });
    } catch (e) {
      const d = e instanceof DomainError ? e : new DomainError('UNAUTHENTICATED', '请求被拒绝', 'Request refused');
      refuseStream(res, d.code === 'SERVICE_UNAVAILABLE' ? 503 : 401, d.code, d.messageZh, d.messageEn);
      return true;
    }
    if (identity.role === 'ANONYMOUS') {
      refuseStream(res, 401, 'UNAUTHENTICATED', '请先登录', 'Sign in first');
      return true;
    }
    if (identity.role !== 'DEVELOPER' || !identity.org) {
      refuseStream(res, 403, 'FORBIDDEN', '只有开发主体有用量信息流', 'Only a developer organization has a usage feed');
      return true;
    }
    const feed = usageFeed(() => rt.orm.em.fork(), identity.org);
    await serveEventStream(req, res, { poll: feed.poll, resumeAt: feed.resumeAt, pollMs: setting('FEED_POLL_MS'), lagMs: USAGE_LAG_MS });
    return true;
  };
}
