export * from './domain/recipe-types.js';
export { analyseRecipe, analyseRecipeSync, loadRecipeParser } from './domain/recipe-analysis.js';
