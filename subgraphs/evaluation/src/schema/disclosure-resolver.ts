import { Arg, Args, Ctx, ID, ObjectType, Query, Resolver } from 'type-graphql';
import { Connection, LocalDateScalar, PageArgs, badInput, pageRows, pageWindow, toConnection, type RequestContext } from '@pdo/platform';
import { Disclosure, DisclosureKind, PublicProductUsage } from './types.js';
import type { Loaders } from '../loaders/index.js';

@ObjectType()
export class DisclosureConnection extends Connection(Disclosure) {}

@ObjectType()
export class PublicProductUsageConnection extends Connection(PublicProductUsage) {}

interface DisclosureRow {
  id: string;
  jurisdiction: string;
  name: string;
  kind: string;
  subject_id: string | null;
  rule: string | null;
  facts: { key: string; value: string }[];
  published_at: Date;
  created_at: Date;
}
const fromRow = (r: DisclosureRow): Disclosure => ({
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
export const fromEntity = fromRow;

/** Public by rule (NS Arts 18–19): no token needed, nothing here but what a disclosure row holds. */
@Resolver(() => Disclosure)
export class DisclosureResolver {
  @Query(() => Disclosure, { nullable: true, description: '公开披露（无需登录）| A disclosure (anonymous)' })
  async disclosure(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext<Loaders>) {
    const e = await ctx.loaders.byId.load(id);
    return e ? fromEntity(e) : null;
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
    const win = pageWindow(page);
    // The page walks the feed index and stops after `first` rows; the total is counted apart (an
    // index-only count). One statement with count(*) over () read and sorted every matching
    // disclosure — the whole feed — on each call of the marketplace's front page.
    const { rows, totalCount } = await pageRows<DisclosureRow>(
      ctx.em,
      {
        select: `id, jurisdiction, name, kind, subject_id, rule, facts, published_at, created_at`,
        from: `disclosure where ($1::text is null or jurisdiction = $1) and ($2::text[] is null or kind = any($2)) and ($3::uuid is null or subject_id = $3)
          and ($4::date is null or published_at >= ($4::date)::timestamp at time zone 'Asia/Shanghai')
          and ($5::date is null or published_at < ($5::date + 1)::timestamp at time zone 'Asia/Shanghai')`,
        orderBy: `published_at desc, id`,
        params: [jurisdiction, kinds, subjectId, from, to],
      },
      win,
    );
    return toConnection(rows.map(fromRow), totalCount, win);
  }

  @Query(() => PublicProductUsageConnection, { description: '产品用量统计（公开，NS Art 19）| Usage statistics per listed product (anonymous)' })
  async publicProductUsage(
    @Arg('jurisdiction', () => String) jurisdiction: string,
    @Arg('from', () => LocalDateScalar) from: string,
    @Arg('to', () => LocalDateScalar) to: string,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: RequestContext<Loaders>,
  ) {
    if (from > to) throw badInput('起始日不能晚于结束日', '`from` must not be after `to`', { field: 'from' });
    const win = pageWindow(page);
    const { rows, totalCount } = await pageRows<{ product_id: string; product_code: string; name_zh: string; category: string; units: string; developers: number }>(
      ctx.em,
      {
        select: `p.id as product_id, p.product_code, p.name_zh, p.category,
              coalesce(sum(u.units), 0)::text as units, count(distinct u.developer_id)::int as developers`,
        from: `product_projection p
         left join usage_projection u on u.product_id = p.id
               and u.occurred_at >= ($2::date)::timestamp at time zone 'Asia/Shanghai' and u.occurred_at < ($3::date + 1)::timestamp at time zone 'Asia/Shanghai'
        where p.jurisdiction = $1 and p.listed_at is not null
        group by p.id`,
        orderBy: `p.product_code`,
        params: [jurisdiction, from, to],
      },
      win,
    );
    return toConnection(
      rows.map((r) => ({ productId: r.product_id, productCode: r.product_code, name: r.name_zh, category: r.category, usageUnits: r.units, developers: r.developers })),
      totalCount,
      win,
    );
  }
}
