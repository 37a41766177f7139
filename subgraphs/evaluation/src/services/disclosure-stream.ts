/**
 * The public disclosure feed as a live stream (docs/live-feeds.md): each disclosure as it is
 * published, with exactly the facts the feed query shows (NS Arts 18–19). Anyone may listen.
 */
import type { Em, StreamRow } from '@pdo/platform';
import { disclosuresCreatedSince, timeOfId } from '../data/disclosure-stream.js';

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const JURISDICTION_RE = /^[A-Z]{2,8}$/;

/** The jurisdiction filter of the stream (`?jurisdiction=JL`), or a refusal. */
export function streamJurisdiction(search: URLSearchParams): { jurisdiction: string | null } | { refused: true } {
  const j = search.get('jurisdiction');
  if (j === null || j === '') return { jurisdiction: null };
  return JURISDICTION_RE.test(j) ? { jurisdiction: j } : { refused: true };
}

export function disclosureStream(em: () => Em, jurisdiction: string | null) {
  return {
    async poll(since: Date, limit: number): Promise<StreamRow[]> {
      const rows = await disclosuresCreatedSince(em(), since, limit, jurisdiction);
      return rows.map((r) => ({
        id: r.id,
        at: timeOfId(r.id),
        event: 'disclosure',
        data: { id: r.id, jurisdiction: r.jurisdiction, kind: r.kind, name: r.name, subjectId: r.subject_id, rule: r.rule, facts: r.facts, publishedAt: r.published_at },
      }));
    },
    async resumeAt(lastEventId: string): Promise<Date | null> {
      return UUID_RE.test(lastEventId) ? timeOfId(lastEventId) : null;
    },
  };
}
