/**
 * Lookup indexes of the raw store (docs/operating-domain/runtime.md "lookup indexes"): the fields
 * accepted recipes find rows by (domain/recipe-lookup.ts) are declared per resource, and every raw
 * table of the resource that has the field gets a (batch_no, field) index — when the recipe is
 * accepted, for the tables already loaded, and after each load, for a new data shape's table.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { AllowedResource } from '../domain/recipe-types.js';
import { lookupKeys } from '../domain/recipe-lookup.js';
import { declareLookupKeys, ensureLookupIndex, lookupFieldsOf, rawTablesOf, type RawTableRow } from '../data/batches.js';

/** Indexes the resource's declared lookup fields in these of its raw tables (default: all of them); returns the index names. */
export async function indexLookupKeys(tx: EntityManager, resourceId: string, tables?: readonly RawTableRow[]): Promise<string[]> {
  const fields = await lookupFieldsOf(tx, resourceId);
  if (fields.length === 0) return [];
  const indexes: string[] = [];
  for (const t of tables ?? (await rawTablesOf(tx, resourceId))) {
    for (const f of fields) if (t.columns.some((c) => c.name === f)) indexes.push(await ensureLookupIndex(tx, t.tableName, f));
  }
  return indexes;
}

/** Declares the lookup keys of an accepted recipe and indexes them in its resources' loaded tables. */
export async function declareRecipeLookups(tx: EntityManager, recipeId: string, sql: string, allowed: Readonly<Record<string, AllowedResource & { resourceId: string }>>, at: Date): Promise<void> {
  const keys = lookupKeys(sql, allowed).map((k) => ({ resourceId: allowed[k.table]!.resourceId, field: k.field }));
  await declareLookupKeys(tx, keys, recipeId, at);
  for (const resourceId of new Set(keys.map((k) => k.resourceId))) await indexLookupKeys(tx, resourceId);
}
