/**
 * The migration step (docs/operations-deploy.md): `node --conditions=pdo-dist packages/migrate/dist/main.js [subgraph…]`.
 * Applies every subgraph's migrations and creates the database roles, as the owner
 * (MIGRATION_DATABASE_URL), then exits; the services start afterwards with MIGRATE_ON_START=0.
 */
import { runMigrateMain } from '@pdo/platform';
import { SUBGRAPH_DEFINITIONS } from './index.js';

await runMigrateMain(SUBGRAPH_DEFINITIONS);
