import { sql } from 'kysely';
import { pageOf, type Em } from '@pdo/platform';
import { camelAll, type GrantRow } from './rows.js';
import { db } from './tables.js';

type Window = { limit: number; offset: number };

export interface ConsentInsert {
  id: string;
  jurisdiction: string;
  consentingBody: string;
  documentNumber: string;
  consentedOn: string;
  validUntil: string | null;
  resourceIds: string[];
  operatorId: string | null;
  agreementId: string | null;
  scenarioId: string | null;
  attachmentRef: string | null;
  note: string | null;
  recordedBy: string;
  recordedByOrg: string | null;
  at: string;
}

export async function insertConsent(em: Em, c: ConsentInsert): Promise<void> {
  await db(em)
    .insertInto('returned_data_consent')
    .values({
      id: c.id, jurisdiction: c.jurisdiction, consenting_body: c.consentingBody, document_number: c.documentNumber, consented_on: c.consentedOn, valid_until: c.validUntil,
      resource_ids: c.resourceIds, operator_id: c.operatorId, agreement_id: c.agreementId, scenario_id: c.scenarioId, attachment_ref: c.attachmentRef, note: c.note,
      recorded_by: c.recordedBy, recorded_by_org: c.recordedByOrg, recorded_at: c.at,
    })
    .execute();
}

export async function insertRevocation(em: Em, r: { consentId: string; revokedOn: string; documentNumber: string; reason: string; recordedBy: string; recordedByOrg: string | null; at: string }): Promise<void> {
  await db(em)
    .insertInto('returned_data_consent_revocation')
    .values({ consent_id: r.consentId, revoked_on: r.revokedOn, document_number: r.documentNumber, reason: r.reason, recorded_by: r.recordedBy, recorded_by_org: r.recordedByOrg, recorded_at: r.at })
    .execute();
}

/** Consents with their revocation (if any): the columns of both tables. */
const consentQuery = (em: Em) =>
  db(em)
    .selectFrom('returned_data_consent as c')
    .leftJoin('returned_data_consent_revocation as r', 'r.consent_id', 'c.id')
    .selectAll('c')
    .select(['r.revoked_on', 'r.document_number as revocation_document_number', 'r.reason as revocation_reason', 'r.recorded_at as revoked_at']);

export type ConsentRow = Awaited<ReturnType<typeof consentById>> & {};

export async function consentById(em: Em, id: string, forUpdate = false) {
  let q = consentQuery(em).where('c.id', '=', id);
  if (forUpdate) q = q.forUpdate(['c']);
  const [row] = camelAll(await q.execute());
  return row ?? null;
}

/** Every consent of the jurisdiction naming any of these resources (one statement, whatever the number of resources). */
export async function consentsForResources(em: Em, jurisdiction: string, resourceIds: readonly string[]) {
  if (!resourceIds.length) return [];
  const rows = await consentQuery(em)
    .where('c.jurisdiction', '=', jurisdiction)
    .where(sql<boolean>`c.resource_ids && ${sql.val([...resourceIds])}::uuid[]`)
    .execute();
  return rows.map(factsOf);
}

/** A consent as the rule reads it (its scope, validity and revocation day). */
const factsOf = (r: { id: string; document_number: string; resource_ids: string[]; operator_id: string | null; agreement_id: string | null; scenario_id: string | null; consented_on: string; valid_until: string | null; revoked_on: string | null }) => ({
  id: r.id, documentNumber: r.document_number, resourceIds: r.resource_ids, operatorId: r.operator_id, agreementId: r.agreement_id, scenarioId: r.scenario_id,
  consentedOn: r.consented_on, validUntil: r.valid_until, revokedOn: r.revoked_on,
});

/** A page of the jurisdiction's consents, newest first; optionally those naming one resource. */
export async function consentPage(em: Em, filter: { jurisdiction: string; resourceId?: string | null }, win: Window) {
  let q = consentQuery(em).where('c.jurisdiction', '=', filter.jurisdiction);
  if (filter.resourceId) q = q.where(sql<boolean>`${filter.resourceId}::uuid = any(c.resource_ids)`);
  // The left join makes the revocation columns nullable in the query's own types: its count runs on the same Kysely.
  const page = await pageOf(db(em) as never, q.orderBy('c.seq', 'desc'), win);
  return { rows: camelAll(page.rows), totalCount: page.totalCount };
}

/** Live (active or paused) grants of the jurisdiction on these resources. */
export async function liveGrantsOnResources(em: Em, jurisdiction: string, resourceIds: readonly string[]): Promise<GrantRow[]> {
  if (!resourceIds.length) return [];
  return camelAll(
    await db(em).selectFrom('access_grant').selectAll().where('jurisdiction', '=', jurisdiction).where('resource_id', 'in', resourceIds).where('status', 'in', ['ACTIVE', 'PAUSED']).orderBy('id').forUpdate().execute(),
  ) as GrantRow[];
}
