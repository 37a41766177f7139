import { badInput, conflict, policyViolation, type RequestContext, type UnitOfWork } from '@pdo/platform';
import { PolicyInputError, todayInShanghai, type Check, type LocalDate } from '@pdo/policy';
import type { Loaders } from '../loaders/index.js';

/** What the use cases of licensing receive: the request (its identity, clock, loaders). */
export type Ctx = RequestContext<Loaders>;
/** A step a use case composes, and event handlers and the scheduled clock, work in a unit of work. */
export type Uow = UnitOfWork;

/** The request's calendar day in Asia/Shanghai: every term and window is counted on it. */
export const today = (ctx: Pick<RequestContext, 'now'>): LocalDate => todayInShanghai(ctx.now);

/** A failed policy check becomes POLICY_VIOLATION citing the document that sets the limit. */
export function enforce(check: Check, details: Record<string, unknown> = {}, field?: string): void {
  if (!check.ok) throw policyViolation(check.source, check.messageZh, check.messageEn, { field, details: { check: check.rule, ...details } });
}

/** Runs a pure policy or domain function; its input errors become BAD_USER_INPUT. */
export function policyCall<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof PolicyInputError) throw badInput(e.messageZh, e.message, { field: e.path, details: { code: e.code } });
    throw e;
  }
}

/** A transition not allowed from the current state: CONFLICT naming the state, the action and the states it is allowed from. */
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
