/**
 * `GET /v1/feed/disclosures` on evaluation's port, reached through the gateway's signed channel
 * (docs/live-feeds.md): the public disclosure feed as server-sent events. Public by rule (NS Arts
 * 18–19): no token needed; the signature only proves the request came through the gateway.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { DomainError, createSubgraphAuthenticator, refuseStream, serveEventStream, setting, type SubgraphRuntime } from '@pdo/platform';
import { disclosureStream, streamJurisdiction } from '../services/disclosure-stream.js';

export const DISCLOSURE_FEED_PATH = '/v1/feed/disclosures';

export function disclosureFeedRoutes(rt: SubgraphRuntime<any>) {
  const authenticate = createSubgraphAuthenticator(rt.config, rt.nonces);
  return async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    const url = new URL(req.url ?? '/', 'http://subgraph');
    if (url.pathname !== DISCLOSURE_FEED_PATH) return false;
    if (req.method !== 'GET') {
      refuseStream(res, 405, 'BAD_REQUEST', '只接受 GET 请求', 'Only GET is accepted');
      return true;
    }
    try {
      await authenticate(req.headers, { audience: rt.definition.name, method: 'GET', path: req.url ?? '/', body: Buffer.alloc(0) });
    } catch (e) {
      const d = e instanceof DomainError ? e : new DomainError('UNAUTHENTICATED', '请求被拒绝', 'Request refused');
      refuseStream(res, d.code === 'SERVICE_UNAVAILABLE' ? 503 : 401, d.code, d.messageZh, d.messageEn);
      return true;
    }
    const filter = streamJurisdiction(url.searchParams);
    if ('refused' in filter) {
      refuseStream(res, 400, 'BAD_USER_INPUT', '辖区代码无效', 'Invalid jurisdiction code');
      return true;
    }
    const stream = disclosureStream(() => rt.orm.em.fork(), filter.jurisdiction);
    await serveEventStream(req, res, { poll: stream.poll, resumeAt: stream.resumeAt, pollMs: setting('FEED_POLL_MS'), lagMs: 30_000 });
    return true;
  };
}
