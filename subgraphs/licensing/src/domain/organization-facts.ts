/**
 * The facts of a party that operator eligibility (packages/policy `evaluateEligibility`) and the party's identity rest
 * on: name and credit code, founding date (YEARS_IN_BUSINESS), tax credit grades (TAX_CREDIT_GRADE), penalties
 * (SERIOUS_PENALTY), dishonest-list entries (DISHONEST_LIST), security incidents (SECURITY_INCIDENT), MLPS level-3 and
 * commercial cryptography assessment (MLPS3_AND_CRYPTO), security department and head (SECURITY_DEPARTMENT). Every
 * one of them is recorded by the implementing agency or the data authority of the party's jurisdiction, with
 * evidence; the party itself only proposes a change. (The organization record has no contact details or other fields
 * a party could keep current on its own.)
 */
export const ORG_KINDS = ['AUTHORITY', 'IMPLEMENTING_AGENCY', 'SOURCE_AGENCY', 'OPERATOR', 'DEVELOPER', 'SERVICE_PROVIDER', 'EXPERT_BODY'] as const;
/** Kinds that are companies and so carry a credit code and credit facts. */
export const COMPANY_KINDS = new Set(['OPERATOR', 'DEVELOPER', 'SERVICE_PROVIDER']);
export const TAX_GRADES = ['A', 'B', 'M', 'C', 'D'];

export const FACT_FIELDS = [
  'name',
  'nameEn',
  'creditCode',
  'foundedOn',
  'taxGrades',
  'penalties',
  'dishonestListEntries',
  'securityIncidents',
  'mlps3Experience',
  'commercialCryptoExperience',
  'securityDepartment',
  'securityHead',
] as const;
export type FactField = (typeof FACT_FIELDS)[number];
/** Facts other subgraphs project (OrganizationRegistered): a change is published. */
export const PUBLISHED_FIELDS = new Set<FactField>(['name', 'nameEn', 'creditCode']);

/** A party's recorded facts. */
export interface PartyFacts {
  name: string;
  nameEn: string | null;
  creditCode: string | null;
  foundedOn: string | null;
  taxGrades: { year: number; grade: string }[];
  penalties: { date: string; severity: 'MINOR' | 'SERIOUS'; description?: string | null }[];
  dishonestListEntries: { list: string; listedOn: string; removedOn?: string | null }[];
  securityIncidents: { date: string; severity: 'MINOR' | 'MAJOR'; description?: string | null; incidentId?: string | null }[];
  mlps3Experience: boolean;
  commercialCryptoExperience: boolean;
  securityDepartment: string | null;
  securityHead: string | null;
}

/** A patch of facts as the inputs carry it (undefined = unchanged). */
export interface OrganizationFacts {
  name?: string | null;
  nameEn?: string | null;
  creditCode?: string | null;
  foundedOn?: string | null;
  taxGrades?: { year: number; grade: string }[] | null;
  penalties?: { date: string; severity: 'MINOR' | 'SERIOUS'; description?: string | null }[] | null;
  dishonestListEntries?: { list: string; listedOn: string; removedOn?: string | null }[] | null;
  securityIncidents?: { date: string; severity: 'MINOR' | 'MAJOR'; description?: string | null }[] | null;
  mlps3Experience?: boolean | null;
  commercialCryptoExperience?: boolean | null;
  securityDepartment?: string | null;
  securityHead?: string | null;
}
export interface EvidenceInput {
  documentRef: string;
  documentDate: string;
  note?: string | null;
}

export const EMPTY_FACTS: PartyFacts = {
  name: '',
  nameEn: null,
  creditCode: null,
  foundedOn: null,
  taxGrades: [],
  penalties: [],
  dishonestListEntries: [],
  securityIncidents: [],
  mlps3Experience: false,
  commercialCryptoExperience: false,
  securityDepartment: null,
  securityHead: null,
};

/** JSON with object keys sorted, so two values compare equal whatever their key order. */
const canonical = (value: unknown): string =>
  JSON.stringify(value, (_k, v) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, (v as Record<string, unknown>)[k]])) : v));

/** Fields whose value differs, with old and new values. */
export function diffFacts(before: Partial<PartyFacts>, after: PartyFacts): { fields: FactField[]; oldValues: Record<string, unknown>; newValues: Record<string, unknown> } {
  const fields = FACT_FIELDS.filter((k) => canonical(before[k] ?? null) !== canonical(after[k] ?? null));
  return { fields, oldValues: Object.fromEntries(fields.map((k) => [k, before[k] ?? null])), newValues: Object.fromEntries(fields.map((k) => [k, after[k] ?? null])) };
}

/** PENDING → ACCEPTED (official) | REJECTED (official, with a reason) | WITHDRAWN (the proposer). */
export const PROPOSAL_TRANSITIONS: Record<'ACCEPT' | 'REJECT' | 'WITHDRAW', readonly ('PENDING' | 'ACCEPTED' | 'REJECTED' | 'WITHDRAWN')[]> = {
  ACCEPT: ['PENDING'],
  REJECT: ['PENDING'],
  WITHDRAW: ['PENDING'],
};

/** An incident reported by evaluation as the party's security fact (HIGH and CRITICAL count as MAJOR). */
export function incidentFact(e: { occurredOn: string; severity: string; type: string; incidentId: string }): PartyFacts['securityIncidents'][number] {
  return { date: e.occurredOn, severity: e.severity === 'HIGH' || e.severity === 'CRITICAL' ? 'MAJOR' : 'MINOR', description: e.type, incidentId: e.incidentId };
}
