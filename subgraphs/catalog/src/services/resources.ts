import { badInput, conflict, inTransaction, newId, type RequestContext, type UnitOfWork } from '@pdo/platform';
import { isJurisdictionCode } from '@pdo/policy';
import { blankResource, diffSnapshots, snapshotOf, type ResourceRow, type VersionAction } from '../domain/resource.js';
import { resourceIdByCode } from '../data/resources.js';
import { blockingAgreements, organizationById } from '../data/projections.js';
import { requireManage } from '../access.js';
import type { CatalogLoaders } from '../loaders/index.js';
import { applyInput, UUID_RE, type ResourceFieldsInput } from './resource-input.js';
import { commitResource, loadForChange, type Actor } from './resource-commit.js';

type Ctx = RequestContext<CatalogLoaders>;

export interface CreateResourceInput extends ResourceFieldsInput {
  jurisdiction?: string | null;
  /** The source unit (数源单位) that will own the resource. */
  sourceUnitId: string;
  code: string;
  nameZh: string;
  sector: string;
  openness: NonNullable<ResourceFieldsInput['openness']>;
  updateFrequency: NonNullable<ResourceFieldsInput['updateFrequency']>;
  fields: NonNullable<ResourceFieldsInput['fields']>;
}

export interface EditResourceInput extends Omit<ResourceFieldsInput, 'returnedOrigin'> {
  id: string;
  /** Optimistic concurrency: the version the editor saw. */
  expectedVersion?: number | null;
  note?: string | null;
}

/**
 * The owning (or providing) organization must be a source unit (数源单位) of the jurisdiction, as far as the local
 * projection of licensing knows it. An organization not yet projected is accepted: the registration event may still
 * be on its way, and licensing stays the authority.
 */
async function assertSourceUnit(uow: UnitOfWork, orgId: string, jurisdiction: string | null, field: string): Promise<void> {
  const o = await organizationById(uow.tx, orgId);
  if (!o) return;
  if (!o.kinds.includes('SOURCE_AGENCY')) throw badInput('该主体不是数源单位', 'The organization is not a source unit', { field, details: { kinds: o.kinds } });
  if (jurisdiction && o.jurisdiction !== jurisdiction) {
    throw badInput('数源单位不属于该辖区', 'The source unit belongs to another jurisdiction', { field, details: { jurisdiction: o.jurisdiction } });
  }
}

async function assertCodeFree(uow: UnitOfWork, jurisdiction: string, code: string, exceptId: string | null): Promise<void> {
  const existingId = await resourceIdByCode(uow.tx, jurisdiction, code, exceptId);
  if (existingId) throw conflict(`资源编码 ${code} 在本辖区已被使用`, `Code ${code} is already used in ${jurisdiction}`, { field: 'input.code', details: { reason: 'DUPLICATE_CODE', existingId } });
}

/** A new resource, version 1 (the seed passes the demo world's shared ids). */
export async function createResource(uow: UnitOfWork, actor: Actor, input: CreateResourceInput, opts: { id?: string } = {}): Promise<ResourceRow> {
  const identity = actor.identity;
  const jurisdiction = input.jurisdiction ?? identity.jurisdiction;
  if (!jurisdiction || !isJurisdictionCode(jurisdiction) || jurisdiction === 'NATIONAL') {
    throw badInput(`辖区无效：${String(jurisdiction)}`, `Invalid jurisdiction: ${String(jurisdiction)}`, { field: 'input.jurisdiction' });
  }
  if (!UUID_RE.test(input.sourceUnitId ?? '')) throw badInput('数源单位 ID 无效', 'Invalid sourceAgencyId', { field: 'input.sourceAgencyId' });
  requireManage(identity, { jurisdiction, sourceUnitId: input.sourceUnitId });
  const blank = blankResource(opts.id ?? newId(), jurisdiction, input.sourceUnitId, identity.sub, actor.now);
  const draft = applyInput(blank, { ...input, descriptionZh: input.descriptionZh ?? '', recordCount: input.recordCount ?? 0 });
  await assertSourceUnit(uow, draft.sourceUnitId, jurisdiction, 'input.sourceAgencyId');
  if (draft.sharedFromAgencyId) await assertSourceUnit(uow, draft.sharedFromAgencyId, null, 'input.sharedFromAgencyId');
  await assertCodeFree(uow, jurisdiction, draft.code, null);
  return commitResource(uow, actor, null, draft, 'CREATED');
}

/** An edit (or a correction's new values): a new version when anything changes. */
export async function editResource(uow: UnitOfWork, actor: Actor, input: EditResourceInput, action: VersionAction = 'EDITED'): Promise<{ row: ResourceRow; changed: boolean }> {
  const before = await loadForChange(uow, input.id);
  requireManage(actor.identity, before);
  if (before.status === 'WITHDRAWN') throw conflict('资源已撤回，不能修改', 'The resource was withdrawn and cannot be edited', { details: { status: before.status } });
  if (input.expectedVersion != null && input.expectedVersion !== before.version) {
    throw conflict('资源已被他人修改，请刷新后重试', 'The resource changed since you loaded it; reload and retry', { details: { reason: 'STALE_VERSION', currentVersion: before.version } });
  }
  // The origin changes only through correctResourceOrigin (an official's act), never by an edit.
  const { returnedOrigin: _ignored, ...fields } = input as EditResourceInput & { returnedOrigin?: unknown };
  const draft = applyInput(before, fields);
  if (draft.code !== before.code) await assertCodeFree(uow, before.jurisdiction, draft.code, before.id);
  if (draft.sharedFromAgencyId && draft.sharedFromAgencyId !== before.sharedFromAgencyId) await assertSourceUnit(uow, draft.sharedFromAgencyId, null, 'input.sharedFromAgencyId');
  const changed = Object.keys(diffSnapshots(snapshotOf(before), snapshotOf(draft))).length > 0;
  if (!changed) return { row: before, changed: false };
  return { row: await commitResource(uow, actor, before, draft, action, input.note ?? null), changed: true };
}

/** Withdrawal, refused while an agreement in force (or an active grant) uses the resource. */
export async function withdrawResource(uow: UnitOfWork, actor: Actor, id: string, reason: string): Promise<ResourceRow> {
  const before = await loadForChange(uow, id);
  requireManage(actor.identity, before);
  if (!reason?.trim()) throw badInput('撤回须说明理由', 'A reason is required to withdraw', { field: 'reason' });
  if (before.status === 'WITHDRAWN') throw conflict('资源已撤回', 'The resource is already withdrawn', { details: { status: before.status } });
  const blocking = await blockingAgreements(uow.tx, id);
  if (blocking.length > 0) {
    const names = blocking.map((b) => b.agreementNumber || b.agreementId).join('、');
    throw conflict(`资源正被生效的授权使用，不能撤回：${names}`, `The resource is used by active authorizations and cannot be withdrawn: ${names.replaceAll('、', ', ')}`, {
      details: { reason: 'IN_USE_BY_AGREEMENTS', blockingAgreements: blocking },
    });
  }
  return commitResource(uow, actor, before, { ...before, status: 'WITHDRAWN', withdrawnAt: actor.now }, 'WITHDRAWN', reason.trim());
}

/** 新建数据资源: the source unit or the implementing agency (实施机构) of the jurisdiction. */
export const createDataResource = (ctx: Ctx, input: CreateResourceInput) => inTransaction(ctx, (uow) => createResource(uow, ctx, input));

export const editDataResource = (ctx: Ctx, input: EditResourceInput) => inTransaction(ctx, async (uow) => (await editResource(uow, ctx, input)).row);

export const withdrawDataResource = (ctx: Ctx, input: { id: string; reason: string }) => inTransaction(ctx, (uow) => withdrawResource(uow, ctx, input.id, input.reason));
