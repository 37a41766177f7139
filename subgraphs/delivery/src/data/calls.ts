import type { EntityManager } from '@mikro-orm/postgresql';
import { sql, sqlOne } from '@pdo/platform';
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
}

export async function callFacts(em: EntityManager, keyPrefix: string, productCode: string): Promise<CallFactsRow | null> {
  return sqlOne<CallFactsRow>(
    em,
    `select c.id as "credentialId", c.secret_sha256 as "secretSha256", c.status as "credentialStatus", c.expires_at as "expiresAt",
            c.usage_agreement_id as "usageAgreementId", c.product_id as "credentialProductId", c.developer_id as "developerId",
            c.operator_id as "operatorId", c.jurisdiction,
            e.entitlement_id as "entitlementId", e.status as "entitlementStatus", e.pause_reason as "pauseReason",
            e.start_date::text as "startDate", e.end_date::text as "endDate", e.quota_units::text as "quotaUnits",
            p.product_id as "productId", p.listed_version as "listedVersion", p.listing_status as "listingStatus",
            v.status as "versionStatus", a.status as "agreementStatus", a.end_date::text as "agreementEndDate",
            r.id as "recipeId", rr.role_name as "readerRole",
            coalesce(m.used_units, 0)::text as "usedUnits"
       from api_credential c
       left join entitlement_projection e on e.usage_agreement_id = c.usage_agreement_id
       left join lateral (select product_id, listed_version, listing_status from product_projection where code = $2 order by as_of desc limit 1) p on true
       left join product_version_projection v on v.product_id = p.product_id and v.version = p.listed_version
       left join agreement_projection a on a.agreement_id = v.agreement_id
       left join recipe r on r.product_id = v.product_id and r.version = v.version and r.status = 'ACCEPTED'
       left join reader_role rr on rr.product_id = v.product_id and rr.version = v.version
       left join metered_units m on m.usage_agreement_id = c.usage_agreement_id
      where c.key_prefix = $1`,
    [keyPrefix, productCode],
  );
}

export type CallLogInsert = Insertable<DataPlaneDB['call_log']>;

export async function insertCallLog(em: EntityManager, row: CallLogInsert): Promise<void> {
  await db(em).insertInto('call_log').values(row).execute();
}

export type AnswerRow = Selectable<DataPlaneDB['idempotent_answer']>;

export async function storedAnswer(em: EntityManager, usageAgreementId: string, idempotencyKey: string): Promise<AnswerRow | undefined> {
  return db(em).selectFrom('idempotent_answer').selectAll().where('usage_agreement_id', '=', usageAgreementId).where('idempotency_key', '=', idempotencyKey).executeTakeFirst();
}

/** Keeps the first answer of a key; false when another call with the same key committed first. */
export async function keepAnswer(tx: EntityManager, row: Insertable<DataPlaneDB['idempotent_answer']>): Promise<boolean> {
  const r = await db(tx).insertInto('idempotent_answer').values({ ...row, body: JSON.stringify(row.body) as never }).onConflict((oc) => oc.columns(['usage_agreement_id', 'idempotency_key']).doNothing()).returning('call_id').executeTakeFirst();
  return !!r;
}

/**
 * A successful call's unit and its log row in one statement: the unit is taken only if the quota
 * allows (the check and the increment are one upsert, so two concurrent calls never both take the
 * last unit) and the row is written only with it. Hand-written: a data-modifying CTE is one round
 * trip where two inserts would be two, on the data plane's hot path. False: the quota is used up.
 */
export async function meterCall(tx: EntityManager, row: CallLogInsert, quotaUnits: string | null): Promise<boolean> {
  const cols = ['id', 'credential_id', 'usage_agreement_id', 'product_id', 'product_version', 'developer_id', 'operator_id', 'jurisdiction', 'parameter_sha256', 'idempotency_key', 'outcome', 'http_status', 'rows_read', 'rows_returned', 'duration_ms', 'metered', 'called_at'] as const;
  const values = cols.map((c) => (row as Record<string, unknown>)[c] ?? null);
  const [r] = await sql<{ logged: number }>(
    tx,
    `with unit as (
       insert into metered_units (usage_agreement_id, used_units, updated_at) values ($3, 1, $17)
       on conflict (usage_agreement_id) do update set used_units = metered_units.used_units + 1, updated_at = excluded.updated_at
        where $18::bigint is null or metered_units.used_units + 1 <= $18::bigint
       returning used_units
     ), logged as (
       insert into call_log (${cols.join(', ')})
       select $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17 from unit where $18::bigint is null or unit.used_units <= $18::bigint
       returning id
     )
     select count(*)::int as logged from logged`,
    [...values, quotaUnits],
  );
  return (r?.logged ?? 0) === 1;
}
