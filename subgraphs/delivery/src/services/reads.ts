/*
 * The read side of delivery's use cases, for schema/ (which never reaches data/ itself, docs/architecture.md): load
 * batches, recipes, sandbox jobs, credentials and the call log, each already filtered to what the caller may see by
 * the query it runs. Types of the rows the resolvers map.
 */
export { batchByNumber, batchPage } from '../data/batch-queries.js';
export type { LoadBatchRow } from '../data/rows.js';
export { callLogPage, credentialPage, meteredUnits, type CallLogRow, type CredentialRow } from '../data/credentials.js';
export { instant } from '../data/data-plane-tables.js';
export { entitlementOfAgreement } from '../data/entitlement-facts.js';
export { budgetSpent, entitlement, sandboxJob, type SandboxJobRow } from '../data/sandbox.js';
export { currentRecipe, type RecipeRow } from '../data/recipes.js';
