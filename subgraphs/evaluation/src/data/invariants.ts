import { sql, type Em } from '@pdo/platform';

/**
 * Evaluation-owned invariants, checked over the stored state (the lead runs them after the
 * end-to-end suites; the seed test runs them over the demo world). Each returns one message per
 * offending row, naming it, so a failure says what broke where. Empty list = consistent.
 * Hand-written: each check is one anti-join over a whole table, written as the rule reads.
 */
const CHECKS: { name: string; query: string }[] = [
  {
    // Where the profile's cyberspaceNotice requires it (HN Art 18), the notice is recorded before closing.
    name: 'closed incident with a notification duty has the notification recorded',
    query: `select i.id from security_incident i
             where i.status = 'CLOSED' and i.notify_cyberspace
               and not exists (select 1 from security_incident_action a where a.incident_id = i.id and a.kind = 'CYBERSPACE_AUTHORITY_NOTIFIED')`,
  },
  {
    // Only risky linkage stops processing, and only under a rule (linkageStop: HN Art 18, ZJC §三(五)6) kept with it.
    name: 'an incident that stopped processing is a risky linkage with its stop rule; one that did not has none',
    query: `select id from security_incident where (stop_processing and (type <> 'RISKY_LINKAGE' or stop_rule is null)) or (not stop_processing and stop_rule is not null)`,
  },
  {
    name: 'closed incident has a closing time, a summary and a CLOSED timeline entry',
    query: `select i.id from security_incident i
             where i.status = 'CLOSED'
               and (i.closed_at is null or i.closure_summary is null
                    or not exists (select 1 from security_incident_action a where a.incident_id = i.id and a.kind = 'CLOSED'))`,
  },
  {
    // Published only on closing (incidentSummaryDisclosure, where the profile switches it on).
    name: 'a public incident summary is of a closed incident',
    query: `select d.subject_id as id from disclosure d
             where d.kind = 'INCIDENT_SUMMARY'
               and not exists (select 1 from security_incident i where i.id = d.subject_id and i.status = 'CLOSED')`,
  },
  {
    name: 'accepted or returned report names its reviewer and review time',
    query: `select id from operating_report where status in ('ACCEPTED', 'RETURNED') and (reviewed_by is null or reviewed_at is null)`,
  },
  {
    name: 'accepted or submitted report was submitted, with a narrative',
    query: `select id from operating_report where status in ('ACCEPTED', 'SUBMITTED') and (submitted_at is null or narrative is null)`,
  },
  {
    // PN §5 / TZ Art 22: business and annual reports carry costs, revenue and profit = revenue − cost.
    name: 'submitted financial report has revenue, cost and profit = revenue − cost',
    query: `select id from operating_report
             where kind in ('BUSINESS_REPORT', 'ANNUAL') and status in ('SUBMITTED', 'ACCEPTED')
               and (revenue_fen is null or cost_fen is null or profit_fen is distinct from revenue_fen - cost_fen)`,
  },
  {
    name: 'accepted annual report is publicly disclosed',
    query: `select r.id from operating_report r
             where r.status = 'ACCEPTED' and r.kind in ('ANNUAL_SUMMARY', 'BUSINESS_REPORT', 'ANNUAL')
               and not exists (select 1 from disclosure d where d.dedupe_key in ('ANNUAL_DISCLOSURE:' || r.id, 'ANNUAL_DISCLOSURE:' || r.operator_id || ':' || to_char(r.period_start, 'YYYY')))`,
  },
  {
    // The public sees products and usage of an annual report, never its money (NS Art 19; HN Art 17).
    name: 'no disclosure carries a private figure (cost, revenue, profit, description)',
    query: `select d.id from disclosure d, jsonb_array_elements(coalesce(d.facts, '[]'::jsonb)) f
             where lower(f->>'key') ~ '(cost|revenue|profit|description|reporter)'`,
  },
  {
    name: 'finalized operator evaluation has a total in 0–100, a conclusion and a public result',
    query: `select e.id from operator_evaluation e
             where e.status = 'FINALIZED'
               and (e.total is null or e.total < 0 or e.total > 100 or e.conclusion is null or e.finalized_at is null
                    or not exists (select 1 from disclosure d where d.dedupe_key = 'EVALUATION_RESULT:' || e.id))`,
  },
  {
    name: 'closed rectification has a closing note and a public notice',
    query: `select f.id from evaluation_finding f
             where f.rectification = 'CLOSED'
               and (f.closed_at is null or f.closure_note is null
                    or not exists (select 1 from disclosure d where d.dedupe_key = 'RECTIFICATION_CLOSED:' || f.id))`,
  },
  {
    name: 'requested rectification has a deadline',
    query: `select id from evaluation_finding where rectification in ('REQUESTED', 'CLOSED') and rectification_deadline is null`,
  },
  {
    name: 'operator evaluation scores lie within 0–100',
    query: `select evaluation_id || ':' || criterion || ':' || scorer_sub from operator_evaluation_score where score < 0 or score > 100`,
  },
  {
    name: 'contribution weights sum to 100 %',
    query: `select jurisdiction from contribution_weights where quantity + quality + application + revenue <> 100`,
  },
  {
    name: 'contribution assessment used weights summing to 100 % and every score lies within 0–100',
    query: `select a.id from contribution_assessment a
             where ((a.weights->>'quantity')::numeric + (a.weights->>'quality')::numeric + (a.weights->>'application')::numeric + (a.weights->>'revenue')::numeric) <> 100
                or exists (select 1 from contribution_score s where s.assessment_id = a.id
                            and (s.total not between 0 and 100 or s.quantity not between 0 and 100 or s.quality not between 0 and 100
                                 or s.application not between 0 and 100 or s.revenue not between 0 and 100))`,
  },
  {
    name: 'resolved dispute has an outcome, a decision and a decision time',
    query: `select id from dispute where status = 'RESOLVED' and (outcome is null or decision is null or decided_at is null)`,
  },
  {
    name: 'dispute in handling or resolved has a handler and a deadline',
    query: `select id from dispute where status in ('IN_HANDLING', 'RESOLVED') and (handler_sub is null or due_on is null)`,
  },
  {
    // Kept by `disclose` in the statement that inserts a disclosure; the announcements' totalCount reads it.
    name: 'disclosure_count equals a recount of the feed per jurisdiction and kind',
    query: `select coalesce(c.jurisdiction, d.jurisdiction) || '/' || coalesce(c.kind, d.kind) || ': kept ' || coalesce(c.n::text, 'none') || ', feed holds ' || coalesce(d.n, 0)
              from disclosure_count c
              full join (select jurisdiction, kind, count(*) as n from disclosure group by jurisdiction, kind) d on d.jurisdiction = c.jurisdiction and d.kind = c.kind
             where c.n is distinct from d.n`,
  },
];

/** Every violated invariant, as "name: row id". */
export async function checkEvaluationInvariants(em: Em): Promise<string[]> {
  const out: string[] = [];
  for (const c of CHECKS) {
    const rows = await sql<Record<string, unknown>>(em, `${c.query} limit 20`);
    for (const r of rows) out.push(`evaluation: ${c.name}: ${String(Object.values(r)[0])}`);
  }
  return out;
}

export { checkEvaluationInvariants as invariants };
