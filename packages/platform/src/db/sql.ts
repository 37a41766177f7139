import { CompiledQuery, type Kysely } from 'kysely';
import type { EntityManager } from '@mikro-orm/postgresql';
import { statementCounter } from './orm.js';
import { claimTransactionClient } from './pool-guard.js';
import type pg from 'pg';

type Executor = Pick<Kysely<unknown>, 'executeQuery'>;

function executorOf(em: EntityManager): Executor {
  const trx = em.getTransactionContext<Executor>();
  return trx ?? (em.getConnection().getClient() as unknown as Executor);
}

/**
 * Runs parameterised SQL ($1, $2 …) on the entity manager's connection, inside its transaction
 * when it has one. For set-based work (search, aggregation, settlement) where the ORM would load
 * rows one by one. Counted like ORM statements.
 */
export async function sql<Row = Record<string, unknown>>(em: EntityManager, text: string, params: readonly unknown[] = []): Promise<Row[]> {
  const store = statementCounter.getStore();
  if (store) store.count++;
  const res = await executorOf(em).executeQuery(CompiledQuery.raw(text, params as unknown[]));
  return res.rows as Row[];
}

/**
 * Sends a statement and returns as soon as it is on its way, with its completion to await later,
 * so that Node's own work overlaps the database's (a settlement computes its split while the
 * previous statement writes). Statements of one transaction still run one after another: the
 * transaction's connection queues them.
 */
export async function sqlStarted<Row = Record<string, unknown>>(em: EntityManager, text: string, params: readonly unknown[] = []): Promise<{ done: Promise<Row[]> }> {
  const done = sql<Row>(em, text, params);
  // Awaited by the caller; until then a failure must not count as an unhandled rejection.
  done.catch(() => {});
  // The way to the socket is a chain of promise steps; one turn of the event loop completes it.
  await new Promise<void>((resolve) => setImmediate(resolve));
  return { done };
}

/** First row or null. */
export async function sqlOne<Row = Record<string, unknown>>(em: EntityManager, text: string, params: readonly unknown[] = []): Promise<Row | null> {
  const rows = await sql<Row>(em, text, params);
  return rows[0] ?? null;
}

/** pg-boss's IDatabase over the same connection/transaction, so a job is enqueued atomically with the change. */
export function pgBossDb(em: EntityManager) {
  return {
    async executeSql(text: string, values?: unknown[]) {
      const res = await executorOf(em).executeQuery(CompiledQuery.raw(text, values ?? []));
      return { rows: res.rows as unknown[] };
    },
  };
}

/**
 * The `pg` client of the entity manager's current transaction (for COPY streams, which Kysely
 * cannot send). Only inside a transaction: outside one the client would go back to the pool.
 */
export async function transactionPgClient(em: EntityManager): Promise<pg.PoolClient> {
  if (!em.getTransactionContext()) throw new Error('transactionPgClient needs a transaction');
  return claimTransactionClient((statement) => sql(em, statement));
}
