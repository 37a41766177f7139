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
  correctionRequest(@Arg('id', () => ID, { description: '校核申请标识 | Id of the correction request' }) id: string, @Ctx() ctx: Ctx) {
    return correctionById(ctx, id);
  }

  @Query(() => CorrectionRequestConnection, { description: '校核申请列表 | Correction requests visible to the caller' })
  correctionRequests(@Args(() => PageArgs) page: PageArgs, @Arg('filter', () => CorrectionRequestFilter, { nullable: true, description: '筛选条件 | Filter' }) filter: CorrectionRequestFilter | null, @Ctx() ctx: Ctx) {
    return corrections(ctx, { filter: { resourceId: filter?.resourceId, sourceUnitId: filter?.sourceAgencyId, states: filter?.states }, page });
  }

  @Query(() => CorrectionRequestConnection, { description: '逾期未答复的校核申请（按数源单位）| Open correction requests past their due date, per source unit' })
  overdueCorrectionRequests(@Args(() => PageArgs) page: PageArgs, @Arg('sourceAgencyId', () => ID, { nullable: true, description: '只看该数源单位的申请 | Only requests to this source unit' }) sourceAgencyId: string | null, @Ctx() ctx: Ctx) {
    return overdueCorrections(ctx, { sourceUnitId: sourceAgencyId, page });
  }

  @Query(() => CorrectionTimeliness, { description: '校核答复及时性 | Answer timeliness of a source unit (contribution evaluation)' })
  correctionTimeliness(
    @Arg('sourceAgencyId', () => ID, { description: '数源单位标识 | Id of the source unit' }) sourceAgencyId: string,
    @Arg('from', () => LocalDateScalar, { description: '起始日（含）| First day of the period (inclusive)' }) from: string,
    @Arg('to', () => LocalDateScalar, { description: '截止日（含）| Last day of the period (inclusive)' }) to: string,
    @Ctx() ctx: Ctx,
  ): Promise<CorrectionTimeliness> {
    return timeliness(ctx, { sourceUnitId: sourceAgencyId, from, to });
  }

  @Mutation(() => CorrectionRequest, { description: '提出校核申请 | Raise a correction request' })
  raiseCorrectionRequest(@Arg('input', () => RaiseCorrectionRequestInput, { description: '校核申请内容 | The correction request to raise' }) input: RaiseCorrectionRequestInput, @Ctx() ctx: Ctx) {
    return raiseCorrectionRequest(ctx, { resourceId: input.resourceId, fieldNames: input.fieldNames, problem: input.problem, evidence: input.evidence ?? null });
  }

  @Mutation(() => CorrectionRequest, { description: '答复校核申请（更正并生成新版本 / 不予更正）| Answer a correction request' })
  answerCorrectionRequest(@Arg('input', () => AnswerCorrectionRequestInput, { description: '答复内容 | The answer' }) input: AnswerCorrectionRequestInput, @Ctx() ctx: Ctx) {
    return answerCorrectionRequest(ctx, { id: input.id, outcome: input.outcome as 'CORRECTED' | 'REJECTED', reason: input.reason ?? null, correction: input.correction ? patchOf(input.correction) : null });
  }

  @FieldResolver(() => DataResource, { nullable: true, description: '被申请校核的数据资源（调用方可见时）| The resource concerned, when visible to the caller' })
  resource(@Root() c: CorrectionRow, @Ctx() ctx: Ctx) {
    return visibleResource(ctx, c.resourceId);
  }

  @FieldResolver(() => Organization, { description: '负责答复的数源单位 | Source unit that must answer' })
  sourceAgency(@Root() c: CorrectionRow): Organization {
    return { id: c.sourceUnitId };
  }

  @FieldResolver(() => String, { description: '提出人（用户标识）| Who raised the request (subject)' })
  raisedBy(@Root() c: CorrectionRow): string {
    return c.raisedBySub;
  }

  @FieldResolver(() => Organization, { nullable: true, description: '提出人所属主体 | Organization of the person who raised it' })
  raisedByOrganization(@Root() c: CorrectionRow): Organization | null {
    return c.raisedByOrg ? { id: c.raisedByOrg } : null;
  }

  @FieldResolver(() => Boolean, { description: '是否逾期未答复 | Open past its due date' })
  overdue(@Root() c: CorrectionRow, @Ctx() ctx: Ctx): boolean {
    return isCorrectionOverdue(ctx, c);
  }
}
