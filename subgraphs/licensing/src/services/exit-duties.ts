import { badInput, conflict, inTransaction, newId, type Em } from '@pdo/platform';
import { checkExitDuty, EXIT_DUTY_ITEMS, exitDutiesOutstanding, isLocalDate, type EffectiveProfile, type ExitDutyItem, type LocalDate } from '@pdo/policy';
import { requireOfficial } from '../access.js';
import { getOrg } from '../data/organizations.js';
import { exitDutiesOf, insertExitDuty, type ExitDutyRow } from '../data/plans.js';
import type { AgreementRow } from '../data/rows.js';
import { unrevokedGrantCount } from '../data/scenarios.js';
import { loadAgreement } from './agreement-steps.js';
import { enforce, required, today, type Ctx } from './checks.js';
import { loadProfile, profileForRead } from './profiles.js';

export type { ExitDutyRow } from '../data/plans.js';

/**
 * The exit checklist of the agreement's own profile (QHD §三(二)3: permissions taken back, transfer to the successor,
 * destruction of what cannot be transferred, filing with the province; ZJC §三(四)3(6) and JL §六7: permissions closed,
 * retained data deleted). Each item is confirmed by an official of the jurisdiction with its evidence; the exit cannot
 * complete while one is outstanding.
 */
export interface ConfirmExitDutyInput {
  agreementId: string;
  item: ExitDutyItem;
  doneOn: LocalDate;
  evidence: string;
  documentHash?: string | null;
  successorId?: string | null;
}

export async function confirmExitDuty(ctx: Ctx, input: ConfirmExitDutyInput): Promise<string> {
  const { item, doneOn } = input;
  if (!(EXIT_DUTY_ITEMS as readonly string[]).includes(item)) throw badInput('退出事项无效', 'Unknown exit item', { field: 'input.item' });
  if (!isLocalDate(doneOn)) throw badInput('日期无效', 'Invalid date', { field: 'input.doneOn' });
  if (doneOn > today(ctx)) throw badInput('日期不能晚于今天', 'The date cannot be in the future', { field: 'input.doneOn' });
  const evidence = required(input.evidence, 'input.evidence', '完成凭证', 'Evidence');
  if (evidence.length > 2000) throw badInput('凭证说明过长', 'Evidence too long', { field: 'input.evidence' });
  if (input.documentHash && !/^[0-9a-f]{64}$/.test(input.documentHash)) throw badInput('文件哈希须为 64 位十六进制 SHA-256', 'documentHash must be a 64-hex SHA-256', { field: 'input.documentHash' });
  if (item === 'TRANSFERRED_TO_SUCCESSOR' && !input.successorId) throw badInput('移交须指明承接的运营机构', 'A transfer names the successor operator', { field: 'input.successorId' });
  if (item !== 'TRANSFERRED_TO_SUCCESSOR' && input.successorId) throw badInput('只有移交事项有承接单位', 'Only the transfer names a successor', { field: 'input.successorId' });
  return inTransaction(ctx, async ({ tx, audit }) => {
    const a = await loadAgreement(tx, input.agreementId, 'RECORD_EXIT_DUTY', (a) => requireOfficial(ctx.identity, a.jurisdiction, 'AUTHORITY', 'AGENCY'));
    if (a.status === 'EXITED') throw conflict('退出已完成', 'The exit is already complete', { details: { reason: 'INVALID_TRANSITION', from: a.status } });
    if (a.endedOn && doneOn < a.endedOn) throw badInput(`完成日期不能早于协议结束日 ${a.endedOn}`, `The item cannot be done before the agreement ended (${a.endedOn})`, { field: 'input.doneOn' });
    const { profile } = await loadProfile(tx, a.jurisdiction, a.profileVersion);
    const done = (await exitDutiesOf(tx, a.id)).map((d) => d.item);
    enforce(checkExitDuty(profile, item, done), { item, outstanding: exitDutiesOutstanding(profile, done) }, 'input.item');
    // Closing permissions is a fact licensing holds: it is confirmed only once every grant is revoked.
    if (item === 'PERMISSIONS_CLOSED' && (await unrevokedGrantCount(tx, a.id))) throw conflict('仍有未撤销的访问授权', 'Some access grants are not revoked', { details: { reason: 'GRANTS_OPEN' } });
    if (item === 'TRANSFERRED_TO_SUCCESSOR') {
      const successor = await getOrg(tx, input.successorId!);
      if (!successor || successor.jurisdiction !== a.jurisdiction || successor.id === a.operatorId) {
        throw badInput('承接单位须为本辖区已登记的其他主体', 'The successor must be another party registered in the jurisdiction', { field: 'input.successorId' });
      }
    }
    const filedWith = item === 'EXIT_FILED' ? profile.exitDuties.value.filingWith : null;
    const id = newId();
    await insertExitDuty(tx, {
      id, agreementId: a.id, item, doneOn, evidence, documentHash: input.documentHash ?? null, successorId: input.successorId ?? null, filedWith,
      confirmedBy: ctx.identity.sub, confirmedByRole: ctx.identity.role, at: ctx.now.toISOString(),
    });
    audit({ entityType: 'AuthorizationAgreement', entityId: a.id, action: 'EXIT_DUTY_CONFIRMED', changes: { dutyId: id, item, doneOn, successorId: input.successorId ?? null, filedWith, rule: profile.exitDuties.source } });
    return a.id;
  });
}

/** completeExit's gate: every item of the agreement's checklist confirmed. */
export async function assertExitDutiesDone(tx: Em, a: AgreementRow, profile: EffectiveProfile): Promise<void> {
  const missing = exitDutiesOutstanding(profile, (await exitDutiesOf(tx, a.id)).map((d) => d.item));
  if (missing.length) {
    throw conflict(`退出事项尚未完成：${missing.join('、')}（${profile.exitDuties.source}）`, `Exit items outstanding: ${missing.join(', ')} (${profile.exitDuties.source})`, {
      details: { reason: 'EXIT_DUTIES_OUTSTANDING', missing, rule: profile.exitDuties.source },
    });
  }
}

/** The agreement's checklist as its profile lists it, each item with its confirmation or none yet. */
export async function exitChecklist(ctx: Ctx, a: AgreementRow): Promise<{ item: ExitDutyItem; source: string; confirmation: ExitDutyRow | null }[]> {
  const [profile, rows] = await Promise.all([profileForRead(ctx, a.jurisdiction, a.profileVersion), ctx.loaders.exitDutiesByAgreement.load(a.id)]);
  return profile.exitDuties.value.items.map((item) => ({ item, source: profile.exitDuties.source, confirmation: rows.find((r) => r.item === item) ?? null }));
}
