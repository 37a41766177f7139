import { pageOf, scopeWhere, type Em, type Identity } from '@pdo/platform';
import { camel, camelAll, type ApplicationDocument, type AppRow, type CallRow, type Eligibility, type Objection, type ReviewRow } from './rows.js';
import { db, jsonb } from './tables.js';

type Window = { limit: number; offset: number };

export async function getCall(em: Em, id: string): Promise<CallRow | null> {
  const row = await db(em).selectFrom('operation_call').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? camel(row) : null;
}

export async function callsByIds(em: Em, ids: readonly string[]): Promise<CallRow[]> {
  return camelAll(await db(em).selectFrom('operation_call').selectAll().where('id', 'in', ids).execute());
}

export async function callPage(em: Em, filter: { jurisdiction: string | null; openOn: string | null }, window: Window) {
  const k = db(em);
  let q = k.selectFrom('operation_call').selectAll().orderBy('opens_on', 'desc').orderBy('id');
  if (filter.jurisdiction) q = q.where('jurisdiction', '=', filter.jurisdiction);
  if (filter.openOn) q = q.where('opens_on', '<=', filter.openOn).where('closes_on', '>=', filter.openOn);
  const page = await pageOf(k, q, window);
  return { rows: camelAll(page.rows), totalCount: page.totalCount };
}

export async function insertCall(
  em: Em,
  c: Omit<CallRow, 'createdAt' | 'status'> & { at: string },
): Promise<void> {
  await db(em)
    .insertInto('operation_call')
    .values({
      id: c.id,
      jurisdiction: c.jurisdiction,
      title: c.title,
      mode: c.mode,
      selection_method: c.selectionMethod,
      resource_ids: c.resourceIds,
      sectors: c.sectors,
      eligibility_notes: c.eligibilityNotes,
      scoring_rules: jsonb(c.scoringRules),
      opens_on: c.opensOn,
      closes_on: c.closesOn,
      publicity_working_days: c.publicityWorkingDays,
      invitees: c.invitees,
      status: 'PUBLISHED',
      profile_version: c.profileVersion,
      published_by: c.publishedBy,
      created_at: c.at,
    })
    .execute();
}

export async function markCallAwarded(em: Em, id: string): Promise<void> {
  await db(em).updateTable('operation_call').set({ status: 'AWARDED' }).where('id', '=', id).execute();
}

export async function getApplication(em: Em, id: string, lock = false): Promise<AppRow | null> {
  let q = db(em).selectFrom('operator_application').selectAll().where('id', '=', id);
  if (lock) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  return row ? camel(row) : null;
}

/** Applications the caller may see: officials of the jurisdiction, the applicant its own. */
export async function applicationPage(em: Em, identity: Identity, filter: { callId?: string | null; status?: string | null }, window: Window) {
  const k = db(em);
  let q = k
    .selectFrom('operator_application')
    .selectAll()
    .where(scopeWhere(identity, { jurisdiction: 'jurisdiction', orgs: ['applicant_id'] }))
    .orderBy('submitted_on', 'desc')
    .orderBy('id');
  if (filter.callId) q = q.where('call_id', '=', filter.callId);
  if (filter.status) q = q.where('status', '=', filter.status);
  const page = await pageOf(k, q, window);
  return { rows: camelAll(page.rows), totalCount: page.totalCount };
}

export async function applicationOf(em: Em, callId: string, applicantId: string): Promise<string | null> {
  const row = await db(em).selectFrom('operator_application').select('id').where('call_id', '=', callId).where('applicant_id', '=', applicantId).executeTakeFirst();
  return row?.id ?? null;
}

export async function insertApplication(
  em: Em,
  a: { id: string; callId: string | null; renewsAgreementId?: string | null; applicantId: string; jurisdiction: string; status?: string; documents: ApplicationDocument[]; eligibility: Eligibility; submittedOn: string; at: string },
): Promise<void> {
  await db(em)
    .insertInto('operator_application')
    .values({
      id: a.id,
      call_id: a.callId,
      renews_agreement_id: a.renewsAgreementId ?? null,
      applicant_id: a.applicantId,
      jurisdiction: a.jurisdiction,
      status: a.status ?? 'SUBMITTED',
      documents: jsonb(a.documents),
      eligibility: jsonb(a.eligibility),
      submitted_on: a.submittedOn,
      created_at: a.at,
      updated_at: a.at,
    })
    .execute();
}

/** What a step of the application changes besides its state. */
export interface ApplicationChange {
  documents?: ApplicationDocument[];
  supplementRequest?: string | null;
  publicityEndsOn?: string;
  objections?: Objection[];
  decisionNote?: string;
  agreementId?: string;
}

export async function moveApplication(em: Em, id: string, status: string, at: string, change: ApplicationChange = {}): Promise<void> {
  await db(em)
    .updateTable('operator_application')
    .set({
      status,
      updated_at: at,
      ...(change.documents !== undefined ? { documents: jsonb(change.documents) } : {}),
      ...(change.supplementRequest !== undefined ? { supplement_request: change.supplementRequest } : {}),
      ...(change.publicityEndsOn !== undefined ? { publicity_ends_on: change.publicityEndsOn } : {}),
      ...(change.objections !== undefined ? { objections: jsonb(change.objections) } : {}),
      ...(change.decisionNote !== undefined ? { decision_note: change.decisionNote } : {}),
      ...(change.agreementId !== undefined ? { agreement_id: change.agreementId } : {}),
    })
    .where('id', '=', id)
    .execute();
}

export async function reviewsByApplications(em: Em, ids: readonly string[]): Promise<ReviewRow[]> {
  return camelAll(await db(em).selectFrom('expert_review').selectAll().where('application_id', 'in', ids).orderBy('created_at').orderBy('id').execute());
}

export async function reviewCount(em: Em, applicationId: string, expertSub?: string): Promise<number> {
  let q = db(em).selectFrom('expert_review').select((eb) => eb.fn.countAll<string>().as('n')).where('application_id', '=', applicationId);
  if (expertSub) q = q.where('expert_sub', '=', expertSub);
  return Number((await q.executeTakeFirst())?.n ?? 0);
}

/** `score` is the weighted total rounded to 2 decimals (shown); `weightedScore` the exact one (4 decimals) that ranks. */
export async function insertReview(
  em: Em,
  r: { id: string; applicationId: string; expertSub: string; expertOrg: string | null; score: string; weightedScore: string; criterionScores: { criterion: string; score: string }[]; opinion: string; at?: string },
): Promise<void> {
  await db(em)
    .insertInto('expert_review')
    .values({
      id: r.id,
      application_id: r.applicationId,
      expert_sub: r.expertSub,
      expert_org: r.expertOrg,
      score: r.score,
      weighted_score: r.weightedScore,
      criterion_scores: jsonb(r.criterionScores),
      opinion: r.opinion,
      ...(r.at ? { created_at: r.at } : {}),
    })
    .execute();
}

/**
 * The exact weighted scores of every application of a call still in the running (expert review or publicity), one
 * row per review; applications without a review come with a null score. One query for the whole ranking.
 */
export async function callReviewScores(em: Em, callId: string) {
  return db(em)
    .selectFrom('operator_application')
    .leftJoin('expert_review', 'expert_review.application_id', 'operator_application.id')
    .select(['operator_application.id', 'operator_application.status', 'expert_review.weighted_score'])
    .where('operator_application.call_id', '=', callId)
    .where('operator_application.status', 'in', ['EXPERT_REVIEW', 'PUBLICITY', 'FILED', 'APPROVED', 'SIGNED'])
    .execute();
}

/** The re-application for renewal of an agreement still open (not rejected), if any. */
export async function reapplicationOf(em: Em, agreementId: string): Promise<string | null> {
  const row = await db(em).selectFrom('operator_application').select('id').where('renews_agreement_id', '=', agreementId).where('status', '<>', 'REJECTED').executeTakeFirst();
  return row?.id ?? null;
}
