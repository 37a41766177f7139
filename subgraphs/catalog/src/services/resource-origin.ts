import { badInput, conflict, inTransaction, requireJurisdiction, type RequestContext } from '@pdo/platform';
import type { ResourceRow, ReturnedOrigin } from '../domain/resource.js';
import type { CatalogLoaders } from '../loaders/index.js';
import { validOrigin } from './resource-input.js';
import { commitResource, loadForChange } from './resource-commit.js';

type Ctx = RequestContext<CatalogLoaders>;

/**
 * 回流来源更正: the data authority or the implementing agency of the jurisdiction marks a resource as returned by a
 * higher level (or as the jurisdiction's own data), citing why. A new version with its audit record and a
 * `ResourceChanged` carrying the origin, so licensing's consent rule sees it (ZJC §三(五)2; docs/policy/returned-data.md).
 */
export const correctResourceOrigin = (ctx: Ctx, input: { id: string; returnedOrigin: ReturnedOrigin | null; note: string }): Promise<ResourceRow> =>
  inTransaction(ctx, async (uow) => {
    const note = input.note?.trim();
    if (!note) throw badInput('更正回流来源须说明依据', 'A correction of the origin needs a note citing its basis', { field: 'input.note' });
    const origin = validOrigin(input.returnedOrigin, 'input.returnedOrigin');
    const before = await loadForChange(uow, input.id);
    requireJurisdiction(ctx.identity, before.jurisdiction);
    if (before.status === 'WITHDRAWN') throw conflict('资源已撤回，不能修改', 'The resource was withdrawn and cannot be changed', { details: { status: before.status } });
    if (JSON.stringify(before.returnedOrigin) === JSON.stringify(origin)) return before;
    return commitResource(uow, ctx, before, { ...before, returnedOrigin: origin }, 'ORIGIN_CORRECTED', note);
  });
