import type { RegistrationAction, RegistrationState, RegistrationType } from './state-machine.js';

/**
 * What each registration state, step and type means to a registrant or registrar, in the house form
 * `中文 | English`, for the schemas of catalog and products (issue 21: every enum value described).
 */
export const REGISTRATION_STATE_TERMS: Record<RegistrationState, string> = {
  APPLIED: '已申请 | Applied, awaiting acceptance',
  ACCEPTED: '已受理 | Accepted',
  RETURNED: '退回补正（补正后重新计算受理时限，RG第10条）| Returned for completion; resubmitting restarts the acceptance clock (RG Art 10)',
  REJECTED: '不予受理 | Not accepted',
  FORMAL_REVIEW: '形式审核中 | In formal review',
  PUBLIC_NOTICE: '公示中（10个工作日，RG第12条）| In public notice, 10 working days (RG Art 12)',
  OBJECTED: '公示期异议审查中 | Objection raised during the notice, under examination',
  CODED: '已赋码登记（有效期3年，RG第15条）| Registered with a code, valid 3 years (RG Art 15)',
  RENEWED: '已续期 | Registration renewed',
  CANCELLED: '已注销 | Cancelled',
  TERMINATED: '已终止（异议成立，RG第12条）| Terminated, objection upheld (RG Art 12)',
  REVOKED: '已撤销（弄虚作假或滥用，RG第20条）| Revoked for fraud or misuse (RG Art 20)',
};

export const REGISTRATION_ACTION_TERMS: Record<RegistrationAction, string> = {
  ACCEPT: '受理 | Accept the application',
  RETURN: '退回补正 | Return for completion',
  REJECT: '不予受理 | Refuse to accept',
  RESUBMIT: '补正后重新提交 | Resubmit after completion',
  START_FORMAL_REVIEW: '开始形式审核 | Start the formal review',
  PASS_FORMAL_REVIEW: '形式审核通过（进入公示）| Pass the formal review, starting the public notice',
  FAIL_FORMAL_REVIEW: '形式审核不通过 | Fail the formal review',
  RAISE_OBJECTION: '公示期提出异议 | Raise an objection during the notice',
  UPHOLD_OBJECTION: '异议成立（终止登记）| Uphold the objection, ending the registration',
  DISMISS_OBJECTION: '异议不成立 | Dismiss the objection',
  CODE: '赋予登记编码 | Issue the registration code',
  RENEW: '续期 | Renew the registration',
  CANCEL: '注销 | Cancel the registration',
  REVOKE: '撤销 | Revoke the registration',
};

export const REGISTRATION_TYPE_TERMS: Record<RegistrationType, string> = {
  FIRST: '首次登记 | First registration',
  CHANGE: '变更登记 | Change registration',
  CORRECTION: '更正登记 | Correction registration',
  CANCELLATION: '注销登记 | Cancellation registration',
};

/** `valuesConfig` for type-graphql's `registerEnumType` from a terms table. */
export const describedValues = (terms: Record<string, string>) =>
  Object.fromEntries(Object.entries(terms).map(([value, description]) => [value, { description }]));
