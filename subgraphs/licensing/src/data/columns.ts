/** Column declarations as the driver returns them: one definition for every subgraph (packages/platform/src/db/kysely.ts). */
export { dateColumn as date, instantColumn as instant, textArrayColumn as texts, uuidArrayColumn as uuids } from '@pdo/platform';
