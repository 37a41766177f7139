import { ArgsType, Directive, Field, Int, ObjectType, type ClassType } from 'type-graphql';
import { badInput } from './errors.js';
import { setting } from './config.js';

@ObjectType({ description: '分页信息 | Page information' })
@Directive('@shareable')
export class PageInfo {
  @Field(() => Boolean, { description: '是否还有下一页 | Whether another page follows' }) hasNextPage!: boolean;
  @Field(() => Boolean, { description: '是否有上一页 | Whether a page precedes this one' }) hasPreviousPage!: boolean;
  @Field(() => String, { nullable: true, description: '本页第一项的游标 | Cursor of the first item of this page' })
  startCursor!: string | null;
  @Field(() => String, { nullable: true, description: '本页最后一项的游标，作下一页的 after | Cursor of the last item; pass it as `after` for the next page' })
  endCursor!: string | null;
}

export const DEFAULT_PAGE_SIZE = 20;
/** MAX_PAGE_SIZE, validated (packages/platform/src/config.ts). */
export const maxPageSize = () => setting('MAX_PAGE_SIZE');

@ArgsType()
export class PageArgs {
  @Field(() => Int, { nullable: true, description: '每页条数（默认 20）| Page size (default 20)' })
  first?: number | null;
  @Field(() => String, { nullable: true, description: '上一页的 endCursor | endCursor of the previous page' })
  after?: string | null;
}

export interface Edge<T> {
  node: T;
  cursor: string;
}
export interface ConnectionShape<T> {
  edges: Edge<T>[];
  pageInfo: PageInfo;
  totalCount: number;
}

/**
 * A cursor connection type for `T` (Relay cursor connections; README, Conventions). Usage:
 * `@ObjectType() class DataResourceConnection extends Connection(DataResource) {}`
 */
export function Connection<T extends object>(node: ClassType<T>, options: { name?: string; shareable?: boolean } = {}) {
  const name = options.name ?? node.name;
  @ObjectType(`${name}Edge`, { description: `分页列表中的一项（${name}）及其游标 | One ${name} of a page, with its cursor` })
  @(options.shareable ? Directive('@shareable') : () => {})
  class EdgeType {
    @Field(() => node, { description: '本项内容 | The item itself' }) node!: T;
    @Field(() => String, { description: '本项游标，可作 after 参数续取 | Cursor of this item, usable as `after` to continue' })
    cursor!: string;
  }
  // Not decorated itself: each concrete `extends Connection(X)` class is the GraphQL type.
  @ObjectType()
  abstract class ConnectionType {
    @Field(() => [EdgeType], { description: '本页各项 | Items of this page' }) edges!: EdgeType[];
    @Field(() => PageInfo, { description: '分页信息 | Paging information' }) pageInfo!: PageInfo;
    @Field(() => Int, { description: '符合条件的总数 | Total matching items' }) totalCount!: number;
  }
  return ConnectionType;
}

const CURSOR_PREFIX = 'o:';

export function encodeOffsetCursor(offset: number): string {
  return Buffer.from(`${CURSOR_PREFIX}${offset}`).toString('base64url');
}

export function decodeOffsetCursor(cursor: string): number {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const n = Number(text.slice(CURSOR_PREFIX.length));
  if (!text.startsWith(CURSOR_PREFIX) || !Number.isInteger(n) || n < 0) throw badInput('分页游标无效', 'Invalid cursor', { field: 'after' });
  return n;
}

/** Validated limit/offset from `first`/`after`. */
export function pageWindow(args: { first?: number | null; after?: string | null }): { limit: number; offset: number } {
  const first = args.first ?? DEFAULT_PAGE_SIZE;
  const max = maxPageSize();
  if (!Number.isInteger(first) || first < 0 || first > max) {
    throw badInput(`每页条数须在 0 到 ${max} 之间`, `first must be between 0 and ${max}`, { field: 'first' });
  }
  const offset = args.after ? decodeOffsetCursor(args.after) + 1 : 0;
  return { limit: first, offset };
}

/** Builds a connection from one page of rows already cut to `limit` and the total count. */
export function toConnection<T>(rows: T[], totalCount: number, window: { limit: number; offset: number }): ConnectionShape<T> {
  const edges = rows.slice(0, window.limit).map((node, i) => ({ node, cursor: encodeOffsetCursor(window.offset + i) }));
  return {
    edges,
    totalCount,
    pageInfo: {
      hasNextPage: window.offset + edges.length < totalCount,
      hasPreviousPage: window.offset > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}

/**
 * The one way a list resolver answers (issue: one paging helper): validates `first`/`after`, fetches one page and its
 * total with `fetch` (`pageOf` for a Kysely query, `pageRows` for set-based SQL) and maps each row to its node.
 */
export async function connectionOf<R, N = R>(
  args: { first?: number | null; after?: string | null },
  fetch: (window: { limit: number; offset: number }) => Promise<{ rows: R[]; totalCount: number }>,
  map: (row: R) => N = (row) => row as unknown as N,
): Promise<ConnectionShape<N>> {
  const window = pageWindow(args);
  const { rows, totalCount } = await fetch(window);
  return toConnection(rows.map(map), totalCount, window);
}
