import { DomainError, notFound } from '@pdo/platform';
import type { Refusal } from '../domain/refusal.js';

/** A domain refusal as the platform's coded error (stable `extensions.code`, both languages, the rule cited). */
export const refused = (r: Refusal): DomainError => new DomainError(r.code, r.zh, r.en, { rule: r.rule, field: r.field, details: r.details });

/** Throws what a domain rule refused; nothing when it allowed. */
export function check(r: Refusal | null): void {
  if (r) throw refused(r);
}

/** The row, or NOT_FOUND naming the object. */
export function found<T>(row: T | null, zh: string, en: string, id: string): T {
  if (!row) throw notFound(zh, en, id);
  return row;
}
