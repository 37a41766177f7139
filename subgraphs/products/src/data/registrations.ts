import { sql } from 'kysely';
import type { Em } from '@pdo/platform';
import { db } from './tables.js';
import { jsonb } from './json.js';
import { toRegistration, type RegistrationRow } from './rows.js';
import { anyUuid } from './columns.js';

export async function registrationById(em: Em, id: string, lock = false): Promise<RegistrationRow | null> {
  let q = db(em).selectFrom('product_registration').selectAll().where('id', '=', id);
  if (lock) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  return row ? toRegistration(row) : null;
}

/** The newest registration of each product (the loader's batch). */
export async function latestRegistrations(em: Em, productIds: readonly string[]): Promise<RegistrationRow[]> {
  const rows = await db(em)
    .selectFrom('product_registration')
    .selectAll()
    .distinctOn('product_id')
    .where('product_id', '=', anyUuid(productIds))
    .orderBy('product_id')
    .orderBy('created_at', 'desc')
    .execute();
  return rows.map(toRegistration);
}

/** A registration of this version still in progress (not in one of `terminal`). */
export async function openRegistration(em: Em, productId: string, version: number, terminal: readonly string[]): Promise<{ id: string; state: string } | null> {
  const r = await db(em)
    .selectFrom('product_registration')
    .select(['id', 'state'])
    .where('product_id', '=', productId)
    .where('version', '=', version)
    .where('state', 'not in', terminal)
    .executeTakeFirst();
  return r ?? null;
}

export interface NewRegistration {
  id: string;
  productId: string;
  version: number;
  jurisdiction: string;
  operatorId: string;
  submittedOn: string;
  providedOn: string | null;
  agreementEnd: string | null;
  history: unknown[];
}
export async function insertRegistration(em: Em, r: NewRegistration): Promise<void> {
  await db(em)
    .insertInto('product_registration')
    .values({
      id: r.id, product_id: r.productId, version: r.version, jurisdiction: r.jurisdiction, operator_id: r.operatorId, state: 'APPLIED',
      submitted_on: r.submittedOn, provided_on: r.providedOn, agreement_end: r.agreementEnd, history: jsonb(r.history),
    })
    .execute();
}

/** How many registrations of the jurisdiction were coded, for the next registration code. */
export async function codedCount(em: Em, jurisdiction: string): Promise<number> {
  const r = await db(em)
    .selectFrom('product_registration')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('jurisdiction', '=', jurisdiction)
    .where('registration_code', 'is not', null)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** What a step of the registration changes; each step appends itself to the history. */
export interface RegistrationStep {
  state: string;
  lastReason: string | null;
  acceptedOn?: string;
  submittedOn?: string;
  noticeStartedOn?: string;
  codedOn?: string;
  validUntil?: string | null;
  registrationCode?: string;
}
export async function advanceRegistration(em: Em, id: string, step: RegistrationStep, entry: unknown): Promise<void> {
  await db(em)
    .updateTable('product_registration')
    .set({
      state: step.state,
      last_reason: step.lastReason,
      ...(step.acceptedOn !== undefined ? { accepted_on: step.acceptedOn } : {}),
      ...(step.submittedOn !== undefined ? { submitted_on: step.submittedOn } : {}),
      ...(step.noticeStartedOn !== undefined ? { notice_started_on: step.noticeStartedOn } : {}),
      ...(step.codedOn !== undefined ? { coded_on: step.codedOn } : {}),
      ...(step.validUntil !== undefined ? { valid_until: step.validUntil } : {}),
      ...(step.registrationCode !== undefined ? { registration_code: step.registrationCode } : {}),
      history: sql<unknown[]>`history || ${jsonb([entry])}`,
    })
    .where('id', '=', id)
    .execute();
}
