import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { LocalDateScalar, PageArgs, type RequestContext } from '@pdo/platform';
import type { CatalogLoaders } from '../loaders/index.js';
import type { CorrectionRow } from '../domain/correction.js';
import { visibleResource } from '../services/catalog-reads.js';
import { answerCorrectionRequest, raiseCorrectionRequest } from '../services/corrections.js';
import { correctionById, corrections, isCorrectionOverdue, overdueCorrections, timeliness } from '../services/correction-reads.js';
import { patchOf } from './resource-resolver.js';
import { DataResource, Organization } from './types.js';
import { AnswerCorrectionRequestInput, CorrectionRequest, CorrectionRequestConnection, CorrectionRequestFilter, CorrectionTimeliness, RaiseCorrectionRequestInput } from './correction-types.js';

type Ctx = RequestContext<CatalogLoaders>;

@Resolver(() => CorrectionRequest)
export class CorrectionRequestResolver {
  @Query(() => CorrectionRequest, { nullable: true, description: '校核申请 | A correction request' })
  correctionRequest(@Arg('id', () => ID) id: string, @Ctx() ctx: Ctx) {
    return correctionById(ctx, id);
  }

  @Query(() => CorrectionRequestConnection, { description: '校核申请列表 | Correction requests visible to the caller' })
  correctionRequests(@Args(() => PageArgs) page: PageArgs, @Arg('filter', () => CorrectionRequestFilter, { nullable: true }) filter: CorrectionRequestFilter | null, @Ctx() ctx: Ctx) {
    return corrections(ctx, { filter: { resourceId: filter?.resourceId, sourceUnitId: filter?.sourceAgencyId, states: filter?.states }, page });
  }

  @Query(() => CorrectionRequestConnection, { description: '逾期未答复的校核申请（按数源单位）| Open correction requests past their due date, per source unit' })
  overdueCorrectionRequests(@Args(() => PageArgs) page: PageArgs, @Arg('sourceAgencyId', () => ID, { nullable: true }) sourceAgencyId: string | null, @Ctx() ctx: Ctx) {
    return overdueCorrections(ctx, { sourceUnitId: sourceAgencyId, page });
  }

  @Query(() => CorrectionTimeliness, { description: '校核答复及时性 | Answer timeliness of a source unit (contribution evaluation)' })
  correctionTimeliness(
    @Arg('sourceAgencyId', () => ID) sourceAgencyId: string,
    @Arg('from', () => LocalDateScalar) from: string,
    @Arg('to', () => LocalDateScalar) to: string,
    @Ctx() ctx: Ctx,
  ): Promise<CorrectionTimeliness> {
    return timeliness(ctx, { sourceUnitId: sourceAgencyId, from, to });
  }

  @Mutation(() => CorrectionRequest, { description: '提出校核申请 | Raise a correction request' })
  raiseCorrectionRequest(@Arg('input', () => RaiseCorrectionRequestInput) input: RaiseCorrectionRequestInput, @Ctx() ctx: Ctx) {
    return raiseCorrectionRequest(ctx, { resourceId: input.resourceId, fieldNames: input.fieldNames, problem: input.problem, evidence: input.evidence ?? null });
  }

  @Mutation(() => CorrectionRequest, { description: '答复校核申请（更正并生成新版本 / 不予更正）| Answer a correction request' })
  answerCorrectionRequest(@Arg('input', () => AnswerCorrectionRequestInput) input: AnswerCorrectionRequestInput, @Ctx() ctx: Ctx) {
    return answerCorrectionRequest(ctx, { id: input.id, outcome: input.outcome as 'CORRECTED' | 'REJECTED', reason: input.reason ?? null, correction: input.correction ? patchOf(input.correction) : null });
  }

  @FieldResolver(() => DataResource, { nullable: true })
  resource(@Root() c: CorrectionRow, @Ctx() ctx: Ctx) {
    return visibleResource(ctx, c.resourceId);
  }

  @FieldResolver(() => Organization)
  sourceAgency(@Root() c: CorrectionRow): Organization {
    return { id: c.sourceUnitId };
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
    return isCorrectionOverdue(ctx, c);
  }
}
