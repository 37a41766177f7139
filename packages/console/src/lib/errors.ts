/**
 * API errors in the user's language with what to do next. The platform sends every error with a
 * stable `extensions.code` and `messageZh`/`messageEn` (README, Conventions); a message without them (a
 * network failure, a 4xx from the gateway) gets a generic text for its kind.
 */
import { ENUM_LABELS, type Lang } from './i18n';

export interface ApiErrorLike {
  message?: string;
  extensions?: Record<string, unknown>;
}

export interface ErrorLike {
  graphQLErrors?: ApiErrorLike[];
  networkError?: { message?: string } | Error | null;
  response?: { status?: number } | null;
  message?: string;
}

export interface UserError {
  code: string;
  message: string;
  next: string;
  rule?: string;
  field?: string;
}

const NEXT: Record<string, readonly [string, string]> = {
  UNAUTHENTICATED: ['请重新登录（令牌可能已过期），然后重试。', 'Sign in again (the token may have expired), then retry.'],
  FORBIDDEN: ['当前身份无权执行此操作。请切换到有权限的用户，或联系主管部门。', 'Your role may not do this. Switch to a user who may, or contact the authority.'],
  NOT_FOUND: ['该对象不存在或您无权查看。请返回列表刷新后重试。', 'It does not exist or is not visible to you. Go back to the list and refresh.'],
  BAD_USER_INPUT: ['请检查标出的字段后重新提交。', 'Check the highlighted field and submit again.'],
  CONFLICT: ['与现有事项或其当前状态冲突。请刷新查看最新状态（或在「我的」页面查看已有事项）后再操作。', 'It conflicts with an existing item or its current state. Refresh to see the latest state (or check your existing items), then try again.'],
  POLICY_VIOLATION: ['该操作不符合本辖区政策规定（见所引条款）。请按规定调整后再提交。', 'This breaks a rule of the jurisdiction (see the cited rule). Adjust and submit again.'],
  RATE_LIMITED: ['请求过于频繁，请稍候片刻再试。', 'Too many requests: wait a moment and retry.'],
  SERVICE_UNAVAILABLE: ['平台部分服务暂不可用，请稍后重试。', 'Part of the platform is unavailable; retry shortly.'],
  INTERNAL_SERVER_ERROR: ['服务器出错，请稍后重试；如持续出现请联系平台运维并提供请求编号。', 'A server error occurred; retry later, and if it persists contact support with the request id.'],
  NETWORK: ['无法连接到网关。请检查网络或确认平台已启动，然后重试。', 'The gateway cannot be reached. Check the network or that the platform is running, then retry.'],
  UNKNOWN: ['请稍后重试。', 'Please retry later.'],
  // An eligibility refusal because nobody behind the company is on record for the integrity check (JL §三(二); TZ Art 12(3)).
  RECORD_PERSONS: [
    '请在工作台「本单位法定代表人等人员」中登记法定代表人（吉林还须登记高级管理人员、控股股东或实际控制人），经本辖区实施机构或数据主管部门核验后重新提交。',
    'Record your legal representative under "Legal representative and other persons of your company" on your desk (in Jilin also executives and controllers); once an official of your jurisdiction has verified it, submit again.',
  ],
};

/** The failing eligibility criteria a refusal carries (`details.failing`): a missing legal representative needs a record, not a retry. */
function needsPersons(details: unknown): boolean {
  const failing = (details as { failing?: unknown } | null | undefined)?.failing;
  return Array.isArray(failing) && failing.some((c) => c?.criterion === 'INTEGRITY_RECORDS' && c?.passed === false && /^未登记/.test(String(c?.reasonZh ?? '')));
}

const GENERIC: Record<string, readonly [string, string]> = {
  UNAUTHENTICATED: ['需要登录或令牌无效', 'Authentication required or the token is invalid'],
  FORBIDDEN: ['无权执行此操作', 'You are not allowed to do this'],
  NOT_FOUND: ['未找到', 'Not found'],
  NETWORK: ['网络错误', 'Network error'],
  GRAPHQL_VALIDATION_FAILED: ['请求与接口不匹配', 'The request does not match the API'],
  UNKNOWN: ['请求失败', 'The request failed'],
};

/** Splits the platform's "中文 | English" message form. */
export function splitBilingual(message: string | undefined): { zh?: string; en?: string } {
  if (!message) return {};
  const i = message.indexOf(' | ');
  if (i < 0) return /[\u4e00-\u9fff]/.test(message) ? { zh: message } : { en: message };
  return { zh: message.slice(0, i), en: message.slice(i + 3) };
}

/** A "中文 | English" text of the API (a profile's venue, a source document) in the user's language. */
export function inLang(text: string, lang: Lang): string {
  const s = splitBilingual(text);
  return (lang === 'zh' ? s.zh ?? s.en : s.en ?? s.zh) ?? text;
}

/**
 * API messages may name enum values (roles, states: "需要以下角色之一：AUTHORITY、EXPERT"); each one the
 * catalogue knows is shown by its label, so a Chinese message carries no raw codes.
 */
export function localiseCodes(message: string, lang: Lang): string {
  // Jurisdiction codes stay: they are part of citations ("HN Art 14(2)").
  return message.replace(/\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*\b/g, (code) => ENUM_LABELS[code]?.[lang === 'zh' ? 0 : 1] ?? code);
}

export function describeError(error: ErrorLike | null | undefined, lang: Lang): UserError | null {
  if (!error) return null;
  const pick = (e: readonly [string, string]) => e[lang === 'zh' ? 0 : 1];
  const first = error.graphQLErrors?.[0];
  if (first) {
    const ext = first.extensions ?? {};
    const code = typeof ext.code === 'string' ? ext.code : 'UNKNOWN';
    const split = splitBilingual(first.message);
    const zh = typeof ext.messageZh === 'string' ? ext.messageZh : split.zh;
    const en = typeof ext.messageEn === 'string' ? ext.messageEn : split.en;
    const message = localiseCodes((lang === 'zh' ? zh ?? en : en ?? zh) ?? pick(GENERIC[code] ?? GENERIC.UNKNOWN!), lang);
    return {
      code,
      message,
      next: pick((needsPersons(ext.details) ? NEXT.RECORD_PERSONS : NEXT[code]) ?? NEXT.UNKNOWN!),
      rule: typeof ext.rule === 'string' ? ext.rule : undefined,
      field: typeof ext.field === 'string' ? ext.field : undefined,
    };
  }
  if (error.networkError || error.response) {
    const status = error.response?.status;
    const code = status === 401 ? 'UNAUTHENTICATED' : status === 403 ? 'FORBIDDEN' : status === 429 ? 'RATE_LIMITED' : 'NETWORK';
    return { code, message: pick(GENERIC[code] ?? GENERIC.NETWORK!), next: pick(NEXT[code]!) };
  }
  return { code: 'UNKNOWN', message: error.message ?? pick(GENERIC.UNKNOWN!), next: pick(NEXT.UNKNOWN!) };
}
