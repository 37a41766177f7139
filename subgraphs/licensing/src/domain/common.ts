import { randomBytes } from 'node:crypto';
import { badInput, conflict, policyViolation, DomainError, type RequestContext } from '@pdo/platform';
import { PolicyInputError, toShanghaiDate, type Check, type LocalDate } from '@pdo/policy';

/** UUID v7 (time-ordered), for every id (README, Conventions). */
export function newId(now = Date.now()): string {
  const b = randomBytes(16);
  const ts = BigInt(now);
  for (let i = 0; i < 6; i++) b[i] = Number((ts >> BigInt(8 * (5 - i))) & 0xffn);
  b[6] = (b[6]! & 0x0f) | 0x70;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** The request's calendar day in Asia/Shanghai: every term and window is counted on it. */
export const todayOf = (ctx: Pick<RequestContext, 'now'>): LocalDate => toShanghaiDate(ctx.now);

/** A failed policy check becomes POLICY_VIOLATION citing the document that sets the limit. */
export function enforce(check: Check, details: Record<string, unknown> = {}, field?: string): void {
  if (!check.ok) throw policyViolation(check.source, check.messageZh, check.messageEn, { field, details: { check: check.rule, ...details } });
}

/** Runs a pure policy function; its input errors become BAD_USER_INPUT. */
export function policyCall<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof PolicyInputError) throw badInput(e.messageZh, e.message, { field: e.path, details: { code: e.code } });
    throw e;
  }
}

/**
 * A transition not allowed from the current state: CONFLICT naming the state, the attempted
 * action and the states it would be allowed from.
 */
export function assertTransition<S extends string>(entityZh: string, entityEn: string, table: Record<string, readonly S[]>, action: string, current: S): void {
  const allowed = table[action];
  if (!allowed) throw new Error(`unknown transition ${action}`);
  if (!allowed.includes(current)) {
    throw conflict(`${entityZh}当前状态为 ${current}，不能执行 ${action}`, `${entityEn} is ${current}; ${action} is not allowed (allowed from: ${allowed.join(', ')})`, {
      details: { reason: 'INVALID_TRANSITION', from: current, action, allowedFrom: allowed },
    });
  }
}

export const required = (value: string | null | undefined, field: string, zh: string, en: string): string => {
  const v = value?.trim();
  if (!v) throw badInput(`${zh}不能为空`, `${en} is required`, { field });
  return v;
};

export { DomainError };
