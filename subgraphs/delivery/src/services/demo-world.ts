/**
 * The demo world's recipes (data/demo-recipes.ts) as their operators would have submitted them
 * while version 1 of each demo product was under review: analysed against the product's resources
 * and stored with RecipeAnalysed, so products keeps the analysis and `pnpm start` can be invoked
 * with a key. The resources are the demo catalog's (the grants arrive as events after every seed;
 * the demo scenarios grant every resource their products use).
 */
import { profileFor, type UnitOfWork } from '@pdo/platform';
import { DEMO_PRODUCTS, DEMO_RESOURCES, type DemoResource } from '@pdo/demo';
import type { AllowedResource } from '../domain/recipe-types.js';
import { DEMO_RECIPES, type DemoRecipe } from '../data/demo-recipes.js';
import { allowedResource } from './resources.js';
import { storeRecipe } from './recipe-service.js';

/** A demo resource's declared fields as the catalog publishes them. */
export const declaredFields = (r: DemoResource) =>
  r.fields.map((f) => ({ name: f.name, type: f.type, required: !!f.required, personalInformation: !!f.personalInformation || !!f.sensitive, sensitive: !!f.sensitive }));

/** The product a demo recipe belongs to, and the resources it may read (with their subject fields). */
export function demoRecipeScope(recipe: DemoRecipe) {
  const product = DEMO_PRODUCTS.find((p) => p.key === recipe.productKey);
  if (!product) throw new Error(`demo recipe of unknown product ${recipe.productKey}`);
  const allowed: Record<string, AllowedResource & { resourceId: string }> = {};
  const subjects: { resourceId: string; field: string }[] = [];
  for (const id of product.resourceIds) {
    const r = DEMO_RESOURCES.find((x) => x.id === id)!;
    const subject = recipe.subjects.find((s) => s.resourceKey === r.key)?.field;
    if (subject) subjects.push({ resourceId: r.id, field: subject });
    const [name, resource] = allowedResource({ resourceId: r.id, jurisdiction: r.jurisdiction, code: r.code, fields: declaredFields(r) }, subject);
    allowed[name] = resource;
  }
  return { product, allowed, subjects };
}

export async function seedDemoRecipes(uow: UnitOfWork, now: Date): Promise<void> {
  for (const recipe of DEMO_RECIPES) {
    const { product, allowed, subjects } = demoRecipeScope(recipe);
    const k = (await profileFor(uow.tx, product.jurisdiction)).operatingDomain.value.minGroupSize;
    const identity = { sub: `seed:${product.key}:operator`, role: 'OPERATOR' as const, org: product.operatorId, jurisdiction: product.jurisdiction };
    const v = { product_id: product.id, version: 1, jurisdiction: product.jurisdiction, operator_id: product.operatorId };
    const result = await storeRecipe(uow, identity, now, v, { sql: recipe.sql, parameters: recipe.parameters, outputs: recipe.outputs, subjects, verification: recipe.verification ?? null }, k, allowed);
    if (!result.ok) throw new Error(`demo recipe of ${recipe.productKey} refused: ${result.violations.map((x) => x.code).join(', ')}`);
  }
}
