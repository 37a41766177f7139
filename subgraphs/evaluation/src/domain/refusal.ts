/**
 * What a pure rule answers when it refuses: a stable code and a Chinese + English message, with the rule cited. The
 * domain knows nothing of GraphQL or the platform; services turn a refusal into the platform's error
 * (services/refusals.ts), so the client sees the same code and message as before.
 */
export type RefusalCode = 'BAD_USER_INPUT' | 'CONFLICT' | 'POLICY_VIOLATION' | 'FORBIDDEN';

export interface RefusalOptions {
  rule?: string;
  field?: string;
  details?: Record<string, unknown>;
}

export class Refusal extends Error {
  constructor(
    readonly code: RefusalCode,
    readonly messageZh: string,
    readonly messageEn: string,
    readonly options: RefusalOptions = {},
  ) {
    super(`${messageZh} | ${messageEn}`);
    this.name = 'Refusal';
  }
}

export const badInput = (zh: string, en: string, options?: RefusalOptions) => new Refusal('BAD_USER_INPUT', zh, en, options);
export const conflict = (zh: string, en: string, options?: RefusalOptions) => new Refusal('CONFLICT', zh, en, options);
export const forbidden = (zh: string, en: string, options?: RefusalOptions) => new Refusal('FORBIDDEN', zh, en, options);
export const policyViolation = (rule: string, zh: string, en: string, options: Omit<RefusalOptions, 'rule'> = {}) =>
  new Refusal('POLICY_VIOLATION', zh, en, { ...options, rule });
