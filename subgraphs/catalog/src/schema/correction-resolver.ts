import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { forbidden, inScope, inTransaction, LocalDateScalar, PageArgs, pageRows, pageWindow, requireRole, scopeSql as platformScopeSql, sqlOne, toConnection, type Identity, type RequestContext } from '@pdo/platform';
import type { CatalogLoaders } from '../loaders/index.js';
import { CATALOG_SCOPE, canSee, todayOf } from '../domain/access.js';
import { answerCorrection, CORRECTION_COLUMNS, loadCorrection, raiseCorrection, type CorrectionRow } from '../domain/correction-service.js';
import { patchOf } from './resource-resolver.js';
import {
  AnswerCorrectionRequestInput,
  CorrectionRequest,
  CorrectionRequestConnection,
  CorrectionRequestFilter,
  CorrectionTimeliness,
  DataResource,
  Organization,
  RaiseCorrectionRequestInput,
} from './types.js';

type Ctx = RequestContext<CatalogLoaders>;

/** Who sees which correction requests: the owning agency, the raiser, the AGENCY/AUTHORITY of the jurisdiction (CATALOG_SCOPE). */
function scopeSql(identity: Identity, params: unknown[]): string {
  return platformScopeSql(identity, { jurisdiction: 'c.jurisdiction', orgs: ['c.source_agency_id', 'c.raised_by_org'] }, params, CATALOG_SCOPE);
}

const canView = (identity: Identity, c: CorrectionRow) => inScope(identity, { jurisdiction: c.jurisdiction, orgIds: [c.sourceAgencyId, c.raisedByOrg] }, CATALOG_SCOPE);

@Resolver(() => CorrectionRequest)
export class CorrectionRequestResolver {
  @Query(() => CorrectionRequest, { nullable: true, description: '校核申请 | A correction request' })
  async correctionRequest(@Arg('id', () => ID) id: string, @Ctx() ctx: Ctx) {
    const c = await loadCorrection(ctx.em, id);
    return c && canView(ctx.identity, c) ? c : null;
  }

  @Query(() => CorrectionRequestConnection, { description: '校核申请列表 | Correction requests visible to the caller' })
  async correctionRequests(@Args(() => PageArgs) page: PageArgs, @Arg('filter', () => CorrectionRequestFilter, { nullable: true }) filter: CorrectionRequestFilter | null, @Ctx() ctx: Ctx) {
    const params: unknown[] = [];
    const conds = [scopeSql(ctx.identity, params)];
    if (filter?.resourceId) conds.push(`c.resource_id::text = $${params.push(filter.resourceId)}`);
    if (filter?.sourceAgencyId) conds.push(`c.source_agency_id::text = $${params.push(filter.sourceAgencyId)}`);
    if (filter?.states?.length) conds.push(`c.state = any($${params.push(filter.states)}::text[])`);
    return this.page(ctx, conds.join(' and '), params, pageWindow(page), 'c.created_at desc, c.id');
  }

  @Query(() => CorrectionRequestConnection, { description: '逾期未答复的校核申请（按数源单位）| Open correction requests past their due date, per agency' })
  async overdueCorrectionRequests(@Args(() => PageArgs) page: PageArgs, @Arg('sourceAgencyId', () => ID, { nullable: true }) sourceAgencyId: string | null, @Ctx() ctx: Ctx) {
    const params: unknown[] = [];
    const conds = [scopeSql(ctx.identity, params), `c.state = 'OPEN'`, `c.due_on < $${params.push(todayOf(ctx.now))}::date`];
    if (sourceAgencyId) conds.push(`c.source_agency_id::text = $${params.push(sourceAgencyId)}`);
    return this.page(ctx, conds.join(' and '), params, pageWindow(page), 'c.due_on, c.id');
  }

  @Query(() => CorrectionTimeliness, { description: '校核答复及时性 | Answer timeliness of a source agency (contribution evaluation)' })
  async correctionTimeliness(
    @Arg('sourceAgencyId', () => ID) sourceAgencyId: string,
    @Arg('from', () => LocalDateScalar) from: string,
    @Arg('to', () => LocalDateScalar) to: string,
    @Ctx() ctx: Ctx,
  ): Promise<CorrectionTimeliness> {
    requireRole(ctx.identity, 'AUTHORITY', 'AGENCY', 'SOURCE_UNIT', 'EXPERT');
    if (ctx.identity.role === 'SOURCE_UNIT' && ctx.identity.org !== sourceAgencyId) throw forbidden('只能查看本单位', 'Only your own organization');
    const row = await sqlOne<Record<string, string>>(
      ctx.em,
      `select count(*)::text as raised,
              count(*) filter (where state <> 'OPEN')::text as answered,
              count(*) filter (where on_time)::text as "answeredOnTime",
              count(*) filter (where on_time = false)::text as "answeredLate",
              count(*) filter (where state = 'OPEN' and due_on < $4::date)::text as "openOverdue"
         from correction_request where source_agency_id::text = $1 and raised_on between $2::date and $3::date`,
      [sourceAgencyId, from, to, todayOf(ctx.now)],
    );
    const n = (k: string) => Number(row?.[k] ?? 0);
    return { sourceAgencyId, raised: n('raised'), answered: n('answered'), answeredOnTime: n('answeredOnTime'), answeredLate: n('answeredLate'), openOverdue: n('openOverdue') };
  }

  private async page(ctx: Ctx, where: string, params: unknown[], win: { limit: number; offset: number }, order: string) {
    const { rows, totalCount } = await pageRows<CorrectionRow>(ctx.em, { select: CORRECTION_COLUMNS, from: `correction_request c where ${where}`, orderBy: order, params }, win);
    return toConnection(rows, totalCount, win);
  }

  @Mutation(() => CorrectionRequest, { description: '提出校核申请 | Raise a correction request' })
  async raiseCorrectionRequest(@Arg('input', () => RaiseCorrectionRequestInput) input: RaiseCorrectionRequestInput, @Ctx() ctx: Ctx) {
    return inTransaction(ctx, (uow) => raiseCorrection(uow, ctx, { resourceId: input.resourceId, fieldNames: input.fieldNames, problem: input.problem, evidence: input.evidence ?? null }));
  }

  @Mutation(() => CorrectionRequest, { description: '答复校核申请（更正并生成新版本 / 不予更正）| Answer a correction request' })
  async answerCorrectionRequest(@Arg('input', () => AnswerCorrectionRequestInput) input: AnswerCorrectionRequestInput, @Ctx() ctx: Ctx) {
    return inTransaction(ctx, (uow) =>
      answerCorrection(uow, ctx, { id: input.id, outcome: input.outcome as 'CORRECTED' | 'REJECTED', reason: input.reason ?? null, correction: input.correction ? patchOf(input.correction) : null }),
    );
  }

  @FieldResolver(() => DataResource, { nullable: true })
  async resource(@Root() c: CorrectionRow, @Ctx() ctx: Ctx) {
    const r = await ctx.loaders.resourceById.load(c.resourceId);
    return r && canSee(ctx.identity, r) ? r : null;
  }

  @FieldResolver(() => Organization)
  sourceAgency(@Root() c: CorrectionRow): Organization {
    return { id: c.sourceAgencyId };
  }

  @FieldResolver(() => String)
  raisedBy(@Root() c: CorrectionRow): string {
    return c.raisedBySub;
  }

  @FieldResolver(() => Organization, { nullable: true })
  raisedByOrganization(@Root() c: CorrectionRow): Organization | null {
    return c.raisedByOrg ? { id: c.raisedByOrg } : null;
  }

  @FieldResolver(() => Boolean)
  overdue(@Root() c: CorrectionRow, @Ctx() ctx: Ctx): boolean {
    return c.state === 'OPEN' && !!c.dueOn && todayOf(ctx.now) > c.dueOn;
  }
}
