import { badInput, conflict, connectionOf, inTransaction, integrityDigestKey, newId, notFound, requireJurisdiction, type Em, type PageArgs } from '@pdo/platform';
import { checkIntegrity, type EffectiveProfile, type LocalDate } from '@pdo/policy';
import { isRecorderOf, requireOfficial } from '../access.js';
import { getOrg } from '../data/organizations.js';
import { currentPersonKeys, getIntegrityRecord, insertIntegrityRecord, insertLifting, integrityRecordPage, legacyKeysOnRecord, recordsForKeys, rekeyLegacyPersons, replacePersons } from '../data/integrity.js';
import type { Eligibility, OrgRow } from '../data/rows.js';
import { asPolicyRecord, integrityParties, isRecordKind, keyedPersons, legacySubjectKey, normalIdentifier, personsProblem, subjectKey, subjectKeys, type PersonRole, type ProposedPerson } from '../domain/integrity.js';
import { required, today, type Ctx, type Uow } from './checks.js';

/**
 * Eligibility verified, not declared (JL §三(二); TZ Art 12(3); QHD §三(二)1(1)): who stands behind a company is recorded
 * by an official from a document, integrity records are loaded by the authority with their source, and the profile's
 * `integrityChecks` run on them at application and again at signing.
 */

function checkDates(ctx: Ctx, dates: [LocalDate, string][]): void {
  for (const [d, field] of dates) if (d > today(ctx)) throw badInput('日期不能晚于今天', 'The date cannot be in the future', { field });
}

export interface PersonsInput {
  organizationId: string;
  persons: { role: PersonRole; name: string; identifier: string }[];
  documentRef: string;
  documentDate: LocalDate;
}

/** The persons of an input, checked; `field` names the input's list in a refusal. */
export function checkedPersons(persons: PersonsInput['persons'], field: string): PersonsInput['persons'] {
  const problem = personsProblem(persons);
  if (problem) throw badInput(problem.zh, problem.en, { field: `${field}.${problem.index}.${problem.field}` });
  return persons;
}

/**
 * Checked persons keyed under the integrity digest key, in the caller's transaction. Records loaded for a number before
 * keyed digests keep their old digest: the person keeps it too, so they match (SECURITY.md, "Integrity records").
 */
export async function keyPersons(tx: Em, persons: PersonsInput['persons']): Promise<ProposedPerson[]> {
  const numbers = persons.map((p) => normalIdentifier(p.identifier)!);
  const onRecord = await legacyKeysOnRecord(tx, numbers.map(legacySubjectKey));
  return keyedPersons(persons, integrityDigestKey(), onRecord);
}

/** Replaces the company's persons from a document, in the caller's transaction; the audit names roles and names, never the identity numbers. */
export async function writePersons(ctx: Ctx, { tx, audit }: Pick<Uow, 'tx' | 'audit'>, org: Pick<OrgRow, 'id' | 'jurisdiction'>, persons: ProposedPerson[], doc: { documentRef: string; documentDate: LocalDate; proposalId?: string }): Promise<void> {
  const rows = persons.map((p) => ({ ...p, id: newId() }));
  const ended = await replacePersons(tx, { organizationId: org.id, jurisdiction: org.jurisdiction, persons: rows, documentRef: doc.documentRef, documentDate: doc.documentDate, recordedBy: ctx.identity.sub, at: ctx.now.toISOString() });
  audit({ entityType: 'Organization', entityId: org.id, action: 'PERSONS_RECORDED', changes: { persons: persons.map((p) => ({ role: p.role, name: p.name })), ended, documentRef: doc.documentRef, documentDate: doc.documentDate, proposalId: doc.proposalId ?? null } });
}

/** Records the company's legal representative, executives and controlling shareholders (replacing the earlier set). */
export async function recordOrganizationPersons(ctx: Ctx, input: PersonsInput): Promise<string> {
  const documentRef = required(input.documentRef, 'input.documentRef', '依据文件', 'Document');
  const persons = checkedPersons(input.persons, 'input.persons');
  checkDates(ctx, [[input.documentDate, 'input.documentDate']]);
  return inTransaction(ctx, async (uow) => {
    const org = await getOrg(uow.tx, input.organizationId, true);
    if (!org) throw notFound('主体', 'Organization', input.organizationId);
    requireOfficial(ctx.identity, org.jurisdiction, 'AGENCY', 'AUTHORITY');
    await writePersons(ctx, uow, org, await keyPersons(uow.tx, persons), { documentRef, documentDate: input.documentDate });
    return org.id;
  });
}

export interface IntegrityRecordInput {
  jurisdiction: string;
  subjectName: string;
  identifier: string;
  kind: string;
  effectiveOn: LocalDate;
  source: string;
  sourceDate: LocalDate;
  note?: string | null;
}

/** The authority loads a record (a list entry, a penalty decision, a criminal record) with its source and date. */
export async function recordIntegrityRecord(ctx: Ctx, input: IntegrityRecordInput): Promise<string> {
  requireJurisdiction(ctx.identity, input.jurisdiction);
  const subjectName = required(input.subjectName, 'input.subjectName', '名称或姓名', 'Name');
  const source = required(input.source, 'input.source', '来源', 'Source');
  const id18 = normalIdentifier(input.identifier ?? '');
  if (!id18) throw badInput('须为 18 位身份证号码或统一社会信用代码', 'An 18-character identity number or credit code is required', { field: 'input.identifier' });
  if (!isRecordKind(input.kind)) throw badInput(`未知记录类型 ${input.kind}`, `Unknown record kind ${input.kind}`, { field: 'input.kind' });
  checkDates(ctx, [[input.effectiveOn, 'input.effectiveOn'], [input.sourceDate, 'input.sourceDate']]);
  const key = integrityDigestKey();
  return inTransaction(ctx, async ({ tx, audit }) => {
    const id = newId();
    // Persons filed under this number before keyed digests move to the key now, so this record reaches them.
    const legacy = legacySubjectKey(id18);
    await rekeyLegacyPersons(tx, legacy, subjectKey(id18, key), key.version, (await legacyKeysOnRecord(tx, [legacy])).has(legacy));
    await insertIntegrityRecord(tx, { id, jurisdiction: input.jurisdiction, subjectKey: subjectKey(id18, key), subjectKeyVersion: key.version, subjectName, kind: input.kind, effectiveOn: input.effectiveOn, source, sourceDate: input.sourceDate, note: input.note?.trim() || null, recordedBy: ctx.identity.sub, recordedByOrg: ctx.identity.org, at: ctx.now.toISOString() });
    audit({ entityType: 'IntegrityRecord', entityId: id, action: 'RECORDED', changes: { subjectName, kind: input.kind, effectiveOn: input.effectiveOn, source, sourceDate: input.sourceDate } });
    return id;
  });
}

/** A record stops being in force (removed from the list, rehabilitated) from `liftedOn`, on a cited source. */
export async function liftIntegrityRecord(ctx: Ctx, input: { recordId: string; liftedOn: LocalDate; source: string }): Promise<string> {
  const source = required(input.source, 'input.source', '来源', 'Source');
  checkDates(ctx, [[input.liftedOn, 'input.liftedOn']]);
  return inTransaction(ctx, async ({ tx, audit }) => {
    const r = await getIntegrityRecord(tx, input.recordId, true);
    if (!r) throw notFound('信用记录', 'Integrity record', input.recordId);
    requireJurisdiction(ctx.identity, r.jurisdiction);
    if (r.liftedOn) throw conflict('该记录已解除', 'This record was already lifted', { details: { liftedOn: r.liftedOn } });
    if (input.liftedOn <= r.effectiveOn) throw badInput('解除日须晚于生效日', 'The lifting must follow the record', { field: 'input.liftedOn' });
    await insertLifting(tx, { recordId: r.id, liftedOn: input.liftedOn, source, recordedBy: ctx.identity.sub, at: ctx.now.toISOString() });
    audit({ entityType: 'IntegrityRecord', entityId: r.id, action: 'LIFTED', changes: { liftedOn: input.liftedOn, source } });
    return r.id;
  });
}

/** The profile's integrity criteria for a company on a day, from the persons and records on file. */
export async function integrityCriteria(em: Em, profile: EffectiveProfile, org: Pick<OrgRow, 'id' | 'name' | 'creditCode'>, asOf: LocalDate) {
  if (!profile.integrityChecks.value.length) return [];
  const parties = integrityParties(org, await currentPersonKeys(em, org.id), integrityDigestKey());
  const records = (await recordsForKeys(em, parties.map((p) => p.key))).map(asPolicyRecord);
  return checkIntegrity(profile, parties, records, asOf);
}

/** Eligibility with the integrity criteria added. */
export async function withIntegrity(em: Em, profile: EffectiveProfile, org: Pick<OrgRow, 'id' | 'name' | 'creditCode'>, e: Eligibility): Promise<Eligibility> {
  const extra = await integrityCriteria(em, profile, org, e.asOf);
  return { ...e, eligible: e.eligible && extra.every((c) => c.passed), criteria: [...e.criteria, ...extra] };
}

/** A jurisdiction's records, to its officials; filtered by the identifier of one subject. */
export const integrityRecords = (ctx: Ctx, { jurisdiction, identifier, args }: { jurisdiction: string; identifier: string | null; args: PageArgs }) => {
  requireOfficial(ctx.identity, jurisdiction, 'AUTHORITY', 'AGENCY');
  const key = identifier ? normalIdentifier(identifier) : null;
  if (identifier && !key) throw badInput('须为 18 位身份证号码或统一社会信用代码', 'An 18-character identity number or credit code is required', { field: 'identifier' });
  return connectionOf(args, (win) => integrityRecordPage(ctx.em, jurisdiction, key ? subjectKeys(key, integrityDigestKey()) : null, win));
};

/** A record as stored, to the officials of its jurisdiction. */
export async function integrityRecord(ctx: Ctx, id: string) {
  const r = await getIntegrityRecord(ctx.em, id);
  return r && isRecorderOf(ctx.identity, r.jurisdiction) ? r : null;
}

/** The persons behind a company: to the officials who record them and to the company itself. */
export function personsOf(ctx: Ctx, org: Pick<OrgRow, 'id' | 'jurisdiction'>) {
  return isRecorderOf(ctx.identity, org.jurisdiction) || ctx.identity.org === org.id ? ctx.loaders.personsByOrganization.load(org.id) : null;
}
