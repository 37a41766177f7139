import { createHash } from 'node:crypto';
import pg from 'pg';
import { rolePassword } from '../db/roles.js';

/**
 * State the gateway's replicas share through PostgreSQL (RATE_LIMIT_STORE=postgres): the cost
 * budget of each caller. Its own schema and login role, so the gateway — the only internet-facing
 * process — holds rights on this one table and nothing of the subgraphs' data.
 */
export const GATEWAY_STATE_SCHEMA = 'gateway_state';
export const GATEWAY_ROLE = 'pdo_gateway';

/**
 * UNLOGGED: a budget is worth seconds to minutes, so no write-ahead-log record per request. After
 * a crash of PostgreSQL the table comes back empty and every caller starts with a full budget,
 * as after a restart of a gateway with the in-memory store.
 */
const RATE_BUDGET_DDL = [
  `create schema if not exists ${GATEWAY_STATE_SCHEMA}`,
  `create unlogged table if not exists ${GATEWAY_STATE_SCHEMA}.rate_budget (
     key text primary key,
     tokens double precision not null,
     at_ms bigint not null,
     granted boolean not null
   )`,
  `create index if not exists rate_budget_at_idx on ${GATEWAY_STATE_SCHEMA}.rate_budget (at_ms)`,
];

/**
 * As the owner (the migration step, or a development gateway whose URL is the owner): creates the
 * schema and table, and — with `role` — the gateway's login role with rights on that table only.
 * Idempotent. `password`: the role's password from the gateway's own URL, else derived from
 * DB_ROLE_SECRET (development), else left as the administrator set it.
 */
export async function ensureGatewayState(ownerUrl: string, opts: { role?: boolean; password?: string | null; env?: NodeJS.ProcessEnv } = {}): Promise<void> {
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    await client.query(`select pg_advisory_lock(hashtext('pdo.gateway_state'))`);
    for (const statement of RATE_BUDGET_DDL) await client.query(statement);
    if (opts.role) {
      await client.query(`do $$ begin
        if not exists (select 1 from pg_roles where rolname = '${GATEWAY_ROLE}') then
          begin
            create role ${GATEWAY_ROLE} login nosuperuser nocreatedb nocreaterole noreplication;
          exception when duplicate_object or unique_violation then null;
          end;
        end if;
      end $$`);
      const password = opts.password ?? rolePassword(GATEWAY_ROLE, opts.env);
      if (password) {
        // ALTER ROLE takes no parameters: PostgreSQL quotes the value (format %L) first.
        const { rows } = await client.query<{ q: string }>(`select format('alter role %I with login password %L', $1::text, $2::text) as q`, [GATEWAY_ROLE, password]);
        await client.query(rows[0]!.q);
      }
      await client.query(`revoke all on schema ${GATEWAY_STATE_SCHEMA} from public`);
      await client.query(`grant usage on schema ${GATEWAY_STATE_SCHEMA} to ${GATEWAY_ROLE}`);
      await client.query(`grant select, insert, update, delete on ${GATEWAY_STATE_SCHEMA}.rate_budget to ${GATEWAY_ROLE}`);
    }
  } finally {
    await client.query(`select pg_advisory_unlock(hashtext('pdo.gateway_state'))`).catch(() => {});
    await client.end().catch(() => {});
  }
}

export interface BudgetSettings {
  /** Tokens refilled per millisecond. */
  perMs: number;
  /** Bucket size. */
  burst: number;
}

/**
 * Token buckets of query cost in PostgreSQL, shared by every gateway replica: the same arithmetic
 * as the in-memory bucket (gateway/src/rate-limit.ts), done by one statement per request under the
 * row's lock, so two replicas spending from one budget at once cannot both spend its last tokens.
 * Keys are stored as SHA-256 digests: the table holds no user id or client address. Hand-written
 * SQL on a plain pg pool: the gateway has no ORM, and the refill-and-spend arithmetic must run
 * inside the one upsert to be atomic across replicas.
 */
export class PgRateBudget {
  private readonly pool: pg.Pool;
  private timer: NodeJS.Timeout | null = null;

  constructor(url: string, private readonly settings: BudgetSettings) {
    this.pool = new pg.Pool({ connectionString: url, max: 4 });
    // A dropped idle connection must not crash the gateway; the next query opens another.
    this.pool.on('error', () => {});
  }

  /** Whether `key`'s budget covers `cost`: if so it is spent; either way the tokens left. */
  async spend(key: string, cost: number, now: number): Promise<{ granted: boolean; tokens: number }> {
    const refill = `least($3::float8, b.tokens + greatest(0, $4::bigint - b.at_ms) * $5::float8)`;
    const { rows } = await this.pool.query<{ tokens: number; granted: boolean }>(
      `insert into ${GATEWAY_STATE_SCHEMA}.rate_budget as b (key, tokens, at_ms, granted)
         values ($1, case when $3::float8 >= $2::float8 then $3::float8 - $2::float8 else $3::float8 end, $4::bigint, $3::float8 >= $2::float8)
       on conflict (key) do update set
         tokens = case when ${refill} >= $2::float8 then ${refill} - $2::float8 else ${refill} end,
         at_ms = greatest(b.at_ms, $4::bigint),
         granted = ${refill} >= $2::float8
       returning tokens, granted`,
      [digest(key), cost, this.settings.burst, Math.floor(now), this.settings.perMs],
    );
    return { granted: rows[0]!.granted, tokens: Number(rows[0]!.tokens) };
  }

  /** Every minute, deletes the buckets idle long enough to be full again (absent = full). */
  startPurging(now: () => number = Date.now): this {
    const fullAfterMs = Math.ceil(this.settings.burst / this.settings.perMs);
    this.timer ??= setInterval(() => {
      this.pool.query(`delete from ${GATEWAY_STATE_SCHEMA}.rate_budget where at_ms < $1`, [now() - fullAfterMs]).catch(() => {});
    }, 60_000);
    this.timer.unref();
    return this;
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.pool.end().catch(() => {});
  }
}

/** Whether the gateway's table exists (a gateway that may not create it refuses to start without it). */
export async function gatewayStateReady(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ t: string | null }>(`select to_regclass('${GATEWAY_STATE_SCHEMA}.rate_budget')::text as t`);
    return rows[0]?.t != null;
  } finally {
    await client.end().catch(() => {});
  }
}

function digest(key: string): string {
  return createHash('sha256').update(key).digest('base64url');
}
