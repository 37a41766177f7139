import { sql } from 'kysely';

/** Column declarations as the driver returns them: one definition for every subgraph (packages/platform/src/db/kysely.ts). */
export { dateColumn as date, instantColumn as instant, textArrayColumn as texts, uuidArrayColumn as uuids } from '@pdo/platform';

/**
 * The right side of `column = any($1::uuid[])` for a loader's batch of ids: one parameter and one node, where Kysely's
 * `in ($1 … $n)` builds (and PostgreSQL parses) one per id.
 */
export const anyUuid = (ids: readonly string[]) => sql<string>`any(${ids}::uuid[])`;
