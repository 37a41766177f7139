import { badInput } from '../domain/refusal.js';
import { disclosureFeedPage, publicProductUsagePage, type FeedFilter } from '../data/disclosures.js';
import { useCase, type Ctx } from './refusals.js';

export type { DisclosureRow } from '../data/disclosures.js';

type Window = { limit: number; offset: number };

/* Public by rule (NS Arts 18–19): no token needed, nothing here but what a disclosure row and the usage projection hold. */

export function disclosure(ctx: Ctx, input: { id: string }) {
  return ctx.loaders.disclosureById.load(input.id);
}

export const disclosures = useCase(async (ctx, input: FeedFilter & { window: Window }) => disclosureFeedPage(ctx.em, input, input.window));

export const publicProductUsage = useCase(async (ctx, input: { jurisdiction: string; from: string; to: string; window: Window }) => {
  if (input.from > input.to) throw badInput('起始日不能晚于结束日', '`from` must not be after `to`', { field: 'from' });
  return publicProductUsagePage(ctx.em, input.jurisdiction, input.from, input.to, input.window);
});
