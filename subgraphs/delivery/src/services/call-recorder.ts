/**
 * The data plane's grouped statements (services/grouped.ts), one set per runtime: the facts a call decides on, and
 * the metering of successful calls with nothing to gate (no quota, no Idempotency-Key) — written before the call is
 * answered, as before, but several calls per statement (data/calls.ts `callFactsOf`, `recordPlainCalls`).
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { callFactsOf, recordPlainCalls, type CallFactsRow, type CallLogInsert, type OutboxInsert } from '../data/calls.js';
import { Grouped } from './grouped.js';

export interface PlainCall {
  log: CallLogInsert;
  outbox: OutboxInsert;
}

export interface FactsQuery {
  keyPrefix: string;
  productCode: string;
  idempotencyKey: string | null;
}

export interface CallStatements {
  facts: Grouped<FactsQuery, CallFactsRow | null>;
  recorder: Grouped<PlainCall, void>;
}

const STATEMENTS = new WeakMap<object, CallStatements>();
export function callStatementsOf(rt: { orm: { em: { fork(): EntityManager } } }): CallStatements {
  let s = STATEMENTS.get(rt);
  if (!s) {
    s = {
      facts: new Grouped((qs) => callFactsOf(rt.orm.em.fork(), qs)),
      recorder: new Grouped<PlainCall, void>(async (calls) => {
        await recordPlainCalls(rt.orm.em.fork(), calls);
        return calls.map(() => undefined);
      }),
    };
    STATEMENTS.set(rt, s);
  }
  return s!;
}
