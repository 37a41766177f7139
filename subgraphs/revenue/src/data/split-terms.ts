import { sql, type Em } from '@pdo/platform';
import { db } from './tables.js';
import { scopeCondition, type ProductScope } from './plans.js';

/**
 * What a settlement's split reads besides the revenue: the products of the jurisdiction, the source units behind
 * each product's resources, and the period's contribution assessment.
 */
export async function productIdsOf(em: Em, jurisdiction: string): Promise<string[]> {
  return (await db(em).selectFrom('product_projection').select('id').where('jurisdiction', '=', jurisdiction).execute()).map((r) => r.id);
}

/**
 * Source units of each product with how many of its resources each supplies, in the order the product lists them.
 * Hand-written: a window sum over the group counts (the product's resource total) in the same pass.
 */
export function resourcesPerSourceUnit(em: Em, scope: ProductScope) {
  const [condition, param] = scopeCondition(scope, 'product_id');
  return sql<{ product_id: string; source_unit_id: string; n: number; total: number }>(
    em,
    `select product_id, source_unit_id, count(*)::int as n, sum(count(*)) over (partition by product_id)::int as total, min(ordinal) as first
     from product_resource_projection where ${condition} group by product_id, source_unit_id order by product_id, first`,
    [param],
  );
}

/** The latest contribution assessment of the jurisdiction covering the period, with its scores; null when none. */
export async function contributionScores(em: Em, jurisdiction: string, start: string, end: string): Promise<{ assessmentId: string; scores: Map<string, string> } | null> {
  const k = db(em);
  const a = await k
    .selectFrom('contribution_score_projection')
    .select('assessment_id')
    .where('jurisdiction', '=', jurisdiction)
    .where('period_start', '<=', end)
    .where('period_end', '>=', start)
    .orderBy('received_at', 'desc')
    .orderBy('assessment_id', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!a) return null;
  const rows = await k.selectFrom('contribution_score_projection').select(['source_unit_id', 'score']).where('assessment_id', '=', a.assessment_id).execute();
  return { assessmentId: a.assessment_id, scores: new Map(rows.map((r) => [r.source_unit_id, r.score])) };
}

/** Whether the organization supplies any of the product's resources (a source unit of the product). */
export async function suppliesProduct(em: Em, productId: string, orgId: string): Promise<boolean> {
  const r = await db(em).selectFrom('product_resource_projection').select('product_id').where('product_id', '=', productId).where('source_unit_id', '=', orgId).limit(1).executeTakeFirst();
  return r !== undefined;
}

/** Whether the organization is a public body (authority, implementing agency or source unit) in the registry's projection. */
export async function isPublicBody(em: Em, orgId: string): Promise<boolean> {
  const r = await db(em).selectFrom('org_projection').select('kinds').where('id', '=', orgId).executeTakeFirst();
  return !!r && r.kinds.some((k) => k === 'AUTHORITY' || k === 'IMPLEMENTING_AGENCY' || k === 'SOURCE_AGENCY');
}
