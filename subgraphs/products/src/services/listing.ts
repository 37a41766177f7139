import { inTransaction, profileFor, requireJurisdiction, type RequestContext } from '@pdo/platform';
import { checkDesignatedExchange, todayInShanghai } from '@pdo/policy';
import type { ProductsEvents } from '@pdo/events';
import { holdsOf } from '../data/holds.js';
import { markDelisted, markListed } from '../data/products.js';
import { productFacts } from '../data/product-facts.js';
import { refuseOpenApplications } from '../data/usage-applications.js';
import { latestApproved, markDelivered } from '../data/versions.js';
import { listingRefusal } from '../domain/product-rules.js';
import { badInput, conflict, policyViolation } from '../domain/refusal.js';
import { requireProductOwner } from '../access.js';
import type { Loaders } from '../loaders/index.js';
import { agreementInForce, lockedProduct } from './context.js';
import { check } from './refusal.js';
import { indexProduct } from './search-index.js';

type Ctx = RequestContext<Loaders>;

/**
 * 挂牌: the latest approved version goes on the public market and counts as delivered from now on. Where the profile
 * designates an exchange or zone (QHD §三(一)2; ZJC §三(五)4), the listing names its reference there (the venue defaults
 * to the designated one).
 */
export async function listProduct(ctx: Ctx, input: { productId: string; exchangeVenue?: string | null; exchangeListingRef?: string | null }): Promise<void> {
  const today = todayInShanghai(ctx.now);
  const ref = input.exchangeListingRef?.trim() || null;
  if (ref && ref.length > 200) check(badInput('挂牌编号过长', 'Listing reference too long', { field: 'exchangeListingRef' }));
  await inTransaction(ctx, async ({ tx, audit, publish }) => {
    const p = await lockedProduct(tx, input.productId);
    requireProductOwner(ctx.identity, p);
    check(listingRefusal(p.listingStatus, await holdsOf(tx, p.id)));
    await agreementInForce(tx, p.agreementId, today);
    const approved = await latestApproved(tx, p.id);
    if (!approved) check(policyViolation('HN Art 15', '产品未通过合规审核，不能挂牌', 'Only a version that passed compliance review can be listed', { details: { latestVersion: p.latestVersion } }));
    const profile = await profileFor(tx, p.jurisdiction);
    const designated = profile.designatedExchange;
    const venue = input.exchangeVenue?.trim() || (designated.value.required || ref ? designated.value.venue : null);
    if (ref && !venue) check(badInput('请填写交易场所', 'Name the exchange the listing reference belongs to', { field: 'exchangeVenue' }));
    if (venue && venue.length > 200) check(badInput('交易场所名称过长', 'Exchange name too long', { field: 'exchangeVenue' }));
    const exchange = checkDesignatedExchange(profile, venue, ref);
    if (!exchange.ok) check(policyViolation(exchange.source, exchange.messageZh, exchange.messageEn, { field: 'exchangeListingRef', details: { venue: designated.value.venue } }));
    const at = ctx.now.toISOString();
    await markListed(tx, p.id, approved!.version, at, { venue, ref });
    await markDelivered(tx, p.id, approved!.version, at);
    await indexProduct(tx, p.id);
    audit({ entityType: 'DataProduct', entityId: p.id, action: 'LISTED', changes: { version: approved!.version, exchangeVenue: venue, exchangeListingRef: ref } });
    const facts = (await productFacts(tx, [p.id])).get(p.id)!;
    await publish('ProductListed', { ...facts, listedAt: at } satisfies ProductsEvents.ProductListed, p.jurisdiction);
  });
}

/** 摘牌 by the operator or the implementing agency (AGENCY) of the jurisdiction; existing entitlements run to their term. */
export async function delistProduct(ctx: Ctx, input: { productId: string; reason: string }): Promise<void> {
  check(input.reason.trim() ? null : badInput('须说明摘牌原因', 'Give the reason for delisting', { field: 'reason' }));
  await inTransaction(ctx, async ({ tx, audit, publish }) => {
    const p = await lockedProduct(tx, input.productId);
    if (ctx.identity.role === 'OPERATOR') requireProductOwner(ctx.identity, p);
    else requireJurisdiction(ctx.identity, p.jurisdiction);
    if (p.listingStatus !== 'LISTED' && p.listingStatus !== 'SUSPENDED') {
      check(conflict(`产品挂牌状态为 ${p.listingStatus}，不能摘牌`, `Listing status is ${p.listingStatus}; nothing to delist`));
    }
    const reason = input.reason.trim();
    await markDelisted(tx, p.id, reason);
    await refuseOpenApplications(tx, p.id, '产品已摘牌 | The product was delisted');
    audit({ entityType: 'DataProduct', entityId: p.id, action: 'DELISTED', changes: { reason: input.reason } });
    await publish('ProductDelisted', { productId: p.id, jurisdiction: p.jurisdiction, operatorId: p.operatorId, reason, effectiveAt: ctx.now.toISOString() } satisfies ProductsEvents.ProductDelisted, p.jurisdiction);
  });
}
