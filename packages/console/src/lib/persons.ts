/**
 * The company's proposal of the persons behind it (JL §三(二); TZ Art 12(3)), checked before sending with the API's
 * own rules: one legal representative, a name, an 18-character identity number or credit code, the document it comes
 * from and that document's date (not in the future). The identity number leaves the browser only in this request.
 */
export const PERSON_ROLES = ['LEGAL_REPRESENTATIVE', 'EXECUTIVE', 'CONTROLLING_SHAREHOLDER'] as const;
export type PersonRole = (typeof PERSON_ROLES)[number];

export interface PersonDraft {
  role: PersonRole;
  name: string;
  identifier: string;
}

export interface PersonsDraft {
  persons: PersonDraft[];
  documentRef: string;
  documentDate: string;
}

export type PersonsProblem = 'name' | 'identifier' | 'duplicate' | 'legalRep' | 'documentRef' | 'documentDate';

export const newPersonsDraft = (today: string): PersonsDraft => ({ persons: [{ role: 'LEGAL_REPRESENTATIVE', name: '', identifier: '' }], documentRef: '', documentDate: today });

const normalIdentifier = (s: string): string | null => {
  const v = s.trim().toUpperCase();
  return /^[0-9A-Z]{18}$/.test(v) ? v : null;
};

/** The `proposeOrganizationChange` input, or the first problem with the row it is in. */
export function personsInput(
  organizationId: string,
  draft: PersonsDraft,
  today: string,
): { input: { organizationId: string; persons: PersonDraft[]; evidence: { documentRef: string; documentDate: string } } } | { problem: PersonsProblem; index?: number } {
  const seen = new Set<string>();
  const persons: PersonDraft[] = [];
  for (const [index, p] of draft.persons.entries()) {
    const name = p.name.trim();
    if (!name || name.length > 200) return { problem: 'name', index };
    const identifier = normalIdentifier(p.identifier);
    if (!identifier) return { problem: 'identifier', index };
    if (seen.has(`${p.role}:${identifier}`)) return { problem: 'duplicate', index };
    seen.add(`${p.role}:${identifier}`);
    persons.push({ role: p.role, name, identifier });
  }
  if (persons.filter((p) => p.role === 'LEGAL_REPRESENTATIVE').length !== 1) return { problem: 'legalRep' };
  const documentRef = draft.documentRef.trim();
  if (!documentRef) return { problem: 'documentRef' };
  if (!/^\d{4}-\d{2}-\d{2}$/.test(draft.documentDate) || draft.documentDate > today) return { problem: 'documentDate' };
  return { input: { organizationId, persons, evidence: { documentRef, documentDate: draft.documentDate } } };
}

/** Proposed persons as a proposal's `changes` carries them (role and name only). */
export function proposedPersons(changes: unknown): { role: string; name: string }[] {
  const list = (changes as { persons?: unknown } | null)?.persons;
  return Array.isArray(list) ? list.filter((p): p is { role: string; name: string } => typeof p?.role === 'string' && typeof p?.name === 'string') : [];
}

/**
 * Which persons the jurisdiction's `integrityChecks` look up that must be on record (the legal representative: a
 * check against nobody verifies nothing, so the API refuses an application without one), and whether they are.
 */
export function personsRequired(setting: unknown, onRecord: readonly { role: string }[]): { required: PersonRole[]; missing: PersonRole[] } {
  const rules = Array.isArray(setting) ? (setting as { subjects?: unknown }[]) : [];
  const named = new Set(rules.flatMap((r) => (Array.isArray(r?.subjects) ? (r.subjects as string[]) : [])));
  const required = PERSON_ROLES.filter((r) => r === 'LEGAL_REPRESENTATIVE' && named.has(r));
  return { required, missing: required.filter((r) => !onRecord.some((p) => p.role === r)) };
}
