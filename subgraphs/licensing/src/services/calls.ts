import { badInput, connectionOf, inTransaction, newId, policyViolation, requireJurisdiction, type Em, type PageArgs } from '@pdo/platform';
import { checkPublicityPeriod, type LocalDate } from '@pdo/policy';
import { orgsByIds } from '../data/organizations.js';
import { callPage, callsByIds, insertCall } from '../data/calls.js';
import { resourcesByIds } from '../data/resources.js';
import { unauthorizable } from '../domain/applications.js';
import { COMPANY_KINDS } from '../domain/organization-facts.js';
import { enforce, required, today, type Ctx } from './checks.js';
import { loadProfile } from './profiles.js';

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
  /** An invited tender's invitees (邀请招标): only they may apply. */
  invitees?: string[] | null;
}

/** A call for operators (公告), in a mode and by a selection method the jurisdiction's profile allows. */
export async function publishCall(ctx: Ctx, input: PublishCallInput): Promise<string> {
  requireJurisdiction(ctx.identity, input.jurisdiction);
  const title = required(input.title, 'input.title', '公告标题', 'Title');
  if (input.closesOn < input.opensOn) throw badInput('申请截止日不能早于开始日', 'closesOn must not precede opensOn', { field: 'input.closesOn' });
  if (!Number.isInteger(input.publicityWorkingDays) || input.publicityWorkingDays < 0 || input.publicityWorkingDays > 60) throw badInput('公示期须为 0–60 个工作日', 'Publicity period must be 0–60 working days', { field: 'input.publicityWorkingDays' });
  const invitees = [...new Set(input.invitees ?? [])];
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
    if ((input.selectionMethod === 'INVITED_TENDER') !== invitees.length > 0) {
      throw badInput('邀请招标须列明受邀单位，其他方式不设受邀名单', 'An invited tender lists its invitees; other methods list none', { field: 'input.invitees' });
    }
    enforce(checkPublicityPeriod(profile, input.publicityWorkingDays), {}, 'input.publicityWorkingDays');
    const known = invitees.length ? await orgsByIds(tx, invitees) : [];
    const unknown = invitees.filter((i) => !known.some((o) => o.id === i && o.kinds.some((k) => COMPANY_KINDS.has(k))));
    if (unknown.length) throw badInput('受邀单位须为已登记的企业', 'Invitees must be registered companies', { field: 'input.invitees', details: { unknown } });
    await assertAuthorizable(tx, input.resourceIds, input.jurisdiction, 'input.resourceIds');
    const id = newId();
    await insertCall(tx, {
      id,
      jurisdiction: input.jurisdiction,
      title,
      mode: input.mode,
      selectionMethod: input.selectionMethod,
      resourceIds: input.resourceIds,
      sectors: input.sectors,
      eligibilityNotes: input.eligibilityNotes ?? null,
      scoringRules: input.scoringRules,
      opensOn: input.opensOn,
      closesOn: input.closesOn,
      publicityWorkingDays: input.publicityWorkingDays,
      invitees,
      profileVersion: version,
      publishedBy: ctx.identity.org!,
      at: ctx.now.toISOString(),
    });
    audit({ entityType: 'Call', entityId: id, action: 'PUBLISHED', changes: { ...input, profileVersion: version } });
    return id;
  });
}

/** Resources named in a call, agreement or scenario must be known, active and authorizable (catalog's flag). */
export async function assertAuthorizable(em: Em, ids: string[], jurisdiction: string, field: string): Promise<void> {
  if (!ids.length) return;
  const bad = unauthorizable(ids, await resourcesByIds(em, ids), jurisdiction);
  if (bad.length) {
    throw policyViolation('NS Art 5; RG Art 10 (only registered, authorizable resources may be authorized)', `以下资源不可授权：${bad.map((b) => `${b.resourceId}（${b.reason}）`).join('、')}`, `These resources may not be authorized: ${bad.map((b) => `${b.resourceId} (${b.reason})`).join(', ')}`, {
      field,
      details: { resources: bad },
    });
  }
}

/** Calls are public notices; `openToday` keeps those whose application window includes today. */
export const calls = (ctx: Ctx, { args, jurisdiction, openToday }: { args: PageArgs; jurisdiction: string | null; openToday: boolean }) =>
  connectionOf(args, (win) => callPage(ctx.em, { jurisdiction, openOn: openToday ? today(ctx) : null }, win));
export const callsById = callsByIds;
