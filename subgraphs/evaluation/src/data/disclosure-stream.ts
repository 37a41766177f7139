/**
 * Reads of the public disclosure stream (docs/live-feeds.md). Disclosure ids are UUID v7 (newId):
 * their first 48 bits are the creation time in milliseconds, so "created since" is a range on the
 * primary key — an index read, whatever the number of listeners.
 */
import { db } from './tables.js';
import type { Em } from '@pdo/platform';

/** The smallest UUID v7 of the millisecond `at`. */
export function firstIdAt(at: Date): string {
  const hex = Math.max(0, at.getTime()).toString(16).padStart(12, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-7000-8000-000000000000`;
}

/** The creation time a UUID v7 carries. */
export function timeOfId(id: string): Date {
  return new Date(parseInt(id.replace(/-/g, '').slice(0, 12), 16));
}

export function disclosuresCreatedSince(em: Em, since: Date, limit: number, jurisdiction: string | null) {
  let q = db(em).selectFrom('disclosure').select(['id', 'jurisdiction', 'name', 'kind', 'subject_id', 'rule', 'facts', 'published_at'])
    .where('id', '>=', firstIdAt(since));
  if (jurisdiction) q = q.where('jurisdiction', '=', jurisdiction);
  return q.orderBy('id').limit(limit).execute();
}
