/**
 * Domain refusals of the operating domain as the platform's coded errors (POLICY_VIOLATION with the
 * rule cited; the recipe codes travel in `details`), for the subgraph and the runtime to throw.
 */
import { policyViolation, type DomainError } from '@pdo/platform';
import type { GuardRefusal } from '../domain/output-guard.js';
import type { BudgetDecision } from '../domain/privacy.js';
import type { Violation } from '../domain/recipe-types.js';

/** HN Art 15 (review that raw data stays in the domain), TZ Art 20 (processing in the operating domain). */
export const RECIPE_RULE = 'HN Art 15; TZ Art 20';

export function recipeRefused(violations: readonly Violation[]): DomainError {
  const first = violations[0];
  return policyViolation(
    RECIPE_RULE,
    `配方未通过审查：${first?.messageZh ?? ''}`,
    `The recipe was refused: ${first?.messageEn ?? ''}`,
    { field: 'recipe', details: { violations: violations.map((v) => ({ code: v.code, ...(v.at !== undefined ? { at: v.at } : {}), ...(v.subject ? { subject: v.subject } : {}) })) } },
  );
}

export function outputRefused(refusal: GuardRefusal): DomainError {
  return policyViolation(RECIPE_RULE, refusal.messageZh, refusal.messageEn, { details: { code: refusal.code, ...(refusal.column ? { column: refusal.column } : {}) } });
}

export function budgetRefused(decision: Extract<BudgetDecision, { ok: false }>): DomainError {
  return policyViolation(RECIPE_RULE, decision.messageZh, decision.messageEn, { details: { code: decision.code, remainingMicroEpsilon: decision.remainingMicroEpsilon } });
}
