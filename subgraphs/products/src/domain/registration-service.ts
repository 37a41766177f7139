import { randomUUID } from 'node:crypto';
import { badInput, conflict, forbidden, inTransaction, notFound, policyViolation, profileFor, requireRole, sql, sqlOne, type RequestContext } from '@pdo/platform';
import { calendarOfProfile, type EffectiveProfile } from '@pdo/policy';
import {
  firstApplicationDue,
  registrationClock,
  registrationCode,
  registrationTransition,
  renewalCheck,
  validityOnCoding,
  TERMINAL_STATES,
  type RegistrationAction,
  type RegistrationActor,
  type RegistrationState,
} from '@pdo/registration';
import { REGISTRATION_COLS, type RegistrationRow } from '../data/rows.js';
import { agreementView, lockProduct, orgOf, todayOf } from './context.js';

/*
 * Product registration (登记, RG) reuses the shared state machine and working-day timers of
 * @pdo/registration; this file only stores the dates and runs the side effects of each step.
 */

/** Due date of the first application: 20 working days after delivery (listing), RG Art 9. */
export function firstRegistrationDue(profile: EffectiveProfile, deliveredOn: string): string {
  return firstApplicationDue(profile, calendarOfProfile(profile), deliveredOn);
}

export async function applyProductRegistration(ctx: RequestContext<any>, productId: string): Promise<string> {
  requireRole(ctx.identity, 'OPERATOR');
  const today = todayOf(ctx);
  return inTransaction(ctx, async ({ tx, audit }) => {
    const p = await lockProduct(tx, productId);
    if (orgOf(ctx.identity) !== p.operatorId) throw forbidden('只能为本单位的产品申请登记', 'You may only register your own products');
    const approved = await sqlOne<{ version: number; delivered_on: string | null }>(
      tx,
      `select version, (delivered_at at time zone 'Asia/Shanghai')::date::text as delivered_on from product_version
        where product_id = $1 and status = 'APPROVED' order by version desc limit 1`,
      [p.id],
    );
    if (!approved) throw policyViolation('NS Art 16; HN Art 15', '只有通过合规审核的产品版本才能登记', 'Only a version that passed compliance review can be registered');
    const open = await sqlOne<{ id: string; state: string }>(
      tx,
      `select id, state from product_registration where product_id = $1 and version = $2 and not (state = any($3::text[]))`,
      [p.id, approved.version, TERMINAL_STATES],
    );
    if (open) throw conflict('该版本已有进行中的登记', 'This version already has a registration in progress', { details: { registrationId: open.id, state: open.state } });
    const agreement = await agreementView(tx, p.agreementId);
    const id = randomUUID();
    await sql(
      tx,
      `insert into product_registration (id, product_id, version, jurisdiction, operator_id, state, submitted_on, provided_on, agreement_end, history)
       values ($1, $2, $3, $4, $5, 'APPLIED', $6::date, $7::date, $8::date, $9::jsonb)`,
      [id, p.id, approved.version, p.jurisdiction, p.operatorId, today, approved.delivered_on, agreement?.endDate ?? null, JSON.stringify([{ state: 'APPLIED', on: today, by: ctx.identity.sub }])],
    );
    audit({ entityType: 'ProductRegistration', entityId: id, action: 'APPLIED', changes: { productId: p.id, version: approved.version } });
    return id;
  });
}

export async function advanceProductRegistration(ctx: RequestContext<any>, registrationId: string, action: RegistrationAction, reason: string | null | undefined): Promise<void> {
  if (ctx.identity.role === 'ANONYMOUS') requireRole(ctx.identity, 'OPERATOR');
  const today = todayOf(ctx);
  await inTransaction(ctx, async ({ tx, audit }) => {
    const r = await sqlOne<RegistrationRow>(tx, `select ${REGISTRATION_COLS} from product_registration g where g.id = $1 for update`, [registrationId]);
    if (!r) throw notFound('产品登记', 'Product registration', registrationId);
    const actor: RegistrationActor =
      ctx.identity.role === 'OPERATOR' && ctx.identity.org === r.operatorId ? 'REGISTRANT'
      : ctx.identity.role === 'AGENCY' && ctx.identity.jurisdiction === r.jurisdiction ? 'REGISTRAR'
      : 'PUBLIC';
    const t = registrationTransition(r.state as RegistrationState, action, actor, reason);
    if (!t.ok) {
      if (t.reason === 'WRONG_STATE') throw conflict(`登记状态为 ${r.state}，不能执行 ${action}`, `Registration is ${r.state}; ${action} is not allowed`, { details: { allowedFrom: t.allowedFrom }, rule: t.article });
      if (t.reason === 'WRONG_ACTOR') throw forbidden('无权执行此登记操作', `You may not take ${action} on this registration`, { rule: t.article });
      throw badInput('此操作须说明理由', `${action} needs a reason`, { field: 'reason', rule: t.article });
    }
    const profile = await profileFor(tx, r.jurisdiction);
    const calendar = calendarOfProfile(profile);
    const set: Record<string, unknown> = { state: t.to, last_reason: reason?.trim() || null };
    if (action === 'ACCEPT') set.accepted_on = today;
    if (action === 'RESUBMIT') set.submitted_on = today; // resubmission restarts the acceptance clock (RG Art 10)
    if (action === 'PASS_FORMAL_REVIEW') set.notice_started_on = today;
    if (action === 'CODE') {
      const clock = registrationClock(profile, calendar, 'PUBLIC_NOTICE', { ...r }, today);
      if (clock.dueOn && today <= clock.dueOn) {
        throw policyViolation('RG Art 12', `公示期至 ${clock.dueOn} 结束，期满后方可赋码`, `The public notice runs until ${clock.dueOn}; code after it ends`, { details: { noticeEndsOn: clock.dueOn } });
      }
      const [seq] = await sql<{ n: number }>(tx, `select count(*)::int + 1 as n from product_registration where jurisdiction = $1 and registration_code is not null`, [r.jurisdiction]);
      set.coded_on = today;
      set.valid_until = validityOnCoding(profile, calendar, today, r.agreementEnd);
      set.registration_code = registrationCode(r.jurisdiction, 'P', today, seq!.n);
    }
    if (action === 'RENEW') {
      const check = renewalCheck(profile, calendar, r.validUntil!, today);
      if (!check.ok) throw policyViolation('RG Art 15', `续期须在 ${check.opensOn} 至 ${r.validUntil} 之间申请`, `Renewal is accepted between ${check.opensOn} and ${r.validUntil}`, { details: { opensOn: check.opensOn } });
      set.valid_until = check.newValidUntil;
    }
    const cols = Object.keys(set);
    await sql(
      tx,
      `update product_registration set ${cols.map((c, i) => `${c} = $${i + 2}`).join(', ')},
         history = history || $${cols.length + 2}::jsonb where id = $1`,
      [r.id, ...cols.map((c) => set[c]), JSON.stringify([{ action, state: t.to, on: today, by: ctx.identity.sub, reason: reason ?? null }])],
    );
    audit({ entityType: 'ProductRegistration', entityId: r.id, action, changes: { from: r.state, to: t.to, reason, article: t.article } });
  });
}
