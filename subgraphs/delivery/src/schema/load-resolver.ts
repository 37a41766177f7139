import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { connectionOf, inScope, inTransaction, PageArgs, type Identity, type RequestContext } from '@pdo/platform';
import { batchByNumber, batchPage, type LoadBatchRow } from '../services/reads.js';
import { DELIVERY_SCOPE } from '../access.js';
import { contentBytes, loadRawData, resourceForLoad } from '../services/load-service.js';
import type { DeliveryLoaders } from '../loaders/index.js';
import { DataResource, LoadRawDataInput, Organization, RawDataBatch, RawDataBatchConnection, RawDataBatchStatus, RawFieldNullRatio } from './types.js';

type Ctx = RequestContext<DeliveryLoaders>;
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const canSee = (identity: Identity, b: LoadBatchRow) => inScope(identity, { jurisdiction: b.jurisdiction, orgIds: [b.sourceAgencyId] }, DELIVERY_SCOPE);

@Resolver(() => RawDataBatch)
export class RawDataBatchResolver {
  @Query(() => RawDataBatch, { nullable: true, description: '某资源的某一归集批次（含已被取代的）| One load batch of a resource by number, superseded ones included' })
  async rawDataBatch(@Arg('resourceId', () => ID) resourceId: string, @Arg('batchNo', () => Int) batchNo: number, @Ctx() ctx: Ctx) {
    if (!UUID_RE.test(resourceId)) return null;
    return batchByNumber(ctx.em, ctx.identity, resourceId, batchNo);
  }

  @Query(() => RawDataBatch, { nullable: true, description: '某资源当前的归集批次 | The current batch of a resource' })
  async currentRawDataBatch(@Arg('resourceId', () => ID) resourceId: string, @Ctx() ctx: Ctx) {
    if (!UUID_RE.test(resourceId)) return null;
    const b = await ctx.loaders.currentBatch.load(resourceId);
    return b && canSee(ctx.identity, b) ? b : null;
  }

  @Query(() => RawDataBatchConnection, { description: '归集批次（新的在前）| Load batches visible to the caller, newest first' })
  async rawDataBatches(@Args(() => PageArgs) page: PageArgs, @Arg('resourceId', () => ID, { nullable: true }) resourceId: string | null, @Ctx() ctx: Ctx) {
    return connectionOf(page, (win) => batchPage(ctx.em, ctx.identity, resourceId, win));
  }

  @Mutation(() => RawDataBatch, { description: '数源单位归集原始数据（CSV 或 JSON Lines；逐行校验，一行有误则整批不保存）| A source agency loads its resource\'s raw data; one bad row refuses the whole load' })
  async loadRawData(@Arg('input', () => LoadRawDataInput) input: LoadRawDataInput, @Ctx() ctx: Ctx) {
    return inTransaction(ctx, async (uow) => {
      const r = await resourceForLoad(uow, ctx.identity, input.resourceId);
      const bytes = contentBytes(input.content, input.encoding);
      return loadRawData(uow, { identity: ctx.identity, now: ctx.now }, r, bytes, input.format);
    });
  }

  @FieldResolver(() => DataResource)
  resource(@Root() b: LoadBatchRow): DataResource {
    return { id: b.resourceId };
  }

  @FieldResolver(() => Int)
  schemaRevision(@Root() b: LoadBatchRow): number {
    return b.schemaRev;
  }

  @FieldResolver(() => [RawFieldNullRatio])
  nullRatios(@Root() b: LoadBatchRow): RawFieldNullRatio[] {
    // In the declared order of the fields (jsonb keeps its keys sorted its own way).
    return b.columns.filter((c) => c.name in b.nullRatios).map((c) => ({ field: c.name, ratio: b.nullRatios[c.name]! }));
  }

  @FieldResolver(() => Organization, { nullable: true })
  loadedByOrganization(@Root() b: LoadBatchRow): Organization | null {
    return b.loadedByOrg ? { id: b.loadedByOrg } : null;
  }

  @FieldResolver(() => RawDataBatchStatus)
  status(@Root() b: LoadBatchRow): RawDataBatchStatus {
    return b.status as RawDataBatchStatus;
  }
}
