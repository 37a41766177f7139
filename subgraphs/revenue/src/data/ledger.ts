import { pageOf, sql, type Em } from '@pdo/platform';
import { db } from './tables.js';

/** A ledger entry with its lines, each line with its account. */
export interface EntryRecord {
  id: string;
  jurisdiction: string;
  entry_date: string;
  memo: string;
  settlement_id: string | null;
  reverses_entry_id: string | null;
  created_by: string;
  created_at: string;
  lines: { account: AccountRow; debit_fen: string; credit_fen: string }[];
}
export interface AccountRow {
  id: string;
  jurisdiction: string;
  party_kind: string;
  party_id: string;
}

/** Creates the accounts that do not exist yet (one per jurisdiction, party kind and party): one statement from arrays, conflicts skipped. */
export async function ensurePartyAccounts(em: Em, jurisdiction: string, parties: { kind: string; id: string }[]): Promise<void> {
  if (parties.length === 0) return;
  // uuidv7: time-ordered ids append to the primary key's index instead of landing on random pages of it.
  await sql(
    em,
    `insert into ledger_account (id, jurisdiction, party_kind, party_id)
     select uuidv7(), $1, k, p from unnest($2::text[], $3::text[]) as t(k, p) on conflict do nothing`,
    [jurisdiction, parties.map((p) => p.kind), parties.map((p) => p.id)],
  );
}

/** ensurePartyAccounts, then every account of the jurisdiction by `kind:id`. */
export async function ensureAccounts(em: Em, jurisdiction: string, parties: { kind: string; id: string }[]): Promise<Map<string, string>> {
  await ensurePartyAccounts(em, jurisdiction, parties);
  const rows = await db(em).selectFrom('ledger_account').select(['id', 'party_kind', 'party_id']).where('jurisdiction', '=', jurisdiction).execute();
  return new Map(rows.map((r) => [`${r.party_kind}:${r.party_id}`, r.id]));
}

/** Entries by id, with their lines, in the order asked (two statements however many). */
export async function entriesByIds(em: Em, ids: readonly string[]): Promise<EntryRecord[]> {
  if (ids.length === 0) return [];
  const k = db(em);
  const entries = await k.selectFrom('ledger_entry').selectAll().where('id', 'in', ids).execute();
  const lines = await k
    .selectFrom('ledger_line as l')
    .innerJoin('ledger_account as a', 'a.id', 'l.account_id')
    .select(['l.entry_id', 'l.debit_fen', 'l.credit_fen', 'a.id', 'a.jurisdiction', 'a.party_kind', 'a.party_id'])
    .where('l.entry_id', 'in', ids)
    .orderBy('l.id')
    .execute();
  const byEntry = new Map<string, EntryRecord['lines']>();
  for (const l of lines) {
    const list = byEntry.get(l.entry_id) ?? [];
    list.push({ account: { id: l.id, jurisdiction: l.jurisdiction, party_kind: l.party_kind, party_id: l.party_id }, debit_fen: l.debit_fen, credit_fen: l.credit_fen });
    byEntry.set(l.entry_id, list);
  }
  const byId = new Map(entries.map((e) => [e.id, { ...e, lines: byEntry.get(e.id) ?? [] }]));
  return ids.map((id) => byId.get(id)).filter((e): e is EntryRecord => !!e);
}

export async function insertEntry(tx: Em, e: { id: string; jurisdiction: string; entryDate: string; memo: string; settlementId?: string | null; reversesEntryId?: string | null; createdBy: string }): Promise<void> {
  await db(tx)
    .insertInto('ledger_entry')
    .values({ id: e.id, jurisdiction: e.jurisdiction, entry_date: e.entryDate, memo: e.memo, settlement_id: e.settlementId ?? null, reverses_entry_id: e.reversesEntryId ?? null, created_by: e.createdBy })
    .execute();
}

/** The entry's lines, in the order given (the database checks the entry balances at commit). */
export async function insertLines(tx: Em, entryId: string, lines: { accountId: string; debitFen: string; creditFen: string }[]): Promise<void> {
  await db(tx)
    .insertInto('ledger_line')
    .values(lines.map((l) => ({ entry_id: entryId, account_id: l.accountId, debit_fen: l.debitFen, credit_fen: l.creditFen })))
    .execute();
}

/**
 * The entry's lines by party, in the order given, each on its party's account of the jurisdiction (ensurePartyAccounts
 * first): one INSERT … SELECT from arrays however many lines, the accounts found through their unique key rather
 * than all of the jurisdiction's read into Node. Answers how many lines it wrote (a party without an account writes none).
 */
export async function insertPartyLines(tx: Em, entryId: string, jurisdiction: string, lines: { kind: string; id: string; debitFen: string; creditFen: string }[]): Promise<number> {
  const [row] = await sql<{ n: number }>(
    tx,
    `with written as (
       insert into ledger_line (entry_id, account_id, debit_fen, credit_fen)
       select $1, a.id, x.d, x.c
       from unnest($3::text[], $4::text[], $5::bigint[], $6::bigint[]) with ordinality as x(k, p, d, c, o)
       join ledger_account a on a.jurisdiction = $2 and a.party_kind = x.k and a.party_id = x.p
       order by x.o
       returning 1)
     select count(*)::int as n from written`,
    [entryId, jurisdiction, lines.map((l) => l.kind), lines.map((l) => l.id), lines.map((l) => l.debitFen), lines.map((l) => l.creditFen)],
  );
  return row!.n;
}

export function entryHeader(em: Em, id: string) {
  return db(em).selectFrom('ledger_entry').select(['id', 'jurisdiction', 'memo']).where('id', '=', id).executeTakeFirst();
}

export function reversalOf(em: Em, entryId: string) {
  return db(em).selectFrom('ledger_entry').select('id').where('reverses_entry_id', '=', entryId).executeTakeFirst();
}

/** Copies the entry's lines with debit and credit swapped, in their order: one INSERT … SELECT. */
export async function insertMirroredLines(tx: Em, entryId: string, ofEntryId: string): Promise<void> {
  await db(tx)
    .insertInto('ledger_line')
    .columns(['entry_id', 'account_id', 'debit_fen', 'credit_fen'])
    .expression((eb) => eb.selectFrom('ledger_line').select((s) => [s.val(entryId).as('entry_id'), 'account_id', 'credit_fen as debit_fen', 'debit_fen as credit_fen']).where('entry_id', '=', ofEntryId).orderBy('id'))
    .execute();
}

/** Ledger entry ids of the jurisdiction, newest first. */
export function entryIdPage(em: Em, jurisdiction: string | null, window: { limit: number; offset: number }) {
  const k = db(em);
  return pageOf(k, k.selectFrom('ledger_entry').select('id').where('jurisdiction', '=', jurisdiction ?? '').orderBy('created_at', 'desc').orderBy('id', 'desc'), window);
}

/** Account balances as of a date (Σ debit and Σ credit of the entries up to it), optionally of one party. */
export function balancePage(em: Em, jurisdiction: string, asOf: string, partyId: string | null, window: { limit: number; offset: number }) {
  const k = db(em);
  let q = k
    .selectFrom('ledger_account as a')
    .leftJoin('ledger_line as l', (j) =>
      j.onRef('l.account_id', '=', 'a.id').on('l.entry_id', 'in', k.selectFrom('ledger_entry').select('id').where('jurisdiction', '=', jurisdiction).where('entry_date', '<=', asOf)),
    )
    .select((eb) => [
      'a.id',
      'a.jurisdiction',
      'a.party_kind',
      'a.party_id',
      eb.fn.coalesce(eb.fn.sum<string>('l.debit_fen'), eb.lit(0)).as('debit'),
      eb.fn.coalesce(eb.fn.sum<string>('l.credit_fen'), eb.lit(0)).as('credit'),
    ])
    .where('a.jurisdiction', '=', jurisdiction)
    .groupBy('a.id')
    .orderBy('a.party_kind')
    .orderBy('a.party_id');
  if (partyId !== null) q = q.where('a.party_id', '=', partyId);
  // pageOf is typed for one table; the join's row type is the query's own.
  return pageOf(k, q as never, window) as Promise<{ rows: Awaited<ReturnType<typeof q.execute>>; totalCount: number }>;
}
