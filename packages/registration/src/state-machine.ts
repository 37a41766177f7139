/**
 * Registration (登记) of public data resources and products, per RG (发改数据规〔2025〕26号).
 * Pure rules shared by the catalog (resource registration) and products (product registration):
 * one table of states and transitions, who may take each, and what each transition needs.
 */
export const REGISTRATION_STATES = [
  'APPLIED', // 申请
  'ACCEPTED', // 受理
  'RETURNED', // 退回补正 (incomplete file; resubmission restarts the acceptance clock, Art 10)
  'REJECTED', // 不予受理 (with reason)
  'FORMAL_REVIEW', // 形式审核
  'PUBLIC_NOTICE', // 公示 (10 wd, Art 12)
  'OBJECTED', // 公示期异议 under examination
  'CODED', // 赋码 (registered; valid 3 years, Art 15)
  'RENEWED', // 续期 (a coded registration renewed)
  'CANCELLED', // 注销
  'TERMINATED', // 终止 (objection upheld, Art 12)
  'REVOKED', // 撤销 (fraud or misuse, Art 20)
] as const;
export type RegistrationState = (typeof REGISTRATION_STATES)[number];

export const REGISTRATION_TYPES = ['FIRST', 'CHANGE', 'CORRECTION', 'CANCELLATION'] as const;
export type RegistrationType = (typeof REGISTRATION_TYPES)[number];

export const REGISTRATION_ACTIONS = [
  'ACCEPT',
  'RETURN',
  'REJECT',
  'RESUBMIT',
  'START_FORMAL_REVIEW',
  'PASS_FORMAL_REVIEW',
  'FAIL_FORMAL_REVIEW',
  'RAISE_OBJECTION',
  'UPHOLD_OBJECTION',
  'DISMISS_OBJECTION',
  'CODE',
  'RENEW',
  'CANCEL',
  'REVOKE',
] as const;
export type RegistrationAction = (typeof REGISTRATION_ACTIONS)[number];

/** Who acts: the registrant (data holder / operator), the registration authority, or anyone (objections, Art 12). */
export type RegistrationActor = 'REGISTRANT' | 'REGISTRAR' | 'PUBLIC';

interface TransitionRule {
  from: readonly RegistrationState[];
  to: RegistrationState;
  actor: RegistrationActor;
  needsReason?: boolean;
  article: string;
}

export const REGISTRATION_TRANSITIONS: Record<RegistrationAction, TransitionRule> = {
  ACCEPT: { from: ['APPLIED'], to: 'ACCEPTED', actor: 'REGISTRAR', article: 'RG Art 10' },
  RETURN: { from: ['APPLIED'], to: 'RETURNED', actor: 'REGISTRAR', needsReason: true, article: 'RG Art 10' },
  REJECT: { from: ['APPLIED', 'FORMAL_REVIEW'], to: 'REJECTED', actor: 'REGISTRAR', needsReason: true, article: 'RG Arts 10–11' },
  RESUBMIT: { from: ['RETURNED'], to: 'APPLIED', actor: 'REGISTRANT', article: 'RG Art 10' },
  START_FORMAL_REVIEW: { from: ['ACCEPTED'], to: 'FORMAL_REVIEW', actor: 'REGISTRAR', article: 'RG Art 11' },
  PASS_FORMAL_REVIEW: { from: ['FORMAL_REVIEW'], to: 'PUBLIC_NOTICE', actor: 'REGISTRAR', article: 'RG Arts 11–12' },
  FAIL_FORMAL_REVIEW: { from: ['FORMAL_REVIEW'], to: 'RETURNED', actor: 'REGISTRAR', needsReason: true, article: 'RG Art 11' },
  RAISE_OBJECTION: { from: ['PUBLIC_NOTICE'], to: 'OBJECTED', actor: 'PUBLIC', needsReason: true, article: 'RG Art 12 (real name and evidence)' },
  UPHOLD_OBJECTION: { from: ['OBJECTED'], to: 'TERMINATED', actor: 'REGISTRAR', needsReason: true, article: 'RG Art 12' },
  DISMISS_OBJECTION: { from: ['OBJECTED'], to: 'PUBLIC_NOTICE', actor: 'REGISTRAR', needsReason: true, article: 'RG Art 12' },
  CODE: { from: ['PUBLIC_NOTICE'], to: 'CODED', actor: 'REGISTRAR', article: 'RG Art 13' },
  RENEW: { from: ['CODED', 'RENEWED'], to: 'RENEWED', actor: 'REGISTRANT', article: 'RG Art 15' },
  CANCEL: { from: ['CODED', 'RENEWED'], to: 'CANCELLED', actor: 'REGISTRAR', article: 'RG Arts 9, 15' },
  REVOKE: { from: ['CODED', 'RENEWED', 'PUBLIC_NOTICE'], to: 'REVOKED', actor: 'REGISTRAR', needsReason: true, article: 'RG Art 20' },
};

export const TERMINAL_STATES: readonly RegistrationState[] = ['REJECTED', 'CANCELLED', 'TERMINATED', 'REVOKED'];

export type TransitionOutcome =
  | { ok: true; to: RegistrationState; article: string }
  | { ok: false; reason: 'WRONG_STATE' | 'WRONG_ACTOR' | 'REASON_REQUIRED'; article: string; allowedFrom: readonly RegistrationState[] };

/** Checks one transition: the state it starts from, who takes it, and whether it needs a reason. */
export function registrationTransition(from: RegistrationState, action: RegistrationAction, actor: RegistrationActor, reason?: string | null): TransitionOutcome {
  const rule = REGISTRATION_TRANSITIONS[action];
  if (!rule.from.includes(from)) return { ok: false, reason: 'WRONG_STATE', article: rule.article, allowedFrom: rule.from };
  if (rule.actor !== actor && !(rule.actor === 'PUBLIC')) return { ok: false, reason: 'WRONG_ACTOR', article: rule.article, allowedFrom: rule.from };
  if (rule.needsReason && !reason?.trim()) return { ok: false, reason: 'REASON_REQUIRED', article: rule.article, allowedFrom: rule.from };
  return { ok: true, to: rule.to, article: rule.article };
}
