import { createHash, createHmac } from 'node:crypto';
import { INTEGRITY_RECORD_KINDS, type IntegrityParty, type IntegrityRecord, type IntegrityRecordKind } from '@pdo/policy';

/**
 * Who stands behind a company and the integrity records an authority loads (JL §三(二); TZ Art 12(3); QHD §三(二)1(1)).
 * A person or company is identified by the 18-character number on its identity card or business licence (居民身份证号码 /
 * 统一社会信用代码); records and persons are filed under its keyed digest (HMAC-SHA-256 under a key kept outside the
 * database, SECURITY.md "Integrity records"), so a record loaded for a person is found whatever company names that
 * person, and neither the number nor anything that can be enumerated back to it is stored.
 */
export const PERSON_ROLES = ['LEGAL_REPRESENTATIVE', 'EXECUTIVE', 'CONTROLLING_SHAREHOLDER'] as const;
export type PersonRole = (typeof PERSON_ROLES)[number];

/** An 18-character identity number or credit code, upper-cased (an identity number's check character may be x). */
export const normalIdentifier = (s: string): string | null => {
  const v = s.trim().toUpperCase();
  return /^[0-9A-Z]{18}$/.test(v) ? v : null;
};

/** A digest key: its version (recorded with each digest) and secret. */
export interface SubjectDigestKey {
  version: number;
  secret: Buffer;
}

/** The key a subject's records are filed under: HMAC-SHA-256 of the number under the configured key. */
export const subjectKey = (identifier: string, key: SubjectDigestKey): string => createHmac('sha256', key.secret).update(`pdo-integrity:${identifier}`).digest('hex');

/**
 * The unkeyed SHA-256 of before keyed digests (key version 0). Never written any more: computed only to find, by the
 * number just presented, the digests made that way, which are then rekeyed (SECURITY.md, "Integrity records").
 */
export const legacySubjectKey = (identifier: string): string => createHash('sha256').update(`pdo-integrity:${identifier}`).digest('hex');

/** Every digest a number may still be filed under: the current key's and the unkeyed one of before. */
export const subjectKeys = (identifier: string, key: SubjectDigestKey): string[] => [subjectKey(identifier, key), legacySubjectKey(identifier)];

export const isRecordKind = (k: string): k is IntegrityRecordKind => (INTEGRITY_RECORD_KINDS as readonly string[]).includes(k);

/** Why a set of persons cannot be recorded (one legal representative at most, each person once), or null. */
export function personsProblem(persons: { role: string; name: string; identifier: string }[]): { index: number; field: string; zh: string; en: string } | null {
  const seen = new Set<string>();
  for (const [index, p] of persons.entries()) {
    if (!(PERSON_ROLES as readonly string[]).includes(p.role)) return { index, field: 'role', zh: `未知身份 ${p.role}`, en: `Unknown role ${p.role}` };
    if (!p.name?.trim() || p.name.trim().length > 200) return { index, field: 'name', zh: '姓名或名称不能为空', en: 'A name is required' };
    const id = normalIdentifier(p.identifier ?? '');
    if (!id) return { index, field: 'identifier', zh: '须为 18 位身份证号码或统一社会信用代码', en: 'An 18-character identity number or credit code is required' };
    if (seen.has(`${p.role}:${id}`)) return { index, field: 'identifier', zh: '同一人不能重复登记为同一身份', en: 'The same person is listed twice in one role' };
    seen.add(`${p.role}:${id}`);
  }
  if (persons.filter((p) => p.role === 'LEGAL_REPRESENTATIVE').length > 1) return { index: 0, field: 'role', zh: '法定代表人只能有一名', en: 'A company has one legal representative' };
  return null;
}

/** A person as a proposal keeps it until an official accepts: the identity number only as its key. */
export interface ProposedPerson {
  role: PersonRole;
  name: string;
  subjectKey: string;
  subjectKeyVersion: number;
  /** The unkeyed digest of before, kept only where records are still filed under it (`legacyOnRecord`). */
  legacySubjectKey: string | null;
}

/** Persons as entered, checked and keyed (the number itself is dropped here). */
export const keyedPersons = (persons: { role: string; name: string; identifier: string }[], key: SubjectDigestKey, legacyOnRecord: ReadonlySet<string>): ProposedPerson[] =>
  persons.map((p) => {
    const number = normalIdentifier(p.identifier)!;
    const legacy = legacySubjectKey(number);
    return { role: p.role as PersonRole, name: p.name.trim(), subjectKey: subjectKey(number, key), subjectKeyVersion: key.version, legacySubjectKey: legacyOnRecord.has(legacy) ? legacy : null };
  });

/** The applicant and its current persons as the policy check takes them. */
export function integrityParties(org: { name: string; creditCode: string | null }, persons: { role: string; name: string; subject_key: string; legacy_subject_key: string | null }[], key: SubjectDigestKey): IntegrityParty[] {
  // The applicant's credit code is at hand: its records are found under either digest.
  const applicant: IntegrityParty[] = org.creditCode ? subjectKeys(org.creditCode, key).map((k) => ({ role: 'APPLICANT' as const, name: org.name, key: k })) : [];
  // A person rekeyed from the unkeyed digest of before also matches the records still filed under it.
  const behind = persons.flatMap((p) => [p.subject_key, ...(p.legacy_subject_key ? [p.legacy_subject_key] : [])].map((k) => ({ role: p.role as PersonRole, name: p.name, key: k })));
  return [...applicant, ...behind];
}

/** A loaded record as the policy check takes it: lifted on the lifting's day. */
export const asPolicyRecord = (r: { subjectKey: string; kind: string; effectiveOn: string; liftedOn: string | null; source: string }): IntegrityRecord => ({
  subjectKey: r.subjectKey,
  kind: r.kind as IntegrityRecordKind,
  effectiveOn: r.effectiveOn,
  removedOn: r.liftedOn,
  source: r.source,
});
