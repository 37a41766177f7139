import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { inScope, inTransaction, type RequestContext } from '@pdo/platform';
import { VIOLATION_CODES, type RecipeAnalysis, type ViolationCode } from '../domain/recipe-types.js';
import { currentRecipe, type RecipeRow } from '../services/reads.js';
import { DELIVERY_SCOPE } from '../access.js';
import { submitRecipe } from '../services/recipe-service.js';
import type { DeliveryLoaders } from '../loaders/index.js';
import { DataProduct, Recipe, RecipeAnalysisView, RecipeViolation, SubmitRecipeInput } from './recipe-types.js';

type Ctx = RequestContext<DeliveryLoaders>;
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function toRecipe(r: RecipeRow): Recipe {
  return {
    id: r.id, productId: r.product_id, product: { id: r.product_id }, version: r.version, status: r.status as Recipe['status'], sql: r.sql, sqlSha256: r.sql_sha256, k: r.k,
    parameters: r.parameters as Recipe['parameters'], outputs: r.outputs as Recipe['outputs'],
    analysis: r.analysis ? analysisView(r.analysis as RecipeAnalysis) : null,
    violations: (r.violations as { code: ViolationCode; at?: number; subject?: string }[]).map(violationView),
    submittedBy: r.submitted_by, submittedAt: r.submitted_at,
  };
}

const analysisView = (a: RecipeAnalysis): RecipeAnalysisView => ({
  tables: a.tables.map((t) => ({ ...t })), columns: a.columns.map((c) => ({ ...c, sources: [...c.sources], reduced: [...c.reduced] })) as RecipeAnalysisView['columns'],
  k: a.k, aggregate: a.aggregate, filters: [...a.filters], reviewNotes: [...a.reviewNotes], parserVersion: a.parserVersion, sqlSha256: a.sqlSha256,
});

const violationView = (v: { code: ViolationCode; at?: number; subject?: string }): RecipeViolation => {
  const [zh, en] = VIOLATION_CODES[v.code] ?? ['配方未通过审查', 'The recipe was refused'];
  return { code: v.code, at: v.at ?? null, subject: v.subject ?? null, messageZh: v.subject ? `${zh}：${v.subject}` : zh, messageEn: v.subject ? `${en}: ${v.subject}` : en };
};

@Resolver(() => Recipe)
export class RecipeResolver {
  @Query(() => Recipe, { nullable: true, description: '产品版本当前的配方及其分析 | The current recipe of a product version with its analysis' })
  async recipe(@Arg('productId', () => ID) productId: string, @Arg('version', () => Int) version: number, @Ctx() ctx: Ctx): Promise<Recipe | null> {
    if (!UUID_RE.test(productId)) return null;
    const r = await currentRecipe(ctx.em, productId, version);
    // The product's operator; the agency and authority of its jurisdiction (its reviewers).
    if (!r || !inScope(ctx.identity, { jurisdiction: r.jurisdiction, orgIds: [r.operator_id] }, DELIVERY_SCOPE)) return null;
    return toRecipe(r);
  }

  @Mutation(() => Recipe, { description: '运营机构为审核中的产品版本提交可执行配方；运营域以 PostgreSQL 解析树分析并保存结论 | The operator submits the executable recipe of a version under review; it is analysed and the analysis stored' })
  async submitRecipe(@Arg('input', () => SubmitRecipeInput) input: SubmitRecipeInput, @Ctx() ctx: Ctx): Promise<Recipe> {
    const row = await inTransaction(ctx, (uow) => submitRecipe(uow, ctx.identity, ctx.now, input));
    return toRecipe(row);
  }

  @FieldResolver(() => DataProduct)
  product(@Root() r: Recipe): DataProduct {
    return { id: r.productId };
  }
}
