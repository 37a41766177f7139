/**
 * 配方提交与分析: the operator submits the executable recipe of a product version under review;
 * delivery analyses it on the real PostgreSQL parse tree against the resources of the operator's
 * access grants for the product's scenario (none prohibited) and stores the analysis — the
 * evidence of the compliance item RAW_DATA_STAYS_IN_DOMAIN (HN Art 15; TZ Art 20;
 * docs/operating-domain/recipes.md). A refused analysis is stored too (the reviewer sees why).
 */
import { createHash } from 'node:crypto';
import { assertInScope, badInput, conflict, notFound, policyViolation, profileFor, type Identity, type UnitOfWork } from '@pdo/platform';
import type { DeliveryEvents } from '@pdo/events';
import { v7 as uuidv7 } from 'uuid';
import { analyseRecipe } from '../domain/recipe-analysis.js';
import type { AllowedResource, FieldType, OutputKind, RecipeAnalysis, RecipeResult, Violation } from '../domain/recipe-types.js';
import type { Scalar } from '../domain/output-guard.js';
import { productVersion } from '../data/projections.js';
import { currentRecipe, insertRecipe, supersedeRecipes, type RecipeRow } from '../data/recipes.js';
import { syncReader } from './reader-roles.js';
import { declareRecipeLookups } from './lookup-indexes.js';
import { allowedResources } from './resources.js';

export interface SubmitRecipeInput {
  productId: string;
  version: number;
  sql: string;
  parameters: { name: string; type: FieldType }[];
  outputs: { name: string; kind: OutputKind }[];
  /** Per resource: the field naming the data subject (k counts its distinct values). */
  subjects: { resourceId: string; field: string }[];
  /** Requested k; at least the profile's minimum (a product may only raise it). Default: the minimum. */
  k?: number | null;
  /** A VERIFICATION product: each output column with the values it may answer. */
  verification?: { column: string; values: Scalar[] }[] | null;
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const NAME_RE = /^[a-z_][a-z0-9_]{0,62}$/;
const FIELD_TYPES = new Set(['text', 'integer', 'numeric', 'date', 'boolean']);
const KINDS = new Set(['AGGREGATE', 'SCORE', 'LABEL', 'FLAG', 'MASKED', 'DERIVED']);

function checkShape(input: SubmitRecipeInput): void {
  const bad = (field: string, zh: string, en: string) => badInput(zh, en, { field: `input.${field}` });
  if (!UUID_RE.test(input.productId)) throw bad('productId', '产品编号无效', 'Invalid product id');
  if (!Number.isInteger(input.version) || input.version < 1) throw bad('version', '版本号无效', 'Invalid version');
  if (typeof input.sql !== 'string' || !input.sql.trim()) throw bad('sql', '配方不能为空', 'The recipe is empty');
  if (input.parameters.length > 20) throw bad('parameters', '参数最多 20 个', 'At most 20 parameters');
  if (input.outputs.length === 0 || input.outputs.length > 100) throw bad('outputs', '输出列须为 1–100 个', 'Declare 1–100 output columns');
  const names = new Set<string>();
  for (const p of input.parameters) {
    if (!NAME_RE.test(p.name) || names.has(p.name) || !FIELD_TYPES.has(p.type)) throw bad('parameters', `参数声明无效：${p.name}`, `Invalid parameter declaration: ${p.name}`);
    names.add(p.name);
  }
  const outs = new Set<string>();
  for (const o of input.outputs) {
    if (!o.name || o.name.length > 63 || outs.has(o.name) || !KINDS.has(o.kind)) throw bad('outputs', `输出列声明无效：${o.name}`, `Invalid output declaration: ${o.name}`);
    outs.add(o.name);
  }
  if (input.k !== undefined && input.k !== null && (!Number.isInteger(input.k) || input.k < 2 || input.k > 1000)) throw bad('k', 'k 须为 2–1000 的整数', 'k must be an integer from 2 to 1000');
  for (const v of input.verification ?? []) {
    if (!outs.has(v.column) || v.values.length === 0 || v.values.length > 50) throw bad('verification', `核验取值声明无效：${v.column}`, `Invalid verification values: ${v.column}`);
    for (const x of v.values) if (x !== null && !['string', 'number', 'boolean'].includes(typeof x)) throw bad('verification', '核验取值只能是基本值', 'Verification values must be basic values');
  }
}

/** The operator of the version; the version must be under review. Returns its facts. */
async function versionForRecipe(uow: UnitOfWork, identity: Identity, productId: string, version: number) {
  const v = await productVersion(uow.tx, productId, version);
  if (!v) throw notFound('产品版本', 'Product version', `${productId}@${version}`);
  assertInScope(identity, { jurisdiction: v.jurisdiction, orgIds: [v.operator_id] }, { officials: [], entity: ['产品版本', 'Product version'], id: productId });
  if (v.status !== 'SUBMITTED') {
    throw conflict(`产品版本状态为 ${v.status}，只能为审核中的版本提交配方`, `The version is ${v.status}; a recipe is submitted while the version is under review`, { details: { status: v.status } });
  }
  return v;
}

export async function submitRecipe(uow: UnitOfWork, identity: Identity, now: Date, input: SubmitRecipeInput): Promise<RecipeRow> {
  checkShape(input);
  const v = await versionForRecipe(uow, identity, input.productId, input.version);
  const profile = await profileFor(uow.tx, v.jurisdiction);
  const minK = profile.operatingDomain.value.minGroupSize;
  const k = input.k ?? minK;
  if (k < minK) {
    throw policyViolation(profile.operatingDomain.source, `k 不得低于本辖区的最小分组规模 ${minK}`, `k may not be below the jurisdiction's minimum group size ${minK}`, { field: 'input.k', details: { code: 'K_BELOW_MINIMUM', minimum: minK } });
  }
  if (v.form === 'VERIFICATION' && !(input.verification?.length)) {
    throw badInput('核验类产品须声明每个输出列的取值', 'A VERIFICATION product declares the values of every output column', { field: 'input.verification' });
  }

  const { allowed } = await allowedResources(uow.tx, v, input.subjects, now);
  await storeRecipe(uow, identity, now, v, input, k, allowed);
  return (await currentRecipe(uow.tx, v.product_id, v.version))!;
}

/**
 * Analyses a recipe of a version against the resources it may read and stores the outcome (accepted
 * or refused, with the analysis), re-syncs the version's reader role, audits and publishes
 * RecipeAnalysed — for an operator's submission and for the demo world's recipes alike.
 */
export async function storeRecipe(
  uow: UnitOfWork,
  identity: Identity,
  now: Date,
  v: { product_id: string; version: number; jurisdiction: string; operator_id: string },
  input: Omit<SubmitRecipeInput, 'productId' | 'version' | 'k'>,
  k: number,
  allowed: Record<string, AllowedResource & { resourceId: string }>,
): Promise<RecipeResult> {
  const result = await analyseRecipe({
    sql: input.sql,
    resources: allowed,
    parameters: input.parameters,
    outputs: Object.fromEntries(input.outputs.map((o) => [o.name, o.kind])),
    k,
  });
  const sqlSha256 = createHash('sha256').update(input.sql).digest('hex');
  const violations: Violation[] = result.ok ? [] : [...result.violations];
  const analysis: RecipeAnalysis | null = result.ok ? result.analysis : null;

  const superseded = await supersedeRecipes(uow.tx, v.product_id, v.version);
  const row: RecipeRow = {
    id: uuidv7(), product_id: v.product_id, version: v.version, jurisdiction: v.jurisdiction, operator_id: v.operator_id,
    status: result.ok ? 'ACCEPTED' : 'REFUSED', sql: input.sql, sql_sha256: sqlSha256, parameters: input.parameters,
    outputs: input.outputs, subjects: input.subjects, verification: input.verification?.length ? Object.fromEntries(input.verification.map((x) => [x.column, x.values])) : null,
    k, analysis, violations: violations.map((x) => ({ code: x.code, ...(x.at !== undefined ? { at: x.at } : {}), ...(x.subject ? { subject: x.subject } : {}) })),
    submitted_by: identity.sub, submitted_at: now,
  };
  await insertRecipe(uow.tx, row);
  if (result.ok) await declareRecipeLookups(uow.tx, row.id, input.sql, allowed, now);
  await syncReader(uow.tx, v.product_id, v.version, now);
  for (const id of superseded) uow.audit({ entityType: 'Recipe', entityId: id, action: 'SUPERSEDED', changes: { by: row.id } });
  uow.audit({ entityType: 'Recipe', entityId: row.id, action: result.ok ? 'ACCEPTED' : 'REFUSED', changes: { productId: v.product_id, version: v.version, sqlSha256, k, violations: row.violations } });

  const byPhysical = new Map(Object.values(allowed).map((a) => [a.physical, a.resourceId]));
  const payload: DeliveryEvents.RecipeAnalysed = {
    recipeId: row.id, productId: v.product_id, version: v.version, jurisdiction: v.jurisdiction, operatorId: v.operator_id,
    outcome: result.ok ? 'ACCEPTED' : 'REFUSED', sqlSha256, parserVersion: analysis?.parserVersion ?? 0, k, aggregate: analysis?.aggregate ?? false,
    tables: (analysis?.tables ?? []).map((t) => ({ name: t.name, resourceId: byPhysical.get(t.physical) ?? '' })),
    columns: (analysis?.columns ?? []).map((c) => ({ name: c.name, kind: c.kind, sources: [...c.sources], aggregated: c.aggregated, masked: c.masked })),
    filters: [...(analysis?.filters ?? [])], reviewNotes: [...(analysis?.reviewNotes ?? [])], violations: violations.map((x) => x.code), analysedAt: now.toISOString(),
  };
  await uow.publish('RecipeAnalysed', payload, v.jurisdiction);
  return result;
}
