import { sql, sqlOne } from '@pdo/platform';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { DeliveryEvents } from '@pdo/events';
import type { RecipeEvidence } from '../domain/rules.js';

/** Keeps the newest analysis of a version (events may arrive twice or late). */
export async function upsertRecipeEvidence(tx: EntityManager, p: DeliveryEvents.RecipeAnalysed): Promise<void> {
  await sql(
    tx,
    `insert into recipe_analysis_projection (product_id, version, recipe_id, outcome, sql_sha256, k, aggregate, tables, columns, filters, review_notes, violations, analysed_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9::jsonb, $10::jsonb, $11::jsonb, $12::text[], $13)
     on conflict (product_id, version) do update set recipe_id = excluded.recipe_id, outcome = excluded.outcome, sql_sha256 = excluded.sql_sha256, k = excluded.k,
       aggregate = excluded.aggregate, tables = excluded.tables, columns = excluded.columns, filters = excluded.filters, review_notes = excluded.review_notes,
       violations = excluded.violations, analysed_at = excluded.analysed_at
     where recipe_analysis_projection.analysed_at <= excluded.analysed_at`,
    [p.productId, p.version, p.recipeId, p.outcome, p.sqlSha256, p.k, p.aggregate, JSON.stringify(p.tables), JSON.stringify(p.columns), JSON.stringify(p.filters), JSON.stringify(p.reviewNotes), p.violations, p.analysedAt],
  );
}

export async function recipeEvidence(tx: EntityManager, productId: string, version: number): Promise<RecipeEvidence | null> {
  return sqlOne<RecipeEvidence>(
    tx,
    `select recipe_id as "recipeId", outcome, sql_sha256 as "sqlSha256", k, aggregate, tables, columns, filters, review_notes as "reviewNotes", violations,
            to_char(analysed_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "analysedAt"
       from recipe_analysis_projection where product_id = $1 and version = $2`,
    [productId, version],
  );
}
