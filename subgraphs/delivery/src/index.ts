export * from './domain/recipe-types.js';
export { analyseRecipe, analyseRecipeSync, loadRecipeParser } from './domain/recipe-analysis.js';
export * from './domain/output-guard.js';
export * from './domain/privacy.js';
export { recipeRefused, outputRefused, budgetRefused, RECIPE_RULE } from './refusal.js';
