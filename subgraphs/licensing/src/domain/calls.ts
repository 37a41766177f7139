import { badInput, conflict, forbidden, inTransaction, notFound, policyViolation, requireJurisdiction, requireRole, sql, sqlOne, unauthenticated, type RequestContext } from '@pdo/platform';
import { APPLICATION_DOCUMENT_KINDS, calendarOfProfile, evaluateEligibility, type ApplicantFacts, type EffectiveProfile, type LocalDate } from '@pdo/policy';
import { getApplication, getCall, getOrg, resourcesByIds, type AppRow, type OrgRow } from '../data/rows.js';
import { assertTransition, newId, policyCall, required, todayOf } from './common.js';
import { loadProfile, requireLifecycleRole } from './profiles.js';

/**
 * Operator selection (NS Art 12; TZ Arts 12–15): a call, applications within its window with
 * automatic eligibility, pre-check with a supplement loop, expert review, selection, publicity
 * with objections, filing with the government, the 三重一大 approval, then signing.
 */
export type ApplicationStatus = 'SUBMITTED' | 'SUPPLEMENT_REQUESTED' | 'EXPERT_REVIEW' | 'PUBLICITY' | 'FILED' | 'APPROVED' | 'SIGNED' | 'REJECTED';
export const APPLICATION_TRANSITIONS: Record<string, readonly ApplicationStatus[]> = {
  REQUEST_SUPPLEMENT: ['SUBMITTED'],
  SUPPLEMENT: ['SUPPLEMENT_REQUESTED'],
  PASS_PRECHECK: ['SUBMITTED'],
  EXPERT_REVIEW: ['EXPERT_REVIEW'],
  SELECT: ['EXPERT_REVIEW'],
  OBJECT: ['PUBLICITY'],
  RESOLVE_OBJECTION: ['PUBLICITY'],
  FILE: ['PUBLICITY'],
  APPROVE_MAJOR_DECISION: ['FILED'],
  SIGN: ['APPROVED'],
  REJECT: ['SUBMITTED', 'SUPPLEMENT_REQUESTED', 'EXPERT_REVIEW', 'PUBLICITY', 'FILED'],
};

const WINDOW_SOURCE = 'NS Art 12; TZ Art 11: applications within the call\'s window';

export interface DocumentInput {
  kind: string;
  name: string;
  sha256: string;
}

export interface PublishCallInput {
  jurisdiction: string;
  title: string;
  mode: string;
  selectionMethod: string;
  resourceIds: string[];
  sectors: string[];
  eligibilityNotes?: string | null;
  scoringRules: { criterion: string; weight: number }[];
  opensOn: LocalDate;
  closesOn: LocalDate;
  publicityWorkingDays: number;
}

export async function publishCall(ctx: RequestContext, input: PublishCallInput): Promise<string> {
  requireRole(ctx.identity, 'AUTHORITY', 'AGENCY');
  requireJurisdiction(ctx.identity, input.jurisdiction);
  const title = required(input.title, 'input.title', '公告标题', 'Title');
  if (input.closesOn < input.opensOn) throw badInput('申请截止日不能早于开始日', 'closesOn must not precede opensOn', { field: 'input.closesOn' });
  if (!Number.isInteger(input.publicityWorkingDays) || input.publicityWorkingDays < 1) throw badInput('公示期须为正整数个工作日', 'Publicity period must be a positive number of working days', { field: 'input.publicityWorkingDays' });
  const weights = input.scoringRules.reduce((s, r) => s + r.weight, 0);
  if (!input.scoringRules.length || input.scoringRules.some((r) => !r.criterion.trim() || !Number.isInteger(r.weight) || r.weight <= 0) || weights !== 100) {
    throw badInput('评分规则的权重须为正整数且合计 100', 'Scoring weights must be positive integers summing to 100', { field: 'input.scoringRules' });
  }
  if (!input.resourceIds.length && !input.sectors.length) throw badInput('须说明授权范围（资源或领域）', 'The scope needs resources or sectors', { field: 'input.resourceIds' });
  return inTransaction(ctx, async ({ tx, audit }) => {
    const { profile, version } = await loadProfile(tx, input.jurisdiction);
    if (!profile.authorizationModes.value.includes(input.mode as never)) {
      throw policyViolation(profile.authorizationModes.source, `本辖区不允许授权方式 ${input.mode}（允许：${profile.authorizationModes.value.join('、')}）`, `Mode ${input.mode} is not allowed here (allowed: ${profile.authorizationModes.value.join(', ')})`, { field: 'input.mode', details: { allowed: profile.authorizationModes.value } });
    }
    if (!profile.selectionMethods.value.includes(input.selectionMethod as never)) {
      throw policyViolation(profile.selectionMethods.source, `本辖区不允许遴选方式 ${input.selectionMethod}（允许：${profile.selectionMethods.value.join('、')}）`, `Selection method ${input.selectionMethod} is not allowed here (allowed: ${profile.selectionMethods.value.join(', ')})`, { field: 'input.selectionMethod', details: { allowed: profile.selectionMethods.value } });
    }
    await assertAuthorizable(tx, input.resourceIds, input.jurisdiction, 'input.resourceIds');
    const id = newId(ctx.now.getTime());
    await sql(
      tx,
      `insert into operation_call (id, jurisdiction, title, mode, selection_method, resource_ids, sectors, eligibility_notes, scoring_rules, opens_on, closes_on,
         publicity_working_days, status, profile_version, published_by, created_at)
       values ($1,$2,$3,$4,$5,$6::uuid[],$7,$8,$9,$10,$11,$12,'PUBLISHED',$13,$14,$15)`,
      [id, input.jurisdiction, title, input.mode, input.selectionMethod, input.resourceIds, input.sectors, input.eligibilityNotes ?? null, JSON.stringify(input.scoringRules),
        input.opensOn, input.closesOn, input.publicityWorkingDays, version, ctx.identity.org, ctx.now],
    );
    audit({ entityType: 'Call', entityId: id, action: 'PUBLISHED', changes: { ...input, profileVersion: version } });
    return id;
  });
}

/** Resources named in a call, agreement or scenario must be known, active and authorizable (catalog's flag). */
export async function assertAuthorizable(em: Parameters<typeof resourcesByIds>[0], ids: string[], jurisdiction: string, field: string): Promise<void> {
  if (!ids.length) return;
  const rows = await resourcesByIds(em, ids);
  const byId = new Map(rows.map((r) => [r.resourceId, r]));
  const bad = ids
    .map((id) => ({ id, r: byId.get(id) }))
    .filter(({ r }) => !r || r.status !== 'ACTIVE' || !r.authorizable || r.openness === 'PROHIBITED' || r.jurisdiction !== jurisdiction)
    .map(({ id, r }) => ({ resourceId: id, reason: !r ? 'UNKNOWN' : r.jurisdiction !== jurisdiction ? 'OTHER_JURISDICTION' : r.status !== 'ACTIVE' ? 'WITHDRAWN' : r.openness === 'PROHIBITED' ? 'PROHIBITED' : 'NOT_AUTHORIZABLE', reasons: r?.authorizableReasons ?? [] }));
  if (bad.length) {
    throw policyViolation('NS Art 5; RG Art 10 (only registered, authorizable resources may be authorized)', `以下资源不可授权：${bad.map((b) => `${b.resourceId}（${b.reason}）`).join('、')}`, `These resources may not be authorized: ${bad.map((b) => `${b.resourceId} (${b.reason})`).join(', ')}`, {
      field,
      details: { resources: bad },
    });
  }
}

export function applicantFacts(o: OrgRow): ApplicantFacts {
  return {
    // No founding date on record: treated as not old enough rather than guessed.
    foundedOn: o.foundedOn ?? '9999-12-31',
    taxGrades: o.taxGrades,
    penalties: o.penalties,
    dishonestListEntries: o.dishonestListEntries,
    securityIncidents: o.securityIncidents,
    mlps3Experience: o.mlps3Experience,
    commercialCryptoExperience: o.commercialCryptoExperience,
    securityDepartment: o.securityDepartment && o.securityHead ? { name: o.securityDepartment, head: o.securityHead } : null,
  };
}

export function eligibilityOf(profile: EffectiveProfile, version: number, org: OrgRow, asOf: LocalDate): AppRow['eligibility'] {
  const r = policyCall(() => evaluateEligibility(profile, applicantFacts(org), asOf));
  return { eligible: r.eligible, asOf, profileVersion: version, criteria: r.criteria };
}

function validateDocuments(docs: DocumentInput[]): void {
  for (const [i, d] of docs.entries()) {
    if (!APPLICATION_DOCUMENT_KINDS.includes(d.kind as never)) throw badInput(`未知材料类型 ${d.kind}`, `Unknown document kind ${d.kind}`, { field: `input.documents.${i}.kind` });
    if (!/^[0-9a-f]{64}$/.test(d.sha256)) throw badInput('材料哈希须为 64 位十六进制 SHA-256', 'Document hash must be a 64-hex SHA-256', { field: `input.documents.${i}.sha256` });
    required(d.name, `input.documents.${i}.name`, '材料名称', 'Document name');
  }
}

/** The documents the call's jurisdiction lists (TZ Art 12); where no text lists any, none is demanded. */
function requireListedDocuments(profile: EffectiveProfile, docs: DocumentInput[]): void {
  const setting = profile.applicationDocuments;
  const missing = setting.value.filter((k) => !docs.some((d) => d.kind === k));
  if (missing.length) throw policyViolation(setting.source, `缺少申请材料：${missing.join('、')}`, `Missing documents: ${missing.join(', ')}`, { field: 'input.documents', details: { missing } });
}

/** An operator applies within the window; eligibility is computed per profile and an ineligible applicant is refused with the failing criteria. */
export async function submitApplication(ctx: RequestContext, callId: string, documents: DocumentInput[]): Promise<string> {
  requireRole(ctx.identity, 'OPERATOR', 'DEVELOPER');
  const applicantId = ctx.identity.org;
  if (!applicantId) throw forbidden('须以单位身份申请', 'You must apply on behalf of an organization');
  validateDocuments(documents);
  const today = todayOf(ctx);
  return inTransaction(ctx, async ({ tx, audit }) => {
    const call = await getCall(tx, callId);
    if (!call) throw notFound('公告', 'Call', callId);
    if (today < call.opensOn || today > call.closesOn) {
      throw policyViolation(WINDOW_SOURCE, `不在申请期内（${call.opensOn} 至 ${call.closesOn}）`, `Outside the application window (${call.opensOn} to ${call.closesOn})`, { details: { opensOn: call.opensOn, closesOn: call.closesOn, today } });
    }
    const org = await getOrg(tx, applicantId);
    if (!org) throw notFound('主体', 'Organization', applicantId);
    const { profile, version } = await loadProfile(tx, call.jurisdiction);
    requireListedDocuments(profile, documents);
    const eligibility = eligibilityOf(profile, version, org, today);
    if (!eligibility.eligible) {
      const failing = eligibility.criteria.filter((c) => !c.passed);
      throw policyViolation(profile.eligibility.source, `不符合申请条件：${failing.map((c) => c.reasonZh).join('；')}`, `Not eligible: ${failing.map((c) => c.reasonEn).join('; ')}`, { details: { failing } });
    }
    const exists = await sqlOne(tx, `select id from operator_application where call_id = $1 and applicant_id = $2`, [callId, applicantId]);
    if (exists) throw conflict('已就该公告提交过申请', 'You already applied to this call', { details: { applicationId: (exists as { id: string }).id } });
    const id = newId(ctx.now.getTime());
    await sql(
      tx,
      `insert into operator_application (id, call_id, applicant_id, jurisdiction, status, documents, eligibility, submitted_on, created_at, updated_at)
       values ($1,$2,$3,$4,'SUBMITTED',$5,$6,$7,$8,$8)`,
      [id, callId, applicantId, call.jurisdiction, JSON.stringify(documents), JSON.stringify(eligibility), today, ctx.now],
    );
    audit({ entityType: 'OperatorApplication', entityId: id, action: 'SUBMITTED', changes: { callId, documents, eligibility } });
    return id;
  });
}

/** Locks, authorizes (before the state check: a stranger learns nothing of the state), then checks the transition. */
async function loadForTransition(ctx: RequestContext, tx: Parameters<typeof getApplication>[0], id: string, action: string, authorize: (app: AppRow) => void = () => undefined): Promise<AppRow> {
  const app = await getApplication(tx, id, true);
  if (!app) throw notFound('申请', 'Application', id);
  authorize(app);
  assertTransition('申请', 'Application', APPLICATION_TRANSITIONS, action, app.status as ApplicationStatus);
  return app;
}

async function moveApplication(tx: Parameters<typeof getApplication>[0], app: AppRow, status: ApplicationStatus, at: Date, set: Record<string, unknown> = {}): Promise<void> {
  const cols = Object.keys(set);
  await sql(tx, `update operator_application set status = $2, updated_at = $3${cols.map((c, i) => `, ${c} = $${i + 4}`).join('')} where id = $1`, [app.id, status, at, ...Object.values(set)]);
}

const officialOf = (ctx: RequestContext, app: AppRow, ...roles: ('AUTHORITY' | 'AGENCY')[]) => {
  requireRole(ctx.identity, ...roles);
  requireJurisdiction(ctx.identity, app.jurisdiction);
};

export async function requestSupplement(ctx: RequestContext, id: string, note: string): Promise<string> {
  const text = required(note, 'input.note', '补正说明', 'Note');
  return inTransaction(ctx, async ({ tx, audit }) => {
    const app = await loadForTransition(ctx, tx, id, 'REQUEST_SUPPLEMENT', (app) => officialOf(ctx, app, 'AGENCY', 'AUTHORITY'));
    await moveApplication(tx, app, 'SUPPLEMENT_REQUESTED', ctx.now, { supplement_request: text });
    audit({ entityType: 'OperatorApplication', entityId: id, action: 'SUPPLEMENT_REQUESTED', changes: { from: app.status }, reason: text });
    return id;
  });
}

export async function supplementApplication(ctx: RequestContext, id: string, documents: DocumentInput[]): Promise<string> {
  requireRole(ctx.identity, 'OPERATOR', 'DEVELOPER');
  validateDocuments(documents);
  if (!documents.length) throw badInput('须补充至少一份材料', 'Supply at least one document', { field: 'input.documents' });
  return inTransaction(ctx, async ({ tx, audit }) => {
    const app = await loadForTransition(ctx, tx, id, 'SUPPLEMENT', (app) => {
      if (ctx.identity.org !== app.applicantId) throw forbidden('只能补正本单位的申请', 'You may only supplement your own application');
    });
    const merged = [...app.documents.filter((d) => !documents.some((n) => n.kind === d.kind)), ...documents];
    await moveApplication(tx, app, 'SUBMITTED', ctx.now, { documents: JSON.stringify(merged), supplement_request: null });
    audit({ entityType: 'OperatorApplication', entityId: id, action: 'SUPPLEMENTED', changes: { documents } });
    return id;
  });
}

export async function passPrecheck(ctx: RequestContext, id: string): Promise<string> {
  return inTransaction(ctx, async ({ tx, audit }) => {
    const app = await loadForTransition(ctx, tx, id, 'PASS_PRECHECK', (app) => officialOf(ctx, app, 'AGENCY', 'AUTHORITY'));
    await moveApplication(tx, app, 'EXPERT_REVIEW', ctx.now);
    audit({ entityType: 'OperatorApplication', entityId: id, action: 'PRECHECK_PASSED', changes: { from: app.status, to: 'EXPERT_REVIEW' } });
    return id;
  });
}

export async function submitExpertReview(ctx: RequestContext, id: string, score: string, opinion: string): Promise<string> {
  requireRole(ctx.identity, 'EXPERT');
  const text = required(opinion, 'input.opinion', '评审意见', 'Opinion');
  if (!/^\d{1,3}(\.\d{1,2})?$/.test(score) || Number(score) > 100) throw badInput('评分须在 0–100 之间，最多两位小数', 'Score must be 0–100 with at most 2 decimals', { field: 'input.score' });
  return inTransaction(ctx, async ({ tx, audit }) => {
    const app = await loadForTransition(ctx, tx, id, 'EXPERT_REVIEW');
    const dup = await sqlOne(tx, `select id from expert_review where application_id = $1 and expert_sub = $2`, [id, ctx.identity.sub]);
    if (dup) throw conflict('您已评审过该申请', 'You have already reviewed this application');
    const reviewId = newId(ctx.now.getTime());
    await sql(tx, `insert into expert_review (id, application_id, expert_sub, expert_org, score, opinion, created_at) values ($1,$2,$3,$4,$5,$6,$7)`, [reviewId, id, ctx.identity.sub, ctx.identity.org, score, text, ctx.now]);
    audit({ entityType: 'OperatorApplication', entityId: app.id, action: 'EXPERT_REVIEWED', changes: { reviewId, score } });
    return id;
  });
}

export async function selectApplication(ctx: RequestContext, id: string): Promise<string> {
  const today = todayOf(ctx);
  return inTransaction(ctx, async ({ tx, audit }) => {
    const app = await loadForTransition(ctx, tx, id, 'SELECT', (app) => officialOf(ctx, app, 'AGENCY', 'AUTHORITY'));
    const n = await sqlOne<{ n: number }>(tx, `select count(*)::int as n from expert_review where application_id = $1`, [id]);
    if (!n?.n) throw conflict('尚无专家评审意见，不能遴选', 'No expert review yet: cannot select', { details: { reason: 'NO_EXPERT_REVIEW' } });
    const call = (await getCall(tx, app.callId))!;
    const { profile } = await loadProfile(tx, app.jurisdiction);
    const ends = policyCall(() => calendarOfProfile(profile).addWorkingDays(today, call.publicityWorkingDays));
    await moveApplication(tx, app, 'PUBLICITY', ctx.now, { publicity_ends_on: ends });
    audit({ entityType: 'OperatorApplication', entityId: id, action: 'SELECTED', changes: { publicityEndsOn: ends, selectionMethod: call.selectionMethod } });
    return id;
  });
}

/** Anyone signed in may object during publicity (TZ Art 15). */
export async function raiseObjection(ctx: RequestContext, id: string, text: string): Promise<string> {
  if (ctx.identity.role === 'ANONYMOUS') throw unauthenticated();
  const body = required(text, 'input.text', '异议内容', 'Objection');
  const today = todayOf(ctx);
  return inTransaction(ctx, async ({ tx, audit }) => {
    const app = await loadForTransition(ctx, tx, id, 'OBJECT');
    if (app.publicityEndsOn && today > app.publicityEndsOn) throw policyViolation('TZ Art 15', `公示期已于 ${app.publicityEndsOn} 结束`, `The publicity period ended on ${app.publicityEndsOn}`);
    const objections = [...app.objections, { index: app.objections.length, raisedBy: ctx.identity.sub, text: body, raisedOn: today, status: 'PENDING' as const, resolution: null }];
    await moveApplication(tx, app, 'PUBLICITY', ctx.now, { objections: JSON.stringify(objections) });
    audit({ entityType: 'OperatorApplication', entityId: id, action: 'OBJECTION_RAISED', changes: { index: objections.length - 1, text: body } });
    return id;
  });
}

export async function resolveObjection(ctx: RequestContext, id: string, index: number, upheld: boolean, resolution: string): Promise<string> {
  const text = required(resolution, 'input.resolution', '处理意见', 'Resolution');
  return inTransaction(ctx, async ({ tx, audit }) => {
    const app = await loadForTransition(ctx, tx, id, 'RESOLVE_OBJECTION', (app) => officialOf(ctx, app, 'AUTHORITY', 'AGENCY'));
    const o = app.objections[index];
    if (!o) throw notFound('异议', 'Objection', String(index));
    if (o.status !== 'PENDING') throw conflict('该异议已处理', 'This objection was already resolved');
    const objections = app.objections.map((x) => (x.index === index ? { ...x, status: upheld ? ('UPHELD' as const) : ('DISMISSED' as const), resolution: text } : x));
    await moveApplication(tx, app, upheld ? 'REJECTED' : 'PUBLICITY', ctx.now, { objections: JSON.stringify(objections), ...(upheld ? { decision_note: text } : {}) });
    audit({ entityType: 'OperatorApplication', entityId: id, action: upheld ? 'OBJECTION_UPHELD' : 'OBJECTION_DISMISSED', changes: { index }, reason: text });
    return id;
  });
}

/** Filing with the government once publicity is over and no objection is pending. */
export async function fileApplication(ctx: RequestContext, id: string): Promise<string> {
  const today = todayOf(ctx);
  return inTransaction(ctx, async ({ tx, audit }) => {
    const app = await loadForTransition(ctx, tx, id, 'FILE', (app) => officialOf(ctx, app, 'AUTHORITY'));
    if (app.publicityEndsOn && today <= app.publicityEndsOn) throw policyViolation('TZ Art 15', `公示期至 ${app.publicityEndsOn}，期满后方可报备`, `Publicity runs until ${app.publicityEndsOn}; file after it`, { details: { publicityEndsOn: app.publicityEndsOn } });
    const pending = app.objections.filter((o) => o.status === 'PENDING');
    if (pending.length) throw conflict('仍有未处理的异议', 'Objections are still pending', { details: { pending: pending.map((o) => o.index) } });
    await moveApplication(tx, app, 'FILED', ctx.now);
    audit({ entityType: 'OperatorApplication', entityId: id, action: 'FILED', changes: { from: app.status } });
    return id;
  });
}

/** 三重一大: the major-decision approval of the agreement (NS Art 13; HN Art 13), by the official the profile names. */
export async function approveMajorDecision(ctx: RequestContext, id: string, minutesRef: string): Promise<string> {
  const ref = required(minutesRef, 'input.minutesRef', '决策记录编号', 'Minutes reference');
  return inTransaction(ctx, async ({ tx, audit }) => {
    const found = await getApplication(tx, id, true);
    if (!found) throw notFound('申请', 'Application', id);
    await requireLifecycleRole(tx, ctx, found.jurisdiction, 'majorDecision');
    const app = await loadForTransition(ctx, tx, id, 'APPROVE_MAJOR_DECISION');
    await moveApplication(tx, app, 'APPROVED', ctx.now, { decision_note: ref });
    audit({ entityType: 'OperatorApplication', entityId: id, action: 'MAJOR_DECISION_APPROVED', changes: { minutesRef: ref } });
    return id;
  });
}

export async function rejectApplication(ctx: RequestContext, id: string, reason: string): Promise<string> {
  const text = required(reason, 'input.reason', '理由', 'Reason');
  return inTransaction(ctx, async ({ tx, audit }) => {
    const app = await loadForTransition(ctx, tx, id, 'REJECT', (app) => officialOf(ctx, app, 'AUTHORITY', 'AGENCY'));
    await moveApplication(tx, app, 'REJECTED', ctx.now, { decision_note: text });
    audit({ entityType: 'OperatorApplication', entityId: id, action: 'REJECTED', changes: { from: app.status }, reason: text });
    return id;
  });
}
