import { randomUUID } from 'node:crypto';
import { Arg, Args, Ctx, Field, FieldResolver, ID, InputType, Int, Mutation, ObjectType, Query, Resolver, Root, registerEnumType } from 'type-graphql';
import { Decimal } from '@pdo/policy';
import {
  Connection,
  DecimalScalar,
  LocalDateScalar,
  PageArgs,
  badInput,
  conflict,
  forbidden,
  inTransaction,
  notFound,
  pageRows,
  pageWindow,
  requireJurisdiction,
  sql,
  sqlOne,
  toConnection,
  type RequestContext,
} from '@pdo/platform';
import type { EvaluationEvents } from '@pdo/events';
import { requireAuthorityOf, requireOperatorOrSupervisor, requireRoleIn, today } from '../domain/access.js';
import { disclose, fact } from '../data/disclose.js';
import type { EvaluationScoreRow, FindingRow, Loaders } from '../loaders/index.js';
import { Organization, orgRef } from './common.js';

/** The criteria of the annual evaluation (TZ Art 28; HN Art 22; QHD; ZJC). */
export enum OperatorEvaluationCriterion {
  AGREEMENT_PERFORMANCE = 'AGREEMENT_PERFORMANCE',
  PRODUCTS_OUTCOMES = 'PRODUCTS_OUTCOMES',
  SECURITY = 'SECURITY',
  REPORTING_COMPLIANCE = 'REPORTING_COMPLIANCE',
  DISCLOSURE = 'DISCLOSURE',
}
registerEnumType(OperatorEvaluationCriterion, { name: 'OperatorEvaluationCriterion', description: '运营评估指标 | Operator evaluation criterion' });

/** What the result means for the authorization: the basis for renewal or termination. */
export enum OperatorEvaluationConclusion {
  RENEWAL_RECOMMENDED = 'RENEWAL_RECOMMENDED',
  RECTIFICATION_REQUIRED = 'RECTIFICATION_REQUIRED',
  TERMINATION_RECOMMENDED = 'TERMINATION_RECOMMENDED',
}
registerEnumType(OperatorEvaluationConclusion, { name: 'OperatorEvaluationConclusion' });

export enum EvaluationFindingSeverity {
  MINOR = 'MINOR',
  MAJOR = 'MAJOR',
  CRITICAL = 'CRITICAL',
}
registerEnumType(EvaluationFindingSeverity, { name: 'EvaluationFindingSeverity' });

export enum EvaluationRectificationState {
  NONE = 'NONE',
  REQUESTED = 'REQUESTED',
  CLOSED = 'CLOSED',
}
registerEnumType(EvaluationRectificationState, { name: 'EvaluationRectificationState' });

@ObjectType({ description: '评估打分 | One scorer’s score on one criterion' })
export class OperatorEvaluationScore {
  @Field(() => OperatorEvaluationCriterion) criterion!: string;
  @Field(() => String) scorerRole!: string;
  @Field(() => String) scorer!: string;
  @Field(() => DecimalScalar) score!: string;
  @Field(() => String, { nullable: true }) comment!: string | null;
  @Field(() => Date) scoredAt!: Date;
}

@ObjectType()
export class OperatorCriterionAverage {
  @Field(() => OperatorEvaluationCriterion) criterion!: string;
  @Field(() => DecimalScalar, { nullable: true }) average!: string | null;
  @Field(() => Int) scorerCount!: number;
}

@ObjectType({ description: '评估发现 | Evaluation finding' })
export class EvaluationFinding {
  @Field(() => ID) id!: string;
  @Field(() => OperatorEvaluationCriterion) criterion!: string;
  @Field(() => EvaluationFindingSeverity) severity!: string;
  @Field(() => String) description!: string;
  @Field(() => EvaluationRectificationState) rectification!: string;
  @Field(() => LocalDateScalar, { nullable: true }) rectificationDeadline!: string | null;
  @Field(() => Date) createdAt!: Date;
  @Field(() => Date, { nullable: true }) closedAt!: Date | null;
  @Field(() => String, { nullable: true }) closureNote!: string | null;
}

@ObjectType({ description: '平台数据预填的年度事实 | Facts of the year, prefilled from the platform’s own data' })
export class OperatorEvaluationFacts {
  @Field(() => Int) listedProducts!: number;
  @Field(() => String) usageUnits!: string;
  @Field(() => Int) usageAgreements!: number;
  @Field(() => Int) securityIncidents!: number;
  @Field(() => Int) reportsAccepted!: number;
  @Field(() => Int) reportsOverdue!: number;
  @Field(() => Int) disclosures!: number;
}

@ObjectType({ description: '运营机构年度评估 | Operator annual evaluation' })
export class OperatorEvaluation {
  @Field(() => ID) id!: string;
  @Field(() => String) jurisdiction!: string;
  @Field(() => ID) operatorId!: string;
  @Field(() => Organization) operator!: Organization;
  @Field(() => ID, { nullable: true }) agreementId!: string | null;
  @Field(() => Int) year!: number;
  @Field(() => String, { description: 'OPEN | FINALIZED' }) status!: string;
  @Field(() => DecimalScalar, { nullable: true }) total!: string | null;
  @Field(() => OperatorEvaluationConclusion, { nullable: true }) conclusion!: string | null;
  @Field(() => String, { nullable: true }) conclusionNote!: string | null;
  @Field(() => Date) openedAt!: Date;
  @Field(() => Date, { nullable: true }) finalizedAt!: Date | null;
}

@ObjectType()
export class OperatorEvaluationConnection extends Connection(OperatorEvaluation) {}

@InputType()
export class OpenOperatorEvaluationInput {
  @Field(() => String) jurisdiction!: string;
  @Field(() => ID) operatorId!: string;
  @Field(() => Int) year!: number;
}

@InputType()
export class ScoreOperatorEvaluationInput {
  @Field(() => ID) evaluationId!: string;
  @Field(() => OperatorEvaluationCriterion) criterion!: OperatorEvaluationCriterion;
  @Field(() => DecimalScalar, { description: '0–100，最多两位小数 | 0–100, at most 2 decimals' }) score!: Decimal;
  @Field(() => String, { nullable: true }) comment?: string | null;
}

@InputType()
export class AddEvaluationFindingInput {
  @Field(() => ID) evaluationId!: string;
  @Field(() => OperatorEvaluationCriterion) criterion!: OperatorEvaluationCriterion;
  @Field(() => EvaluationFindingSeverity) severity!: EvaluationFindingSeverity;
  @Field(() => String) description!: string;
  @Field(() => Boolean, { defaultValue: false, description: '要求整改（仅数据主管部门）| Ask licensing to open a rectification (AUTHORITY only)' }) requestRectification!: boolean;
  @Field(() => LocalDateScalar, { nullable: true }) rectificationDeadline?: string | null;
}

@InputType()
export class FinalizeOperatorEvaluationInput {
  @Field(() => ID) evaluationId!: string;
  @Field(() => OperatorEvaluationConclusion) conclusion!: OperatorEvaluationConclusion;
  @Field(() => String, { nullable: true }) note?: string | null;
}

interface EvalRow {
  id: string;
  jurisdiction: string;
  operator_id: string;
  agreement_id: string | null;
  year: number;
  status: string;
  total: string | null;
  conclusion: string | null;
  conclusion_note: string | null;
  opened_at: Date;
  finalized_at: Date | null;
}
const EVAL_COLS = `id, jurisdiction, operator_id, agreement_id, year, status, total::text, conclusion, conclusion_note, opened_at, finalized_at`;

const toEval = (r: EvalRow): OperatorEvaluation => ({
  id: r.id,
  jurisdiction: r.jurisdiction,
  operatorId: r.operator_id,
  operator: orgRef(r.operator_id)!,
  agreementId: r.agreement_id,
  year: r.year,
  status: r.status,
  total: r.total,
  conclusion: r.conclusion,
  conclusionNote: r.conclusion_note,
  openedAt: r.opened_at,
  finalizedAt: r.finalized_at,
});

export const toFinding = (f: FindingRow): EvaluationFinding => ({
  id: f.id,
  criterion: f.criterion,
  severity: f.severity,
  description: f.description,
  rectification: f.rectification,
  rectificationDeadline: f.rectification_deadline,
  createdAt: f.created_at,
  closedAt: f.closed_at,
  closureNote: f.closure_note,
});

const CRITERIA = Object.values(OperatorEvaluationCriterion);

async function loadEval(em: RequestContext['em'], id: string, lock = false): Promise<EvalRow> {
  const r = await sqlOne<EvalRow>(em, `select ${EVAL_COLS} from operator_evaluation where id = $1${lock ? ' for update' : ''}`, [id]);
  if (!r) throw notFound('运营评估', 'Operator evaluation', id);
  return r;
}

function parseScore(d: Decimal): string {
  const s = d.toString();
  if (!/^\d{1,3}(\.\d{1,2})?$/.test(s) || d.gt(Decimal.parse('100'))) {
    throw badInput('评分须在 0 到 100 之间，最多两位小数', 'A score must be between 0 and 100 with at most 2 decimals', { field: 'input.score', details: { min: '0', max: '100' } });
  }
  return s;
}

@Resolver(() => OperatorEvaluation)
export class OperatorEvaluationResolver {
  @Query(() => OperatorEvaluationConnection, { description: '运营机构年度评估 | Operator evaluations (authority/expert: jurisdiction; operator: own)' })
  async operatorEvaluations(
    @Arg('jurisdiction', () => String) jurisdiction: string,
    @Arg('operatorId', () => ID, { nullable: true }) operatorId: string | null,
    @Arg('year', () => Int, { nullable: true }) year: number | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: RequestContext<Loaders>,
  ) {
    requireJurisdiction(ctx.identity, jurisdiction);
    if (ctx.identity.role === 'OPERATOR') {
      if (operatorId && operatorId !== ctx.identity.org) throw forbidden('只能查看本单位的评估', 'You may only read your own evaluations');
      operatorId = ctx.identity.org;
    }
    const win = pageWindow(page);
    const { rows, totalCount } = await pageRows<EvalRow>(
      ctx.em,
      {
        select: EVAL_COLS,
        from: `operator_evaluation where jurisdiction = $1 and ($2::uuid is null or operator_id = $2) and ($3::int is null or year = $3)`,
        orderBy: `year desc, id`,
        params: [jurisdiction, operatorId, year],
      },
      win,
    );
    return toConnection(rows.map(toEval), totalCount, win);
  }

  @Query(() => OperatorEvaluation, { nullable: true })
  async operatorEvaluation(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext<Loaders>) {
    const r = await sqlOne<EvalRow>(ctx.em, `select ${EVAL_COLS} from operator_evaluation where id = $1`, [id]);
    if (!r) return null;
    requireOperatorOrSupervisor(ctx.identity, r.jurisdiction, r.operator_id);
    return toEval(r);
  }

  @FieldResolver(() => [OperatorEvaluationScore])
  async scores(@Root() e: OperatorEvaluation, @Ctx() ctx: RequestContext<Loaders>) {
    return (await ctx.loaders.evaluationScores.load(e.id)).map((s: EvaluationScoreRow) => ({ criterion: s.criterion, scorerRole: s.scorer_role, scorer: s.scorer_sub, score: s.score, comment: s.comment, scoredAt: s.scored_at }));
  }

  @FieldResolver(() => [OperatorCriterionAverage])
  async criterionAverages(@Root() e: OperatorEvaluation, @Ctx() ctx: RequestContext<Loaders>) {
    const scores = await ctx.loaders.evaluationScores.load(e.id);
    return CRITERIA.map((c) => {
      const mine = scores.filter((s) => s.criterion === c);
      if (!mine.length) return { criterion: c, average: null, scorerCount: 0 };
      const sum = mine.reduce((acc, s) => acc.add(Decimal.parse(s.score)), Decimal.ZERO);
      return { criterion: c, average: sum.div(Decimal.parse(String(mine.length)), 2).toString(), scorerCount: mine.length };
    });
  }

  @FieldResolver(() => [EvaluationFinding])
  async findings(@Root() e: OperatorEvaluation, @Ctx() ctx: RequestContext<Loaders>) {
    return (await ctx.loaders.findings.load(e.id)).map(toFinding);
  }

  @FieldResolver(() => OperatorEvaluationFacts, { description: '平台数据预填 | Prefilled from the platform’s data' })
  async facts(@Root() e: OperatorEvaluation, @Ctx() ctx: RequestContext<Loaders>) {
    // "Overdue" is relative to the request's now (test clock / X-PDO-Now), never the server clock.
    return ctx.loaders.evaluationFacts.load({ operatorId: e.operatorId, year: e.year, today: today(ctx.now) });
  }

  @Mutation(() => OperatorEvaluation, { description: '发起年度评估 | Open an operator’s annual evaluation' })
  async openOperatorEvaluation(@Arg('input', () => OpenOperatorEvaluationInput) input: OpenOperatorEvaluationInput, @Ctx() ctx: RequestContext<Loaders>) {
    requireAuthorityOf(ctx.identity, input.jurisdiction);
    if (!Number.isInteger(input.year) || `${input.year}-12-31` >= today(ctx.now)) {
      throw badInput('评估年度尚未结束', 'The evaluated year has not ended yet', { field: 'input.year' });
    }
    return inTransaction(ctx, async ({ tx, audit }) => {
      const ag = await sqlOne<{ id: string }>(
        tx,
        `select id from agreement_projection where jurisdiction = $1 and operator_id = $2 and start_date <= $3::date order by start_date desc limit 1`,
        [input.jurisdiction, input.operatorId, `${input.year}-12-31`],
      );
      if (!ag) throw notFound('该运营机构在该年度的授权', 'An authorization of this operator in that year', input.operatorId);
      const dup = await sqlOne(tx, `select id from operator_evaluation where operator_id = $1 and year = $2`, [input.operatorId, input.year]);
      if (dup) throw conflict('该年度评估已存在', 'This year’s evaluation already exists', { details: dup });
      const id = randomUUID();
      await sql(tx, `insert into operator_evaluation (id, jurisdiction, operator_id, agreement_id, year, status, opened_by, opened_at) values ($1,$2,$3,$4,$5,'OPEN',$6,$7)`, [
        id, input.jurisdiction, input.operatorId, ag.id, input.year, ctx.identity.sub, ctx.now,
      ]);
      audit({ entityType: 'OperatorEvaluation', entityId: id, action: 'OPENED', changes: { operatorId: input.operatorId, year: input.year } });
      return toEval(await loadEval(tx, id));
    });
  }

  @Mutation(() => OperatorEvaluation, { description: '专家或主管部门打分 | Score a criterion (EXPERT / AUTHORITY)' })
  async scoreOperatorEvaluation(@Arg('input', () => ScoreOperatorEvaluationInput) input: ScoreOperatorEvaluationInput, @Ctx() ctx: RequestContext<Loaders>) {
    const score = parseScore(input.score);
    return inTransaction(ctx, async ({ tx, audit }) => {
      const ev = await loadEval(tx, input.evaluationId, true);
      requireRoleIn(ctx.identity, ev.jurisdiction, 'EXPERT', 'AUTHORITY');
      if (ev.status !== 'OPEN') throw conflict('评估已定稿，不能再打分', 'The evaluation is finalized; scores are closed', { details: { status: ev.status } });
      await sql(
        tx,
        `insert into operator_evaluation_score (evaluation_id, criterion, scorer_sub, scorer_role, score, comment, scored_at) values ($1,$2,$3,$4,$5,$6,$7)
         on conflict (evaluation_id, criterion, scorer_sub) do update set score = excluded.score, comment = excluded.comment, scored_at = excluded.scored_at`,
        [ev.id, input.criterion, ctx.identity.sub, ctx.identity.role, score, input.comment ?? null, ctx.now],
      );
      audit({ entityType: 'OperatorEvaluation', entityId: ev.id, action: 'SCORED', changes: { criterion: input.criterion, score, scorer: ctx.identity.sub } });
      return toEval(ev);
    });
  }

  @Mutation(() => EvaluationFinding, { description: '登记评估发现，可要求整改 | Record a finding; may request rectification' })
  async addEvaluationFinding(@Arg('input', () => AddEvaluationFindingInput) input: AddEvaluationFindingInput, @Ctx() ctx: RequestContext<Loaders>) {
    if (!input.description?.trim()) throw badInput('须填写发现内容', 'A description is required', { field: 'input.description' });
    return inTransaction(ctx, async ({ tx, audit, publish }) => {
      const ev = await loadEval(tx, input.evaluationId, true);
      requireRoleIn(ctx.identity, ev.jurisdiction, 'EXPERT', 'AUTHORITY');
      if (ev.status !== 'OPEN') throw conflict('评估已定稿', 'The evaluation is finalized', { details: { status: ev.status } });
      if (input.requestRectification) {
        if (ctx.identity.role !== 'AUTHORITY') throw forbidden('只有数据主管部门可以要求整改', 'Only the AUTHORITY may request a rectification');
        if (!input.rectificationDeadline || input.rectificationDeadline <= today(ctx.now)) {
          throw badInput('整改期限须晚于今天', 'The rectification deadline must be after today', { field: 'input.rectificationDeadline' });
        }
        if (!ev.agreement_id) throw conflict('无对应授权协议，无法整改', 'No authorization to rectify');
      }
      const id = randomUUID();
      await sql(
        tx,
        `insert into evaluation_finding (id, evaluation_id, criterion, severity, description, rectification, rectification_deadline, created_by, created_at)
         values ($1,$2,$3,$4,$5,$6,$7,$8,$9)`,
        [id, ev.id, input.criterion, input.severity, input.description.trim(), input.requestRectification ? 'REQUESTED' : 'NONE', input.requestRectification ? input.rectificationDeadline : null, ctx.identity.sub, ctx.now],
      );
      audit({ entityType: 'EvaluationFinding', entityId: id, action: 'RECORDED', changes: { evaluationId: ev.id, criterion: input.criterion, severity: input.severity, rectification: input.requestRectification } });
      if (input.requestRectification) {
        const payload: EvaluationEvents.RectificationRequested = {
          findingId: id,
          evaluationId: ev.id,
          agreementId: ev.agreement_id!,
          operatorId: ev.operator_id,
          jurisdiction: ev.jurisdiction,
          cause: input.description.trim(),
          deadline: input.rectificationDeadline!,
        };
        await publish('RectificationRequested', payload, ev.jurisdiction);
      }
      const rows = await sql<FindingRow>(tx, `select id, evaluation_id, criterion, severity, description, rectification, rectification_deadline::text, created_at, closed_at, closure_note from evaluation_finding where id = $1`, [id]);
      return toFinding(rows[0]!);
    });
  }

  @Mutation(() => EvaluationFinding, { description: '整改完成，关闭发现并公开 | Close a rectification; disclosed publicly' })
  async closeEvaluationFinding(@Arg('findingId', () => ID) findingId: string, @Arg('note', () => String) note: string, @Ctx() ctx: RequestContext<Loaders>) {
    if (!note?.trim()) throw badInput('须说明整改结果', 'A closure note is required', { field: 'note' });
    return inTransaction(ctx, async ({ tx, audit }) => {
      const f = await sqlOne<FindingRow & { jurisdiction: string; operator_id: string; year: number }>(
        tx,
        `select f.id, f.evaluation_id, f.criterion, f.severity, f.description, f.rectification, f.rectification_deadline::text, f.created_at, f.closed_at, f.closure_note,
                e.jurisdiction, e.operator_id, e.year
           from evaluation_finding f join operator_evaluation e on e.id = f.evaluation_id where f.id = $1 for update of f`,
        [findingId],
      );
      if (!f) throw notFound('评估发现', 'Finding', findingId);
      requireAuthorityOf(ctx.identity, f.jurisdiction);
      if (f.rectification !== 'REQUESTED') throw conflict('该发现没有待关闭的整改', 'This finding has no open rectification', { details: { rectification: f.rectification } });
      await sql(tx, `update evaluation_finding set rectification = 'CLOSED', closed_at = $2, closure_note = $3 where id = $1`, [f.id, ctx.now, note.trim()]);
      audit({ entityType: 'EvaluationFinding', entityId: f.id, action: 'RECTIFICATION_CLOSED', changes: { note: note.trim() } });
      const operator = await sqlOne<{ name_zh: string }>(tx, `select name_zh from org_projection where id = $1`, [f.operator_id]);
      await disclose(tx, {
        dedupeKey: `RECTIFICATION_CLOSED:${f.id}`,
        jurisdiction: f.jurisdiction,
        kind: 'RECTIFICATION_CLOSED',
        title: `整改完成：${operator?.name_zh ?? f.operator_id}（${f.year}年度评估）`,
        subjectId: f.id,
        rule: 'HN Art 22; TZ Art 28',
        facts: [fact('operator', operator?.name_zh ?? f.operator_id), fact('year', f.year), fact('criterion', f.criterion), fact('severity', f.severity), fact('closedOn', today(ctx.now))],
        publishedAt: ctx.now,
      });
      return toFinding({ ...f, rectification: 'CLOSED', closed_at: ctx.now, closure_note: note.trim() });
    });
  }

  @Mutation(() => OperatorEvaluation, { description: '评估定稿并公开结果 | Finalize: total, conclusion, public result' })
  async finalizeOperatorEvaluation(@Arg('input', () => FinalizeOperatorEvaluationInput) input: FinalizeOperatorEvaluationInput, @Ctx() ctx: RequestContext<Loaders>) {
    return inTransaction(ctx, async ({ tx, audit }) => {
      const ev = await loadEval(tx, input.evaluationId, true);
      requireAuthorityOf(ctx.identity, ev.jurisdiction);
      if (ev.status !== 'OPEN') throw conflict('评估已定稿', 'The evaluation is already finalized', { details: { status: ev.status } });
      // Total = mean over criteria of the mean score per criterion; every criterion must be scored.
      const avgs = await sql<{ criterion: string; avg: string }>(tx, `select criterion, avg(score)::text as avg from operator_evaluation_score where evaluation_id = $1 group by criterion`, [ev.id]);
      const missing = CRITERIA.filter((c) => !avgs.some((a) => a.criterion === c));
      if (missing.length) throw conflict('仍有评估指标未打分', 'Some criteria have no score yet', { details: { missing } });
      const total = await sqlOne<{ t: string }>(tx, `select round(avg(a), 2)::text as t from (select avg(score) as a from operator_evaluation_score where evaluation_id = $1 group by criterion) x`, [ev.id]);
      await sql(tx, `update operator_evaluation set status = 'FINALIZED', total = $2, conclusion = $3, conclusion_note = $4, finalized_at = $5 where id = $1`, [ev.id, total!.t, input.conclusion, input.note ?? null, ctx.now]);
      audit({ entityType: 'OperatorEvaluation', entityId: ev.id, action: 'FINALIZED', changes: { total: total!.t, conclusion: input.conclusion } });
      const operator = await sqlOne<{ name_zh: string }>(tx, `select name_zh from org_projection where id = $1`, [ev.operator_id]);
      await disclose(tx, {
        dedupeKey: `EVALUATION_RESULT:${ev.id}`,
        jurisdiction: ev.jurisdiction,
        kind: 'EVALUATION_RESULT',
        title: `${ev.year}年度运营评估结果：${operator?.name_zh ?? ev.operator_id}`,
        subjectId: ev.id,
        rule: 'TZ Art 28; HN Art 22',
        facts: [fact('operator', operator?.name_zh ?? ev.operator_id), fact('year', ev.year), fact('total', total!.t), fact('conclusion', input.conclusion)],
        publishedAt: ctx.now,
      });
      return toEval(await loadEval(tx, ev.id));
    });
  }
}
