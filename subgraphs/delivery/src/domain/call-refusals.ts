/**
 * The data plane's refusals (docs/operating-domain/data-plane.md), pure: each reason with its
 * platform error code, HTTP status and bilingual message. The checks on the key live here; what
 * stops an execution (listing, authorization, entitlement, term, quota) is decided by
 * call-rules.ts and answered through `stopRefusal`.
 */

export type CallRefusalReason =
  | 'KEY_MISSING'
  | 'KEY_UNKNOWN'
  | 'KEY_REVOKED'
  | 'KEY_EXPIRED'
  | 'KEY_OTHER_PRODUCT'
  | 'PRODUCT_UNKNOWN'
  | 'PRODUCT_NOT_EXECUTABLE'
  | 'ENTITLEMENT_NOT_ACTIVE'
  | 'OUTSIDE_TERM'
  | 'PRODUCT_NOT_LISTED'
  | 'AUTHORIZATION_NOT_ACTIVE'
  | 'QUOTA_EXHAUSTED'
  | 'BAD_PARAMETERS'
  | 'IDEMPOTENCY_KEY_INVALID'
  | 'IDEMPOTENCY_KEY_REUSED'
  | 'RATE_LIMITED';

export interface CallRefusal {
  reason: CallRefusalReason;
  /** The platform's error code (packages/platform errors) and the HTTP status it answers with. */
  code: 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND' | 'POLICY_VIOLATION' | 'BAD_USER_INPUT' | 'CONFLICT' | 'RATE_LIMITED';
  status: number;
  messageZh: string;
  messageEn: string;
  rule?: string;
  details?: Record<string, unknown>;
}

const REFUSALS: Record<CallRefusalReason, Omit<CallRefusal, 'reason' | 'details'>> = {
  KEY_MISSING: { code: 'UNAUTHENTICATED', status: 401, messageZh: '缺少 API 密钥（X-API-Key 请求头）', messageEn: 'API key missing (X-API-Key header)' },
  KEY_UNKNOWN: { code: 'UNAUTHENTICATED', status: 401, messageZh: 'API 密钥无效', messageEn: 'The API key is not valid' },
  KEY_REVOKED: { code: 'UNAUTHENTICATED', status: 401, messageZh: 'API 密钥已吊销', messageEn: 'The API key has been revoked' },
  KEY_EXPIRED: { code: 'UNAUTHENTICATED', status: 401, messageZh: 'API 密钥已随应用协议到期', messageEn: 'The API key expired with its usage agreement' },
  KEY_OTHER_PRODUCT: { code: 'FORBIDDEN', status: 403, messageZh: '该密钥属于另一应用协议，不能调用此产品', messageEn: 'This key belongs to another usage agreement and may not call this product' },
  PRODUCT_UNKNOWN: { code: 'NOT_FOUND', status: 404, messageZh: '产品不存在', messageEn: 'Product not found' },
  PRODUCT_NOT_EXECUTABLE: { code: 'POLICY_VIOLATION', status: 403, messageZh: '该产品没有通过审查的可执行配方', messageEn: 'The product has no reviewed executable recipe', rule: 'HN Art 15' },
  ENTITLEMENT_NOT_ACTIVE: { code: 'POLICY_VIOLATION', status: 403, messageZh: '使用权未生效（暂停或已撤销），不能提供产品', messageEn: 'The entitlement is not active (paused or revoked); the product may not be supplied', rule: 'HN Art 7(4)' },
  OUTSIDE_TERM: { code: 'POLICY_VIOLATION', status: 403, messageZh: '不在应用协议期限内', messageEn: 'Outside the usage agreement\'s term', rule: 'HN Art 7(4)' },
  PRODUCT_NOT_LISTED: { code: 'POLICY_VIOLATION', status: 403, messageZh: '产品未挂牌（暂停或摘牌），不能提供', messageEn: 'The product is not listed (held or delisted); it may not be supplied', rule: 'HN Art 7(4)' },
  AUTHORIZATION_NOT_ACTIVE: { code: 'POLICY_VIOLATION', status: 403, messageZh: '运营授权未生效（暂停、终止或到期）', messageEn: 'The operator\'s authorization is not in force (suspended, terminated or expired)', rule: 'HN Art 7(4)' },
  QUOTA_EXHAUSTED: { code: 'POLICY_VIOLATION', status: 403, messageZh: '已用尽应用协议约定的用量', messageEn: 'The usage agreement\'s quota is used up', rule: 'HN Art 17' },
  BAD_PARAMETERS: { code: 'BAD_USER_INPUT', status: 400, messageZh: '参数不符合产品的参数定义', messageEn: 'The parameters do not match the product\'s parameter schema' },
  IDEMPOTENCY_KEY_INVALID: { code: 'BAD_USER_INPUT', status: 400, messageZh: 'Idempotency-Key 须为 1–200 个可见字符', messageEn: 'Idempotency-Key must be 1–200 visible characters' },
  IDEMPOTENCY_KEY_REUSED: { code: 'CONFLICT', status: 409, messageZh: '该幂等键已用于不同参数的调用', messageEn: 'This idempotency key was already used with different parameters' },
  RATE_LIMITED: { code: 'RATE_LIMITED', status: 429, messageZh: '调用过于频繁，请稍后重试', messageEn: 'Too many calls with this key; retry shortly' },
};

export function callRefusal(reason: CallRefusalReason, details?: Record<string, unknown>): CallRefusal {
  return { reason, ...REFUSALS[reason], ...(details ? { details } : {}) };
}

export interface CredentialFacts {
  status: string;
  expiresAt: Date;
  productId: string;
}

/** The checks on the key itself (before anything about the product is read). */
export function checkCredential(c: CredentialFacts | null, now: Date): CallRefusal | null {
  if (!c) return callRefusal('KEY_UNKNOWN');
  if (c.status !== 'ACTIVE') return callRefusal('KEY_REVOKED');
  if (now.getTime() >= c.expiresAt.getTime()) return callRefusal('KEY_EXPIRED');
  return null;
}

/** An Idempotency-Key header: absent, or 1–200 printable ASCII characters. */
export function idempotencyKeyOf(header: string | string[] | undefined): { ok: true; key: string | null } | { ok: false } {
  if (header === undefined) return { ok: true, key: null };
  if (typeof header !== 'string' || !/^[\x21-\x7e]{1,200}$/.test(header)) return { ok: false };
  return { ok: true, key: header };
}
