import { pageOf, scopeWhere, type Em, type Identity, type ScopeOptions } from '@pdo/platform';
import { db, type DisputeEvidenceRow } from './tables.js';

const DISPUTE = [
  'id',
  'jurisdiction',
  'kind',
  'complainant_org',
  'complainant_name',
  'respondent_org',
  'subject',
  'subject_ref',
  'evidence',
  'status',
  'filed_at',
  'handling_started_at',
  'due_on',
  'outcome',
  'decision',
  'decided_at',
] as const;

export function disputeById(em: Em, id: string, lock = false) {
  let q = db(em).selectFrom('dispute').select(DISPUTE).where('id', '=', id);
  if (lock) q = q.forUpdate();
  return q.executeTakeFirst();
}
export type DisputeRow = NonNullable<Awaited<ReturnType<typeof disputeById>>>;

export interface DisputeFilter {
  jurisdiction: string;
  status: string | null;
  /** Only disputes in handling past their deadline (before `today`). */
  overdueOnly: boolean;
  today: string;
}

/** The disputes of a jurisdiction the caller may see (`scope`: the authority all, the parties their own). */
export function disputePage(em: Em, identity: Identity, scope: ScopeOptions, f: DisputeFilter, window: { limit: number; offset: number }) {
  const k = db(em);
  let q = k
    .selectFrom('dispute')
    .select(DISPUTE)
    .where('jurisdiction', '=', f.jurisdiction)
    .where(scopeWhere(identity, { jurisdiction: 'jurisdiction', orgs: ['complainant_org', 'respondent_org'] }, scope));
  if (f.status != null) q = q.where('status', '=', f.status);
  if (f.overdueOnly) q = q.where('status', '=', 'IN_HANDLING').where('due_on', '<', f.today);
  return pageOf(k, q.orderBy('filed_at', 'desc').orderBy('id'), window);
}

export function insertDispute(
  em: Em,
  d: { id: string; jurisdiction: string; kind: string; complainantOrg: string; complainantName: string; respondentOrg: string | null; subject: string; subjectRef: string | null; evidence: DisputeEvidenceRow[]; filedBy: string; filedAt: Date },
) {
  return db(em)
    .insertInto('dispute')
    .values({
      id: d.id,
      jurisdiction: d.jurisdiction,
      kind: d.kind,
      complainant_org: d.complainantOrg,
      complainant_name: d.complainantName,
      respondent_org: d.respondentOrg,
      subject: d.subject,
      subject_ref: d.subjectRef,
      evidence: JSON.stringify(d.evidence) as never,
      status: 'FILED',
      filed_by: d.filedBy,
      filed_at: d.filedAt.toISOString(),
    })
    .execute();
}

export function startHandling(em: Em, id: string, h: { handler: string; at: Date; dueOn: string }) {
  return db(em).updateTable('dispute').set({ status: 'IN_HANDLING', handler_sub: h.handler, handling_started_at: h.at.toISOString(), due_on: h.dueOn }).where('id', '=', id).execute();
}

export function resolveDispute(em: Em, id: string, r: { outcome: string; decision: string; at: Date }) {
  return db(em).updateTable('dispute').set({ status: 'RESOLVED', outcome: r.outcome, decision: r.decision, decided_at: r.at.toISOString() }).where('id', '=', id).execute();
}
