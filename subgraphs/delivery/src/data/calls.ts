import type { EntityManager } from '@mikro-orm/postgresql';
import { sql } from '@pdo/platform';
import type pg from 'pg';
import type { Insertable, Selectable } from 'kysely';
import { db, type DataPlaneDB } from './data-plane-tables.js';

/**
 * Everything a call decides on before it runs, in one statement (the hot path: one round trip):
 * the key by its prefix, the entitlement, the product the URL names with its listed version, that
 * version's accepted recipe and reader role, the operator's authorization, and the units metered so
 * far — what the executor's `runFacts` reads, joined here so a call does not pay for it twice.
 * Hand-written because it joins delivery's data-plane tables with the projections of products' and
 * licensing's facts.
 */
export interface CallFactsRow {
  credentialId: string;
  secretSha256: string;
  credentialStatus: string;
  expiresAt: Date | string;
  usageAgreementId: string;
  credentialProductId: string;
  developerId: string;
  operatorId: string;
  jurisdiction: string;
  entitlementId: string | null;
  entitlementStatus: string | null;
  pauseReason: string | null;
  startDate: string | null;
  endDate: string | null;
  quotaUnits: string | null;
  productId: string | null;
  listedVersion: number | null;
  listingStatus: string | null;
  versionStatus: string | null;
  agreementStatus: string | null;
  agreementEndDate: string | null;
  recipeId: string | null;
  readerRole: string | null;
  usedUnits: string;
  /** The answer kept for the presented Idempotency-Key of this agreement, when there is one. */
  prior: Pick<AnswerRow, 'parameter_sha256' | 'call_id' | 'http_status' | 'body'> | null;
}

/**
 * A hot-path statement as a named prepared statement on the service's own pool, outside any
 * transaction: PostgreSQL plans it once per connection instead of on every call (the facts join
 * nine tables; the metering statement chains five data-modifying CTEs). The text under a name
 * never changes. Not counted per request: the data plane is not a GraphQL operation.
 */
async function prepared<Row>(em: EntityManager, name: string, text: string, params: readonly unknown[]): Promise<Row[]> {
  if (em.isInTransaction()) return sql<Row>(em, text, params);
  const pool = (await em.getDriver().getConnection().getNativeClient()) as unknown as pg.Pool;
  return (await pool.query({ name, text, values: params as unknown[] })).rows as Row[];
}

/**
 * The facts of several calls in one statement (services/grouped.ts: the calls that arrived while the previous
 * statement was in flight): each presented key prefix, product code and Idempotency-Key is one row of the input,
 * joined laterally to the query a single call ran. One result per input, in order; null where no key matched.
 * The input is a JSON array, not arrays to `unnest`: PostgreSQL estimates an `unnest` of a constant array by its
 * length, so each execution's custom plan looked cheaper than the cached generic one and the statement was planned
 * again on every call; a record set is estimated alike either way, and the generic plan is kept.
 */
export async function callFactsOf(em: EntityManager, queries: readonly { keyPrefix: string; productCode: string; idempotencyKey: string | null }[]): Promise<(CallFactsRow | null)[]> {
  const rows = await prepared<CallFactsRow & { n: number }>(
    em,
    'delivery_call_facts_grouped',
    `select i.n, f.* from jsonb_to_recordset($1::jsonb) as i(n int, key_prefix text, product_code text, idempotency_key text)
     cross join lateral (
     select c.id as "credentialId", c.secret_sha256 as "secretSha256", c.status as "credentialStatus", c.expires_at as "expiresAt",
            c.usage_agreement_id as "usageAgreementId", c.product_id as "credentialProductId", c.developer_id as "developerId",
            c.operator_id as "operatorId", c.jurisdiction,
            e.entitlement_id as "entitlementId", e.status as "entitlementStatus", e.pause_reason as "pauseReason",
            e.start_date::text as "startDate", e.end_date::text as "endDate", e.quota_units::text as "quotaUnits",
            p.product_id as "productId", p.listed_version as "listedVersion", p.listing_status as "listingStatus",
            v.status as "versionStatus", a.status as "agreementStatus", a.end_date::text as "agreementEndDate",
            r.id as "recipeId", rr.role_name as "readerRole",
            coalesce(m.used_units, 0)::text as "usedUnits",
            case when ia.call_id is null then null else json_build_object('parameter_sha256', ia.parameter_sha256, 'call_id', ia.call_id, 'http_status', ia.http_status, 'body', ia.body) end as prior
       from api_credential c
       left join entitlement_projection e on e.usage_agreement_id = c.usage_agreement_id
       left join lateral (select product_id, listed_version, listing_status from product_projection where code = i.product_code order by as_of desc limit 1) p on true
       left join product_version_projection v on v.product_id = p.product_id and v.version = p.listed_version
       left join agreement_projection a on a.agreement_id = v.agreement_id
       left join recipe r on r.product_id = v.product_id and r.version = v.version and r.status = 'ACCEPTED'
       left join reader_role rr on rr.product_id = v.product_id and rr.version = v.version
       left join metered_units m on m.usage_agreement_id = c.usage_agreement_id
       left join idempotent_answer ia on i.idempotency_key is not null and ia.usage_agreement_id = c.usage_agreement_id and ia.idempotency_key = i.idempotency_key
      where c.key_prefix = i.key_prefix
      limit 1) f`,
    [JSON.stringify(queries.map((q, i) => ({ n: i + 1, key_prefix: q.keyPrefix, product_code: q.productCode, idempotency_key: q.idempotencyKey })))],
  );
  const out: (CallFactsRow | null)[] = queries.map(() => null);
  for (const { n, ...row } of rows) out[n - 1] = row;
  return out;
}

export type CallLogInsert = Insertable<DataPlaneDB['call_log']>;

export async function insertCallLog(em: EntityManager, row: CallLogInsert): Promise<void> {
  await db(em).insertInto('call_log').values(row).execute();
}

export type AnswerRow = Selectable<DataPlaneDB['idempotent_answer']>;

export async function storedAnswer(em: EntityManager, usageAgreementId: string, idempotencyKey: string): Promise<AnswerRow | undefined> {
  return db(em).selectFrom('idempotent_answer').selectAll().where('usage_agreement_id', '=', usageAgreementId).where('idempotency_key', '=', idempotencyKey).executeTakeFirst();
}

export type AnswerInsert = Insertable<DataPlaneDB['idempotent_answer']>;
export type OutboxInsert = Insertable<DataPlaneDB['metering_outbox']>;

const LOG_COLUMNS = ['id', 'credential_id', 'usage_agreement_id', 'product_id', 'product_version', 'developer_id', 'operator_id', 'jurisdiction', 'parameter_sha256', 'idempotency_key', 'outcome', 'http_status', 'rows_read', 'rows_returned', 'duration_ms', 'metered', 'called_at'] as const;
const OUTBOX_COLUMNS = ['call_id', 'product_id', 'version', 'entitlement_id', 'usage_agreement_id', 'developer_id', 'operator_id', 'jurisdiction', 'units', 'rows_returned', 'duration_ms', 'counted', 'occurred_at'] as const;
const ANSWER_COLUMNS = ['usage_agreement_id', 'idempotency_key', 'parameter_sha256', 'call_id', 'http_status', 'body', 'created_at'] as const;

export interface RecordedCall {
  /** A unit was taken from the agreement's quota (only where it has one). */
  unitTaken: boolean;
  /** The answer was kept for the Idempotency-Key (false: another call with the key came first). */
  answerKept: boolean;
  /** The call was logged as metered and queued for ExecutionMetered. */
  logged: boolean;
}

/**
 * A successful call's metering in one statement — one round trip, no lock held across others:
 * - where the agreement has a quota, its unit, taken only if the quota allows (check and increment
 *   are one upsert, so two concurrent calls never both take the last unit); an agreement without a
 *   quota takes no lock here at all (the flusher counts its units later, set-based);
 * - the answer for its Idempotency-Key, kept only if no other call with the key came first;
 * - its call log row and its metering_outbox row, written only when both gates above passed.
 * Data-modifying CTEs run exactly once whether read or not; each insert reads the gate before it,
 * so a refused step writes nothing after it. A quota unit taken for a key another call kept first
 * cannot be undone inside the statement: the caller runs that one case in a transaction and rolls
 * back. Hand-written because Kysely has no data-modifying CTE chain of this shape.
 */
export async function recordCall(em: EntityManager, call: { log: CallLogInsert; outbox: OutboxInsert; answer: AnswerInsert | null; quotaUnits: string | null }): Promise<RecordedCall> {
  const params: unknown[] = [];
  const p = (v: unknown) => `$${params.push(v)}`;
  const list = (row: object, cols: readonly string[], cast: Record<string, string> = {}) => cols.map((c) => `${p((row as Record<string, unknown>)[c] ?? null)}${cast[c] ?? ''}`).join(', ');
  const quota = p(call.quotaUnits);
  const ua = p(call.log.usage_agreement_id);
  const at = p(call.log.called_at);
  const answer = call.answer ? { ...call.answer, body: JSON.stringify(call.answer.body) } : null;
  const text = `with unit as (
       insert into metered_units (usage_agreement_id, used_units, updated_at)
       select ${ua}::uuid, 1, ${at}::timestamptz where ${quota}::bigint >= 1
       on conflict (usage_agreement_id) do update set used_units = metered_units.used_units + 1, updated_at = excluded.updated_at
        where metered_units.used_units + 1 <= ${quota}::bigint
       returning 1 as ok
     ), quota_ok as (
       select 1 as ok from unit union all select 1 where ${quota}::bigint is null
     ), kept as (
       ${answer ? `insert into idempotent_answer (${ANSWER_COLUMNS.join(', ')}) select ${list(answer, ANSWER_COLUMNS, { body: '::jsonb' })} from quota_ok
       on conflict (usage_agreement_id, idempotency_key) do nothing returning 1 as ok` : 'select 1 as ok where false'}
     ), go as (
       ${answer ? 'select ok from kept' : 'select ok from quota_ok'}
     ), logged as (
       insert into call_log (${LOG_COLUMNS.join(', ')}) select ${list(call.log, LOG_COLUMNS)} from go returning id
     ), queued as (
       insert into metering_outbox (${OUTBOX_COLUMNS.join(', ')}) select ${list(call.outbox, OUTBOX_COLUMNS)} from go returning call_id
     )
     select (select count(*) from unit)::int as unit, (select count(*) from kept)::int as kept, (select count(*) from logged)::int + (select count(*) from queued)::int as logged`;
  const [r] = await prepared<{ unit: number; kept: number; logged: number }>(em, answer ? 'delivery_record_call_kept' : 'delivery_record_call', text, params);
  return { unitTaken: r!.unit === 1, answerKept: r!.kept === 1, logged: r!.logged === 2 };
}

/**
 * Several successful calls' metering in one statement (group commit, services/call-recorder.ts): their call log rows
 * and metering_outbox rows, all or none. Only for calls with nothing to gate — no quota to take a unit from and no
 * Idempotency-Key to keep an answer for — so every row is written unconditionally, exactly as `recordCall` writes
 * such a call alone. The rows travel as two JSON arrays read through the tables' own row types
 * (`jsonb_populate_recordset`): one prepared text whatever the batch size. Hand-written: Kysely has no
 * data-modifying CTE chain over a record set.
 */
export async function recordPlainCalls(em: EntityManager, calls: readonly { log: CallLogInsert; outbox: OutboxInsert }[]): Promise<number> {
  const pick = (row: object, cols: readonly string[]) => Object.fromEntries(cols.map((c) => [c, (row as Record<string, unknown>)[c] ?? null]));
  const logs = JSON.stringify(calls.map((c) => pick(c.log, LOG_COLUMNS)));
  const outbox = JSON.stringify(calls.map((c) => pick(c.outbox, OUTBOX_COLUMNS)));
  const text = `with logged as (
       insert into call_log (${LOG_COLUMNS.join(', ')}) select ${LOG_COLUMNS.join(', ')} from jsonb_populate_recordset(null::call_log, $1::jsonb) returning id
     ), queued as (
       insert into metering_outbox (${OUTBOX_COLUMNS.join(', ')}) select ${OUTBOX_COLUMNS.join(', ')} from jsonb_populate_recordset(null::metering_outbox, $2::jsonb) returning call_id
     )
     select (select count(*) from logged)::int as logged, (select count(*) from queued)::int as queued`;
  const [r] = await prepared<{ logged: number; queued: number }>(em, 'delivery_record_plain_calls', text, [logs, outbox]);
  if (r!.logged !== calls.length || r!.queued !== calls.length) throw new Error(`metering batch wrote ${r!.logged} log and ${r!.queued} outbox rows for ${calls.length} calls`);
  return calls.length;
}
