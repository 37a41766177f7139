import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { pageOf, type Em } from '@pdo/platform';
import { db } from './tables.js';
import { jsonb } from './json.js';
import { toApplication, toUsageAgreement, type ApplicationRow, type AssessmentRow, type TermsRow, type UsageAgreementRow } from './rows.js';

/** The filters every usage list takes (applications, agreements, records). */
export interface UsageListFilter {
  productId?: string | null;
  developerId?: string | null;
  status?: string | null;
  entitlementId?: string | null;
}
type Window = { limit: number; offset: number };

export async function applicationById(em: Em, id: string, lock = false): Promise<ApplicationRow | null> {
  let q = db(em).selectFrom('usage_application').selectAll().where('id', '=', id);
  if (lock) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  return row ? toApplication(row) : null;
}

/** A page of usage applications within `visible` (access.ts), newest first. */
export async function applicationPage(em: Em, visible: RawBuilder<SqlBool>, f: UsageListFilter, window: Window) {
  const k = db(em);
  let q = k.selectFrom('usage_application').selectAll().where(visible);
  if (f.productId) q = q.where('product_id', '=', f.productId);
  if (f.developerId) q = q.where('developer_id', '=', f.developerId);
  if (f.status) q = q.where('status', '=', f.status);
  const page = await pageOf(k, q.orderBy('created_at', 'desc').orderBy('id'), window);
  return { rows: page.rows.map(toApplication), totalCount: page.totalCount };
}

/** An application still in progress or an agreement in force between this developer and product. */
export async function openUsageOf(em: Em, productId: string, developerId: string): Promise<{ id: string } | null> {
  const k = db(em);
  const r = await k
    .selectFrom('usage_application')
    .select('id')
    .where('product_id', '=', productId)
    .where('developer_id', '=', developerId)
    .where('status', 'in', ['APPLIED', 'ASSESSED'])
    .unionAll(
      k.selectFrom('usage_agreement').select('id').where('product_id', '=', productId).where('developer_id', '=', developerId).where('status', 'in', ['PENDING_ACCEPTANCE', 'SIGNED']),
    )
    .limit(1)
    .executeTakeFirst();
  return r ?? null;
}

export interface NewApplication {
  id: string;
  productId: string;
  developerId: string;
  operatorId: string;
  jurisdiction: string;
  purpose: string;
  usePurpose: 'PUBLIC_GOVERNANCE' | 'PUBLIC_WELFARE' | 'INDUSTRY' | null;
  nonProfit: boolean | null;
  scenario: string;
  scope: string;
  method: string;
  startDate: string;
  endDate: string;
  requestedQuota: string | null;
  at: string;
}
export async function insertApplication(em: Em, a: NewApplication): Promise<void> {
  await db(em)
    .insertInto('usage_application')
    .values({
      id: a.id, product_id: a.productId, developer_id: a.developerId, operator_id: a.operatorId, jurisdiction: a.jurisdiction, purpose: a.purpose, use_purpose: a.usePurpose, non_profit: a.nonProfit,
      scenario: a.scenario, scope: a.scope, method: a.method, start_date: a.startDate, end_date: a.endDate, requested_quota: a.requestedQuota,
      status: 'APPLIED', created_at: a.at, updated_at: a.at,
    })
    .execute();
}

export async function recordAssessment(em: Em, id: string, status: 'ASSESSED' | 'REFUSED', assessment: AssessmentRow, terms: TermsRow | null, reasons: string[]): Promise<void> {
  await db(em)
    .updateTable('usage_application')
    .set({ status, assessment: jsonb(assessment), proposed_terms: terms ? jsonb(terms) : null, decision_reasons: reasons, updated_at: sql<string>`now()` })
    .where('id', '=', id)
    .execute();
}

export async function refuseApplication(em: Em, id: string, reasons: string[]): Promise<void> {
  await db(em).updateTable('usage_application').set({ status: 'REFUSED', decision_reasons: reasons, updated_at: sql<string>`now()` }).where('id', '=', id).execute();
}

export async function approveApplication(em: Em, id: string, usageAgreementId: string): Promise<void> {
  await db(em)
    .updateTable('usage_application')
    .set({ status: 'APPROVED', usage_agreement_id: usageAgreementId, updated_at: sql<string>`now()` })
    .where('id', '=', id)
    .execute();
}

/** Applications still open on a product are refused with it (delisting). */
export async function refuseOpenApplications(em: Em, productId: string, reason: string): Promise<void> {
  await db(em)
    .updateTable('usage_application')
    .set({ status: 'REFUSED', decision_reasons: [reason], updated_at: sql<string>`now()` })
    .where('product_id', '=', productId)
    .where('status', 'in', ['APPLIED', 'ASSESSED'])
    .execute();
}

// ── usage agreements (应用协议) ──

export async function usageAgreementById(em: Em, id: string, lock = false): Promise<UsageAgreementRow | null> {
  let q = db(em).selectFrom('usage_agreement').selectAll().where('id', '=', id);
  if (lock) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  return row ? toUsageAgreement(row) : null;
}

/** A page of usage agreements within `visible` (access.ts), newest first. */
export async function usageAgreementPage(em: Em, visible: RawBuilder<SqlBool>, f: UsageListFilter, window: Window) {
  const k = db(em);
  let q = k.selectFrom('usage_agreement').selectAll().where(visible);
  if (f.productId) q = q.where('product_id', '=', f.productId);
  if (f.developerId) q = q.where('developer_id', '=', f.developerId);
  if (f.status) q = q.where('status', '=', f.status);
  const page = await pageOf(k, q.orderBy('created_at', 'desc').orderBy('id'), window);
  return { rows: page.rows.map(toUsageAgreement), totalCount: page.totalCount };
}

export interface NewUsageAgreement {
  id: string;
  application: ApplicationRow;
  category: string;
  terms: TermsRow;
  at: string;
}
/** The agreement an approved application drafts, waiting for both parties to accept. */
export async function insertUsageAgreement(em: Em, u: NewUsageAgreement): Promise<void> {
  const a = u.application;
  await db(em)
    .insertInto('usage_agreement')
    .values({
      id: u.id, application_id: a.id, product_id: a.productId, developer_id: a.developerId, operator_id: a.operatorId, jurisdiction: a.jurisdiction,
      category: u.category, purpose: a.purpose, use_purpose: a.usePurpose, non_profit: a.nonProfit, scope: a.scope, method: a.method, start_date: a.startDate, end_date: a.endDate,
      revenue_distribution: u.terms.revenueDistribution, security_terms: u.terms.securityTerms, confidentiality_terms: u.terms.confidentialityTerms,
      quota_units: u.terms.quotaUnits, status: 'PENDING_ACCEPTANCE', created_at: u.at,
    })
    .execute();
}

export async function recordAcceptance(em: Em, id: string, party: 'operator' | 'developer', at: string): Promise<void> {
  await db(em)
    .updateTable('usage_agreement')
    .set(party === 'operator' ? { operator_accepted_at: at } : { developer_accepted_at: at })
    .where('id', '=', id)
    .execute();
}

export async function markSigned(em: Em, id: string, at: string): Promise<void> {
  await db(em).updateTable('usage_agreement').set({ status: 'SIGNED', signed_at: at }).where('id', '=', id).execute();
}

export async function markEnded(em: Em, id: string, at: string, reason: string): Promise<void> {
  await db(em).updateTable('usage_agreement').set({ status: 'ENDED', ended_at: at, end_reason: reason }).where('id', '=', id).execute();
}
