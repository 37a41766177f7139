import { GraphQLError } from 'graphql';

/**
 * The stable error codes clients may branch on (README, Conventions). Adding one is an API change:
 * front-ends translate these, so never rename.
 */
export const ERROR_CODES = [
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'BAD_USER_INPUT',
  'CONFLICT',
  'POLICY_VIOLATION',
  'RATE_LIMITED',
  'SERVICE_UNAVAILABLE',
  'INTERNAL_SERVER_ERROR',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface DomainErrorOptions {
  /** Citation of the rule that was violated, e.g. "HN Art 14(2)" or "RG Art 10". */
  rule?: string;
  /** Field path of the offending input, e.g. "input.term.end". */
  field?: string;
  /** Extra machine-readable facts (blocking ids, allowed values …). Never internals. */
  details?: Record<string, unknown>;
}

/**
 * An expected failure of a request: wrong input, wrong role, wrong state or a policy limit.
 * Thrown anywhere in domain code; the server turns it into a GraphQL error with a stable code
 * and a message in both Chinese and English, and the surrounding transaction rolls back.
 */
export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly messageZh: string;
  readonly messageEn: string;
  readonly rule?: string;
  readonly field?: string;
  readonly details?: Record<string, unknown>;

  constructor(code: ErrorCode, messageZh: string, messageEn: string, options: DomainErrorOptions = {}) {
    super(`${messageZh} | ${messageEn}`);
    this.name = 'DomainError';
    this.code = code;
    this.messageZh = messageZh;
    this.messageEn = messageEn;
    this.rule = options.rule;
    this.field = options.field;
    this.details = options.details;
  }

  toGraphQLError(path?: readonly (string | number)[]): GraphQLError {
    return new GraphQLError(this.message, {
      path,
      extensions: {
        code: this.code,
        messageZh: this.messageZh,
        messageEn: this.messageEn,
        ...(this.rule ? { rule: this.rule } : {}),
        ...(this.field ? { field: this.field } : {}),
        ...(this.details ? { details: this.details } : {}),
      },
    });
  }
}

export const unauthenticated = () =>
  new DomainError('UNAUTHENTICATED', '需要登录或令牌无效', 'Authentication required or the token is invalid');

export const forbidden = (whatZh = '无权执行此操作', whatEn = 'You are not allowed to do this', options?: DomainErrorOptions) =>
  new DomainError('FORBIDDEN', whatZh, whatEn, options);

export const notFound = (entityZh: string, entityEn: string, id?: string) =>
  new DomainError('NOT_FOUND', `${entityZh}不存在`, `${entityEn} not found`, id ? { details: { id } } : {});

export const badInput = (messageZh: string, messageEn: string, options?: DomainErrorOptions) =>
  new DomainError('BAD_USER_INPUT', messageZh, messageEn, options);

export const conflict = (messageZh: string, messageEn: string, options?: DomainErrorOptions) =>
  new DomainError('CONFLICT', messageZh, messageEn, options);

export const policyViolation = (rule: string, messageZh: string, messageEn: string, options: Omit<DomainErrorOptions, 'rule'> = {}) =>
  new DomainError('POLICY_VIOLATION', messageZh, messageEn, { ...options, rule });

/** Postgres SQLSTATEs that mean "the caller's request clashed with existing data", not a bug. */
const PG_CONFLICT_STATES = new Set(['23505', '40001', '40P01']);
const PG_INPUT_STATES = new Set(['23502', '23503', '23514']);
const PG_INPUT_REASONS: Record<string, string> = { '22P02': 'MALFORMED_VALUE', '22001': 'TOO_LONG', '22003': 'OUT_OF_RANGE', '22007': 'BAD_DATE', '22008': 'BAD_DATE', '23502': 'MISSING_VALUE', '23503': 'UNKNOWN_REFERENCE', '23514': 'RULE_VIOLATED' };

/**
 * Maps anything thrown while executing to a client-safe GraphQL error: domain errors keep their
 * code; GraphQL validation keeps its own; everything else becomes INTERNAL_SERVER_ERROR with no
 * stack, SQL or host in the message (the original goes to the log only).
 */
const CLIENT_INPUT_CODES = new Set(['BAD_USER_INPUT', 'GRAPHQL_VALIDATION_FAILED', 'GRAPHQL_PARSE_FAILED']);

export function toClientError(error: unknown, path?: readonly (string | number)[]): GraphQLError {
  // Variable coercion wraps a scalar's own error twice (GraphQLError → GraphQLError → DomainError).
  let original: unknown = error;
  while (original instanceof GraphQLError && original.originalError) original = original.originalError;
  if (original instanceof DomainError) return original.toGraphQLError(path ?? (error instanceof GraphQLError ? error.path : undefined));
  // Apollo's own input errors (bad variable value, unknown enum) wrap the coercion error: keep
  // them as the client's mistake, with GraphQL's precise message, not as an internal error.
  const outerCode = error instanceof GraphQLError ? error.extensions?.code : undefined;
  if (typeof outerCode === 'string' && CLIENT_INPUT_CODES.has(outerCode)) {
    const p = path ?? (error as GraphQLError).path;
    return new DomainError('BAD_USER_INPUT', `输入不合法：${(error as GraphQLError).message}`, `Invalid input: ${(error as GraphQLError).message}`).toGraphQLError(p);
  }
  if (error instanceof GraphQLError && !error.originalError) return error;
  if (original instanceof GraphQLError) return original;
  const anyErr = original as { code?: string; name?: string; constructor?: { name?: string } } | undefined;
  const pgCode = anyErr?.code;
  const p = path ?? (error instanceof GraphQLError ? error.path : undefined);
  if (pgCode && PG_CONFLICT_STATES.has(pgCode)) {
    return new DomainError('CONFLICT', '数据已被并发修改或重复，请重试', 'The data was changed concurrently or already exists; retry', {
      details: { reason: pgCode === '23505' ? 'DUPLICATE' : 'CONCURRENT_UPDATE' },
    }).toGraphQLError(p);
  }
  // The database went away (restart, failover, network): nothing was committed, retrying is right.
  if ((pgCode && (pgCode.startsWith('08') || pgCode === '57P01' || pgCode === '57P02' || pgCode === '57P03' || pgCode === 'ECONNREFUSED' || pgCode === 'ECONNRESET')) || /Connection terminated|connect ECONNREFUSED|timeout exceeded when trying to connect|is not queryable/i.test(String((original as Error | undefined)?.message ?? ''))) {
    return new DomainError('SERVICE_UNAVAILABLE', '数据库暂不可用，本次操作未生效，请稍后重试', 'The database is temporarily unavailable; nothing was changed, retry shortly').toGraphQLError(p);
  }
  // PostgreSQL refusing a value (bad uuid or date text, number out of range, over-long text,
  // violated check or foreign key): the statement's transaction rolls back, so it is bad input.
  if (pgCode && (pgCode.startsWith('22') || PG_INPUT_STATES.has(pgCode))) {
    return new DomainError('BAD_USER_INPUT', '输入的值不合法或引用的对象不存在', 'A value is malformed or refers to something that does not exist', {
      details: { reason: PG_INPUT_REASONS[pgCode] ?? 'INVALID_VALUE' },
    }).toGraphQLError(p);
  }
  const ctorName = anyErr?.constructor?.name ?? '';
  if (ctorName === 'ArgumentValidationError' || ctorName === 'UserInputError') {
    return new DomainError('BAD_USER_INPUT', '输入不合法', 'Invalid input').toGraphQLError(p);
  }
  return new GraphQLError('服务器内部错误，请稍后重试 | Internal server error, please retry later', {
    path: p,
    extensions: { code: 'INTERNAL_SERVER_ERROR', messageZh: '服务器内部错误，请稍后重试', messageEn: 'Internal server error, please retry later' },
  });
}
