import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { badInput, GraphQLJSON, inScope, inTransaction, PageArgs, pageRows, pageWindow, profileFor, scopeSql, toConnection, toCsv, CSV_BOM, type Identity, type RequestContext } from '@pdo/platform';
import { toShanghaiDate } from '@pdo/policy';
import { MICRO } from '../domain/privacy.js';
import { budgetSpent, entitlement, sandboxJob, type SandboxJobRow } from '../services/reads.js';
import { canReview, reviewSandboxJob, submitSandboxJob } from '../services/sandbox-service.js';
import { DELIVERY_SCOPE } from '../access.js';
import type { DeliveryLoaders } from '../loaders/index.js';
import type { FieldType, OutputKind } from '../domain/recipe-types.js';
import { DataProduct, RecipeOutput } from './recipe-types.js';
import { PrivacyBudget, ReviewSandboxJobInput, SandboxJob, SandboxJobConnection, SandboxJobStatus, SubmitSandboxJobInput } from './sandbox-types.js';

type Ctx = RequestContext<DeliveryLoaders>;
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const EPSILON_RE = /^(0|[1-9]\d{0,1})(\.\d{1,6})?$/;
const eps = (micro: number | string) => (Number(micro) / MICRO).toFixed(6);

/** The developer, the reviewer the profile names, and the supervisors of the jurisdiction see a job. */
const canSee = (identity: Identity, j: SandboxJobRow) =>
  inScope(identity, { jurisdiction: j.jurisdiction, orgIds: [j.developer_id, j.operator_id] }, DELIVERY_SCOPE);

const JOB_COLUMNS = `j.id, j.entitlement_id, j.usage_agreement_id, j.product_id, j.version, j.developer_id, j.operator_id, j.jurisdiction, j.sql, j.sql_sha256, j.analysis,
  j.epsilon_micro::text as epsilon_micro, j.sensitivity, j.charged_micro::text as charged_micro, j.columns, j.result, j.group_sizes, j.suppressed_groups, j.truncated,
  j.rows_read, j.duration_ms, j.flags, j.reviewer_role, j.status, j.submitted_by, j.submitted_at, j.reviewed_by, j.reviewed_at, j.review_note`;

type JobView = SandboxJob & { row: SandboxJobRow };

function toJob(r: SandboxJobRow): JobView {
  return {
    row: r, id: r.id, productId: r.product_id, product: { id: r.product_id }, version: r.version, status: r.status as SandboxJobStatus, sql: r.sql, sqlSha256: r.sql_sha256,
    epsilon: eps(r.epsilon_micro), chargedEpsilon: eps(r.charged_micro), sensitivity: r.sensitivity, columns: r.columns as RecipeOutput[],
    groupSizes: r.group_sizes as number[], suppressedGroups: r.suppressed_groups, truncated: r.truncated, flags: r.flags, reviewerRole: r.reviewer_role,
    submittedAt: new Date(r.submitted_at), reviewedAt: r.reviewed_at ? new Date(r.reviewed_at) : null, reviewNote: r.review_note, rows: null, resultCsv: null,
  };
}

@Resolver(() => SandboxJob)
export class SandboxJobResolver {
  @Query(() => SandboxJob, { nullable: true, description: '一个沙箱作业 | One sandbox job' })
  async sandboxJob(@Arg('id', () => ID) id: string, @Ctx() ctx: Ctx): Promise<JobView | null> {
    if (!UUID_RE.test(id)) return null;
    const j = await sandboxJob(ctx.em, id);
    return j && canSee(ctx.identity, j) ? toJob(j) : null;
  }

  @Query(() => SandboxJobConnection, { description: '沙箱作业：开发者自己的、审核人待审的、辖区的（新的在前）| Sandbox jobs visible to the caller, newest first' })
  async sandboxJobs(@Args(() => PageArgs) page: PageArgs, @Arg('status', () => SandboxJobStatus, { nullable: true }) status: SandboxJobStatus | null, @Ctx() ctx: Ctx) {
    const win = pageWindow(page);
    const params: unknown[] = [];
    const conds = [scopeSql(ctx.identity, { jurisdiction: 'j.jurisdiction', orgs: ['j.developer_id', 'j.operator_id'] }, params, DELIVERY_SCOPE)];
    if (status) conds.push(`j.status = $${params.push(status)}`);
    const { rows, totalCount } = await pageRows(ctx.em, { select: JOB_COLUMNS, from: `sandbox_job j where ${conds.join(' and ')}`, orderBy: 'j.submitted_at desc, j.id desc', params }, win);
    return toConnection((rows as unknown as SandboxJobRow[]).map(toJob), totalCount, win);
  }

  @Query(() => PrivacyBudget, { nullable: true, description: '使用权所属应用协议本月的隐私预算（开发者）| The privacy budget of the entitlement’s agreement this month (developer)' })
  async privacyBudget(@Arg('entitlementId', () => ID) entitlementId: string, @Ctx() ctx: Ctx): Promise<PrivacyBudget | null> {
    if (!UUID_RE.test(entitlementId)) return null;
    const e = await entitlement(ctx.em, entitlementId);
    if (!e || !inScope(ctx.identity, { jurisdiction: e.jurisdiction, orgIds: [e.developer_id, e.operator_id] }, DELIVERY_SCOPE)) return null;
    const profile = await profileFor(ctx.em, e.jurisdiction);
    const period = toShanghaiDate(ctx.now).slice(0, 7);
    const limit = profile.operatingDomain.value.sandboxEpsilonMicroPerMonth;
    const spent = await budgetSpent(ctx.em, e.usage_agreement_id, period);
    return { entitlementId, period, limitEpsilon: eps(limit), spentEpsilon: eps(spent), remainingEpsilon: eps(Math.max(0, limit - spent)), source: profile.operatingDomain.source };
  }

  @Mutation(() => SandboxJob, { description: '提交沙箱分析作业：分析、执行、k 匿名、差分隐私加噪，结果进入成果审核 | Submit a sandbox job: analysed, run, k-suppressed, noised; the result waits for output review' })
  async submitSandboxJob(@Arg('input', () => SubmitSandboxJobInput) input: SubmitSandboxJobInput, @Ctx() ctx: Ctx): Promise<JobView> {
    if (!EPSILON_RE.test(input.epsilon)) throw badInput('ε 须为十进制数（最多 6 位小数）', 'ε must be a decimal (at most 6 places)', { field: 'input.epsilon' });
    const row = await inTransaction(ctx, (uow) =>
      submitSandboxJob(uow, ctx.identity, ctx.now, {
        entitlementId: input.entitlementId, sql: input.sql, parameters: input.parameters.map((p) => ({ name: p.name, type: p.type as FieldType })),
        parameterValues: input.parameterValues ?? {}, outputs: input.outputs.map((o) => ({ name: o.name, kind: o.kind as OutputKind })), subjects: input.subjects,
        epsilon: Number(input.epsilon), sensitivity: input.sensitivity,
      }),
    );
    return toJob(row);
  }

  @Mutation(() => SandboxJob, { description: '成果审核：发布或不予发布 | Output review: release or refuse' })
  async reviewSandboxJob(@Arg('input', () => ReviewSandboxJobInput) input: ReviewSandboxJobInput, @Ctx() ctx: Ctx): Promise<JobView> {
    return toJob(await inTransaction(ctx, (uow) => reviewSandboxJob(uow, ctx.identity, ctx.now, { jobId: input.jobId, decision: input.decision, note: input.note ?? null })));
  }

  @FieldResolver(() => DataProduct)
  product(@Root() j: JobView): DataProduct {
    return { id: j.productId };
  }

  /** The reviewer always; the developer once released; nobody else. */
  @FieldResolver(() => GraphQLJSON, { nullable: true })
  rows(@Root() j: JobView, @Ctx() ctx: Ctx): unknown {
    const developer = ctx.identity.role === 'DEVELOPER' && ctx.identity.org === j.row.developer_id;
    return canReview(ctx.identity, j.row) || (developer && j.row.status === 'RELEASED') ? j.row.result : null;
  }

  @FieldResolver(() => String, { nullable: true })
  resultCsv(@Root() j: JobView, @Ctx() ctx: Ctx): string | null {
    if (!(ctx.identity.role === 'DEVELOPER' && ctx.identity.org === j.row.developer_id && j.row.status === 'RELEASED')) return null;
    const cols = (j.row.columns as { name: string }[]).map((c) => c.name);
    return CSV_BOM + toCsv(cols, (j.row.result as Record<string, string | number | boolean | null>[]).map((r) => cols.map((c) => r[c] ?? null)));
  }
}
