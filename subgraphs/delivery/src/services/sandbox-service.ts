/**
 * 开发处理环境 with 成果审核 (HN Art 3; docs/operating-domain/sandbox.md): a developer with an
 * entitlement to a SANDBOX product submits an analysis query over the product's resources. It is
 * analysed like a recipe (a row-level query is refused), run by the executor as the product's reader
 * role, groups below k are withheld, every aggregate gets discrete Laplace noise charged against the
 * agreement's ε budget for the month; the result then waits for review (the operator, or the
 * implementing agency where the profile says so) and leaves only once RELEASED. Each job is
 * metered (ExecutionMetered) and takes one unit of the usage agreement's quota, the same quota the
 * data plane's calls take theirs from. A refusal at any step changes and meters nothing.
 */
import { createHash } from 'node:crypto';
import { assertInScope, badInput, conflict, forbidden, notFound, profileFor, type Identity, type UnitOfWork } from '@pdo/platform';
import { toShanghaiDate } from '@pdo/policy';
import type { DeliveryEvents } from '@pdo/events';
import { v7 as uuidv7 } from 'uuid';
import { analyseRecipe } from '../domain/recipe-analysis.js';
import { addNoiseToAggregates, checkBudget, toMicroEpsilon } from '../domain/privacy.js';
import { entitlementStop, versionStop } from '../domain/call-rules.js';
import type { FieldType, OutputKind } from '../domain/recipe-types.js';
import { recipeById, runFacts } from '../data/recipes.js';
import { budgetSpent, chargeBudget, decideSandboxJob, entitlement, insertSandboxJob, lockBudget, meteredUnits, productListing, sandboxJob, takeUnit, type SandboxJobRow } from '../data/sandbox.js';
import { runStatement, stopRefused } from './executor.js';
import { budgetRefused, outputRefused, recipeRefused } from './refusal.js';
import { allowedResources } from './resources.js';

export interface SubmitSandboxJobInput {
  entitlementId: string;
  sql: string;
  parameters: { name: string; type: FieldType }[];
  parameterValues: unknown;
  outputs: { name: string; kind: OutputKind }[];
  subjects: { resourceId: string; field: string }[];
  /** ε per noised column (basic composition: the job is charged ε × aggregate columns). */
  epsilon: number;
  /** Most one subject can change an aggregate (1 for counts); declared, shown to the reviewer. */
  sensitivity: number;
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const period = (now: Date) => toShanghaiDate(now).slice(0, 7);

export async function submitSandboxJob(uow: UnitOfWork, identity: Identity, now: Date, input: SubmitSandboxJobInput): Promise<SandboxJobRow> {
  if (!UUID_RE.test(input.entitlementId)) throw badInput('使用权编号无效', 'Invalid entitlement id', { field: 'input.entitlementId' });
  if (!(input.epsilon > 0 && input.epsilon <= 10)) throw badInput('ε 须大于 0 且不超过 10', 'ε must be above 0 and at most 10', { field: 'input.epsilon' });
  if (!Number.isSafeInteger(input.sensitivity) || input.sensitivity < 1 || input.sensitivity > 1_000_000) throw badInput('敏感度须为正整数', 'The sensitivity must be a positive integer', { field: 'input.sensitivity' });
  if (typeof input.sql !== 'string' || !input.sql.trim()) throw badInput('查询不能为空', 'The query is empty', { field: 'input.sql' });

  const e = await entitlement(uow.tx, input.entitlementId);
  if (!e) throw notFound('使用权', 'Entitlement', input.entitlementId);
  // Only the entitlement's own developer (not transferable, JL §九).
  assertInScope(identity, { jurisdiction: e.jurisdiction, orgIds: [e.developer_id] }, { officials: [], entity: ['使用权', 'Entitlement'], id: e.entitlement_id });
  const listing = await productListing(uow.tx, e.product_id);
  if (!listing?.listed_version) throw stopRefused('PRODUCT_NOT_LISTED');
  const f = await runFacts(uow.tx, e.product_id, listing.listed_version);
  const today = toShanghaiDate(now);
  const stop = f
    ? versionStop({ status: f.status, version: f.version }, f.recipe_id !== null, { listingStatus: listing.listing_status, listedVersion: listing.listed_version },
        f.agreement_status === null ? undefined : { status: f.agreement_status, endDate: f.agreement_end_date! }, today)
    : 'PRODUCT_NOT_RUNNABLE';
  if (stop) throw stopRefused(stop);
  if (f!.delivery_method !== 'SANDBOX') throw stopRefused('NOT_SANDBOX');
  const entStop = entitlementStop({ status: e.status, startDate: e.start_date, endDate: e.end_date, quotaUnits: e.quota_units }, today, await meteredUnits(uow.tx, e.usage_agreement_id));
  if (entStop) throw stopRefused(entStop);

  // Analysed like the product's recipe, with at least the product's k and the jurisdiction's minimum.
  const profile = await profileFor(uow.tx, f!.jurisdiction);
  const recipe = await recipeById(uow.tx, f!.recipe_id!);
  const k = Math.max(profile.operatingDomain.value.minGroupSize, recipe?.k ?? 0);
  const { allowed } = await allowedResources(uow.tx, f!, input.subjects, now);
  const analysed = await analyseRecipe({ sql: input.sql, resources: allowed, parameters: input.parameters, outputs: Object.fromEntries(input.outputs.map((o) => [o.name, o.kind])), k });
  if (!analysed.ok) throw recipeRefused(analysed.violations);
  if (!analysed.analysis.aggregate) throw outputRefused({ code: 'SANDBOX_ROW_LEVEL', messageZh: '沙箱作业只能输出聚合结果', messageEn: 'Sandbox jobs may output aggregates only' });
  const noised = analysed.analysis.columns.filter((c) => c.kind === 'AGGREGATE').length;
  if (noised === 0) throw badInput('沙箱作业至少输出一个聚合列（AGGREGATE）', 'A sandbox job outputs at least one AGGREGATE column', { field: 'input.outputs' });

  // ε budget of the agreement for the month (profile setting), checked and charged under one lock.
  const month = period(now);
  await lockBudget(uow.tx, e.usage_agreement_id, month);
  const request = toMicroEpsilon(input.epsilon) * noised;
  const limit = profile.operatingDomain.value.sandboxEpsilonMicroPerMonth;
  const spent = await budgetSpent(uow.tx, e.usage_agreement_id, month);
  const decision = checkBudget(limit, [{ agreementId: e.usage_agreement_id, period: month, microEpsilon: spent }], { agreementId: e.usage_agreement_id, period: month, microEpsilon: request });
  if (!decision.ok) throw budgetRefused(decision);

  const run = await runStatement(uow.tx, { readerRole: f!.role_name!, analysis: analysed.analysis, parameters: input.parameters }, input.parameterValues, { mode: 'SANDBOX' });
  const release = addNoiseToAggregates(run.rows, run.columns, input.epsilon, input.sensitivity);
  if (!release.ok) throw outputRefused({ code: 'INVALID_GUARD_OPTIONS', messageZh: release.messageZh, messageEn: release.messageEn, column: release.column });

  const flags = [
    ...analysed.analysis.reviewNotes,
    ...(run.suppressedGroups > 0 ? [`SUPPRESSED_GROUPS:${run.suppressedGroups}`] : []),
    ...(run.truncated ? ['TRUNCATED'] : []),
    ...(input.sensitivity === 1 && analysed.analysis.columns.some((c) => c.kind === 'AGGREGATE' && c.aggregated && !/^count/i.test(c.name)) ? ['SENSITIVITY_DECLARED_1'] : []),
  ];
  const id = uuidv7();
  const row: SandboxJobRow = {
    id, entitlement_id: e.entitlement_id, usage_agreement_id: e.usage_agreement_id, product_id: f!.product_id, version: f!.version, developer_id: e.developer_id,
    operator_id: f!.operator_id, jurisdiction: f!.jurisdiction, sql: input.sql, sql_sha256: createHash('sha256').update(input.sql).digest('hex'), analysis: analysed.analysis,
    epsilon_micro: String(toMicroEpsilon(input.epsilon)), sensitivity: input.sensitivity, charged_micro: String(release.microEpsilonToCharge), columns: run.columns,
    result: release.rows, group_sizes: run.groupSizes, suppressed_groups: run.suppressedGroups, truncated: run.truncated, rows_read: run.rowsRead,
    duration_ms: run.durationMs, flags, reviewer_role: profile.operatingDomain.value.outputReviewer, status: 'PENDING_REVIEW', submitted_by: identity.sub,
    submitted_at: now, reviewed_by: null, reviewed_at: null, review_note: null,
  };
  // The unit is taken last, after the run: a refused or failed job takes none.
  if (!(await takeUnit(uow.tx, e.usage_agreement_id, e.quota_units, now))) throw stopRefused('QUOTA_EXHAUSTED');
  await insertSandboxJob(uow.tx, row);
  await chargeBudget(uow.tx, { id: uuidv7(), usage_agreement_id: e.usage_agreement_id, period: month, job_id: id, micro_epsilon: String(release.microEpsilonToCharge), charged_at: now });
  uow.audit({ entityType: 'SandboxJob', entityId: id, action: 'SUBMITTED', changes: { productId: f!.product_id, version: f!.version, sqlSha256: row.sql_sha256, chargedMicroEpsilon: release.microEpsilonToCharge, groups: run.rows.length, suppressedGroups: run.suppressedGroups } });
  const metered: DeliveryEvents.ExecutionMetered = {
    executionId: id, kind: 'SANDBOX_JOB', productId: f!.product_id, version: f!.version, entitlementId: e.entitlement_id, usageAgreementId: e.usage_agreement_id,
    developerId: e.developer_id, operatorId: f!.operator_id, jurisdiction: f!.jurisdiction, units: '1', rowsReturned: run.rows.length, durationMs: run.durationMs, occurredAt: now.toISOString(),
  };
  await uow.publish('ExecutionMetered', metered, f!.jurisdiction);
  return (await sandboxJob(uow.tx, id))!;
}

/** Whether the caller reviews this job: the product's operator, or the jurisdiction's agency, as the profile said when it was submitted. */
export function canReview(identity: Identity, job: Pick<SandboxJobRow, 'reviewer_role' | 'operator_id' | 'jurisdiction'>): boolean {
  if (identity.role !== job.reviewer_role) return false;
  if (job.reviewer_role === 'OPERATOR') return identity.org === job.operator_id && identity.jurisdiction === job.jurisdiction;
  return identity.jurisdiction === job.jurisdiction;
}

export async function reviewSandboxJob(uow: UnitOfWork, identity: Identity, now: Date, input: { jobId: string; decision: 'RELEASED' | 'REFUSED'; note?: string | null }): Promise<SandboxJobRow> {
  if (!UUID_RE.test(input.jobId)) throw notFound('沙箱作业', 'Sandbox job', input.jobId);
  const job = await sandboxJob(uow.tx, input.jobId, true);
  if (!job) throw notFound('沙箱作业', 'Sandbox job', input.jobId);
  if (!canReview(identity, job)) {
    if (identity.jurisdiction !== job.jurisdiction) throw notFound('沙箱作业', 'Sandbox job', input.jobId);
    throw forbidden(job.reviewer_role === 'AGENCY' ? '本辖区的成果由实施机构审核' : '成果由产品的运营机构审核', job.reviewer_role === 'AGENCY' ? 'In this jurisdiction the implementing agency reviews outputs' : 'The product’s operator reviews its outputs');
  }
  if (job.status !== 'PENDING_REVIEW') throw conflict(`作业状态为 ${job.status}，不能再次审核`, `The job is ${job.status}; it cannot be reviewed again`, { details: { status: job.status } });
  const note = input.note?.trim() || null;
  if (input.decision === 'REFUSED' && !note) throw badInput('不予发布须说明理由', 'A refusal must give its reason', { field: 'input.note' });
  if (note && note.length > 2000) throw badInput('审核意见最多 2000 字', 'The note is at most 2000 characters', { field: 'input.note' });
  await decideSandboxJob(uow.tx, job.id, input.decision, identity.sub, now, note);
  uow.audit({ entityType: 'SandboxJob', entityId: job.id, action: input.decision, changes: { note } });
  return (await sandboxJob(uow.tx, job.id))!;
}
