import type pg from 'pg';
import { namePreparedStatements } from './prepared.js';

/**
 * Whether a failed query means the session itself is gone (socket closed, server shutting down,
 * client-side read timeout), as opposed to one statement failing on a healthy connection.
 *
 * A SQLSTATE is the server talking, so the session survives it — except class 08 (connection
 * exception) and 57P01–57P03 (admin/crash shutdown, cannot connect now), which the server sends
 * just before it closes the socket. An error without a SQLSTATE was raised by `pg` or the socket
 * ("Connection terminated unexpectedly", "… is not queryable", ECONNRESET, "Query read timeout"),
 * and after any of those the connection's protocol state cannot be trusted.
 */
export function isConnectionLost(err: unknown, client?: pg.ClientBase): boolean {
  if (client && isDead(client)) return true;
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code.startsWith('08') || /^57P0[123]$/.test(code);
  return true;
}

/** pg's own flags (the ones pg-pool reads on release): the socket ended or errored, or end() was called. */
function isDead(client: pg.ClientBase): boolean {
  const c = client as unknown as { _queryable?: boolean; _ending?: boolean; _ended?: boolean };
  return c._queryable === false || c._ending === true || c._ended === true;
}

interface Checkout {
  release: (err?: Error | boolean) => void;
  /** We already handed the client back (with an error); the holder's own release must be a no-op. */
  forced: boolean;
}

const checkouts = new WeakMap<pg.PoolClient, Checkout>();
const instrumented = new WeakSet<pg.PoolClient>();

/**
 * Makes a checked-out `pg` client that loses its connection go back to the pool, destroyed,
 * as soon as a query on it fails for that reason.
 *
 * Without this a transaction caught by a database restart keeps its client checked out for
 * ever: Kysely's ControlledTransaction releases the connection only after a *successful*
 * COMMIT/ROLLBACK (and not at all when BEGIN fails), and MikroORM only logs the failed rollback.
 * Each such transaction shrinks the pool by one until requests wait out connectionTimeoutMillis,
 * and pool.end() never finishes. Releasing from the query itself covers every path that holds a
 * client (BEGIN, COMMIT, ROLLBACK, plain statements) without patching either library. Kysely's
 * later release of the same client, if it comes, is absorbed instead of tripping pg-pool's
 * double-release error.
 */
export function releaseBrokenClients(pool: pg.Pool, options: { preparedStatements?: number } = {}): void {
  const prepared = options.preparedStatements ?? 0;
  type Callback = (err: Error | undefined, client?: pg.PoolClient, done?: pg.PoolClient['release']) => void;
  const connect = pool.connect.bind(pool) as (cb?: Callback) => Promise<pg.PoolClient> | void;
  (pool as { connect: unknown }).connect = (cb?: Callback) => {
    if (cb) return connect((err, client, done) => (err || !client ? cb(err, client, done) : cb(err, track(client, prepared), client.release)));
    return (connect() as Promise<pg.PoolClient>).then((client) => track(client, prepared));
  };
}

function track(client: pg.PoolClient, prepared: number): pg.PoolClient {
  // pg-pool installs a fresh release function on every checkout.
  const checkout: Checkout = { release: client.release.bind(client), forced: false };
  checkouts.set(client, checkout);
  client.release = (err?: Error | boolean) => {
    if (checkouts.get(client) === checkout) checkouts.delete(client);
    if (checkout.forced) return;
    checkout.release(err);
  };
  if (!instrumented.has(client)) {
    instrumented.add(client);
    namePreparedStatements(client, prepared);
    const query = client.query;
    (client as { query: unknown }).query = function (this: pg.PoolClient, ...args: unknown[]) {
      if (typeof args[0] === 'string' && args[0].startsWith(CLAIM_PREFIX)) claims.set(args[0].slice(CLAIM_PREFIX.length, CLAIM_PREFIX.length + 36), this);
      const result = (query as (...a: unknown[]) => unknown).apply(this, args);
      // Only the promise form: Kysely uses it, and a callback/submittable caller sees its own error.
      if (result && typeof (result as Promise<unknown>).then === 'function' && typeof (result as { submit?: unknown }).submit !== 'function') {
        // Registered before the caller's own handlers, so the client is already back in the pool
        // (and ended) when the caller tries ROLLBACK; that then fails fast instead of hanging.
        (result as Promise<unknown>).then(undefined, (err: unknown) => {
          if (isConnectionLost(err, client)) forceRelease(client, err);
        });
      }
      return result;
    };
  }
  return client;
}

const CLAIM_PREFIX = 'select 1 /* pdo-claim:';
const claims = new Map<string, pg.PoolClient>();

/**
 * The `pg` client that carries a transaction, for the one thing Kysely cannot send: a COPY
 * stream (subgraphs/delivery loads raw data with `COPY … FROM STDIN` inside the mutation's own
 * transaction, so the batch, its audit record and its event commit or roll back together).
 * `runMarker` sends the given statement through the transaction (e.g. with `sql`); the client
 * that receives it is the transaction's. Only for pools created by `createOrm`.
 */
export async function claimTransactionClient(runMarker: (statement: string) => Promise<unknown>): Promise<pg.PoolClient> {
  const token = crypto.randomUUID();
  await runMarker(`${CLAIM_PREFIX}${token} */`);
  const client = claims.get(token);
  claims.delete(token);
  if (!client) throw new Error('the transaction\'s connection could not be identified (not an ORM pool)');
  return client;
}

function forceRelease(client: pg.PoolClient, err: unknown): void {
  const checkout = checkouts.get(client);
  if (!checkout || checkout.forced) return;
  checkout.forced = true;
  checkouts.delete(client);
  checkout.release(err instanceof Error ? err : new Error(String(err)));
}
