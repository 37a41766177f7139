import { sql } from 'kysely';
import { newId, pageOf, type Em } from '@pdo/platform';
import { db, type DisclosureFactRow } from './tables.js';

/** What the rules make public (NS Arts 18–19, HN Art 17, PN §5, QHD). Nothing else goes in the feed. */
export const DISCLOSURE_KINDS = [
  'AUTHORIZATION', // authorized party, scope and term (NS Art 18)
  'AUTHORIZATION_ENDED', // terminations and expiries
  'SELECTION_PUBLICITY', // a selection result under publicity, its period and objection channel (TZ Art 15; QHD)
  'PRODUCT_LISTED', // product list (NS Art 19; HN Art 17)
  'PRODUCT_DELISTED',
  'PRICE', // prices and price caps (PN §5; QHD)
  'EVALUATION_RESULT', // operator annual evaluation results
  'RECTIFICATION_CLOSED', // closed rectifications
  'INCIDENT_SUMMARY', // security incidents, summary only
  'ANNUAL_DISCLOSURE', // annual disclosure by 31 March (accepted annual report, public figures only)
  'AUDIT_CHECKPOINT', // signed checkpoints of each subgraph's audit chain (SECURITY.md), so anyone can hold a copy
] as const;
export type DisclosureKind = (typeof DISCLOSURE_KINDS)[number];
export type DisclosureFact = DisclosureFactRow;

export interface NewDisclosure {
  dedupeKey: string;
  jurisdiction: string;
  kind: DisclosureKind;
  title: string;
  subjectId: string | null;
  rule: string;
  facts: DisclosureFact[];
  publishedAt: Date;
}

/**
 * Publishes one disclosure. Keyed by the fact it discloses, so a redelivered or replayed event
 * leaves exactly one row; only the explicit `facts` are ever public. The same statement counts it in
 * disclosure_count (only when it was inserted): the feed is append-only, so the counts only grow.
 */
export async function disclose(em: Em, d: NewDisclosure): Promise<void> {
  await db(em)
    .with('added', (k) =>
      k
        .insertInto('disclosure')
        .values({
          id: newId(),
          jurisdiction: d.jurisdiction,
          name: d.title,
          kind: d.kind,
          subject_id: d.subjectId,
          rule: d.rule,
          facts: JSON.stringify(d.facts) as never,
          published_at: d.publishedAt.toISOString(),
          created_at: sql<string>`now()`,
          dedupe_key: d.dedupeKey,
        })
        .onConflict((oc) => oc.column('dedupe_key').doNothing())
        .returning(['jurisdiction', 'kind']),
    )
    .insertInto('disclosure_count')
    .columns(['jurisdiction', 'kind', 'n'])
    .expression((eb) => eb.selectFrom('added').select(['added.jurisdiction', 'added.kind', sql<string>`1`.as('n')]))
    .onConflict((oc) => oc.columns(['jurisdiction', 'kind']).doUpdateSet({ n: sql<string>`disclosure_count.n + excluded.n` }))
    .execute();
}

export const fact = (key: string, value: string | number | null | undefined): DisclosureFact => ({ key, value: value == null ? '' : String(value) });

const FEED_COLUMNS = ['id', 'jurisdiction', 'name', 'kind', 'subject_id', 'rule', 'facts', 'published_at', 'created_at'] as const;

/** Disclosures by id, for the loader. */
export function disclosuresById(em: Em, ids: readonly string[]) {
  return db(em).selectFrom('disclosure').select(FEED_COLUMNS).where('id', 'in', ids).execute();
}
export type DisclosureRow = Awaited<ReturnType<typeof disclosuresById>>[number];

export interface FeedFilter {
  jurisdiction: string | null;
  kinds: string[] | null;
  subjectId: string | null;
  /** Days in Asia/Shanghai, inclusive. */
  from: string | null;
  to: string | null;
}

/**
 * A page of the public feed, newest first. The page walks the feed index and stops after `first` rows; the total is
 * counted apart only when the page cannot tell it: from disclosure_count when the filter is by jurisdiction and kind
 * alone (the marketplace's announcements: a row or two instead of the jurisdiction's whole feed), else an index-only
 * count of the rows.
 */
export function disclosureFeedPage(em: Em, f: FeedFilter, window: { limit: number; offset: number }) {
  const k = db(em);
  let q = k.selectFrom('disclosure').select(FEED_COLUMNS);
  if (f.jurisdiction != null) q = q.where('jurisdiction', '=', f.jurisdiction);
  if (f.kinds != null) q = q.where('kind', '=', sql<string>`any(${f.kinds}::text[])`);
  if (f.subjectId != null) q = q.where('subject_id', '=', f.subjectId);
  if (f.from != null) q = q.where('published_at', '>=', sql<string>`(${f.from}::date)::timestamp at time zone 'Asia/Shanghai'`);
  if (f.to != null) q = q.where('published_at', '<', sql<string>`(${f.to}::date + 1)::timestamp at time zone 'Asia/Shanghai'`);
  const counted = f.subjectId == null && f.from == null && f.to == null;
  return pageOf(k, q.orderBy('published_at', 'desc').orderBy('id'), window, counted ? () => disclosureCount(em, f.jurisdiction, f.kinds) : undefined);
}

/** Disclosures of a jurisdiction (or all) of these kinds (or any), from disclosure_count. */
export async function disclosureCount(em: Em, jurisdiction: string | null, kinds: readonly string[] | null): Promise<number> {
  let q = db(em).selectFrom('disclosure_count').select(sql<string>`coalesce(sum(n), 0)`.as('n'));
  if (jurisdiction != null) q = q.where('jurisdiction', '=', jurisdiction);
  if (kinds != null) q = q.where('kind', '=', sql<string>`any(${[...kinds]}::text[])`);
  return Number((await q.executeTakeFirst())?.n ?? 0);
}

/** Usage per listed product of a jurisdiction in a period (public, NS Art 19): one grouped page. */
export function publicProductUsagePage(em: Em, jurisdiction: string, from: string, to: string, window: { limit: number; offset: number }) {
  const k = db(em);
  // Table names, not aliases: pageOf takes a query over the subgraph's tables as declared.
  const q = k
    .selectFrom('product_projection')
    .leftJoin('usage_projection', (j) =>
      j
        .onRef('usage_projection.product_id', '=', 'product_projection.id')
        .on('usage_projection.occurred_at', '>=', sql<string>`(${from}::date)::timestamp at time zone 'Asia/Shanghai'`)
        .on('usage_projection.occurred_at', '<', sql<string>`(${to}::date + 1)::timestamp at time zone 'Asia/Shanghai'`),
    )
    .select([
      'product_projection.id as product_id',
      'product_projection.product_code',
      'product_projection.name_zh',
      'product_projection.category',
      sql<string>`coalesce(sum(usage_projection.units), 0)::text`.as('units'),
      sql<number>`count(distinct usage_projection.developer_id)::int`.as('developers'),
    ])
    .where('product_projection.jurisdiction', '=', jurisdiction)
    .where('product_projection.listed_at', 'is not', null)
    .groupBy('product_projection.id')
    .orderBy('product_projection.product_code');
  // The left join makes the usage columns nullable in the query's own table types: its count runs on the same Kysely.
  return pageOf(k as never, q, window);
}
