/**
 * The demo world's operating domain without a database: every demo product a platform executes has
 * a recipe the analyser accepts over the product's own resources, every resource a demo product
 * reads has raw data that validates against its declared fields, and the data is the same on
 * every run (docs/operating-domain/recipes.md).
 */
import { describe, expect, it } from 'vitest';
import { DEMO_PRODUCTS, DEMO_RESOURCES, resourceByKey } from '@pdo/demo';
import { creditCodeProblem } from '@pdo/policy';
import { analyseRecipe } from '../src/domain/recipe-analysis.js';
import { rawColumnsOf } from '../src/domain/load-rules.js';
import { DEMO_RECIPES } from '../src/data/demo-recipes.js';
import { demoLoads } from '../src/data/demo-rows.js';
import { parseRows, type LoadStats } from '../src/services/parse.js';
import { declaredFields, demoRecipeScope } from '../src/services/demo-world.js';

describe('demo recipes', () => {
  it('every executable demo product has one; SERVICE products have none', () => {
    const withRecipe = new Set(DEMO_RECIPES.map((r) => r.productKey));
    expect(DEMO_PRODUCTS.filter((p) => p.form !== 'SERVICE' && !withRecipe.has(p.key)).map((p) => p.key)).toEqual([]);
    expect(DEMO_PRODUCTS.filter((p) => p.form === 'SERVICE' && withRecipe.has(p.key))).toEqual([]);
  });

  it.each(DEMO_RECIPES.map((r) => [r.productKey, r] as const))('%s is accepted over its own resources', async (_key, recipe) => {
    const { allowed } = demoRecipeScope(recipe);
    const result = await analyseRecipe({ sql: recipe.sql, resources: allowed, parameters: recipe.parameters, outputs: Object.fromEntries(recipe.outputs.map((o) => [o.name, o.kind])), k: 5 });
    expect(result.ok ? [] : result.violations.map((v) => `${v.code} ${v.subject ?? ''}`)).toEqual([]);
  });
});

describe('demo raw data', () => {
  const loads = demoLoads();

  it('covers every resource a demo product reads, once', () => {
    const used = new Set(DEMO_PRODUCTS.flatMap((p) => p.resourceIds));
    const loaded = loads.map((l) => resourceByKey(l.resourceKey).id);
    expect(new Set(loaded).size).toBe(loaded.length);
    expect([...used].filter((id) => !loaded.includes(id)).map((id) => DEMO_RESOURCES.find((r) => r.id === id)!.key)).toEqual([]);
  });

  it.each(loads.map((l) => [l.resourceKey, l] as const))('%s validates against its declared fields', async (key, load) => {
    const resolved = rawColumnsOf(declaredFields(resourceByKey(key)));
    if ('problem' in resolved) throw new Error(JSON.stringify(resolved.problem));
    const stats: LoadStats = { rows: 0, nulls: resolved.columns.map(() => 0) };
    for await (const _ of parseRows(Buffer.from(load.content), load.format, resolved.columns, stats, 1_000_000));
    expect(stats.rows).toBeGreaterThanOrEqual(100);
  });

  it('is deterministic, and enterprise codes carry valid check characters', () => {
    expect(demoLoads().map((l) => l.content)).toEqual(loads.map((l) => l.content));
    const credit = loads.find((l) => l.resourceKey === 'qhd-enterprise-credit')!.content.trim().split('\n').slice(1);
    expect(credit.every((line) => creditCodeProblem(line.split(',')[2]!) === null)).toBe(true);
  });
});
