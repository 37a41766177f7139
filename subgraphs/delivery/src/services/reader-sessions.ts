/**
 * Connections that are already the product version's reader role (docs/operating-domain/runtime.md):
 * a data-plane call then runs its statement in one round trip instead of five (BEGIN, the SET LOCALs,
 * the statement, RESET ROLE, COMMIT). Each connection is opened by delivery's service role with the
 * reader role, READ ONLY by default, the statement timeout, the pinned `search_path` and `work_mem`
 * as its session settings (`options`), so every statement on it runs under the same four limits the
 * transaction path sets per statement. The statement is still the single analysed SELECT, so it
 * cannot change them (no SET, no `set_config` — recipe-allowlist.ts). Grants are checked at each
 * execution, so a hold or a new load that changes the role's grants applies to the next call.
 * A few connections per role, closed when idle; the least recently used role's pool goes first.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import pg from 'pg';

const MAX_ROLES = 32;
const PER_ROLE = 4;
const ROLE_RE = /^pdo_raw_reader_[0-9a-f]{24}$/;

/** Per database (the service's own pool): its reader-role pools, least recently used first. */
const SESSIONS = new WeakMap<object, Map<string, pg.Pool>>();

/** The pool of sessions that are `role` with these limits (created on first use). */
export async function readerSessions(em: Pick<EntityManager, 'getDriver'>, role: string, limits: { timeoutMs: number }): Promise<pg.Pool> {
  if (!ROLE_RE.test(role)) throw new Error('not a reader role');
  const service = (await em.getDriver().getConnection().getNativeClient()) as unknown as { options: pg.PoolConfig };
  let pools = SESSIONS.get(service);
  if (!pools) SESSIONS.set(service, (pools = new Map()));
  const key = `${role}:${Math.trunc(limits.timeoutMs)}`;
  const hit = pools.get(key);
  if (hit) {
    pools.delete(key);
    pools.set(key, hit);
    return hit;
  }
  const { host, port, user, password, database, connectionString, ssl } = service.options;
  const pool = new pg.Pool({
    host, port, user, password, database, connectionString, ssl,
    max: PER_ROLE,
    idleTimeoutMillis: 10_000,
    allowExitOnIdle: true,
    options: `-c role=${role} -c default_transaction_read_only=on -c statement_timeout=${Math.trunc(limits.timeoutMs)} -c search_path=pg_catalog,pg_temp -c work_mem=32MB`,
  });
  // An idle session lost with the server (a restart, a test stack stopping) is not this call's error.
  pool.on('error', () => {});
  pools.set(key, pool);
  if (pools.size > MAX_ROLES) {
    const [oldest, p] = pools.entries().next().value!;
    pools.delete(oldest);
    void p.end().catch(() => {});
  }
  return pool;
}
