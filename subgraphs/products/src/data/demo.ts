import type { InsertObject } from 'kysely';
import type { Em } from '@pdo/platform';
import { db, type DB } from './tables.js';

/**
 * Writes demo rows of one table in one statement (services/seed.ts); rows already there are left as they are, so a
 * seed that meets facts an event already brought keeps the event's.
 */
export async function insertDemoRows<T extends keyof DB & string>(em: Em, table: T, rows: InsertObject<DB, T>[]): Promise<void> {
  if (rows.length === 0) return;
  await db(em)
    .insertInto(table)
    .values(rows as never)
    .onConflict((oc) => oc.doNothing())
    .execute();
}
