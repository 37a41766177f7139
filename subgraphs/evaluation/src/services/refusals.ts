import { DomainError, type RequestContext } from '@pdo/platform';
import { Refusal } from '../domain/refusal.js';
import type { Loaders } from '../loaders/index.js';

export type Ctx = RequestContext<Loaders>;

/** A domain refusal as the platform's error: the same code and bilingual message the client always saw. */
export function asDomainError(e: unknown): unknown {
  return e instanceof Refusal ? new DomainError(e.code, e.messageZh, e.messageEn, e.options) : e;
}

/**
 * Declares a use case `(ctx, input)`: whatever a pure rule refuses inside it (after the transaction rolled back) reaches
 * the client as a DomainError.
 */
export function useCase<I, O>(run: (ctx: Ctx, input: I) => Promise<O>): (ctx: Ctx, input: I) => Promise<O> {
  return async (ctx, input) => {
    try {
      return await run(ctx, input);
    } catch (e) {
      throw asDomainError(e);
    }
  };
}
