import { sql, type Em } from '@pdo/platform';

/** The year's facts of one operator, prefilled from the platform's own data (schema type `OperatorEvaluationFacts`). */
export interface EvaluationFacts {
  listedProducts: number;
  usageUnits: string;
  usageAgreements: number;
  securityIncidents: number;
  reportsAccepted: number;
  reportsOverdue: number;
  disclosures: number;
  /** Drills, assessment reports and follow-ups of the operator overdue on `today` (docs/policy/security-duties.md). */
  securityDutiesOverdue: number;
  /** Formal talks (约谈) held with the operator in the year. */
  formalTalks: number;
}

export interface FactsKey {
  operatorId: string;
  year: number;
  /** The request's date (Asia/Shanghai): reports due before it and still open are overdue. */
  today: string;
}

/**
 * The year's facts of many (operator, year) pairs from local projections and records, in one
 * statement (a list of evaluations asks for all of them at once through a DataLoader). Hand-written: the keys travel
 * as arrays through unnest, and nine correlated aggregates per key run in the database.
 */
export async function evaluationFacts(em: Em, keys: readonly FactsKey[]): Promise<EvaluationFacts[]> {
  const rows = await sql<{ i: number; lp: number; uu: string; ua: number; si: number; ra: number; ro: number; dc: number; sd: number; ft: number }>(
    em,
    `select k.i,
       (select count(*)::int from product_projection p where p.operator_id = k.op and p.listed_at is not null
          and (p.listed_at at time zone 'Asia/Shanghai')::date <= k.d1 and (p.delisted_at is null or (p.delisted_at at time zone 'Asia/Shanghai')::date >= k.d0)) as lp,
       (select coalesce(sum(units), 0)::text from usage_projection u where u.operator_id = k.op and (u.occurred_at at time zone 'Asia/Shanghai')::date between k.d0 and k.d1) as uu,
       (select count(*)::int from usage_agreement_projection a where a.operator_id = k.op and a.start_date <= k.d1 and a.end_date >= k.d0) as ua,
       (select count(*)::int from security_incident i where i.operator_id = k.op and (i.occurred_at at time zone 'Asia/Shanghai')::date between k.d0 and k.d1) as si,
       (select count(*)::int from operating_report r where r.operator_id = k.op and r.status = 'ACCEPTED' and r.period_end between k.d0 and k.d1) as ra,
       (select count(*)::int from operating_report r where r.operator_id = k.op and r.status in ('DRAFT', 'RETURNED') and r.due_on < k.today) as ro,
       (select count(*)::int from disclosure d join product_projection p on d.subject_id = p.id where p.operator_id = k.op
          and (d.published_at at time zone 'Asia/Shanghai')::date between k.d0 and k.d1) as dc,
       (select count(*)::int from emergency_plan p where p.holder_org_id = k.op and p.status = 'ACTIVE' and p.next_drill_due_on < k.today)
         + (select count(*)::int from security_assessment s where s.operator_id = k.op
              and ((s.status = 'COMMISSIONED' and s.report_due_on < k.today) or (s.status = 'REPORTED' and s.follow_up_due_on < k.today))) as sd,
       (select count(*)::int from formal_talk t where t.operator_id = k.op and t.held_on between k.d0 and k.d1) as ft
     from (select i, op, today, make_date(y, 1, 1) as d0, make_date(y, 12, 31) as d1 from unnest($1::uuid[], $2::int[], $3::date[]) with ordinality as t(op, y, today, i)) k`,
    [keys.map((k) => k.operatorId), keys.map((k) => k.year), keys.map((k) => k.today)],
  );
  const byIndex = new Map(rows.map((r) => [Number(r.i), r]));
  return keys.map((_, idx) => {
    const r = byIndex.get(idx + 1)!;
    return { listedProducts: r.lp, usageUnits: r.uu, usageAgreements: r.ua, securityIncidents: r.si, reportsAccepted: r.ra, reportsOverdue: r.ro, disclosures: r.dc, securityDutiesOverdue: r.sd, formalTalks: r.ft };
  });
}
