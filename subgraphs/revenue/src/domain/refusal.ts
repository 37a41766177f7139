/**
 * A rule's refusal, as pure code states it: a stable code, the message in Chinese and English, and where it comes
 * from. The services turn it into the platform's coded error (services/refusal.ts), so the domain stays free of the
 * server's error types.
 */
export type RefusalCode = 'BAD_USER_INPUT' | 'CONFLICT' | 'POLICY_VIOLATION';

export interface RefusalOptions {
  /** The legal source or rule code, e.g. "PN §2(3)". */
  rule?: string;
  /** Input path of the offending value, e.g. "input.price". */
  field?: string;
  details?: Record<string, unknown>;
}

export class RuleRefusal extends Error {
  readonly rule?: string;
  readonly field?: string;
  readonly details?: Record<string, unknown>;
  constructor(
    readonly code: RefusalCode,
    readonly messageZh: string,
    readonly messageEn: string,
    options: RefusalOptions = {},
  ) {
    super(`${messageZh} | ${messageEn}`);
    this.name = 'RuleRefusal';
    this.rule = options.rule;
    this.field = options.field;
    this.details = options.details;
  }
}

export const badInput = (zh: string, en: string, options?: RefusalOptions) => new RuleRefusal('BAD_USER_INPUT', zh, en, options);
export const conflict = (zh: string, en: string, options?: RefusalOptions) => new RuleRefusal('CONFLICT', zh, en, options);
export const policyViolation = (rule: string, zh: string, en: string, options: Omit<RefusalOptions, 'rule'> = {}) => new RuleRefusal('POLICY_VIOLATION', zh, en, { ...options, rule });
