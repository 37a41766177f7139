import { DomainError } from '@pdo/platform';
import { RuleRefusal } from '../domain/refusal.js';

/** Runs a domain rule; its refusal becomes the platform's coded error (same code, messages, rule, field and details). */
export function ruled<T>(rule: () => T): T {
  try {
    return rule();
  } catch (e) {
    if (e instanceof RuleRefusal) throw new DomainError(e.code, e.messageZh, e.messageEn, { rule: e.rule, field: e.field, details: e.details });
    throw e;
  }
}
