import type { EntityManager } from '@mikro-orm/postgresql';
import { sql } from '@pdo/platform';

/** What the rules make public (NS Arts 18–19, HN Art 17, PN §5, QHD). Nothing else goes in the feed. */
export const DISCLOSURE_KINDS = [
  'AUTHORIZATION', // authorized party, scope and term (NS Art 18)
  'AUTHORIZATION_ENDED', // terminations and expiries
  'PRODUCT_LISTED', // product list (NS Art 19; HN Art 17)
  'PRODUCT_DELISTED',
  'PRICE', // prices and price caps (PN §5; QHD)
  'EVALUATION_RESULT', // operator annual evaluation results
  'RECTIFICATION_CLOSED', // closed rectifications
  'INCIDENT_SUMMARY', // security incidents, summary only
  'ANNUAL_DISCLOSURE', // annual disclosure by 31 March (accepted annual report, public figures only)
  'AUDIT_CHECKPOINT', // signed checkpoints of each subgraph's audit chain (SECURITY.md), so anyone can hold a copy
] as const;
export type DisclosureKind = (typeof DISCLOSURE_KINDS)[number];

export interface DisclosureFact {
  key: string;
  value: string;
}

export interface NewDisclosure {
  dedupeKey: string;
  jurisdiction: string;
  kind: DisclosureKind;
  title: string;
  subjectId: string | null;
  rule: string;
  facts: DisclosureFact[];
  publishedAt: Date;
}

/**
 * Publishes one disclosure. Keyed by the fact it discloses, so a redelivered or replayed event
 * leaves exactly one row; only the explicit `facts` are ever public.
 */
export async function disclose(em: EntityManager, d: NewDisclosure): Promise<void> {
  await sql(
    em,
    `insert into disclosure (id, jurisdiction, name, kind, subject_id, rule, facts, published_at, created_at, dedupe_key)
     values (gen_random_uuid(), $1, $2, $3, $4, $5, $6::jsonb, $7, now(), $8)
     on conflict (dedupe_key) do nothing`,
    [d.jurisdiction, d.title, d.kind, d.subjectId, d.rule, JSON.stringify(d.facts), d.publishedAt.toISOString(), d.dedupeKey],
  );
}

export const fact = (key: string, value: string | number | null | undefined): DisclosureFact => ({ key, value: value == null ? '' : String(value) });
