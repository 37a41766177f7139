import { badInput, conflict, connectionOf, inTransaction, newId, notFound, policyViolation, type Em, type PageArgs } from '@pdo/platform';
import { addDays, addMonths, checkAgreementTerm, termMonths, type EffectiveProfile, type LocalDate } from '@pdo/policy';
import { canSee, requireOfficial, requireOwnOperator } from '../access.js';
import { agreementPage, getAgreement, getReadiness, insertAgreement, insertReadiness, numbersWithPrefix, setAgreementStatus, updateAgreement } from '../data/agreements.js';
import { getApplication, markCallAwarded, moveApplication } from '../data/calls.js';
import { getOrg } from '../data/organizations.js';
import type { AgreementRow, ReadinessKind } from '../data/rows.js';
import { AGREEMENT_CONTENT_ITEMS, agreementFacts, agreementNumber, agreementNumberPrefix, readinessGates, type AgreementContents } from '../domain/agreement-lifecycle.js';
import { APPLICATION_TRANSITIONS, eligibilityOf, type ApplicationStatus } from '../domain/applications.js';
import { assertReady, assertSingleOperator, loadAgreement } from './agreement-steps.js';
import { assertAuthorizable } from './calls.js';
import { assertTransition, enforce, policyCall, required, today, type Ctx } from './checks.js';
import { withIntegrity } from './integrity.js';
import { assertSuccessorStart, selectionBasis } from './renewals.js';
import { loadProfile, profileForRead, requireLifecycleRole } from './profiles.js';
import { attachPlanInForce } from './implementation-plans.js';

export interface SignAgreementInput {
  applicationId: string;
  startDate: LocalDate;
  endDate: LocalDate;
  trialEndDate?: LocalDate | null;
  resourceIds?: string[] | null;
  contents: AgreementContents;
}

/**
 * Eligibility is checked again on the day of signing (JL §三; TZ Art 12; QHD §三(二)1): a record loaded or a fact
 * changed since the application bars the signature.
 */
async function assertStillEligible(em: Em, profile: EffectiveProfile, version: number, applicantId: string, day: LocalDate): Promise<void> {
  const org = (await getOrg(em, applicantId))!;
  const e = await withIntegrity(em, profile, org, policyCall(() => eligibilityOf(profile, version, org, day)));
  if (e.eligible) return;
  const failing = e.criteria.filter((c) => !c.passed);
  throw policyViolation(profile.eligibility.source, `签约日资格复核未通过：${failing.map((c) => c.reasonZh).join('；')}`, `Not eligible on the day of signing: ${failing.map((c) => c.reasonEn).join('; ')}`, { details: { reason: 'NOT_ELIGIBLE_AT_SIGNING', failing } });
}

/**
 * Signing: the application has passed 三重一大; the term is checked against the current profile (which the agreement
 * then keeps), the one-operator rule where the profile demands it.
 */
export async function signAgreement(ctx: Ctx, input: SignAgreementInput): Promise<string> {
  for (const k of AGREEMENT_CONTENT_ITEMS) required(input.contents[k], `input.contents.${k}`, `协议内容 ${k}`, `Agreement item ${k}`);
  const day = today(ctx);
  return inTransaction(ctx, async ({ tx, audit, publish }) => {
    const app = await getApplication(tx, input.applicationId, true);
    if (!app) throw notFound('申请', 'Application', input.applicationId);
    await requireLifecycleRole(tx, ctx.identity, app.jurisdiction, 'signAgreement');
    assertTransition('申请', 'Application', APPLICATION_TRANSITIONS, 'SIGN', app.status as ApplicationStatus);
    const basis = await selectionBasis(tx, app);
    const { profile, version } = await loadProfile(tx, app.jurisdiction);
    await assertStillEligible(tx, profile, version, app.applicantId, day);
    await assertSuccessorStart(tx, basis, input.startDate, profile.renewalProcedure.source);
    let trialMonths = 0;
    if (input.trialEndDate) {
      if (input.trialEndDate < input.startDate || input.trialEndDate >= input.endDate) throw badInput('试运行期须在协议期限内', 'The trial must lie within the term', { field: 'input.trialEndDate' });
      trialMonths = termMonths(input.startDate, input.trialEndDate);
    }
    enforce(checkAgreementTerm(profile, input.startDate, input.endDate, trialMonths), { maxMonths: profile.agreementTerm.value.maxMonths, trialMaxMonths: profile.agreementTerm.value.trialMaxMonths }, 'input.endDate');
    const resourceIds = input.resourceIds?.length ? input.resourceIds : basis.resourceIds;
    const outside = resourceIds.filter((r) => !basis.resourceIds.includes(r));
    if (basis.resourceIds.length && outside.length) throw policyViolation('NS Art 14(1)', '协议资源超出公告范围', 'Resources outside the call\'s scope', { field: 'input.resourceIds', details: { resourceIds: outside } });
    await assertAuthorizable(tx, resourceIds, app.jurisdiction, 'input.resourceIds');
    // A successor follows its predecessor: the one-operator rule does not count the agreement it succeeds.
    await assertSingleOperator(tx, profile, app.jurisdiction, basis.predecessor?.id ?? null);
    const id = newId();
    const year = input.startDate.slice(0, 4);
    const number = agreementNumber(app.jurisdiction, year, (await numbersWithPrefix(tx, app.jurisdiction, agreementNumberPrefix(app.jurisdiction, year))) + 1);
    const at = ctx.now.toISOString();
    await insertAgreement(tx, {
      id, number, jurisdiction: app.jurisdiction, operatorId: app.applicantId, applicationId: app.id, mode: basis.mode as AgreementRow['mode'], status: 'SIGNED',
      startDate: input.startDate, endDate: input.endDate, trialEndDate: input.trialEndDate ?? null, resourceIds, sectors: basis.sectors, contents: input.contents as Record<string, string>,
      profileVersion: version, signedOn: day, at,
    });
    const planId = await attachPlanInForce(tx, profile, app.jurisdiction, id);
    await moveApplication(tx, app.id, 'SIGNED', at, { agreementId: id });
    if (basis.callId) await markCallAwarded(tx, basis.callId);
    audit({ entityType: 'AuthorizationAgreement', entityId: id, action: 'SIGNED', changes: { number, applicationId: app.id, succeeds: basis.predecessor?.id ?? null, startDate: input.startDate, endDate: input.endDate, trialEndDate: input.trialEndDate ?? null, resourceIds, profileVersion: version, planId } });
    audit({ entityType: 'OperatorApplication', entityId: app.id, action: 'SIGNED', changes: { agreementId: id } });
    const a = (await getAgreement(tx, id))!;
    await publish('AgreementSigned', agreementFacts(a), a.jurisdiction);
    return id;
  });
}

/** Filing of the signed agreement (NS Art 13; QHD files with the province). */
export async function fileAgreement(ctx: Ctx, input: { id: string }): Promise<string> {
  const day = today(ctx);
  return inTransaction(ctx, async ({ tx, audit }) => {
    const a = await loadAgreement(tx, input.id, 'FILE', (a) => requireOfficial(ctx.identity, a.jurisdiction, 'AUTHORITY'));
    if (a.filedOn) throw conflict('协议已备案', 'The agreement is already filed');
    await updateAgreement(tx, a.id, { filedOn: day });
    audit({ entityType: 'AuthorizationAgreement', entityId: a.id, action: 'FILED', changes: { filedOn: day } });
    return a.id;
  });
}

export interface ReadinessInput {
  agreementId: string;
  kind: ReadinessKind;
  subject: string;
  passed: boolean;
  doneOn: LocalDate;
  filedOn?: LocalDate | null;
  documentHash?: string | null;
}

/**
 * Training, security reviews and emergency plans. The operator records training and its plan; the implementing
 * agency records security reviews (their validity comes from the agreement's profile).
 */
export async function recordReadiness(ctx: Ctx, input: ReadinessInput): Promise<string> {
  const subject = required(input.subject, 'input.subject', '对象', 'Subject');
  // The plan is filed in evaluation (recordEmergencyPlan); the gate follows it there, not a record here.
  if (input.kind === 'EMERGENCY_PLAN') throw badInput('应急预案在安全职责中登记（recordEmergencyPlan），准入条件据此核验', 'Emergency plans are filed with the security duties (recordEmergencyPlan); the gate follows them', { field: 'input.kind' });
  if (input.doneOn > today(ctx)) throw badInput('日期不能晚于今天', 'The date cannot be in the future', { field: 'input.doneOn' });
  if (input.filedOn && input.filedOn < input.doneOn) throw badInput('备案日期不能早于完成日期', 'filedOn must not precede doneOn', { field: 'input.filedOn' });
  if (input.documentHash && !/^[0-9a-f]{64}$/.test(input.documentHash)) throw badInput('文件哈希须为 64 位十六进制 SHA-256', 'documentHash must be a 64-hex SHA-256', { field: 'input.documentHash' });
  return inTransaction(ctx, async ({ tx, audit }) => {
    const a = await loadAgreement(tx, input.agreementId, 'RECORD_READINESS', (a) => {
      if (input.kind !== 'SECURITY_REVIEW' && ctx.identity.role === 'OPERATOR') requireOwnOperator(ctx.identity, a.operatorId);
      else requireOfficial(ctx.identity, a.jurisdiction, 'AGENCY', 'AUTHORITY');
    });
    const { profile } = await loadProfile(tx, a.jurisdiction, a.profileVersion);
    const months = profile.securityReviewValidityMonths.value;
    const validUntil = input.kind === 'SECURITY_REVIEW' && months !== null ? addDays(addMonths(input.doneOn, months), -1) : null;
    const id = newId();
    await insertReadiness(tx, { id, agreementId: a.id, kind: input.kind, subject, passed: input.passed, doneOn: input.doneOn, filedOn: input.filedOn ?? null, validUntil, documentHash: input.documentHash ?? null, at: ctx.now.toISOString() });
    audit({ entityType: 'AuthorizationAgreement', entityId: a.id, action: `${input.kind}_RECORDED`, changes: { recordId: id, subject, passed: input.passed, doneOn: input.doneOn, filedOn: input.filedOn ?? null, validUntil } });
    return id;
  });
}

/** Activation: filed, started, and every readiness gate of the agreement's profile met. */
export async function activateAgreement(ctx: Ctx, input: { id: string }): Promise<string> {
  const day = today(ctx);
  return inTransaction(ctx, async ({ tx, audit, publish }) => {
    const a = await loadAgreement(tx, input.id, 'ACTIVATE', (a) => requireOfficial(ctx.identity, a.jurisdiction, 'AUTHORITY', 'AGENCY'));
    if (!a.filedOn) throw conflict('协议尚未备案', 'The agreement has not been filed', { details: { reason: 'NOT_FILED' } });
    if (day < a.startDate) throw conflict(`协议自 ${a.startDate} 起生效`, `The agreement starts on ${a.startDate}`, { details: { reason: 'NOT_STARTED' } });
    if (day > a.endDate) throw conflict('协议已过期', 'The agreement has ended', { details: { reason: 'ENDED' } });
    const { profile } = await loadProfile(tx, a.jurisdiction, a.profileVersion);
    await assertReady(tx, a, profile, day);
    await setAgreementStatus(tx, a.id, 'ACTIVE', null, ctx.now.toISOString());
    audit({ entityType: 'AuthorizationAgreement', entityId: a.id, action: 'ACTIVATED', changes: { from: a.status, to: 'ACTIVE' } });
    await publish('AgreementActivated', agreementFacts({ ...a, status: 'ACTIVE' }), a.jurisdiction);
    return a.id;
  });
}

// ── reads ──────────────────────────────────────────────────────────────────

/** Its operator or the officials of its jurisdiction; anyone else learns nothing. */
export async function agreement(ctx: Ctx, id: string): Promise<AgreementRow | null> {
  const a: AgreementRow | null = await ctx.loaders.agreementById.load(id);
  return a && canSee(ctx.identity, a, a.operatorId) ? a : null;
}

export const agreements = (ctx: Ctx, { args, filter }: { args: PageArgs; filter: { jurisdiction?: string | null; operatorId?: string | null; status?: string | null } | null }) =>
  connectionOf(args, (win) => agreementPage(ctx.em, ctx.identity, filter ?? {}, win));

/** The readiness gates of the agreement's own profile as of the request's day. */
export async function gates(ctx: Ctx, a: AgreementRow) {
  const [profile, records, plans] = await Promise.all([
    profileForRead(ctx, a.jurisdiction, a.profileVersion),
    ctx.loaders.readinessByAgreement.load(a.id),
    ctx.loaders.emergencyPlansByAgreement.load(a.id),
  ]);
  return readinessGates(records, profile, today(ctx), { operatorId: a.operatorId, plans });
}

export const readinessRecord = (ctx: Ctx, id: string) => getReadiness(ctx.em, id);
