/** jsonb values for Kysely writes: one definition for every subgraph (packages/platform/src/db/kysely.ts). */
export { jsonb } from '@pdo/platform';
