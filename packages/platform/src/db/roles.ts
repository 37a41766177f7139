import { setting } from '../config.js';
import { createHmac } from 'node:crypto';
import pg from 'pg';

/**
 * Database roles (SECURITY.md): the services do not connect as the owner of their tables.
 *
 * Migrations run as the owner (a superuser or a role with CREATEROLE that owns the subgraph
 * schemas). After migrating, the owner creates and grants, idempotently on every start:
 * - `pdo_<subgraph>` — one login role per subgraph: USAGE on its own schema only; SELECT, INSERT,
 *   UPDATE, DELETE on its tables, except `audit_log` and `audit_checkpoint` (SELECT, INSERT only)
 *   and `schema_migrations` (SELECT); sequences; default privileges for tables created later; no
 *   TRUNCATE, TRIGGER or ownership anywhere, so it can neither disable a trigger nor alter a
 *   table; nothing on the other subgraphs' schemas.
 * - `pdo_queue` — owns the pg-boss schema (`pgboss`), whose maintenance creates and drops its own
 *   partitions; every service role is a member (pg-boss needs those rights on its schema and
 *   nothing else), and pg-boss connections act as it (`SET ROLE` at connect).
 *
 * Connection settings (read by `databaseUrls`):
 * - `DATABASE_URL` — with `MIGRATION_DATABASE_URL` set, the service's own role URL (production: one
 *   per service, e.g. postgres://pdo_catalog:…@db/pdo). Without it, the owner's URL (as before):
 *   the start step migrates with it, creates the roles and then connects as the service role,
 *   whose password is derived from `DB_ROLE_SECRET`.
 * - `MIGRATION_DATABASE_URL` — the owner's URL, for migrations and role setup only.
 * - `DB_ROLE_SECRET` — derives each role's password (HMAC-SHA-256 of the role name); a fixed
 *   development secret outside production; required in production when the service URL is derived.
 *   Without it in production the roles keep the passwords their administrator gave them.
 * - `MIGRATE_ON_START=0` — the migration step (packages/migrate) created the roles and migrated;
 *   `DATABASE_URL` is the service's own role and the owner's URL is not used at all.
 * - `DB_SERVICE_ROLES=off` — connect every part as `DATABASE_URL`'s user, as before roles existed
 *   (a PostgreSQL where the owner may not create roles). Not allowed in production.
 */
export const QUEUE_ROLE = 'pdo_queue';
export const serviceRole = (subgraph: string): string => `pdo_${subgraph}`;
export const DEV_DB_ROLE_SECRET = 'pdo-development-db-role-secret';
const IDENT = /^[a-z_][a-z0-9_]*$/;

function ident(name: string): string {
  if (!IDENT.test(name)) throw new Error(`unsafe SQL identifier: ${name}`);
  return name;
}

export function rolesEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  const off = !setting('DB_SERVICE_ROLES', env);
  if (off && env.NODE_ENV === 'production') throw new Error('DB_SERVICE_ROLES=off is not allowed in production: services must not connect as the owner');
  return !off;
}

/** The role's password: HMAC-SHA-256(DB_ROLE_SECRET, role), or null in production without a secret. */
export function rolePassword(role: string, env: NodeJS.ProcessEnv = process.env): string | null {
  const secret = env.DB_ROLE_SECRET ?? (env.NODE_ENV === 'production' ? null : DEV_DB_ROLE_SECRET);
  if (!secret) return null;
  return createHmac('sha256', secret).update(`pdo-db-role|${role}`).digest('hex');
}

/** The owner's URL with another user and password (same host, port, database and options). */
export function roleUrl(ownerUrl: string, role: string, password: string): string {
  const u = new URL(ownerUrl);
  u.username = role;
  u.password = password;
  return u.toString();
}

export interface DatabaseUrls {
  /** Where migrations and role setup run (the owner), or null when this process may not migrate. */
  migration: string | null;
  /** Where the service's ORM connects. */
  service: string;
  /** pg-boss connects here, acting as `queueRole` when set. */
  queue: string;
  queueRole: string | null;
}

/** Resolves the URLs of one subgraph process from the environment (see the comment above). */
export function databaseUrls(subgraph: string, env: NodeJS.ProcessEnv = process.env): DatabaseUrls {
  const url = env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set');
  if (!rolesEnabled(env)) return { migration: url, service: url, queue: url, queueRole: null };
  // MIGRATE_ON_START=0: the migration step created the roles; DATABASE_URL is this service's own.
  if (!setting('MIGRATE_ON_START', env)) return { migration: null, service: url, queue: url, queueRole: QUEUE_ROLE };
  const migration = env.MIGRATION_DATABASE_URL || null;
  if (migration) return { migration, service: url, queue: url, queueRole: QUEUE_ROLE };
  const password = rolePassword(serviceRole(subgraph), env);
  if (!password) throw new Error('DB_ROLE_SECRET (or MIGRATION_DATABASE_URL with DATABASE_URL as the service role) must be set in production');
  return { migration: url, service: roleUrl(url, serviceRole(subgraph), password), queue: roleUrl(url, serviceRole(subgraph), password), queueRole: QUEUE_ROLE };
}

/** URLs of every role, derived from the owner's URL (development and test stacks). */
export function stackRoleUrls(ownerUrl: string, subgraphs: readonly string[], env: NodeJS.ProcessEnv = process.env): { services: Record<string, string>; queue: string } {
  const pw = (role: string) => {
    const p = rolePassword(role, env);
    if (!p) throw new Error('DB_ROLE_SECRET must be set to derive role passwords');
    return p;
  };
  return {
    services: Object.fromEntries(subgraphs.map((s) => [s, roleUrl(ownerUrl, serviceRole(s), pw(serviceRole(s)))])),
    queue: roleUrl(ownerUrl, QUEUE_ROLE, pw(QUEUE_ROLE)),
  };
}

async function ensureLoginRole(client: pg.Client, role: string, env: NodeJS.ProcessEnv, given?: string): Promise<void> {
  const r = ident(role);
  // Another process (or a test database on the same cluster) may create it at the same moment.
  await client.query(`do $$ begin
    if not exists (select 1 from pg_roles where rolname = '${r}') then
      begin
        create role ${r} login nosuperuser nocreatedb nocreaterole noreplication;
      exception when duplicate_object or unique_violation then null;
      end;
    end if;
  end $$`);
  if (given !== undefined) {
    // A password given by the operator (the service's own DATABASE_URL): ALTER ROLE takes no
    // parameters, so PostgreSQL quotes it (format %L) before it is executed.
    const { rows } = await client.query<{ q: string }>(`select format('alter role %I with login password %L', $1::text, $2::text) as q`, [r, given]);
    await client.query(rows[0]!.q);
    return;
  }
  const password = rolePassword(role, env);
  // Hex from an HMAC: safe to inline (ALTER ROLE takes no parameters).
  if (password) await client.query(`alter role ${r} with login password '${password}'`);
}

/** Hands the pg-boss schema (and everything already in it) to the queue role. */
const QUEUE_SCHEMA_OWNERSHIP = (schema: string, role: string) => `do $$
declare r record;
begin
  if not exists (select 1 from pg_namespace where nspname = '${schema}') then
    execute 'create schema ${schema} authorization ${role}';
    return;
  end if;
  if (select nspowner from pg_namespace where nspname = '${schema}') <> '${role}'::regrole then
    execute 'alter schema ${schema} owner to ${role}';
  end if;
  for r in select c.oid::regclass::text as rel, c.relkind from pg_class c join pg_namespace n on n.oid = c.relnamespace
           where n.nspname = '${schema}' and c.relkind in ('r', 'p', 'v', 'm', 'f', 'c') and c.relowner <> '${role}'::regrole loop
    execute format('alter %s %s owner to ${role}',
      case r.relkind when 'v' then 'view' when 'm' then 'materialized view' when 'f' then 'foreign table' when 'c' then 'type' else 'table' end, r.rel);
  end loop;
  for r in select c.oid::regclass::text as rel from pg_class c join pg_namespace n on n.oid = c.relnamespace
           where n.nspname = '${schema}' and c.relkind = 'S' and c.relowner <> '${role}'::regrole
             and not exists (select 1 from pg_depend d where d.classid = 'pg_class'::regclass and d.objid = c.oid and d.deptype in ('a', 'i')) loop
    execute format('alter sequence %s owner to ${role}', r.rel);
  end loop;
  for r in select p.oid::regprocedure::text as fn, p.prokind from pg_proc p join pg_namespace n on n.oid = p.pronamespace
           where n.nspname = '${schema}' and p.proowner <> '${role}'::regrole loop
    execute format('alter %s %s owner to ${role}', case r.prokind when 'p' then 'procedure' when 'a' then 'aggregate' else 'function' end, r.fn);
  end loop;
  for r in select t.oid::regtype::text as typ from pg_type t join pg_namespace n on n.oid = t.typnamespace
           where n.nspname = '${schema}' and t.typtype in ('e', 'd', 'r', 'm') and t.typowner <> '${role}'::regrole loop
    execute format('alter type %s owner to ${role}', r.typ);
  end loop;
end $$`;

/**
 * As the owner: creates the queue role and the service roles of `subgraphs` (idempotent), gives
 * the pg-boss schema to the queue role and makes every service role a member of it. Serialised
 * by an advisory lock, since several services may start at once.
 */
export async function ensureServiceRoles(ownerUrl: string, subgraphs: readonly string[], opts: { queueSchema: string; env?: NodeJS.ProcessEnv; passwords?: Readonly<Record<string, string>> }): Promise<void> {
  const env = opts.env ?? process.env;
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    await client.query(`select pg_advisory_lock(hashtext('pdo.service_roles'))`);
    // Roles belong to the cluster, the lock to this database: another database of the same cluster
    // (parallel test files on one server) may be altering the same role, so retry a collision.
    await retryConcurrent(async () => {
      await ensureLoginRole(client, QUEUE_ROLE, env);
      for (const s of subgraphs) {
        await ensureLoginRole(client, serviceRole(s), env, opts.passwords?.[serviceRole(s)]);
        await client.query(`grant ${QUEUE_ROLE} to ${ident(serviceRole(s))}`);
      }
    });
    await client.query('begin');
    await client.query(QUEUE_SCHEMA_OWNERSHIP(ident(opts.queueSchema), QUEUE_ROLE));
    await client.query('commit');
  } catch (e) {
    await client.query('rollback').catch(() => {});
    throw e;
  } finally {
    await client.query(`select pg_advisory_unlock(hashtext('pdo.service_roles'))`).catch(() => {});
    await client.end().catch(() => {});
  }
}

async function retryConcurrent(work: () => Promise<void>): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (e) {
      if (attempt >= 5 || !/concurrently|already exists|duplicate key/i.test((e as Error).message)) throw e;
      await new Promise((r) => setTimeout(r, 50 * attempt));
    }
  }
}

/** Tables the service may only read and append to. */
export const APPEND_ONLY_PLATFORM_TABLES = ['audit_log', 'audit_checkpoint'] as const;

/**
 * The grants of one subgraph's role on its own schema, run by the owner after its migrations (so
 * they cover every table that exists now; default privileges cover tables created later).
 */
export function serviceGrantsSql(subgraph: string): string[] {
  const schema = ident(subgraph);
  const role = ident(serviceRole(subgraph));
  return [
    `revoke all on schema ${schema} from public`,
    `grant usage on schema ${schema} to ${role}`,
    `grant select, insert, update, delete on all tables in schema ${schema} to ${role}`,
    `revoke truncate, references, trigger on all tables in schema ${schema} from ${role}`,
    `revoke update, delete on ${APPEND_ONLY_PLATFORM_TABLES.map((t) => `${schema}.${t}`).join(', ')} from ${role}`,
    `revoke insert, update, delete on ${schema}.schema_migrations from ${role}`,
    `grant usage, select on all sequences in schema ${schema} to ${role}`,
    `alter default privileges in schema ${schema} grant select, insert, update, delete on tables to ${role}`,
    `alter default privileges in schema ${schema} grant usage, select on sequences to ${role}`,
  ];
}
