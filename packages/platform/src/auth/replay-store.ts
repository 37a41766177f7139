import type { MikroORM } from '@mikro-orm/postgresql';
import { sql } from '../db/sql.js';
import { statementCounter } from '../db/orm.js';
import { DomainError } from '../errors.js';
import type { NonceStore } from '../identity.js';

/**
 * The table behind the PostgreSQL nonce store, in each subgraph's own schema (platform migration
 * 0004). UNLOGGED: a nonce matters only for the replay window (`IDENTITY_MAX_SKEW_MS`, seconds),
 * so it is not worth a write-ahead-log record. The price: after a crash of PostgreSQL (not a
 * clean restart) the table comes back empty, and a request captured in the last window before
 * the crash could be accepted once more (docs/operations-deploy.md, shared state).
 */
export const REPLAY_NONCE_DDL = `
create unlogged table if not exists replay_nonce (
  nonce text primary key,
  expires_at_ms bigint not null
);
create index if not exists replay_nonce_expiry_idx on replay_nonce (expires_at_ms);
`;

/** How often a replica deletes the nonces whose window has passed. */
const PURGE_EVERY_MS = 30_000;

/**
 * The nonces a subgraph accepted, shared by every replica of it through its database
 * (REPLAY_STORE=postgres): N replicas behind a load balancer refuse the second use of a nonce
 * wherever the first one landed. One statement per check — the primary key decides, under
 * concurrency too: of two replicas claiming one nonce at once, PostgreSQL lets exactly one insert
 * it. An expired record is taken over by the same statement; a timer deletes the rest.
 *
 * Hand-written SQL, not an entity: the check is this one conditional upsert (PostgreSQL decides
 * under its unique index), it runs before any request context or EntityManager unit of work
 * exists, and the table is the platform's in every schema, not one subgraph's.
 *
 * If the database cannot be asked, the request is refused (SERVICE_UNAVAILABLE): accepting it
 * unchecked would reopen the replay the store exists to close.
 */
export class PgNonceStore implements NonceStore {
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly orm: MikroORM) {}

  async claim(nonce: string, expiresAt: number, now: number): Promise<boolean> {
    try {
      // Not counted as the request's SQL: the per-request figure measures the operation's own data
      // access (a list must not grow with its length); this check is one statement for any request.
      const rows = await statementCounter.exit(() =>
        sql(
          this.orm.em.fork(),
          `insert into replay_nonce (nonce, expires_at_ms) values ($1, $2)
             on conflict (nonce) do update set expires_at_ms = excluded.expires_at_ms where replay_nonce.expires_at_ms < $3
           returning 1`,
          [nonce, Math.ceil(expiresAt), Math.floor(now)],
        ),
      );
      return rows.length === 1;
    } catch {
      throw new DomainError('SERVICE_UNAVAILABLE', '暂时无法校验请求是否重放，请稍后重试', 'Cannot check the request against replays right now; retry shortly');
    }
  }

  /** Starts deleting expired nonces every 30 s (a missed round only leaves rows the claim overwrites anyway). */
  startPurging(now: () => number = Date.now): this {
    this.timer ??= setInterval(() => {
      sql(this.orm.em.fork(), `delete from replay_nonce where expires_at_ms < $1`, [now()]).catch(() => {});
    }, PURGE_EVERY_MS);
    this.timer.unref();
    return this;
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
