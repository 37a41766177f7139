import type { SubgraphDefinition } from '@pdo/platform';
import { access, entityAccess } from './access.js';
import { migrations } from './migrations/list.js';
import { RawDataBatchResolver } from './schema/load-resolver.js';
import { ApiCredentialResolver } from './schema/credential-resolver.js';
import { DATA_PLANE_ENTITIES } from './data/data-plane-tables.js';
import { dataPlaneRoutes } from './schema/invoke-route.js';
import { feedRoutes } from './schema/feed-route.js';
import { createLoaders, type DeliveryLoaders } from './loaders/index.js';
import { catalogHandlers } from './handlers/catalog.js';
import { projectionHandlers } from './handlers/projections.js';
import { RecipeResolver } from './schema/recipe-resolver.js';
import { SandboxJobResolver } from './schema/sandbox-resolver.js';
import { DELIVERY_ENTITIES } from './data/entities.js';
import { RAW_LOADER_ROLE } from './data/raw-store.js';
import { seed } from './seed.js';
import { WEBHOOK_ENTITIES } from './data/webhook-tables.js';
import { WebhookResolver } from './schema/webhook-resolver.js';
import { withWebhooks } from './handlers/webhooks.js';
import { webhookJobs } from './services/webhook-jobs.js';
import { meteringOf } from './services/metering.js';
import { webhookSealKeys } from './services/webhook-secrets.js';

/**
 * The owner's step after migrations and grants (packages/platform/src/server/subgraph.ts): the
 * service may call the raw store's table function, and may become the loader role — a membership
 * without inherit (PostgreSQL ≥ 16), so the loader's INSERT on `raw` exists only inside a load
 * after `SET LOCAL ROLE`. On PostgreSQL < 16 membership inherits: the service could then insert
 * into batch tables directly, but still never read them.
 */
export function ownerSql(serviceRole: string): string[] {
  if (!/^[a-z_][a-z0-9_]*$/.test(serviceRole)) throw new Error(`unsafe role name ${serviceRole}`);
  return [
    `grant execute on function create_raw_batch_table(text, jsonb) to ${serviceRole}`,
    `grant execute on function raw_set_current(text, int) to ${serviceRole}`,
    `grant execute on function raw_sync_reader(text, text[]) to ${serviceRole}`,
    `grant execute on function raw_ensure_lookup_index(text, text) to ${serviceRole}`,
    `do $$ begin
       if current_setting('server_version_num')::int >= 160000 then
         execute 'grant ${RAW_LOADER_ROLE} to ${serviceRole} with inherit false, set true';
       else
         execute 'grant ${RAW_LOADER_ROLE} to ${serviceRole}';
       end if;
     end $$`,
  ];
}

export const definition: SubgraphDefinition<DeliveryLoaders> = {
  name: 'delivery',
  access,
  entityAccess,
  entities: [...DELIVERY_ENTITIES, ...DATA_PLANE_ENTITIES, ...WEBHOOK_ENTITIES],
  migrations,
  resolvers: [RawDataBatchResolver, RecipeResolver, ApiCredentialResolver, SandboxJobResolver, WebhookResolver],
  createLoaders,
  handlers: withWebhooks({ ...catalogHandlers, ...projectionHandlers }),
  // Metered calls a process left queued (it died between a call and its flush) are published by any other.
  jobs: [...webhookJobs, { name: 'metering-outbox', everySeconds: 1, run: (_em, rt) => meteringOf(rt).drain() }],
  ownerSql,
  // The live usage feed first: every other /v1/ path is the data plane's (which answers 404 for the unknown).
  routes: (rt) => {
    const feed = feedRoutes(rt);
    const plane = dataPlaneRoutes(rt);
    return async (req, res) => (await feed(req, res)) || plane(req, res);
  },
  drain: (rt) => meteringOf(rt).drain(),
  // Refuses to start in production without its own key for sealing webhook secrets.
  startupChecks: () => void webhookSealKeys(),
  seed,
};

export { access, entityAccess };

// The operating domain's pure rules (recipe analysis, output guard, privacy noise), for the runtime and tests.
export * from './domain/recipe-types.js';
export { analyseRecipe, analyseRecipeSync, loadRecipeParser } from './domain/recipe-analysis.js';
export * from './domain/output-guard.js';
export * from './domain/privacy.js';
export { recipeRefused, outputRefused, budgetRefused, RECIPE_RULE } from './services/refusal.js';
// The runtime (docs/operating-domain/runtime.md): the data plane calls these.
export { executeRecipe, runStatement, stopRefused, type ExecutionRequest, type ExecutionResult, type RunnableStatement } from './services/executor.js';
export { entitlementStop, versionStop, STOP_MESSAGES, STOP_RULES, type StopCode } from './domain/call-rules.js';
export { bindParameters } from './domain/parameters.js';
export { demoLoads } from './data/demo-rows.js';
// Signed webhooks (docs/operating-domain/webhooks.md): the sender and the scans, for jobs and tests.
export { dispatchDueWebhooks } from './services/webhook-sender.js';
// The data plane's grouped statements (calls per statement: the bench reports them).
export { callStatementsOf } from './services/call-recorder.js';
export { noticeExpiringEntitlements, noticeQuotaThresholds } from './services/webhook-facts.js';
