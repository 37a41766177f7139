import type { EntityManager } from '@mikro-orm/postgresql';
import { badInput, conflict, notFound, sql, sqlOne, type Identity, type UnitOfWork } from '@pdo/platform';
import { requireFinance } from '../domain/access.js';
import { uuidv7 } from '../domain/ids.js';
import { requireKnownParties } from './parties.js';
import { toAccount } from './rows.js';
import type { LedgerEntry, LedgerLine, PostLedgerAdjustmentInput, ReverseLedgerEntryInput } from '../schema/types.js';

/** Creates the accounts that do not exist yet (one per jurisdiction, party kind and party). */
export async function ensureAccounts(em: EntityManager, jurisdiction: string, parties: { kind: string; id: string }[]): Promise<Map<string, string>> {
  if (parties.length > 0) {
    await sql(
      em,
      `insert into ledger_account (id, jurisdiction, party_kind, party_id)
       select gen_random_uuid(), $1, k, p from unnest($2::text[], $3::text[]) as t(k, p) on conflict do nothing`,
      [jurisdiction, parties.map((p) => p.kind), parties.map((p) => p.id)],
    );
  }
  const rows = await sql<{ id: string; party_kind: string; party_id: string }>(em, `select id, party_kind, party_id from ledger_account where jurisdiction = $1`, [jurisdiction]);
  return new Map(rows.map((r) => [`${r.party_kind}:${r.party_id}`, r.id]));
}

export async function loadEntries(em: EntityManager, ids: readonly string[]): Promise<LedgerEntry[]> {
  if (ids.length === 0) return [];
  const entries = await sql(em, `select id, jurisdiction, entry_date::text, memo, settlement_id, reverses_entry_id, created_by, created_at from ledger_entry where id = any($1::uuid[])`, [ids]);
  const lines = await sql<any>(
    em,
    `select l.entry_id, l.debit_fen, l.credit_fen, a.id as account_id, a.jurisdiction, a.party_kind, a.party_id
     from ledger_line l join ledger_account a on a.id = l.account_id where l.entry_id = any($1::uuid[]) order by l.id`,
    [ids],
  );
  const byEntry = new Map<string, LedgerLine[]>();
  for (const l of lines) {
    const list = byEntry.get(l.entry_id) ?? [];
    list.push({ account: toAccount(l), debit: BigInt(l.debit_fen), credit: BigInt(l.credit_fen) });
    byEntry.set(l.entry_id, list);
  }
  const byId = new Map(
    entries.map((e: any) => [
      e.id,
      { id: e.id, jurisdiction: e.jurisdiction, entryDate: e.entry_date, memo: e.memo, settlementId: e.settlement_id, reversesEntryId: e.reverses_entry_id, createdBy: e.created_by, createdAt: new Date(e.created_at), lines: byEntry.get(e.id) ?? [] } as LedgerEntry,
    ]),
  );
  return ids.map((id) => byId.get(id)).filter((e): e is LedgerEntry => !!e);
}

/** A manual entry (e.g. a payment or a correction). The database refuses it unless it balances; we say why first. */
export async function postLedgerAdjustment(uow: UnitOfWork, identity: Identity, input: PostLedgerAdjustmentInput): Promise<LedgerEntry> {
  const { tx } = uow;
  requireFinance(identity, input.jurisdiction);
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
  await requireKnownParties(tx, input.jurisdiction, input.lines.map((l, i) => ({ kind: l.partyKind, id: l.partyId, field: `input.lines.${i}.partyId` })));
  const accounts = await ensureAccounts(tx, input.jurisdiction, input.lines.map((l) => ({ kind: l.partyKind, id: l.partyId })));
  const id = uuidv7();
  await sql(tx, `insert into ledger_entry (id, jurisdiction, entry_date, memo, created_by) values ($1, $2, $3::date, $4, $5)`, [id, input.jurisdiction, input.entryDate, input.memo.trim(), identity.sub]);
  await sql(
    tx,
    `insert into ledger_line (entry_id, account_id, debit_fen, credit_fen) select $1, a, d, c from unnest($2::uuid[], $3::bigint[], $4::bigint[]) with ordinality as t(a, d, c, o) order by o`,
    [id, input.lines.map((l) => accounts.get(`${l.partyKind}:${l.partyId}`)), input.lines.map((l) => (l.debit ?? 0n).toString()), input.lines.map((l) => (l.credit ?? 0n).toString())],
  );
  uow.audit({ entityType: 'LedgerEntry', entityId: id, action: 'POSTED', changes: { memo: input.memo, debitFen: d.toString() } });
  return (await loadEntries(tx, [id]))[0]!;
}

/** 冲销: a correction is a new entry with every line mirrored; the original stays as it was. */
export async function reverseLedgerEntry(uow: UnitOfWork, identity: Identity, now: Date, input: ReverseLedgerEntryInput): Promise<LedgerEntry> {
  const { tx } = uow;
  const orig = await sqlOne<{ id: string; jurisdiction: string; memo: string }>(tx, `select id, jurisdiction, memo from ledger_entry where id = $1`, [input.entryId]);
  if (!orig) throw notFound('记账凭证', 'Ledger entry', input.entryId);
  requireFinance(identity, orig.jurisdiction);
  if (!input.reason.trim()) throw badInput('须说明冲销原因', 'A reason is required', { field: 'input.reason' });
  const already = await sqlOne(tx, `select id from ledger_entry where reverses_entry_id = $1`, [orig.id]);
  if (already) throw conflict('该凭证已冲销', 'The entry has already been reversed', { details: { reversalId: already.id } });
  const id = uuidv7();
  const today = new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
  await sql(tx, `insert into ledger_entry (id, jurisdiction, entry_date, memo, reverses_entry_id, created_by) values ($1, $2, $3::date, $4, $5, $6)`, [id, orig.jurisdiction, today, `冲销 Reversal of ${orig.id}: ${input.reason.trim()}`, orig.id, identity.sub]);
  await sql(tx, `insert into ledger_line (entry_id, account_id, debit_fen, credit_fen) select $1, account_id, credit_fen, debit_fen from ledger_line where entry_id = $2 order by id`, [id, orig.id]);
  uow.audit({ entityType: 'LedgerEntry', entityId: id, action: 'REVERSED', changes: { reverses: orig.id, reason: input.reason } });
  return (await loadEntries(tx, [id]))[0]!;
}
