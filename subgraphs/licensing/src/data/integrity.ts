import { sql } from 'kysely';
import { pageOf, type Em } from '@pdo/platform';
import { camelAll } from './rows.js';
import { db } from './tables.js';

type Window = { limit: number; offset: number };

export interface PersonInput {
  role: 'LEGAL_REPRESENTATIVE' | 'EXECUTIVE' | 'CONTROLLING_SHAREHOLDER';
  name: string;
  subjectKey: string;
  /** Which key made `subjectKey` (0: the unkeyed digest of before). */
  subjectKeyVersion: number;
  /** The unkeyed digest of before, where records filed under it exist. */
  legacySubjectKey: string | null;
}

/** The persons currently on record for companies, in entry order. */
export async function currentPersons(em: Em, organizationIds: readonly string[]) {
  if (!organizationIds.length) return [];
  return camelAll(
    await db(em)
      .selectFrom('organization_person')
      .select(['id', 'organization_id', 'role', 'name', 'document_ref', 'document_date', 'recorded_at'])
      .where('organization_id', 'in', organizationIds)
      .where('ended_at', 'is', null)
      .orderBy('recorded_at')
      .orderBy('id')
      .execute(),
  );
}
export type PersonRow = Awaited<ReturnType<typeof currentPersons>>[number];

/** The keys integrity records are filed under, of a company's current persons (never shown: they stand for ID numbers). */
export async function currentPersonKeys(em: Em, organizationId: string) {
  return db(em).selectFrom('organization_person').select(['role', 'name', 'subject_key', 'legacy_subject_key']).where('organization_id', '=', organizationId).where('ended_at', 'is', null).execute();
}

/** A new recording replaces the current persons: the earlier rows end, the new ones start. */
export async function replacePersons(em: Em, o: { organizationId: string; jurisdiction: string; persons: (PersonInput & { id: string })[]; documentRef: string; documentDate: string; recordedBy: string; at: string }): Promise<number> {
  const ended = await db(em).updateTable('organization_person').set({ ended_at: o.at }).where('organization_id', '=', o.organizationId).where('ended_at', 'is', null).executeTakeFirst();
  if (o.persons.length) {
    await db(em)
      .insertInto('organization_person')
      .values(o.persons.map((p) => ({ id: p.id, organization_id: o.organizationId, jurisdiction: o.jurisdiction, role: p.role, name: p.name, subject_key: p.subjectKey, subject_key_version: p.subjectKeyVersion, legacy_subject_key: p.legacySubjectKey, document_ref: o.documentRef, document_date: o.documentDate, recorded_by: o.recordedBy, recorded_at: o.at })))
      .execute();
  }
  return Number(ended.numUpdatedRows);
}

export async function insertIntegrityRecord(
  em: Em,
  r: { id: string; jurisdiction: string; subjectKey: string; subjectKeyVersion: number; subjectName: string; kind: string; effectiveOn: string; source: string; sourceDate: string; note: string | null; recordedBy: string; recordedByOrg: string | null; at: string },
): Promise<void> {
  await db(em)
    .insertInto('integrity_record')
    .values({ id: r.id, jurisdiction: r.jurisdiction, subject_key: r.subjectKey, subject_key_version: r.subjectKeyVersion, subject_name: r.subjectName, kind: r.kind, effective_on: r.effectiveOn, source: r.source, source_date: r.sourceDate, note: r.note, recorded_by: r.recordedBy, recorded_by_org: r.recordedByOrg, recorded_at: r.at })
    .execute();
}

/** Which of these unkeyed digests of before have integrity records filed under them (records are append-only: they keep theirs). */
export async function legacyKeysOnRecord(em: Em, legacyKeys: readonly string[]): Promise<Set<string>> {
  if (!legacyKeys.length) return new Set();
  const rows = await db(em).selectFrom('integrity_record').select('subject_key').distinct().where('subject_key_version', '=', 0).where('subject_key', 'in', legacyKeys).execute();
  return new Set(rows.map((r) => r.subject_key));
}

/**
 * Persons filed under an unkeyed digest of before (version 0), found again by the number presented now, move to the
 * keyed digest; the old digest stays with them only where records filed under it exist. Returns how many moved.
 */
export async function rekeyLegacyPersons(em: Em, legacyKey: string, key: string, version: number, legacyOnRecord: boolean): Promise<number> {
  const r = await db(em)
    .updateTable('organization_person')
    .set({ subject_key: key, subject_key_version: version, legacy_subject_key: legacyOnRecord ? legacyKey : null })
    .where('subject_key', '=', legacyKey)
    .where('subject_key_version', '=', 0)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export async function insertLifting(em: Em, l: { recordId: string; liftedOn: string; source: string; recordedBy: string; at: string }): Promise<void> {
  await db(em).insertInto('integrity_record_lifting').values({ record_id: l.recordId, lifted_on: l.liftedOn, source: l.source, recorded_by: l.recordedBy, recorded_at: l.at }).execute();
}

const RECORD_COLUMNS = [
  'integrity_record.id',
  'integrity_record.jurisdiction',
  'integrity_record.subject_key',
  'integrity_record.subject_name',
  'integrity_record.kind',
  'integrity_record.effective_on',
  'integrity_record.source',
  'integrity_record.source_date',
  'integrity_record.note',
  'integrity_record.recorded_by',
  'integrity_record.recorded_at',
  'integrity_record_lifting.lifted_on',
] as const;

/** Records (with the day each was lifted, if it was) filed under any of `keys`. */
export async function recordsForKeys(em: Em, keys: readonly string[]) {
  if (!keys.length) return [];
  return camelAll(await db(em).selectFrom('integrity_record').leftJoin('integrity_record_lifting', 'integrity_record_lifting.record_id', 'integrity_record.id').select(RECORD_COLUMNS).where('integrity_record.subject_key', 'in', keys).orderBy('integrity_record.seq').execute());
}
export type IntegrityRecordRow = Awaited<ReturnType<typeof recordsForKeys>>[number];

export async function getIntegrityRecord(em: Em, id: string, lock = false) {
  let q = db(em).selectFrom('integrity_record').leftJoin('integrity_record_lifting', 'integrity_record_lifting.record_id', 'integrity_record.id').select(RECORD_COLUMNS).where('integrity_record.id', '=', id);
  if (lock) q = q.forUpdate(['integrity_record']);
  const row = await q.executeTakeFirst();
  return row ? camelAll([row])[0]! : null;
}

/** A jurisdiction's records, newest first, optionally those filed under one key. */
export async function integrityRecordPage(em: Em, jurisdiction: string, subjectKeys: string[] | null, window: Window) {
  const k = db(em);
  let q = k.selectFrom('integrity_record').leftJoin('integrity_record_lifting', 'integrity_record_lifting.record_id', 'integrity_record.id').select(RECORD_COLUMNS).where('integrity_record.jurisdiction', '=', jurisdiction);
  if (subjectKeys) q = q.where('integrity_record.subject_key', 'in', subjectKeys);
  // The left join makes the lifting columns nullable in the query's own table types: its count runs on the same Kysely.
  const page = await pageOf(k as never, q.orderBy('integrity_record.seq', 'desc'), window);
  return { rows: camelAll(page.rows), totalCount: page.totalCount };
}

/** Evaluation's finalized operator evaluations (OperatorEvaluationFinalized): keeps the newest finalization of each. */
export async function upsertEvaluationProjection(em: Em, e: { evaluationId: string; jurisdiction: string; operatorId: string; agreementId: string | null; year: number; total: string; conclusion: string; finalizedAt: string }): Promise<void> {
  await db(em)
    .insertInto('operator_evaluation_projection')
    .values({ evaluation_id: e.evaluationId, jurisdiction: e.jurisdiction, operator_id: e.operatorId, agreement_id: e.agreementId, year: e.year, total: e.total, conclusion: e.conclusion, finalized_at: e.finalizedAt })
    .onConflict((oc) =>
      oc.column('evaluation_id').doUpdateSet({ total: (eb) => eb.ref('excluded.total'), conclusion: (eb) => eb.ref('excluded.conclusion'), finalized_at: (eb) => eb.ref('excluded.finalized_at') }).where('operator_evaluation_projection.finalized_at', '<', sql<string>`excluded.finalized_at`),
    )
    .execute();
}

/** The evaluations of operators, newest year first. */
export async function evaluationsOfOperators(em: Em, operatorIds: readonly string[]) {
  if (!operatorIds.length) return [];
  return camelAll(await db(em).selectFrom('operator_evaluation_projection').selectAll().where('operator_id', 'in', operatorIds).orderBy('year', 'desc').orderBy('evaluation_id').execute());
}
export type EvaluationProjectionRow = Awaited<ReturnType<typeof evaluationsOfOperators>>[number];
