import { sql, type Em } from '@pdo/platform';

/**
 * Books-level invariants of the revenue subgraph, for checking a database after an end-to-end
 * run (and in tests). Returns one human-readable line per violation; empty means the books are sound:
 *   (a) every ledger entry balances (Σ debit = Σ credit, at least two lines);
 *   (b) every completed settlement's shares sum to its charges — in total and per product — and
 *       its total equals the charges it took, and its ledger entry posts that total on both sides;
 *   (c) no charge was taken by two settlements (what a settlement took is `settled_charge`: its
 *       recorded boxes of days and seq range, or the per-charge rows of before migration 0004).
 * Each check is one set-based query (hand-written: sums across whole tables and the settled_charge view), so it is
 * cheap enough to run on a large database.
 */
export async function invariants(em: Em): Promise<string[]> {
  const out: string[] = [];
  const unbalanced = await sql<{ id: string; jurisdiction: string; d: string; c: string; n: number }>(
    em,
    `select e.id, e.jurisdiction, coalesce(sum(l.debit_fen), 0)::text as d, coalesce(sum(l.credit_fen), 0)::text as c, count(l.id)::int as n
     from ledger_entry e left join ledger_line l on l.entry_id = e.id group by e.id
     having coalesce(sum(l.debit_fen), 0) <> coalesce(sum(l.credit_fen), 0) or count(l.id) < 2 order by e.id`,
  );
  for (const r of unbalanced) out.push(`ledger entry ${r.id} (${r.jurisdiction}) does not balance: debit ${r.d} fen, credit ${r.c} fen, ${r.n} lines`);

  const settlements = await sql<{ id: string; jurisdiction: string; p: string; total: string; charges: string; shares: string; debits: string; credits: string; entry: string | null }>(
    em,
    `select s.id, s.jurisdiction, s.period_start::text || '–' || s.period_end::text as p, s.total_fen::text as total,
       (select coalesce(sum(x.amount_fen), 0) from settled_charge x where x.settlement_id = s.id)::text as charges,
       (select coalesce(sum(amount_fen), 0) from revenue_share where settlement_id = s.id)::text as shares,
       (select coalesce(sum(l.debit_fen), 0) from ledger_line l where l.entry_id = s.ledger_entry_id)::text as debits,
       (select coalesce(sum(l.credit_fen), 0) from ledger_line l where l.entry_id = s.ledger_entry_id)::text as credits,
       s.ledger_entry_id as entry
     from settlement s where s.status = 'COMPLETED' order by s.jurisdiction, s.period_start, s.id`,
  );
  for (const s of settlements) {
    const name = `settlement ${s.id} (${s.jurisdiction} ${s.p})`;
    if (s.shares !== s.charges) out.push(`${name}: shares sum to ${s.shares} fen but its charges total ${s.charges} fen`);
    if (s.total !== s.charges) out.push(`${name}: total ${s.total} fen differs from the charges it took, ${s.charges} fen`);
    if (BigInt(s.total) > 0n && !s.entry) out.push(`${name}: revenue ${s.total} fen but no ledger entry`);
    if (s.entry && (s.debits !== s.total || s.credits !== s.total)) out.push(`${name}: ledger entry ${s.entry} posts debit ${s.debits} / credit ${s.credits} fen, expected ${s.total}`);
  }

  const twice = await sql<{ charge_id: string; settlements: string }>(
    em,
    `select charge_id, string_agg(settlement_id::text, ', ' order by settlement_id) as settlements from settled_charge group by charge_id having count(*) > 1 order by charge_id limit 20`,
  );
  for (const t of twice) out.push(`charge ${t.charge_id} was taken by more than one settlement: ${t.settlements}`);

  const products = await sql<{ id: string; product_id: string; revenue: string; shares: string }>(
    em,
    `select sp.settlement_id as id, sp.product_id, sp.revenue_fen::text as revenue, coalesce(sum(rs.amount_fen), 0)::text as shares
     from settlement_product sp join settlement s on s.id = sp.settlement_id and s.status = 'COMPLETED'
     left join revenue_share rs on rs.settlement_id = sp.settlement_id and rs.product_id = sp.product_id
     group by sp.settlement_id, sp.product_id, sp.revenue_fen having coalesce(sum(rs.amount_fen), 0) <> sp.revenue_fen
     order by 1, 2`,
  );
  for (const p of products) out.push(`settlement ${p.id}, product ${p.product_id}: shares sum to ${p.shares} fen but the product's revenue is ${p.revenue} fen`);
  return out;
}
