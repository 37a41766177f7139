import { EntitySchema } from '@mikro-orm/core';
import type { DisclosureFact } from '../data/disclose.js';

/** 公开披露 | Public disclosure: one public fact, generated from events and decisions. */
export class DisclosureEntity {
  id!: string;
  jurisdiction!: string;
  /** The title shown in the feed. */
  name!: string;
  kind!: string;
  subjectId!: string | null;
  rule!: string | null;
  facts!: DisclosureFact[];
  publishedAt!: Date;
  dedupeKey!: string | null;
  createdAt!: Date;
}

export const DisclosureSchema = new EntitySchema<DisclosureEntity>({
  class: DisclosureEntity,
  tableName: 'disclosure',
  properties: {
    id: { type: 'uuid', primary: true },
    jurisdiction: { type: 'string' },
    name: { type: 'string' },
    kind: { type: 'string' },
    subjectId: { type: 'uuid', fieldName: 'subject_id', nullable: true },
    rule: { type: 'string', nullable: true },
    facts: { type: 'json' },
    publishedAt: { type: 'datetime', fieldName: 'published_at' },
    dedupeKey: { type: 'string', fieldName: 'dedupe_key', nullable: true },
    createdAt: { type: 'datetime', fieldName: 'created_at' },
  },
});
