import { pageOf, scopeWhere, type Em, type Identity } from '@pdo/platform';
import { camel, camelAll, type AgreementRow, type AgreementStatus, type ReadinessRow, type RectificationRow, type RectificationStatus, type RenewalRow } from './rows.js';
import { db, jsonb, type AssetDisposition } from './tables.js';

type Window = { limit: number; offset: number };

export async function getAgreement(em: Em, id: string, lock = false): Promise<AgreementRow | null> {
  let q = db(em).selectFrom('agreement').selectAll().where('id', '=', id);
  if (lock) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  return row ? (camel(row) as AgreementRow) : null;
}

export async function agreementsByIds(em: Em, ids: readonly string[]): Promise<AgreementRow[]> {
  return camelAll(await db(em).selectFrom('agreement').selectAll().where('id', 'in', ids).execute()) as AgreementRow[];
}

/** Agreements the caller may see (officials of the jurisdiction, the operator its own), newest start first. */
export async function agreementPage(em: Em, identity: Identity, filter: { jurisdiction?: string | null; operatorId?: string | null; status?: string | null }, window: Window) {
  const k = db(em);
  let q = k
    .selectFrom('agreement')
    .selectAll()
    .where(scopeWhere(identity, { jurisdiction: 'jurisdiction', orgs: ['operator_id'] }))
    .orderBy('start_date', 'desc')
    .orderBy('id');
  if (filter.jurisdiction) q = q.where('jurisdiction', '=', filter.jurisdiction);
  if (filter.operatorId) q = q.where('operator_id', '=', filter.operatorId);
  if (filter.status) q = q.where('status', '=', filter.status);
  const page = await pageOf(k, q, window);
  return { rows: camelAll(page.rows) as AgreementRow[], totalCount: page.totalCount };
}

/** How many agreements of the jurisdiction already carry a number with this prefix (numbers are per year). */
export async function numbersWithPrefix(em: Em, jurisdiction: string, prefix: string): Promise<number> {
  const row = await db(em)
    .selectFrom('agreement')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('jurisdiction', '=', jurisdiction)
    .where('number', 'like', `${prefix}%`)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

export async function insertAgreement(
  em: Em,
  a: Pick<AgreementRow, 'id' | 'number' | 'jurisdiction' | 'operatorId' | 'applicationId' | 'mode' | 'status' | 'startDate' | 'endDate' | 'trialEndDate' | 'resourceIds' | 'sectors' | 'contents' | 'profileVersion' | 'signedOn'> & {
    filedOn?: string | null;
    activatedAt?: string | null;
    at: string;
  },
): Promise<void> {
  await db(em)
    .insertInto('agreement')
    .values({
      id: a.id,
      number: a.number,
      jurisdiction: a.jurisdiction,
      operator_id: a.operatorId,
      application_id: a.applicationId,
      mode: a.mode,
      status: a.status,
      start_date: a.startDate,
      end_date: a.endDate,
      trial_end_date: a.trialEndDate,
      resource_ids: a.resourceIds,
      sectors: a.sectors,
      contents: jsonb(a.contents),
      profile_version: a.profileVersion,
      signed_on: a.signedOn,
      filed_on: a.filedOn ?? null,
      activated_at: a.activatedAt ?? null,
      status_changed_at: a.activatedAt ?? a.at,
      created_at: a.at,
    })
    .execute();
}

/** Agreements of the jurisdiction in these states, except one. */
export async function agreementsInStates(em: Em, jurisdiction: string, statuses: readonly AgreementStatus[], except: string | null): Promise<{ id: string; number: string }[]> {
  let q = db(em).selectFrom('agreement').select(['id', 'number']).where('jurisdiction', '=', jurisdiction).where('status', 'in', statuses);
  if (except) q = q.where('id', '<>', except);
  return q.execute();
}

/** A state change: the end day and the earliest log purge when given; the first activation is remembered. */
export async function setAgreementStatus(em: Em, id: string, status: AgreementStatus, reason: string | null, at: string, extra: { endedOn?: string; logPurgeEarliest?: string } = {}): Promise<void> {
  await db(em)
    .updateTable('agreement')
    .set((eb) => ({
      status,
      status_reason: reason,
      status_changed_at: at,
      ...(extra.endedOn ? { ended_on: extra.endedOn } : {}),
      ...(extra.logPurgeEarliest ? { log_purge_earliest: extra.logPurgeEarliest } : {}),
      activated_at: status === 'ACTIVE' ? eb.fn.coalesce('activated_at', eb.val(at)) : eb.ref('activated_at'),
    }))
    .where('id', '=', id)
    .execute();
}

/** The columns a step of the agreement records besides its state (filing, renewal, early termination, exit duties). */
export interface AgreementChange {
  filedOn?: string;
  endDate?: string;
  profileVersion?: number;
  terminationNoticeOn?: string;
  terminationEffectiveOn?: string;
  terminationConsented?: boolean;
  dataDeletedOn?: string;
  assetDisposition?: AssetDisposition;
  logsPurgedOn?: string;
}

export async function updateAgreement(em: Em, id: string, c: AgreementChange): Promise<void> {
  await db(em)
    .updateTable('agreement')
    .set({
      ...(c.filedOn !== undefined ? { filed_on: c.filedOn } : {}),
      ...(c.endDate !== undefined ? { end_date: c.endDate } : {}),
      ...(c.profileVersion !== undefined ? { profile_version: c.profileVersion } : {}),
      ...(c.terminationNoticeOn !== undefined ? { termination_notice_on: c.terminationNoticeOn } : {}),
      ...(c.terminationEffectiveOn !== undefined ? { termination_effective_on: c.terminationEffectiveOn } : {}),
      ...(c.terminationConsented !== undefined ? { termination_consented: c.terminationConsented } : {}),
      ...(c.dataDeletedOn !== undefined ? { data_deleted_on: c.dataDeletedOn } : {}),
      ...(c.assetDisposition !== undefined ? { asset_disposition: jsonb(c.assetDisposition) } : {}),
      ...(c.logsPurgedOn !== undefined ? { logs_purged_on: c.logsPurgedOn } : {}),
    })
    .where('id', '=', id)
    .execute();
}

/**
 * Live agreements whose day has come (`today`): consented early terminations on their effective day, the others at
 * the end of their last day. Locked and skipped when another clock run holds them.
 */
export async function agreementsDue(em: Em, today: string): Promise<{ id: string; kind: 'EXPIRED' | 'TERMINATED' }[]> {
  const rows = await db(em)
    .selectFrom('agreement')
    .select((eb) => [
      'id',
      eb.case().when(eb.and([eb('termination_consented', '=', true), eb('termination_effective_on', '<=', today)])).then('TERMINATED').else('EXPIRED').end().as('kind'),
    ])
    .where('status', 'in', ['SIGNED', 'ACTIVE', 'SUSPENDED'])
    .where((eb) => eb.or([eb('end_date', '<', today), eb.and([eb('termination_consented', '=', true), eb('termination_effective_on', '<=', today)])]))
    .orderBy('id')
    .forUpdate()
    .skipLocked()
    .execute();
  return rows as { id: string; kind: 'EXPIRED' | 'TERMINATED' }[];
}

// ── readiness ──────────────────────────────────────────────────────────────
export async function readinessOf(em: Em, agreementIds: readonly string[]): Promise<ReadinessRow[]> {
  return camelAll(await db(em).selectFrom('readiness_record').selectAll().where('agreement_id', 'in', agreementIds).orderBy('done_on').orderBy('id').execute()) as ReadinessRow[];
}

export async function getReadiness(em: Em, id: string): Promise<ReadinessRow | null> {
  const row = await db(em).selectFrom('readiness_record').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? (camel(row) as ReadinessRow) : null;
}

export async function insertReadiness(em: Em, r: Omit<ReadinessRow, 'createdAt'> & { at?: string }): Promise<void> {
  await db(em)
    .insertInto('readiness_record')
    .values({
      id: r.id,
      agreement_id: r.agreementId,
      kind: r.kind,
      subject: r.subject,
      passed: r.passed,
      done_on: r.doneOn,
      filed_on: r.filedOn,
      valid_until: r.validUntil,
      document_hash: r.documentHash,
      ...(r.at ? { created_at: r.at } : {}),
    })
    .execute();
}

// ── rectifications ─────────────────────────────────────────────────────────
export async function getRectification(em: Em, id: string, lock = false): Promise<RectificationRow | null> {
  let q = db(em).selectFrom('rectification').selectAll().where('id', '=', id);
  if (lock) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  return row ? (camel(row) as RectificationRow) : null;
}

export async function rectificationsOf(em: Em, agreementIds: readonly string[]): Promise<RectificationRow[]> {
  return camelAll(await db(em).selectFrom('rectification').selectAll().where('agreement_id', 'in', agreementIds).orderBy('opened_at', 'desc').orderBy('id').execute()) as RectificationRow[];
}

export async function rectificationOfFinding(em: Em, findingId: string): Promise<string | null> {
  return (await db(em).selectFrom('rectification').select('id').where('finding_id', '=', findingId).executeTakeFirst())?.id ?? null;
}

export async function insertRectification(
  em: Em,
  r: { id: string; agreementId: string; cause: string; origin: string; description: string; findingId: string | null; deadline: string; openedAt: string },
): Promise<void> {
  await db(em)
    .insertInto('rectification')
    .values({ id: r.id, agreement_id: r.agreementId, cause: r.cause, origin: r.origin, description: r.description, finding_id: r.findingId, deadline: r.deadline, status: 'OPEN', opened_at: r.openedAt })
    .execute();
}

export async function updateRectification(em: Em, id: string, c: { status: RectificationStatus; plan?: string; outcomeNote?: string; closedAt?: string }): Promise<void> {
  await db(em)
    .updateTable('rectification')
    .set({
      status: c.status,
      ...(c.plan !== undefined ? { plan: c.plan } : {}),
      ...(c.outcomeNote !== undefined ? { outcome_note: c.outcomeNote } : {}),
      ...(c.closedAt !== undefined ? { closed_at: c.closedAt } : {}),
    })
    .where('id', '=', id)
    .execute();
}

/** Open rectifications of the agreement other than `except`. */
export async function otherOpenRectifications(em: Em, agreementId: string, except: string): Promise<number> {
  const row = await db(em)
    .selectFrom('rectification')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('agreement_id', '=', agreementId)
    .where('id', '<>', except)
    .where('status', 'in', ['OPEN', 'PLAN_SUBMITTED'])
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** An ending agreement fails its open rectifications (the note kept when one was written). */
export async function failOpenRectifications(em: Em, agreementId: string, at: string, note: string): Promise<void> {
  await db(em)
    .updateTable('rectification')
    .set((eb) => ({ status: 'FAILED', closed_at: at, outcome_note: eb.fn.coalesce('outcome_note', eb.val(note)) }))
    .where('agreement_id', '=', agreementId)
    .where('status', 'in', ['OPEN', 'PLAN_SUBMITTED'])
    .execute();
}

/** Unconcluded rectifications past their deadline on active agreements, the agreement rows locked (skipped when held). */
export async function overdueRectifications(em: Em, today: string): Promise<{ id: string; agreementId: string; cause: string; deadline: string }[]> {
  return db(em)
    .selectFrom('rectification as r')
    .innerJoin('agreement as a', 'a.id', 'r.agreement_id')
    .select(['r.id as id', 'r.agreement_id as agreementId', 'r.cause as cause', 'r.deadline as deadline'])
    .where('r.status', 'in', ['OPEN', 'PLAN_SUBMITTED'])
    .where('r.deadline', '<', today)
    .where('a.status', '=', 'ACTIVE')
    .orderBy('r.agreement_id')
    .orderBy('r.id')
    .forUpdate('a')
    .skipLocked()
    .execute();
}

// ── renewals ───────────────────────────────────────────────────────────────
export async function getRenewal(em: Em, id: string, lock = false): Promise<RenewalRow | null> {
  let q = db(em).selectFrom('renewal_request').selectAll().where('id', '=', id);
  if (lock) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  return row ? (camel(row) as RenewalRow) : null;
}

export async function renewalsOf(em: Em, agreementIds: readonly string[]): Promise<RenewalRow[]> {
  return camelAll(await db(em).selectFrom('renewal_request').selectAll().where('agreement_id', 'in', agreementIds).orderBy('created_at', 'desc').orderBy('id').execute()) as RenewalRow[];
}

export async function pendingRenewal(em: Em, agreementId: string): Promise<string | null> {
  return (await db(em).selectFrom('renewal_request').select('id').where('agreement_id', '=', agreementId).where('status', '=', 'PENDING').executeTakeFirst())?.id ?? null;
}

export async function insertRenewal(em: Em, r: { id: string; agreementId: string; requestedOn: string; proposedEndDate: string; at: string }): Promise<void> {
  await db(em)
    .insertInto('renewal_request')
    .values({ id: r.id, agreement_id: r.agreementId, requested_on: r.requestedOn, proposed_end_date: r.proposedEndDate, status: 'PENDING', created_at: r.at })
    .execute();
}

export async function decideRenewal(em: Em, id: string, status: 'APPROVED' | 'REFUSED', note: string | null): Promise<void> {
  await db(em).updateTable('renewal_request').set({ status, decision_note: note }).where('id', '=', id).execute();
}

export async function refusePendingRenewals(em: Em, agreementId: string, note: string): Promise<void> {
  await db(em).updateTable('renewal_request').set({ status: 'REFUSED', decision_note: note }).where('agreement_id', '=', agreementId).where('status', '=', 'PENDING').execute();
}
