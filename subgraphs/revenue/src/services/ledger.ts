import { badInput, conflict, forbidden, inTransaction, newId, notFound, type RequestContext } from '@pdo/platform';
import { todayInShanghai } from '@pdo/policy';
import { partyScope, requireFinance } from '../access.js';
import { balancePage, ensureAccounts, entriesByIds, entryHeader, entryIdPage, insertEntry, insertLines, insertMirroredLines, reversalOf, type EntryRecord } from '../data/ledger.js';
import { requireKnownParties } from './parties.js';

type Ctx = RequestContext<unknown>;

export interface PostLedgerAdjustmentInput {
  jurisdiction: string;
  entryDate: string;
  memo: string;
  lines: { partyKind: string; partyId: string; debit?: bigint | null; credit?: bigint | null }[];
}

export interface ReverseLedgerEntryInput {
  entryId: string;
  reason: string;
}

/** A manual entry (e.g. a payment or a correction). The database refuses it unless it balances; we say why first. */
export function postLedgerAdjustment(ctx: Ctx, input: PostLedgerAdjustmentInput): Promise<EntryRecord> {
  requireFinance(ctx.identity, input.jurisdiction);
  if (!input.memo.trim()) throw badInput('摘要不能为空', 'A memo is required', { field: 'input.memo' });
  if (input.lines.length < 2) throw badInput('凭证至少两行', 'An entry has at least two lines', { field: 'input.lines' });
  let d = 0n;
  let c = 0n;
  for (const [i, l] of input.lines.entries()) {
    const debit = l.debit ?? 0n;
    const credit = l.credit ?? 0n;
    if (debit < 0n || credit < 0n || (debit === 0n) === (credit === 0n)) throw badInput('每行须只有借方或贷方一个正数', 'Each line has either a positive debit or a positive credit', { field: `input.lines.${i}` });
    d += debit;
    c += credit;
  }
  if (d !== c) throw badInput(`借贷不平衡：借方 ${d} 分，贷方 ${c} 分`, `Unbalanced: debits ${d} fen, credits ${c} fen`, { field: 'input.lines', details: { reason: 'UNBALANCED', debitFen: d.toString(), creditFen: c.toString() } });
  return inTransaction(ctx, async (uow) => {
    const { tx } = uow;
    await requireKnownParties(tx, input.jurisdiction, input.lines.map((l, i) => ({ kind: l.partyKind, id: l.partyId, field: `input.lines.${i}.partyId` })));
    const accounts = await ensureAccounts(tx, input.jurisdiction, input.lines.map((l) => ({ kind: l.partyKind, id: l.partyId })));
    const id = newId();
    await insertEntry(tx, { id, jurisdiction: input.jurisdiction, entryDate: input.entryDate, memo: input.memo.trim(), createdBy: ctx.identity.sub });
    await insertLines(tx, id, input.lines.map((l) => ({ accountId: accounts.get(`${l.partyKind}:${l.partyId}`)!, debitFen: (l.debit ?? 0n).toString(), creditFen: (l.credit ?? 0n).toString() })));
    uow.audit({ entityType: 'LedgerEntry', entityId: id, action: 'POSTED', changes: { memo: input.memo, debitFen: d.toString() } });
    return (await entriesByIds(tx, [id]))[0]!;
  });
}

/** 冲销: a correction is a new entry with every line mirrored; the original stays as it was. */
export function reverseLedgerEntry(ctx: Ctx, input: ReverseLedgerEntryInput): Promise<EntryRecord> {
  return inTransaction(ctx, async (uow) => {
    const { tx } = uow;
    const orig = await entryHeader(tx, input.entryId);
    if (!orig) throw notFound('记账凭证', 'Ledger entry', input.entryId);
    requireFinance(ctx.identity, orig.jurisdiction);
    if (!input.reason.trim()) throw badInput('须说明冲销原因', 'A reason is required', { field: 'input.reason' });
    const already = await reversalOf(tx, orig.id);
    if (already) throw conflict('该凭证已冲销', 'The entry has already been reversed', { details: { reversalId: already.id } });
    const id = newId();
    await insertEntry(tx, { id, jurisdiction: orig.jurisdiction, entryDate: todayInShanghai(ctx.now), memo: `冲销 Reversal of ${orig.id}: ${input.reason.trim()}`, reversesEntryId: orig.id, createdBy: ctx.identity.sub });
    await insertMirroredLines(tx, id, orig.id);
    uow.audit({ entityType: 'LedgerEntry', entityId: id, action: 'REVERSED', changes: { reverses: orig.id, reason: input.reason } });
    return (await entriesByIds(tx, [id]))[0]!;
  });
}

/** Ledger entry ids of the caller's jurisdiction, newest first (the entries come through the loader). */
export function ledgerEntryIds(ctx: Ctx, window: { limit: number; offset: number }) {
  requireFinance(ctx.identity, ctx.identity.jurisdiction ?? '');
  return entryIdPage(ctx.em, ctx.identity.jurisdiction, window);
}

/** Account balances as of a date: finance of the jurisdiction sees every party (or the one asked), a party only its own. */
export function ledgerBalances(ctx: Ctx, jurisdiction: string, asOf: string, partyId: string | null, window: { limit: number; offset: number }) {
  const scope = partyScope(ctx.identity);
  if (scope.jurisdiction && scope.jurisdiction !== jurisdiction) throw forbidden();
  return balancePage(ctx.em, jurisdiction, asOf, scope.partyId ?? partyId, window);
}
