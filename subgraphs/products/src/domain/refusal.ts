/**
 * Why a rule says no, in both languages, with the rule cited where there is one. Domain rules answer a Refusal (or
 * null); services throw it as the platform's coded error (services/refusal.ts), so the domain stays free of I/O.
 */
export interface Refusal {
  code: 'BAD_USER_INPUT' | 'CONFLICT' | 'POLICY_VIOLATION' | 'FORBIDDEN';
  zh: string;
  en: string;
  rule?: string;
  field?: string;
  details?: Record<string, unknown>;
}

type Extra = { field?: string; details?: Record<string, unknown> };
export const badInput = (zh: string, en: string, extra: Extra = {}): Refusal => ({ code: 'BAD_USER_INPUT', zh, en, ...extra });
export const conflict = (zh: string, en: string, extra: Extra = {}): Refusal => ({ code: 'CONFLICT', zh, en, ...extra });
export const policyViolation = (rule: string, zh: string, en: string, extra: Extra = {}): Refusal => ({ code: 'POLICY_VIOLATION', zh, en, rule, ...extra });
