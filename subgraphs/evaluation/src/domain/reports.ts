import type { EntityManager } from '@mikro-orm/postgresql';
import { badInput, policyViolation, sql } from '@pdo/platform';
import { addDays, addMonths, isJurisdictionCode, periodAfter, resolveProfile, termEnd, type ReportKind, type ReportRule } from '@pdo/policy';

/**
 * Operating-report obligations come only from the jurisdiction's profile (HN quarterly + annual
 * summary by 31 March, PN business report by 31 March, TZ annual, ZJC annual for each full year of
 * operation and a half-yearly security report). A report has a due date only where the text gives
 * one (docs/policy/reports.md). Nothing here names a jurisdiction.
 */
export function reportRules(jurisdiction: string): { rules: ReportRule[]; source: string } {
  if (!isJurisdictionCode(jurisdiction)) throw badInput(`未知辖区：${jurisdiction}`, `Unknown jurisdiction ${jurisdiction}`, { field: 'jurisdiction' });
  const p = resolveProfile(jurisdiction).reports;
  return { rules: p.value, source: p.source };
}

const CADENCE_MONTHS = { QUARTER: 3, HALF_YEAR: 6, YEAR: 12 } as const;

export interface ReportPeriod {
  kind: ReportKind;
  periodStart: string;
  periodEnd: string;
  /** Null where the jurisdiction's text sets no deadline. */
  dueOn: string | null;
  source: string;
}

const byAgreement = (rule: ReportRule) => rule.dueRule.anchor === 'AGREEMENT';

/**
 * The period that starts on `periodStart` under `rule`, and its due date. Calendar periods start on
 * the first day of a quarter, half-year or year; agreement years on an anniversary of `agreementStart`.
 */
export function periodFor(rule: ReportRule, periodStart: string, source: string, agreementStart: string | null = null): ReportPeriod {
  const months = CADENCE_MONTHS[rule.dueRule.cadence];
  if (byAgreement(rule)) {
    const n = agreementStart ? Number(periodStart.slice(0, 4)) - Number(agreementStart.slice(0, 4)) : -1;
    if (!agreementStart || n < 0 || addMonths(agreementStart, n * months) !== periodStart) {
      throw badInput('报告期间须从授权协议起始日的周年日开始', "The period must start on an anniversary of the agreement's first day", { field: 'input.periodStart', details: { agreementStart } });
    }
  } else {
    const month = Number(periodStart.slice(5, 7));
    if (periodStart.slice(8) !== '01' || (month - 1) % months !== 0) {
      throw badInput(`报告期间须从${rule.dueRule.cadence}的首日开始`, `The period must start on the first day of a ${rule.dueRule.cadence.toLowerCase()}`, { field: 'input.periodStart' });
    }
  }
  const periodEnd = termEnd(periodStart, { months });
  let dueOn: string | null = null;
  if (rule.dueRule.dueMonthDay) {
    // "by 31 March of the following year" style: a fixed day after the period's year.
    dueOn = `${Number(periodEnd.slice(0, 4)) + 1}-${rule.dueRule.dueMonthDay}`;
  } else if (rule.dueRule.dueMonthsAfterPeriod) {
    dueOn = periodAfter(periodEnd, { months: rule.dueRule.dueMonthsAfterPeriod }).last;
  }
  return { kind: rule.kind, periodStart, periodEnd, dueOn, source };
}

/** Checks that `kind` is required in this jurisdiction and that the period is one it can report on. */
export function requiredPeriod(jurisdiction: string, kind: ReportKind, periodStart: string, today: string, agreementStart: string | null): ReportPeriod {
  const { rules, source } = reportRules(jurisdiction);
  const rule = rules.find((r) => r.kind === kind);
  if (!rule) {
    throw policyViolation(source, `本辖区不要求该类报告：${kind}`, `This jurisdiction does not require a ${kind} report`, { field: 'input.kind', details: { required: rules.map((r) => r.kind) } });
  }
  const p = periodFor(rule, periodStart, source, agreementStart);
  if (p.periodEnd >= today) {
    throw badInput('报告期间尚未结束', 'The reporting period has not ended yet', { field: 'input.periodStart', details: { periodEnd: p.periodEnd, today } });
  }
  return p;
}

/** Every period of every required kind that ended before `today` within an agreement's term. */
export function duePeriods(jurisdiction: string, agreementStart: string, agreementEnd: string, today: string): ReportPeriod[] {
  const { rules, source } = reportRules(jurisdiction);
  const out: ReportPeriod[] = [];
  for (const rule of rules) {
    const months = CADENCE_MONTHS[rule.dueRule.cadence];
    let start: string;
    if (byAgreement(rule)) start = agreementStart;
    else {
      const m0 = Number(agreementStart.slice(5, 7));
      start = `${agreementStart.slice(0, 4)}-${String(Math.floor((m0 - 1) / months) * months + 1).padStart(2, '0')}-01`;
    }
    for (;;) {
      const p = periodFor(rule, start, source, agreementStart);
      if (p.periodEnd >= today || p.periodStart > agreementEnd) break;
      out.push(p);
      start = addDays(p.periodEnd, 1);
    }
  }
  return out;
}

export interface Prefill {
  listedProducts: number;
  usageUnits: string;
  newUsageAgreements: number;
  secondaryDevelopers: number;
  revenueFen: string;
  incidents: number;
  products: { productId: string; productCode: string; name: string; usageUnits: string; revenueFen: string }[];
  priceChanges: { productId: string; kind: string; chargingUnit: string; amountFen: string; effectiveFrom: string }[];
}

/** Figures the platform already knows for an operator and period, in one statement. */
export async function prefill(em: EntityManager, operatorId: string, periodStart: string, periodEnd: string): Promise<Prefill> {
  const rows = await sql<{ p: Prefill }>(
    em,
    `with b as (select ($2::date)::timestamp at time zone 'Asia/Shanghai' as t0, ($3::date + 1)::timestamp at time zone 'Asia/Shanghai' as t1),
     prods as (
       select p.id, p.product_code, p.name_zh from product_projection p, b
        where p.operator_id = $1 and p.listed_at is not null and p.listed_at < b.t1 and (p.delisted_at is null or p.delisted_at >= b.t0)
     ),
     per_product as (
       select pr.id, pr.product_code, pr.name_zh,
              (select coalesce(sum(u.units), 0) from usage_projection u, b where u.product_id = pr.id and u.occurred_at >= b.t0 and u.occurred_at < b.t1)::text as units,
              (select coalesce(sum(s.amount_fen), 0) from settlement_share_projection s where s.product_id = pr.id and s.party_id = $1::text and s.period_start >= $2::date and s.period_end <= $3::date)::text as fen
         from prods pr
     )
     select jsonb_build_object(
       'listedProducts', (select count(*) from prods),
       'usageUnits', (select coalesce(sum(u.units), 0)::text from usage_projection u, b where u.operator_id = $1 and u.occurred_at >= b.t0 and u.occurred_at < b.t1),
       'newUsageAgreements', (select count(*) from usage_agreement_projection a where a.operator_id = $1 and a.start_date between $2::date and $3::date),
       'secondaryDevelopers', (select count(distinct developer_id) from usage_agreement_projection a where a.operator_id = $1 and a.start_date <= $3::date and a.end_date >= $2::date),
       'revenueFen', (select coalesce(sum(amount_fen), 0)::text from settlement_share_projection s where s.party_id = $1::text and s.period_start >= $2::date and s.period_end <= $3::date),
       'incidents', (select count(*) from security_incident i, b where i.operator_id = $1 and i.occurred_at >= b.t0 and i.occurred_at < b.t1),
       'products', coalesce((select jsonb_agg(jsonb_build_object('productId', id, 'productCode', product_code, 'name', name_zh, 'usageUnits', units, 'revenueFen', fen) order by product_code) from per_product), '[]'::jsonb),
       'priceChanges', coalesce((select jsonb_agg(jsonb_build_object('productId', product_id, 'kind', kind, 'chargingUnit', charging_unit, 'amountFen', amount_fen::text, 'effectiveFrom', effective_from::text) order by effective_from, id)
                         from price_projection where operator_id = $1 and effective_from between $2::date and $3::date), '[]'::jsonb)
     ) as p`,
    [operatorId, periodStart, periodEnd],
  );
  return rows[0]!.p;
}

/**
 * Opens (as DRAFT, prefilled) every report that is due in a jurisdiction up to `today`, for each
 * operator authorized there. Idempotent: an existing report for the period is left alone.
 */
export async function generateDueReports(em: EntityManager, jurisdiction: string, today: string, now: Date): Promise<number> {
  const agreements = await sql<{ operator_id: string; start_date: string; end_date: string }>(
    em,
    `select operator_id, min(start_date)::text as start_date, max(end_date)::text as end_date from agreement_projection where jurisdiction = $1 group by operator_id`,
    [jurisdiction],
  );
  let created = 0;
  for (const a of agreements) {
    for (const p of duePeriods(jurisdiction, a.start_date, a.end_date, today)) {
      const pre = await prefill(em, a.operator_id, p.periodStart, p.periodEnd);
      const rows = await sql(
        em,
        `insert into operating_report (id, jurisdiction, operator_id, kind, period_start, period_end, due_on, rule_source, status, prefill, created_at)
         values (gen_random_uuid(), $1, $2, $3, $4, $5, $6, $7, 'DRAFT', $8::jsonb, $9) on conflict (operator_id, kind, period_start) do nothing returning id`,
        [jurisdiction, a.operator_id, p.kind, p.periodStart, p.periodEnd, p.dueOn, p.source, JSON.stringify(pre), now],
      );
      created += rows.length;
    }
  }
  return created;
}
