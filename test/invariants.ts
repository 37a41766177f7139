/**
 * Platform-wide invariants, checked straight in the database after the integration and
 * end-to-end suites. They span subgraph schemas (one PostgreSQL in tests), which no single
 * subgraph can see: each returns human-readable violations, empty when all hold.
 */
import pg from 'pg';

const CHECKS: { name: string; sql: string }[] = [
  {
    name: 'every ledger entry balances (Σ debit = Σ credit)',
    sql: `select e.id::text as what, sum(l.debit_fen)::text || ' ≠ ' || sum(l.credit_fen)::text as detail
            from revenue.ledger_entry e join revenue.ledger_line l on l.entry_id = e.id
           group by e.id having sum(l.debit_fen) <> sum(l.credit_fen)`,
  },
  {
    name: "each settlement's revenue shares sum to its total",
    sql: `select s.id::text as what, s.total_fen::text || ' ≠ ' || coalesce(sum(r.amount_fen), 0)::text as detail
            from revenue.settlement s left join revenue.revenue_share r on r.settlement_id = s.id
           where s.status = 'COMPLETED'
           group by s.id, s.total_fen having s.total_fen <> coalesce(sum(r.amount_fen), 0)`,
  },
  {
    name: 'no entitlement is active under a suspended or ended authorization',
    sql: `select en.id::text as what, 'agreement ' || a.number || ' is ' || a.status as detail
            from products.entitlement en
            join products.data_product p on p.id = en.product_id
            join licensing.agreement a on a.id = p.agreement_id
           where en.status = 'ACTIVE' and a.status in ('SUSPENDED', 'TERMINATED', 'EXPIRED', 'EXITED')`,
  },
  {
    name: 'no prohibited resource appears in any access grant',
    sql: `select g.id::text as what, 'resource ' || r.code || ' is prohibited' as detail
            from licensing.access_grant g join catalog.data_resource r on r.id = g.resource_id
           where r.openness = 'PROHIBITED' and g.status = 'ACTIVE'`,
  },
];

export async function checkInvariants(url: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const violations: string[] = [];
    for (const c of CHECKS) {
      const res = await client.query<{ what: string; detail: string }>(c.sql);
      for (const row of res.rows) violations.push(`${c.name}: ${row.what} (${row.detail})`);
    }
    return violations;
  } finally {
    await client.end();
  }
}
