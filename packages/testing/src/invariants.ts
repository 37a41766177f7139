/**
 * Platform-wide invariants, checked straight in the database when any test stack stops (so after
 * every integration and end-to-end suite). They span subgraph schemas (one PostgreSQL in tests),
 * which no single subgraph can see; each subgraph's own invariants (SubgraphDefinition.invariants)
 * run alongside. Human-readable violations, empty when all hold.
 */
import pg from 'pg';

const CHECKS: { name: string; tables: string[]; sql: string }[] = [
  {
    name: 'every ledger entry balances (Σ debit = Σ credit)',
    tables: ['revenue.ledger_entry', 'revenue.ledger_line'],
    sql: `select e.id::text as what, sum(l.debit_fen)::text || ' ≠ ' || sum(l.credit_fen)::text as detail
            from revenue.ledger_entry e join revenue.ledger_line l on l.entry_id = e.id
           group by e.id having sum(l.debit_fen) <> sum(l.credit_fen)`,
  },
  {
    name: "each settlement's revenue shares sum to its total",
    tables: ['revenue.settlement', 'revenue.revenue_share'],
    sql: `select s.id::text as what, s.total_fen::text || ' ≠ ' || coalesce(sum(r.amount_fen), 0)::text as detail
            from revenue.settlement s left join revenue.revenue_share r on r.settlement_id = s.id
           where s.status = 'COMPLETED'
           group by s.id, s.total_fen having s.total_fen <> coalesce(sum(r.amount_fen), 0)`,
  },
  {
    name: 'no entitlement is active under a suspended or ended authorization',
    tables: ['products.entitlement', 'products.data_product', 'licensing.agreement'],
    sql: `select en.id::text as what, 'agreement ' || a.number || ' is ' || a.status as detail
            from products.entitlement en
            join products.data_product p on p.id = en.product_id
            join licensing.agreement a on a.id = p.agreement_id
           where en.status = 'ACTIVE' and a.status in ('SUSPENDED', 'TERMINATED', 'EXPIRED', 'EXITED')`,
  },
  {
    name: 'no prohibited resource appears in any access grant',
    tables: ['licensing.access_grant', 'catalog.data_resource'],
    sql: `select g.id::text as what, 'resource ' || r.code || ' is prohibited' as detail
            from licensing.access_grant g join catalog.data_resource r on r.id = g.resource_id
           where r.openness = 'PROHIBITED' and g.status = 'ACTIVE'`,
  },
  {
    // Raw tables are named per resource (subgraphs/delivery/src/data/raw-store.ts): counted through query_to_xml.
    name: 'every load batch holds exactly its row count in the raw store',
    tables: ['delivery.load_batch', 'delivery.raw_table'],
    sql: `select b.id::text as what, b.row_count::text || ' ≠ ' || n.n::text as detail
            from delivery.load_batch b join delivery.raw_table t on t.id = b.raw_table_id,
                 lateral (select (xpath('/row/n/text()', query_to_xml(format('select count(*) as n from raw.%I where batch_no = %s', t.table_name, b.batch_no), false, true, '')))[1]::text::bigint as n) n
           where n.n <> b.row_count`,
  },
  {
    name: 'no raw row belongs to a batch that was not recorded (a refused load keeps nothing)',
    tables: ['delivery.load_batch', 'delivery.raw_table'],
    sql: `select t.table_name as what, n.n::text || ' orphan rows' as detail
            from delivery.raw_table t,
                 lateral (select (xpath('/row/n/text()', query_to_xml(format(
                   'select count(*) as n from raw.%I r where not exists (select 1 from delivery.load_batch b where b.raw_table_id = %L and b.batch_no = r.batch_no)',
                   t.table_name, t.id), false, true, '')))[1]::text::bigint as n) n
           where n.n > 0`,
  },
];

export async function checkInvariants(url: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const violations: string[] = [];
    for (const c of CHECKS) {
      // A suite that runs only some subgraphs checks what those subgraphs hold.
      const present = await client.query<{ ok: boolean }>(`select bool_and(to_regclass(t) is not null) as ok from unnest($1::text[]) t`, [c.tables]);
      if (!present.rows[0]?.ok) continue;
      const res = await client.query<{ what: string; detail: string }>(c.sql);
      for (const row of res.rows) violations.push(`${c.name}: ${row.what} (${row.detail})`);
    }
    return violations;
  } finally {
    await client.end();
  }
}
