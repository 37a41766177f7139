import { Arg, Args, Ctx, ID, ObjectType, Query, Resolver } from 'type-graphql';
import { Connection, LocalDateScalar, PageArgs, connectionOf, type RequestContext } from '@pdo/platform';
import * as disclosures from '../services/disclosures.js';
import type { DisclosureRow } from '../services/disclosures.js';
import { Disclosure, DisclosureKind, PublicProductUsage } from './types.js';
import type { Loaders } from '../loaders/index.js';

@ObjectType()
export class DisclosureConnection extends Connection(Disclosure) {}

@ObjectType()
export class PublicProductUsageConnection extends Connection(PublicProductUsage) {}

export const toDisclosure = (r: DisclosureRow): Disclosure => ({
  id: r.id,
  jurisdiction: r.jurisdiction,
  name: r.name,
  kind: r.kind,
  subjectId: r.subject_id,
  rule: r.rule,
  facts: r.facts,
  publishedAt: r.published_at,
  createdAt: r.created_at,
});

/** Public by rule (NS Arts 18–19): no token needed, nothing here but what a disclosure row holds. */
@Resolver(() => Disclosure)
export class DisclosureResolver {
  @Query(() => Disclosure, { nullable: true, description: '公开披露（无需登录）| A disclosure (anonymous)' })
  async disclosure(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext<Loaders>) {
    const r = await disclosures.disclosure(ctx, { id });
    return r ? toDisclosure(r) : null;
  }

  @Query(() => DisclosureConnection, { description: '公开披露信息流，按时间倒序（无需登录）| The public disclosure feed, newest first (anonymous)' })
  async disclosures(
    @Args(() => PageArgs) page: PageArgs,
    @Arg('jurisdiction', () => String, { nullable: true }) jurisdiction: string | null,
    @Arg('kinds', () => [DisclosureKind], { nullable: true }) kinds: string[] | null,
    @Arg('subjectId', () => ID, { nullable: true }) subjectId: string | null,
    @Arg('from', () => LocalDateScalar, { nullable: true, description: '起（含）| From (inclusive)' }) from: string | null,
    @Arg('to', () => LocalDateScalar, { nullable: true, description: '止（含）| To (inclusive)' }) to: string | null,
    @Ctx() ctx: RequestContext<Loaders>,
  ) {
    return connectionOf(page, (window) => disclosures.disclosures(ctx, { jurisdiction, kinds, subjectId, from, to, window }), toDisclosure);
  }

  @Query(() => PublicProductUsageConnection, { description: '产品用量统计（公开，NS Art 19）| Usage statistics per listed product (anonymous)' })
  async publicProductUsage(
    @Arg('jurisdiction', () => String) jurisdiction: string,
    @Arg('from', () => LocalDateScalar) from: string,
    @Arg('to', () => LocalDateScalar) to: string,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: RequestContext<Loaders>,
  ) {
    return connectionOf(
      page,
      (window) => disclosures.publicProductUsage(ctx, { jurisdiction, from, to, window }),
      (r) => ({ productId: r.product_id, productCode: r.product_code, name: r.name_zh, category: r.category, usageUnits: r.units, developers: r.developers }),
    );
  }
}
