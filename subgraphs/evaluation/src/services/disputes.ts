import { assertInScope, forbidden, inTransaction, newId, notFound, requireJurisdiction, type UnitOfWork } from '@pdo/platform';
import { todayInShanghai } from '@pdo/policy';
import { DISPUTE_SCOPE, disputeTarget } from '../access.js';
import { checkFiler, checkFiling, checkResolvable, checkStartHandling, type Filing } from '../domain/disputes.js';
import { badInput } from '../domain/refusal.js';
import { disputeById, disputePage, insertDispute, resolveDispute as recordDecision, startHandling, type DisputeRow } from '../data/disputes.js';
import { useCase } from './refusals.js';

export type { DisputeRow } from '../data/disputes.js';

type Window = { limit: number; offset: number };

async function lockedDispute(tx: UnitOfWork['tx'], id: string): Promise<DisputeRow> {
  const r = await disputeById(tx, id, true);
  if (!r) throw notFound('争议', 'Dispute', id);
  return r;
}

export const disputes = useCase(async (ctx, input: { jurisdiction: string; status: string | null; overdueOnly: boolean; window: Window }) => {
  requireJurisdiction(ctx.identity, input.jurisdiction);
  const f = { jurisdiction: input.jurisdiction, status: input.status, overdueOnly: input.overdueOnly, today: todayInShanghai(ctx.now) };
  return disputePage(ctx.em, ctx.identity, DISPUTE_SCOPE, f, input.window);
});

/** A dispute, to its parties and the authority of its jurisdiction. */
export const dispute = useCase(async (ctx, input: { id: string }) => {
  const r = await disputeById(ctx.em, input.id);
  if (!r) return null;
  const t = disputeTarget({ jurisdiction: r.jurisdiction, complainantOrg: r.complainant_org, respondentOrg: r.respondent_org });
  assertInScope(ctx.identity, t, { ...DISPUTE_SCOPE, entity: ['争议', 'Dispute'], id: input.id });
  return r;
});

/** Files a dispute, appeal or objection, in the complainant's real name. */
export const fileDispute = useCase(async (ctx, input: Filing & { subjectRef?: string | null }) => {
  checkFiler(input.kind, ctx.identity.role);
  const jurisdiction = ctx.identity.jurisdiction;
  const org = ctx.identity.org;
  if (!jurisdiction || !org) throw forbidden('需要单位和辖区身份', 'An organization and jurisdiction are required');
  checkFiling(input, org);
  return inTransaction(ctx, async ({ tx, audit }) => {
    const id = newId();
    const subject = input.subject.trim();
    await insertDispute(tx, {
      id,
      jurisdiction,
      kind: input.kind,
      complainantOrg: org,
      complainantName: input.complainantName.trim(),
      respondentOrg: input.respondentOrgId ?? null,
      subject,
      subjectRef: input.subjectRef ?? null,
      evidence: input.evidence.map((e) => ({ title: e.title.trim(), uri: e.uri ?? null })),
      filedBy: ctx.identity.sub,
      filedAt: ctx.now,
    });
    audit({ entityType: 'Dispute', entityId: id, action: 'FILED', changes: { kind: input.kind, respondent: input.respondentOrgId ?? null, subject } });
    return (await disputeById(tx, id))!;
  });
});

/** The authority takes the dispute up, with a deadline. */
export const startDisputeHandling = useCase(async (ctx, input: { disputeId: string; dueOn: string }) => {
  return inTransaction(ctx, async ({ tx, audit }) => {
    const r = await lockedDispute(tx, input.disputeId);
    requireJurisdiction(ctx.identity, r.jurisdiction);
    checkStartHandling(r.status, input.dueOn, todayInShanghai(ctx.now));
    await startHandling(tx, r.id, { handler: ctx.identity.sub, at: ctx.now, dueOn: input.dueOn });
    audit({ entityType: 'Dispute', entityId: r.id, action: 'HANDLING_STARTED', changes: { dueOn: input.dueOn } });
    return (await disputeById(tx, r.id))!;
  });
});

/** The authority decides the dispute. */
export const resolveDispute = useCase(async (ctx, input: { disputeId: string; outcome: string; decision: string }) => {
  const decision = input.decision?.trim();
  if (!decision) throw badInput('须写明处理决定', 'The decision text is required', { field: 'decision' });
  return inTransaction(ctx, async ({ tx, audit }) => {
    const r = await lockedDispute(tx, input.disputeId);
    requireJurisdiction(ctx.identity, r.jurisdiction);
    checkResolvable(r.status);
    await recordDecision(tx, r.id, { outcome: input.outcome, decision, at: ctx.now });
    audit({ entityType: 'Dispute', entityId: r.id, action: 'RESOLVED', changes: { outcome: input.outcome, decision, late: !!r.due_on && r.due_on < todayInShanghai(ctx.now) } });
    return (await disputeById(tx, r.id))!;
  });
});
