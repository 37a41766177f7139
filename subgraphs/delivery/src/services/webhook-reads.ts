/** The read side of webhooks for schema/: only the caller's own endpoints and their deliveries. */
import { requireRole, type RequestContext } from '@pdo/platform';
import { deliveryPage, endpointPage } from '../data/webhooks.js';

export type { EndpointRow, WebhookDeliveryRow, WebhookAttemptRow } from '../data/webhooks.js';

export function ownEndpointPage(ctx: RequestContext<any>, win: { limit: number; offset: number }) {
  requireRole(ctx.identity, 'DEVELOPER');
  if (!ctx.identity.org) return Promise.resolve({ rows: [], totalCount: 0 });
  return endpointPage(ctx.em, ctx.identity.org, win);
}

/** The delivery log of an endpoint the caller was shown to own (readOwnEndpoint). */
export function ownDeliveryPage(ctx: RequestContext<any>, endpointId: string, win: { limit: number; offset: number }) {
  return deliveryPage(ctx.em, endpointId, win);
}
