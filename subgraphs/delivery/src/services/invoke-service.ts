/**
 * One data-plane call (docs/operating-domain/data-plane.md): `POST /v1/products/{code}/invoke`
 * with an API key. In order — the key; its product; the per-key rate limit; a stored answer for a
 * retried Idempotency-Key (returned as it was, nothing metered); the entitlement (active, in term,
 * quota left); the execution through the executor (reader role, READ ONLY, timeout, row cap, bound
 * parameters, output guard). A successful call then writes, in one statement, its call log row,
 * its unit where the agreement has a quota (re-checked in the same statement), the answer for its
 * idempotency key and its row of the metering outbox, from which `ExecutionsMetered` is published
 * in batches (services/metering.ts). A refused call is logged (once the key is known) and meters
 * nothing. Never a parameter value or a result in the log.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { DomainError, type EventPublisher } from '@pdo/platform';
import type { DeliveryEvents } from '@pdo/events';
import { toShanghaiDate } from '@pdo/policy';
import { v7 as uuidv7 } from 'uuid';
import { parsePresentedKey } from '../domain/api-key.js';
import { callRefusal, checkCredential, idempotencyKeyOf, type CallRefusal } from '../domain/call-refusals.js';
import { entitlementStop, STOP_MESSAGES, STOP_RULES, versionStop, type StopCode } from '../domain/call-rules.js';
import type { FieldType, RecipeAnalysis } from '../domain/recipe-types.js';
import type { Scalar } from '../domain/output-guard.js';
import { recipeById } from '../data/recipes.js';
import { instant } from '../data/data-plane-tables.js';
import { insertCallLog, recordCall, storedAnswer, type CallFactsRow, type CallLogInsert, type OutboxInsert } from '../data/calls.js';
import { runStatement, type RunnableStatement } from './executor.js';
import { keyDigest } from './credential-service.js';
import type { KeyRateLimiter } from './rate-limit.js';

export interface InvokeRequest {
  productCode: string;
  apiKey: string | string[] | undefined;
  idempotencyKey: string | string[] | undefined;
  /** The parsed JSON body (the parameters by name), or `undefined` when it was not JSON. */
  body: unknown;
  now: Date;
}

export interface InvokeAnswer {
  status: number;
  body: unknown;
  headers: Record<string, string>;
}

export interface DataPlane {
  orm: { em: { fork(): EntityManager } };
  events: EventPublisher;
  limiter: KeyRateLimiter;
  /** Publishes the metered calls in batches (services/metering.ts). */
  meter: { kick(): void };
  /** The facts of calls and the metering of calls with nothing to gate, several calls per statement (services/call-recorder.ts). */
  facts: { submit(q: { keyPrefix: string; productCode: string; idempotencyKey: string | null }): Promise<CallFactsRow | null> };
  recorder: { submit(call: { log: CallLogInsert; outbox: OutboxInsert }): Promise<void> };
}

const refusalBody = (r: { code: string; messageZh: string; messageEn: string; rule?: string; details?: Record<string, unknown> }, reason: string) => ({
  errors: [{ message: `${r.messageZh} | ${r.messageEn}`, extensions: { code: r.code, reason, messageZh: r.messageZh, messageEn: r.messageEn, ...(r.rule ? { rule: r.rule } : {}), ...(r.details ? { details: r.details } : {}) } }],
});
const refused = (r: CallRefusal, headers: Record<string, string> = {}): InvokeAnswer => ({ status: r.status, body: refusalBody(r, r.reason), headers });

const STATUS_OF: Record<string, number> = { BAD_USER_INPUT: 400, UNAUTHENTICATED: 401, FORBIDDEN: 403, POLICY_VIOLATION: 403, NOT_FOUND: 404, CONFLICT: 409, RATE_LIMITED: 429, SERVICE_UNAVAILABLE: 503 };

function stopAnswer(code: StopCode, details?: Record<string, unknown>): { answer: InvokeAnswer; outcome: string } {
  const r = { code: 'POLICY_VIOLATION', messageZh: STOP_MESSAGES[code][0], messageEn: STOP_MESSAGES[code][1], rule: STOP_RULES[code], details: { code, ...details } };
  return { answer: { status: 403, body: refusalBody(r, code), headers: {} }, outcome: code };
}

/** A canonical digest of the parameters (keys sorted), for the log and the idempotency check; never the values. */
export function parameterDigest(body: unknown): string {
  const canon = (v: unknown): unknown => (v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.keys(v as object).sort().map((k) => [k, canon((v as Record<string, unknown>)[k])])) : v);
  return createHash('sha256').update(JSON.stringify(canon(body ?? null))).digest('hex');
}

function sameDigest(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && timingSafeEqual(x, y);
}

export async function invoke(dp: DataPlane, req: InvokeRequest): Promise<InvokeAnswer> {
  const started = performance.now();
  const presented = parsePresentedKey(req.apiKey);
  if (!presented) return refused(callRefusal(req.apiKey === undefined ? 'KEY_MISSING' : 'KEY_UNKNOWN'));
  const idem = idempotencyKeyOf(req.idempotencyKey);
  const em = dp.orm.em.fork();
  const f = await dp.facts.submit({ keyPrefix: presented.prefix, productCode: req.productCode, idempotencyKey: idem.ok ? idem.key : null });
  if (!f || !sameDigest(f.secretSha256, keyDigest(presented.key))) return refused(callRefusal('KEY_UNKNOWN'));
  const keyRefusal = checkCredential({ status: f.credentialStatus, expiresAt: instant(f.expiresAt), productId: f.credentialProductId }, req.now);
  if (keyRefusal) return refused(keyRefusal);
  // From here the caller is known: every outcome is logged.
  const paramSha = parameterDigest(req.body);
  const log = (outcome: string, status: number, extra: { metered?: boolean; rowsRead?: number; rowsReturned?: number; version?: number | null; id?: string } = {}) => ({
    id: extra.id ?? uuidv7(),
    credential_id: f.credentialId,
    usage_agreement_id: f.usageAgreementId,
    product_id: f.productId ?? f.credentialProductId,
    product_version: extra.version ?? f.listedVersion,
    developer_id: f.developerId,
    operator_id: f.operatorId,
    jurisdiction: f.jurisdiction,
    parameter_sha256: paramSha,
    idempotency_key: idem.ok ? idem.key : null,
    outcome,
    http_status: status,
    rows_read: extra.rowsRead ?? 0,
    rows_returned: extra.rowsReturned ?? 0,
    duration_ms: ((performance.now() - started) as number).toFixed(3),
    metered: extra.metered ?? false,
    called_at: req.now,
  });
  const refuseLogged = async (answer: InvokeAnswer, outcome: string): Promise<InvokeAnswer> => {
    await insertCallLog(em, log(outcome, answer.status));
    return answer;
  };
  if (!f.productId) return refused(callRefusal('PRODUCT_UNKNOWN'));
  if (f.productId !== f.credentialProductId) return refuseLogged(refused(callRefusal('KEY_OTHER_PRODUCT')), 'KEY_OTHER_PRODUCT');
  if (!idem.ok) return refuseLogged(refused(callRefusal('IDEMPOTENCY_KEY_INVALID')), 'IDEMPOTENCY_KEY_INVALID');
  const wait = await dp.limiter.take(f.credentialId);
  if (wait !== null) return refuseLogged(refused(callRefusal('RATE_LIMITED', { retryAfterSec: wait }), { 'retry-after': String(wait) }), 'RATE_LIMITED');
  if (idem.key && f.prior) return replay(em, f.prior, paramSha, log);
  const today = toShanghaiDate(req.now);
  const stop = entitlementStop(
    f.entitlementStatus === null ? undefined : { status: f.entitlementStatus, startDate: f.startDate!, endDate: f.endDate!, quotaUnits: f.quotaUnits },
    today,
    BigInt(f.usedUnits),
  );
  if (stop) {
    const s = stopAnswer(stop, f.entitlementStatus && f.entitlementStatus !== 'ACTIVE' ? { status: f.entitlementStatus, reason: f.pauseReason } : undefined);
    return refuseLogged(s.answer, s.outcome);
  }
  // The executor's own checks (executor.ts `executeRecipe`), on the facts read above.
  const versionStopped = versionStop(
    f.versionStatus === null ? undefined : { status: f.versionStatus, version: f.listedVersion ?? 0 },
    f.recipeId !== null,
    f.listingStatus === null ? undefined : { listingStatus: f.listingStatus, listedVersion: f.listedVersion },
    f.agreementStatus === null ? undefined : { status: f.agreementStatus, endDate: f.agreementEndDate! },
    today,
  );
  if (versionStopped) {
    const s = stopAnswer(versionStopped);
    return refuseLogged(s.answer, s.outcome);
  }
  if (!f.readerRole) {
    const s = stopAnswer('RECIPE_NOT_ACCEPTED');
    return refuseLogged(s.answer, s.outcome);
  }
  let result;
  try {
    result = await runStatement(em, { readerRole: f.readerRole, ...(await acceptedRecipe(em, f.recipeId!)) }, req.body, { session: true });
  } catch (e) {
    if (!(e instanceof DomainError)) throw e;
    const reason = String((e.details as { code?: unknown } | undefined)?.code ?? e.code);
    return refuseLogged({ status: STATUS_OF[e.code] ?? 500, body: refusalBody(e, reason), headers: {} }, reason);
  }
  const callId = uuidv7();
  const body = { callId, product: req.productCode, version: f.listedVersion, columns: result.columns, rows: result.rows, rowsReturned: result.rows.length, truncated: result.truncated, suppressedGroups: result.suppressedGroups };
  const answer: InvokeAnswer = { status: 200, body, headers: { 'x-call-id': callId } };
  const call = {
    log: log('OK', 200, { id: callId, metered: true, rowsRead: result.rowsRead, rowsReturned: result.rows.length }),
    outbox: {
      call_id: callId, product_id: f.productId, version: f.listedVersion ?? 0, entitlement_id: f.entitlementId!, usage_agreement_id: f.usageAgreementId, developer_id: f.developerId,
      operator_id: f.operatorId, jurisdiction: f.jurisdiction, units: '1', rows_returned: result.rows.length, duration_ms: result.durationMs, counted: f.quotaUnits !== null, occurred_at: req.now,
    },
    answer: idem.key ? { usage_agreement_id: f.usageAgreementId, idempotency_key: idem.key, parameter_sha256: paramSha, call_id: callId, http_status: 200, body, created_at: req.now } : null,
    quotaUnits: f.quotaUnits,
  };
  // Nothing to gate (no quota, no Idempotency-Key): written with the calls that finish meanwhile, one
  // statement for several (services/call-recorder.ts); answered once the rows are written.
  if (!call.answer && call.quotaUnits === null) {
    await dp.recorder.submit(call);
    dp.meter.kick();
    return answer;
  }
  // One statement meters the call (data/calls.ts `recordCall`). Only a quota unit taken for a key
  // that another call kept first needs undoing: that case alone runs in a transaction.
  const recorded = call.answer && call.quotaUnits !== null
    ? await em.fork().transactional(async (tx) => {
        const r = await recordCall(tx, call);
        if (r.unitTaken && !r.answerKept) throw new RetriedKey();
        return r;
      }).catch((e) => {
        if (e instanceof RetriedKey) return { unitTaken: false, answerKept: false, logged: false };
        throw e;
      })
    : await recordCall(em, call);
  if (recorded.logged) {
    dp.meter.kick();
    return answer;
  }
  if (call.answer) {
    // Another call with this key was metered first: answer with its result (whatever our quota said).
    const prior = await storedAnswer(em, f.usageAgreementId, idem.key!);
    if (prior) return replay(em, prior, paramSha, log);
  }
  const s = stopAnswer('QUOTA_EXHAUSTED', { quotaUnits: f.quotaUnits });
  return refuseLogged(s.answer, s.outcome);
}

class RetriedKey extends Error {}

/**
 * An accepted recipe never changes (a new submission is a new row), so its statement is kept in
 * memory by id: a call reads only the id, in its facts query. Bounded: the oldest entry goes first.
 */
const RECIPES = new Map<string, Omit<RunnableStatement, 'readerRole'>>();
const RECIPE_CACHE_SIZE = 1000;
async function acceptedRecipe(em: EntityManager, id: string): Promise<Omit<RunnableStatement, 'readerRole'>> {
  const hit = RECIPES.get(id);
  if (hit) return hit;
  const r = await recipeById(em, id);
  if (!r || r.status !== 'ACCEPTED' || !r.analysis) throw new Error('accepted recipe vanished');
  const statement = { analysis: r.analysis as RecipeAnalysis, parameters: r.parameters as { name: string; type: FieldType }[], verification: (r.verification as Record<string, Scalar[]> | null) ?? null };
  if (RECIPES.size >= RECIPE_CACHE_SIZE) RECIPES.delete(RECIPES.keys().next().value!);
  RECIPES.set(id, statement);
  return statement;
}

async function replay(em: EntityManager, prior: { parameter_sha256: string; http_status: number; body: unknown; call_id: string }, paramSha: string, log: (outcome: string, status: number) => Parameters<typeof insertCallLog>[1]): Promise<InvokeAnswer> {
  if (prior.parameter_sha256 !== paramSha) {
    const r = callRefusal('IDEMPOTENCY_KEY_REUSED', { callId: prior.call_id });
    await insertCallLog(em, log(r.reason, r.status));
    return refused(r);
  }
  await insertCallLog(em, log('REPLAYED', prior.http_status));
  return { status: prior.http_status, body: prior.body, headers: { 'idempotent-replayed': 'true', 'x-call-id': prior.call_id } };
}

export type { CallFactsRow };
