import { badInput, conflict, connectionOf, inTransaction, newId, notFound, policyViolation, requireJurisdiction, type Em, type PageArgs } from '@pdo/platform';
import { consentCovers, consentedUntil, isLocalDate, returnedDataWithoutConsent, type EffectiveProfile, type GrantScope, type LocalDate, type ReturnedDataResource } from '@pdo/policy';
import { getAgreement } from '../data/agreements.js';
import { resourcesByIds } from '../data/resources.js';
import type { GrantRow, ResourceRow } from '../data/rows.js';
import { consentById, consentPage, consentsForResources, insertConsent, insertRevocation, liveGrantsOnResources } from '../data/returned-data.js';
import { getScenario } from '../data/scenarios.js';
import { required, today, type Ctx, type Uow } from './checks.js';
import { pausedGrants, reopenGrants, revokeGrants } from './grants.js';
import { loadProfile } from './profiles.js';

/**
 * Returned data (回流数据) and the higher level's consent (ZJC §三(五)2; docs/policy/returned-data.md): the city's data
 * authority records the consent it received, and revokes it; a grant of returned data needs one in force that covers
 * it, ends no later than the consent, and closes when the consent is revoked.
 */

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const asRule = (r: ResourceRow): ReturnedDataResource => ({ resourceId: r.resourceId, code: r.code, nameZh: r.nameZh, returnedFrom: r.returnedOrigin?.from ?? null });

function day(value: string | null | undefined, field: string): LocalDate {
  if (!isLocalDate(value)) throw badInput('日期格式须为 YYYY-MM-DD', 'Dates are YYYY-MM-DD', { field });
  return value;
}

/** The refusal naming the returned resources no consent in force covers (ZJC §三(五)2). */
function consentMissing(profile: EffectiveProfile, missing: ReturnedDataResource[]) {
  const body = profile.returnedDataConsent.value.consentingBody ?? '';
  const names = missing.map((r) => `${r.nameZh}（${r.code}）`);
  return policyViolation(
    profile.returnedDataConsent.source,
    `以下资源为上级回流数据，须经${body.split(' | ')[0]}同意且同意在有效期内方可授权：${names.join('、')}`,
    `These resources were returned by a higher level and are granted only with a consent in force of ${body.split(' | ')[1] ?? body}: ${missing.map((r) => r.code).join(', ')}`,
    { details: { reason: 'RETURNED_DATA_CONSENT_MISSING', resources: missing.map((r) => ({ resourceId: r.resourceId, code: r.code, nameZh: r.nameZh, returnedFrom: r.returnedFrom })) } },
  );
}

/**
 * The consent check of a grant: refuses (POLICY_VIOLATION, reason RETURNED_DATA_CONSENT_MISSING, naming the
 * resources) when a returned resource has no consent in force covering it; otherwise the last day each grant may
 * run on its consents (absent: no cap).
 */
export async function assertReturnedDataConsent(em: Em, profile: EffectiveProfile, resources: ResourceRow[], scope: GrantScope & { jurisdiction: string }, on: LocalDate): Promise<Map<string, LocalDate>> {
  const caps = new Map<string, LocalDate>();
  const returned = resources.filter((r) => r.returnedOrigin);
  if (!profile.returnedDataConsent.value.required || !returned.length) return caps;
  const consents = await consentsForResources(em, scope.jurisdiction, returned.map((r) => r.resourceId));
  const missing = returnedDataWithoutConsent(profile, returned.map(asRule), consents, scope, on);
  if (missing.length) throw consentMissing(profile, missing);
  for (const r of returned) {
    const until = consentedUntil(profile, asRule(r), consents, scope, on);
    if (until) caps.set(r.resourceId, until);
  }
  return caps;
}

export interface RecordConsentInput {
  jurisdiction: string;
  documentNumber: string;
  consentedOn: string;
  validUntil?: string | null;
  resourceIds: string[];
  operatorId?: string | null;
  agreementId?: string | null;
  scenarioId?: string | null;
  attachmentRef?: string | null;
  consentingBody?: string | null;
  note?: string | null;
}

/** 记录上级同意: the jurisdiction's data authority records a consent it received for returned resources. */
export async function recordReturnedDataConsent(ctx: Ctx, input: RecordConsentInput): Promise<string> {
  requireJurisdiction(ctx.identity, input.jurisdiction);
  const documentNumber = required(input.documentNumber, 'input.documentNumber', '同意文号', 'Document number');
  const consentedOn = day(input.consentedOn, 'input.consentedOn');
  if (consentedOn > today(ctx)) throw badInput('同意日期不能晚于今天', 'The consent date cannot be in the future', { field: 'input.consentedOn' });
  const validUntil = input.validUntil == null ? null : day(input.validUntil, 'input.validUntil');
  if (validUntil && validUntil < consentedOn) throw badInput('有效期不能早于同意日期', 'The consent cannot end before it was given', { field: 'input.validUntil' });
  const ids = input.resourceIds ?? [];
  if (!ids.length || ids.some((id) => !UUID_RE.test(id))) throw badInput('须列出同意所涉的数据资源', 'List the resources the consent covers', { field: 'input.resourceIds' });
  if (new Set(ids).size !== ids.length) throw badInput('资源不能重复', 'Each resource once', { field: 'input.resourceIds' });
  for (const [k, v] of [['operatorId', input.operatorId], ['agreementId', input.agreementId], ['scenarioId', input.scenarioId]] as const) {
    if (v != null && !UUID_RE.test(v)) throw badInput(`标识无效：${k}`, `Invalid id: ${k}`, { field: `input.${k}` });
  }
  return inTransaction(ctx, async ({ tx, audit }) => {
    const { profile } = await loadProfile(tx, input.jurisdiction);
    const known = await resourcesByIds(tx, ids);
    const notReturned = ids.filter((id) => !known.some((r) => r.resourceId === id && r.jurisdiction === input.jurisdiction && r.returnedOrigin));
    if (notReturned.length) {
      throw badInput('所列资源须为本辖区目录中标记为上级回流的数据', 'Each resource must be one of the jurisdiction\'s, marked in the catalog as returned by a higher level', { field: 'input.resourceIds', details: { reason: 'NOT_RETURNED_DATA', resourceIds: notReturned } });
    }
    let operatorId = input.operatorId ?? null;
    if (input.agreementId) {
      const a = await getAgreement(tx, input.agreementId);
      if (!a || a.jurisdiction !== input.jurisdiction) throw notFound('授权协议', 'Agreement', input.agreementId);
      if (operatorId && operatorId !== a.operatorId) throw badInput('运营主体与授权协议不符', 'The operator is not the agreement\'s', { field: 'input.operatorId' });
      operatorId = a.operatorId;
    }
    if (input.scenarioId) {
      const s = await getScenario(tx, input.scenarioId);
      if (!s || s.jurisdiction !== input.jurisdiction) throw notFound('场景', 'Scenario', input.scenarioId);
      if (input.agreementId && s.agreementId !== input.agreementId) throw badInput('场景不属于该授权协议', 'The scenario is not under that agreement', { field: 'input.scenarioId' });
    }
    const consentingBody = input.consentingBody?.trim() || profile.returnedDataConsent.value.consentingBody || '上级数据主管部门 | the higher-level data authority';
    const id = newId();
    const row = {
      id, jurisdiction: input.jurisdiction, consentingBody, documentNumber, consentedOn, validUntil, resourceIds: ids, operatorId, agreementId: input.agreementId ?? null, scenarioId: input.scenarioId ?? null,
      attachmentRef: input.attachmentRef?.trim() || null, note: input.note?.trim() || null, recordedBy: ctx.identity.sub, recordedByOrg: ctx.identity.org, at: ctx.now.toISOString(),
    };
    await insertConsent(tx, row);
    audit({ entityType: 'ReturnedDataConsent', entityId: id, action: 'RECORDED', changes: { documentNumber, consentedOn, validUntil, resourceIds: ids, operatorId, agreementId: row.agreementId, scenarioId: row.scenarioId, attachmentRef: row.attachmentRef } });
    return id;
  });
}

/**
 * 撤销上级同意: from `revokedOn` (today or earlier) the consent no longer holds; each live grant it covered that no other
 * consent in force covers is revoked (closed going forward, like a withdrawn resource's grants), with its audit record
 * and `AccessRevoked`, which products and delivery follow.
 */
export async function revokeReturnedDataConsent(ctx: Ctx, input: { consentId: string; revokedOn?: string | null; documentNumber: string; reason: string }): Promise<string> {
  const documentNumber = required(input.documentNumber, 'input.documentNumber', '撤销文号', 'Document number');
  const reason = required(input.reason, 'input.reason', '撤销理由', 'Reason');
  const revokedOn = input.revokedOn == null ? today(ctx) : day(input.revokedOn, 'input.revokedOn');
  if (revokedOn > today(ctx)) throw badInput('撤销日期不能晚于今天（到期当日再记录）', 'The revocation cannot take effect in the future (record it on the day)', { field: 'input.revokedOn' });
  if (!UUID_RE.test(input.consentId ?? '')) throw notFound('上级同意', 'Consent', input.consentId);
  return inTransaction(ctx, async (uow) => {
    const c = await consentById(uow.tx, input.consentId, true);
    if (!c) throw notFound('上级同意', 'Consent', input.consentId);
    requireJurisdiction(ctx.identity, c.jurisdiction);
    if (c.revokedOn) throw conflict('该同意已撤销', 'The consent was already revoked', { details: { reason: 'ALREADY_REVOKED', revokedOn: c.revokedOn } });
    if (revokedOn < c.consentedOn) throw badInput('撤销日期不能早于同意日期', 'The revocation cannot precede the consent', { field: 'input.revokedOn' });
    await insertRevocation(uow.tx, { consentId: c.id, revokedOn, documentNumber, reason, recordedBy: ctx.identity.sub, recordedByOrg: ctx.identity.org, at: ctx.now.toISOString() });
    uow.audit({ entityType: 'ReturnedDataConsent', entityId: c.id, action: 'REVOKED', changes: { revokedOn, documentNumber }, reason });
    await closeUncoveredGrants(uow, c.jurisdiction, c.resourceIds, today(ctx), `returned data consent ${c.documentNumber} revoked (${documentNumber})`, ctx.now);
    return c.id;
  });
}

/**
 * The grants among these on returned resources that no consent in force on `on` covers, where the jurisdiction's
 * profile requires one (none elsewhere); three statements whatever the number of grants.
 */
async function uncoveredGrants(em: Em, jurisdiction: string, grants: GrantRow[], on: LocalDate) {
  const { profile } = await loadProfile(em, jurisdiction);
  if (!profile.returnedDataConsent.value.required || !grants.length) return { profile, uncovered: [] as GrantRow[], resources: [] as ResourceRow[] };
  const resources = (await resourcesByIds(em, [...new Set(grants.map((g) => g.resourceId))])).filter((r) => r.returnedOrigin);
  const consents = await consentsForResources(em, jurisdiction, resources.map((r) => r.resourceId));
  const returned = new Set(resources.map((r) => r.resourceId));
  const uncovered = grants.filter((g) => returned.has(g.resourceId) && !consents.some((c) => consentCovers(c, g.resourceId, g, on)));
  return { profile, uncovered, resources: resources.filter((r) => uncovered.some((g) => g.resourceId === r.resourceId)) };
}

/** Revokes the live grants on these returned resources that no consent in force on `on` covers (where the profile requires one). */
export async function closeUncoveredGrants(uow: Uow, jurisdiction: string, resourceIds: readonly string[], on: LocalDate, reason: string, at: Date): Promise<number> {
  const { profile } = await loadProfile(uow.tx, jurisdiction);
  if (!profile.returnedDataConsent.value.required) return 0;
  const { uncovered } = await uncoveredGrants(uow.tx, jurisdiction, await liveGrantsOnResources(uow.tx, jurisdiction, resourceIds), on);
  await revokeGrants(uow, uncovered, reason, at);
  return uncovered.length;
}

/**
 * Resumes an agreement's paused grants (those paused for `onlyReason`, see `pausedGrants`), re-checking the consent of
 * returned data first (ZJC §三(五)2): a pause does not outlast the need for a consent. Where the profile requires one
 * and none in force on `on` covers a grant still within its `expiresOn`, an official's act is refused (`REFUSE`: POLICY_VIOLATION,
 * RETURNED_DATA_CONSENT_MISSING — record the consent or revoke the grant first) and an event, which cannot be refused,
 * revokes that grant instead (`REVOKE`, as a consent revocation does) and resumes the others.
 */
export async function resumeGrants(uow: Uow, agreementId: string, reason: string, at: Date, on: LocalDate, onlyReason: string | undefined, onMissingConsent: 'REFUSE' | 'REVOKE'): Promise<number> {
  const grants = await pausedGrants(uow, agreementId, onlyReason);
  if (!grants.length) return 0;
  // A grant past its last day (capped by an expired consent) reads nothing whatever its status: only running ones need a consent.
  const running = grants.filter((g) => g.expiresOn === null || g.expiresOn >= on);
  const { profile, uncovered, resources } = await uncoveredGrants(uow.tx, grants[0]!.jurisdiction, running, on);
  if (uncovered.length && onMissingConsent === 'REFUSE') throw consentMissing(profile, resources.map(asRule));
  await revokeGrants(uow, uncovered, `returned data: no consent in force covers the grant on resumption (${profile.returnedDataConsent.source})`, at);
  const reopened = grants.filter((g) => !uncovered.includes(g));
  await reopenGrants(uow, reopened, reason, at);
  return reopened.length;
}

// ── reads ──────────────────────────────────────────────────────────────────

export const returnedDataConsents = (ctx: Ctx, { args, filter }: { args: PageArgs; filter: { jurisdiction?: string | null; resourceId?: string | null } | null }) => {
  const jurisdiction = filter?.jurisdiction ?? ctx.identity.jurisdiction;
  requireJurisdiction(ctx.identity, jurisdiction);
  if (filter?.resourceId && !UUID_RE.test(filter.resourceId)) throw badInput('资源标识无效', 'Invalid resource id', { field: 'resourceId' });
  return connectionOf(args, (win) => consentPage(ctx.em, { jurisdiction: jurisdiction!, resourceId: filter?.resourceId ?? null }, win));
};

export const returnedDataConsent = async (ctx: Ctx, id: string) => {
  if (!UUID_RE.test(id)) return null;
  const c = await consentById(ctx.em, id);
  return c && c.jurisdiction === ctx.identity.jurisdiction ? c : null;
};
