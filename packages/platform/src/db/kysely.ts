import { p } from '@mikro-orm/core';
import { sql, type Kysely, type RawBuilder, type KyselyPlugin, type PluginTransformQueryArgs, type PluginTransformResultArgs, type QueryResult, type RootOperationNode, type SelectQueryBuilder, type UnknownRow } from 'kysely';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { InferKyselyDB } from '@mikro-orm/sql';
import { countStatement } from './orm.js';

/**
 * Typed data access (docs/architecture.md, "Typed data access"). A subgraph lists its tables as MikroORM entities
 * (`defineEntity`, scalar properties only) in `src/data/tables.ts` and derives its database type from them:
 *
 *   export const tables = [CostSurveyTable, PriceCapTable] as const;
 *   export type DB = DatabaseOf<typeof tables>;
 *   export const db = (em: Em) => typedDb<DB>(em);
 *
 * Queries are then written with Kysely on `db(ctx.em)`: a renamed column or a wrong type fails `tsc`.
 *
 * What the driver returns (MikroORM's pg type parsers): `date`, `timestamp[tz]` and `interval` as the server's text,
 * `bigint` as a decimal string, `numeric` as a string, `jsonb` parsed. The entities declare what the driver returns, so
 * the inferred types are the runtime types: a `date` column is `p.string()` with `columnType: 'date'`, a `timestamptz`
 * column `p.string()` with `columnType: 'timestamptz'`, a `bigint` column `p.string()` with `columnType: 'bigint'`,
 * a `jsonb` column `p.json<T>()`. The row mapper of `data/` turns them into domain values (BigInt, Date).
 */
export type DatabaseOf<Tables extends readonly { name: string }[]> = InferKyselyDB<Tables[number]>;

/**
 * Kysely runs its statements on the driver directly, past MikroORM's logger: this plugin counts each one, so the
 * statements-per-request figure (tests, bench, /metrics) includes them. It counts results, not transformations: a
 * subquery built on the same instance is transformed too, but only the executed statement returns a result.
 */
class StatementCounting implements KyselyPlugin {
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return args.node;
  }
  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    countStatement();
    return args.result;
  }
}
const counting = new StatementCounting();

/** The Kysely instance of this entity manager, inside its transaction when it has one, typed by the subgraph's tables. */
export const typedDb = <DB>(em: EntityManager): Kysely<DB> => (em.getKysely<DB>() as unknown as Kysely<DB>).withPlugin(counting);

/**
 * One page of a Kysely list (`query`, built on `db`) and its total count, for a cursor connection (`connectionOf` in connection.ts).
 * `keptCount`, when given, answers the total instead of counting the query's rows (a counter kept by the writers).
 * The same rule as `pageRows` (db/page.ts): the count runs only when the page cannot tell the total itself (a full
 * page, `first: 0`, or an empty page past the start), so a list costs one statement or two whatever its page size.
 * `query` carries the WHERE and a stable ORDER BY (ending with a unique key); its GROUP BY, if any, is kept for the
 * count, which counts the rows of the query with the select list replaced and the order removed.
 */
export async function pageOf<DB, TB extends keyof DB, O>(
  db: Kysely<DB>,
  query: SelectQueryBuilder<DB, TB, O>,
  window: { limit: number; offset: number },
  /** The total from a count kept elsewhere (a counter table), when the caller has one for this filter. */
  keptCount?: () => Promise<number>,
): Promise<{ rows: O[]; totalCount: number }> {
  const { limit, offset } = window;
  const rows = limit > 0 ? await query.limit(limit).offset(offset).execute() : [];
  if (rows.length < limit && (rows.length > 0 || offset === 0)) return { rows, totalCount: offset + rows.length };
  if (keptCount) return { rows, totalCount: await keptCount() };
  const counted = query.clearSelect().clearOrderBy().clearLimit().clearOffset().select(sql<number>`1`.as('one'));
  const { rows: count } = await sql<{ n: string }>`select count(*) as n from (${counted}) t`.execute(db);
  return { rows, totalCount: Number(count[0]?.n ?? 0) };
}

/*
 * Column declarations for `defineEntity`, as the driver returns the values (see DatabaseOf above): one place, so every
 * subgraph's entities agree with each other and with the tables test (test/tables).
 */
export const dateColumn = () => p.string().columnType('date');
export const instantColumn = () => p.string().columnType('timestamptz');
export const textArrayColumn = () => p.array<string>().columnType('text[]');
export const uuidArrayColumn = () => p.array<string>().columnType('uuid[]');
export const numericColumn = () => p.decimal('string').columnType('numeric');
/** Money and counters in bigint columns, as decimal strings (never a JavaScript number). */
export const bigintColumn = () => p.bigint('string');

/**
 * A value for a jsonb column in a Kysely write. Cast explicitly: the driver would send a JavaScript array as a
 * PostgreSQL array, not as JSON.
 */
export const jsonb = <T>(value: T): RawBuilder<T> => sql<T>`cast(${JSON.stringify(value)} as jsonb)`;
