import type { EntityManager } from '@mikro-orm/postgresql';
import { sql, type UnitOfWork } from '@pdo/platform';
import type { EvaluationEvents } from '@pdo/events';
import { DEMO_AGREEMENTS, DEMO_ORGS, DEMO_PRODUCTS, DEMO_RESOURCES, DEMO_SCENARIOS, DEMO_SETTLED_PERIOD, DEMO_USAGE_AGREEMENTS, demoId, demoResourceQuality, orgByKey, type DemoResource } from '@pdo/demo';
import { addDays, formatYuan, resolveProfile, startOfDayShanghai, todayInShanghai } from '@pdo/policy';
import { insertPlan, insertPlanVersion } from './data/security-duties.js';
import { validateWeights, type Weights } from './domain/contribution.js';
import { computeScores } from './data/contribution-scoring.js';
import { insertScores } from './data/contribution.js';
import type { ReportRow } from './data/reports.js';
import { disclose, fact } from './data/disclosures.js';
import { openDueReports } from './services/due-reports.js';
import { discloseAcceptedAnnualReport } from './services/reports.js';

/**
 * Evaluation's part of the demo world. Projections are built from the demo constants (version 0,
 * so the other subgraphs' real events overwrite them), then: contribution weights and assessments
 * for 2026 Q1–Q3, operator evaluations (one finalized with a closed rectification, one open),
 * operating reports in every state (one overdue), one closed incident, two disputes, disclosures.
 */
export const DEMO_EVAL = {
  hnEvaluationId: demoId('evaluation:hn-2025'),
  qhdEvaluationId: demoId('evaluation:qhd-2025'),
  incidentId: demoId('incident:hn-tampering'),
  disputeAppealId: demoId('dispute:jl-data-use'),
  disputeAgencyId: demoId('dispute:qhd-agency-operator'),
};

const JURISDICTIONS = ['HN', 'JL', 'QHD', 'TZ', 'ZJC'];
/** Demo weights, each with the rule it follows (TZ Art 21: quantity/quality/application; ZJC adds revenue, no quantity). */
const WEIGHTS: Record<string, Weights & { source: string }> = {
  HN: { quantity: '25', quality: '25', application: '25', revenue: '25', source: '河南省数据局（示例）：四项等权' },
  JL: { quantity: '30', quality: '30', application: '20', revenue: '20', source: '吉林市（示例）' },
  QHD: { quantity: '20', quality: '30', application: '30', revenue: '20', source: '秦皇岛市（示例）' },
  TZ: { quantity: '40', quality: '30', application: '30', revenue: '0', source: 'TZ Art 21: 数量、质量、应用' },
  ZJC: { quantity: '0', quality: '40', application: '30', revenue: '30', source: 'ZJC: 质量、应用、收益' },
};
const QUARTERS = [
  ['2026-01-01', '2026-03-31'],
  ['2026-04-01', '2026-06-30'],
  [DEMO_SETTLED_PERIOD.start, DEMO_SETTLED_PERIOD.end],
] as const;

/** Mean of a demo resource's four quality scores (the catalog seeds them), as the ResourcePublished handler keeps it. */
export function demoResourceMeanQuality(r: DemoResource, i: number): string {
  const q = demoResourceQuality(r, i);
  return ((Number(q.completeness) + Number(q.consistency) + Number(q.accuracy) + Number(q.timeliness)) / 4).toFixed(3);
}

async function seedProjections(tx: EntityManager): Promise<void> {
  const orgs = DEMO_ORGS;
  // kinds travel as one comma-joined string per org: unnest cannot take a ragged text[][].
  await sql(
    tx,
    `insert into org_projection (id, jurisdiction, name_zh, kinds)
     select id, j, n, string_to_array(k, ',') from unnest($1::uuid[], $2::text[], $3::text[], $4::text[]) as o(id, j, n, k) on conflict do nothing`,
    [orgs.map((o) => o.id), orgs.map((o) => o.jurisdiction), orgs.map((o) => o.nameZh), orgs.map((o) => o.kinds.join(','))],
  );
  const rs = DEMO_RESOURCES;
  // Quality is the catalog's to measure: the projection holds the mean of the four dimension scores
  // the catalog seeds for the same resource, so it equals what catalog's ResourcePublished carries.
  await sql(
    tx,
    `insert into resource_projection (id, jurisdiction, code, name_zh, sector, source_agency_id, record_count, quality, status, version, published_at)
     select id, j, code, n, sector, agency, records, quality, 'ACTIVE', 0, '2025-01-01T00:00:00+08:00'
       from unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::uuid[], $7::bigint[], $8::numeric[]) as r(id, j, code, n, sector, agency, records, quality)
     on conflict do nothing`,
    [rs.map((r) => r.id), rs.map((r) => r.jurisdiction), rs.map((r) => r.code), rs.map((r) => r.nameZh), rs.map((r) => r.sector), rs.map((r) => r.agencyId),
      rs.map((r) => r.recordCount), rs.map((r, i) => demoResourceMeanQuality(r, i))],
  );
  for (const a of DEMO_AGREEMENTS) {
    const resourceIds = a.resourceKeys.map((k) => DEMO_RESOURCES.find((r) => r.key === k)!.id);
    const sectors = [...new Set(a.resourceKeys.map((k) => DEMO_RESOURCES.find((r) => r.key === k)!.sector))];
    await sql(
      tx,
      `insert into agreement_projection (id, agreement_number, jurisdiction, operator_id, mode, status, start_date, end_date, resource_ids, sectors, status_at)
       values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11) on conflict do nothing`,
      [a.id, a.number, a.jurisdiction, a.operatorId, a.mode, a.status, a.startDate, a.endDate, resourceIds, sectors, startOfDayShanghai(a.startDate)],
    );
    await disclose(tx, {
      dedupeKey: `AUTHORIZATION:${a.id}`,
      jurisdiction: a.jurisdiction,
      kind: 'AUTHORIZATION',
      title: `授权运营：${DEMO_ORGS.find((o) => o.id === a.operatorId)!.nameZh}（${a.number}）`,
      subjectId: a.id,
      rule: 'NS Art 18',
      facts: [
        fact('operator', DEMO_ORGS.find((o) => o.id === a.operatorId)!.nameZh),
        fact('operatorId', a.operatorId),
        fact('agreementNumber', a.number),
        fact('mode', a.mode),
        fact('startDate', a.startDate),
        fact('endDate', a.endDate),
        fact('sectors', sectors.join(',')),
        fact('resources', a.resourceKeys.map((k) => DEMO_RESOURCES.find((r) => r.key === k)!.nameZh).join('、')),
      ],
      publishedAt: startOfDayShanghai(a.startDate),
    });
  }
  for (const s of DEMO_SCENARIOS) {
    await sql(tx, `insert into scenario_projection (id, agreement_id, operator_id, jurisdiction, name_zh, category, resource_ids, approved_at) values ($1,$2,$3,$4,$5,$6,$7,$8) on conflict do nothing`, [
      s.id, s.agreementId, s.operatorId, s.jurisdiction, s.nameZh, s.category, s.resourceIds, startOfDayShanghai('2025-09-01'),
    ]);
  }
  const listedAt = startOfDayShanghai('2026-01-01');
  for (const p of DEMO_PRODUCTS) {
    const suspended = DEMO_AGREEMENTS.find((a) => a.id === p.agreementId)!.status === 'SUSPENDED';
    await sql(
      tx,
      `insert into product_projection (id, product_code, version, jurisdiction, operator_id, agreement_id, scenario_id, name_zh, form, category, status, listed_at, status_at)
       values ($1,$2,1,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12) on conflict do nothing`,
      [p.id, p.code, p.jurisdiction, p.operatorId, p.agreementId, p.scenarioId, p.nameZh, p.form, p.category, suspended ? 'SUSPENDED' : 'LISTED', suspended ? null : listedAt, listedAt],
    );
    await sql(tx, `insert into product_resource_projection (product_id, resource_id, source_agency_id) select $1, r.id, r.agency from unnest($2::uuid[], $3::uuid[]) as r(id, agency) on conflict do nothing`, [
      p.id, p.resourceIds, p.resourceIds.map((id) => DEMO_RESOURCES.find((r) => r.id === id)!.agencyId),
    ]);
    if (suspended) continue;
    await disclose(tx, {
      dedupeKey: `PRODUCT_LISTED:${p.id}:1`,
      jurisdiction: p.jurisdiction,
      kind: 'PRODUCT_LISTED',
      title: `产品挂牌：${p.nameZh}（${p.code}）`,
      subjectId: p.id,
      rule: 'NS Art 19; HN Art 17',
      facts: [fact('productCode', p.code), fact('name', p.nameZh), fact('operator', DEMO_ORGS.find((o) => o.id === p.operatorId)!.nameZh), fact('form', p.form), fact('category', p.category), fact('version', 1), fact('listedAt', listedAt.toISOString())],
      publishedAt: listedAt,
    });
    for (const [kind, fen] of [['CAP', p.capFen], ['PRICE', p.priceFen]] as const) {
      await sql(tx, `insert into price_projection (id, kind, product_id, operator_id, jurisdiction, charging_unit, amount_fen, effective_from) values ($1,$2,$3,$4,$5,$6,$7,'2026-01-01') on conflict do nothing`, [
        demoId(`price:${kind}:${p.key}`), kind, p.id, p.operatorId, p.jurisdiction, p.chargingUnit, fen,
      ]);
      await disclose(tx, {
        dedupeKey: `PRICE:${kind}:${p.id}:${p.chargingUnit}:${fen}:2026-01-01`,
        jurisdiction: p.jurisdiction,
        kind: 'PRICE',
        title: `${kind === 'CAP' ? '上限收费标准' : '产品价格'}：${p.nameZh}`,
        subjectId: p.id,
        rule: kind === 'CAP' ? 'PN §5; DISC' : 'PN §5; QHD',
        facts: [fact('productCode', p.code), fact('product', p.nameZh), fact('priceKind', kind), fact('chargingUnit', p.chargingUnit), fact('yuan', formatYuan(BigInt(fen))), fact('effectiveFrom', '2026-01-01')],
        publishedAt: listedAt,
      });
    }
  }
  for (const u of DEMO_USAGE_AGREEMENTS) {
    const p = DEMO_PRODUCTS.find((x) => x.id === u.productId)!;
    await sql(tx, `insert into usage_agreement_projection (id, product_id, developer_id, operator_id, jurisdiction, start_date, end_date, category) values ($1,$2,$3,$4,$5,$6,$7,$8) on conflict do nothing`, [
      u.id, u.productId, u.developerId, p.operatorId, p.jurisdiction, u.startDate, u.endDate, p.category,
    ]);
    // Monthly usage Jan–Oct 2026, booked mid-month.
    const months = Array.from({ length: 10 }, (_, i) => i + 1);
    await sql(
      tx,
      `insert into usage_projection (usage_id, product_id, operator_id, developer_id, jurisdiction, units, occurred_at)
       select m.id, $1, $2, $3, $4, $5, m.at from unnest($6::uuid[], $7::timestamptz[]) as m(id, at) on conflict do nothing`,
      [u.productId, p.operatorId, u.developerId, p.jurisdiction, u.monthlyUnits, months.map((m) => demoId(`usage:${u.key}:${m}`)), months.map((m) => startOfDayShanghai(`2026-${String(m).padStart(2, '0')}-15`))],
    );
  }
}

async function seedContribution(uow: UnitOfWork, now: Date): Promise<void> {
  const { tx, audit, publish } = uow;
  for (const j of JURISDICTIONS) {
    const w = { ...validateWeights(WEIGHTS[j]!), source: WEIGHTS[j]!.source };
    await sql(tx, `insert into contribution_weights (jurisdiction, quantity, quality, application, revenue, source, set_by, set_at) values ($1,$2,$3,$4,$5,$6,'system:seed',$7)`, [
      j, w.quantity, w.quality, w.application, w.revenue, w.source, now,
    ]);
    audit({ entityType: 'ContributionWeights', entityId: j, action: 'CREATED', changes: w });
    for (const [start, end] of QUARTERS) {
      const scores = await computeScores(tx, j, start, end, w);
      if (!scores.length) continue;
      const id = demoId(`contribution:${j}:${start}`);
      await sql(tx, `insert into contribution_assessment (id, jurisdiction, period_start, period_end, weights, assessed_by, assessed_at) values ($1,$2,$3,$4,$5::jsonb,'system:seed',$6)`, [
        id, j, start, end, JSON.stringify(w), now,
      ]);
      await insertScores(tx, id, scores);
      audit({ entityType: 'ContributionAssessment', entityId: id, action: 'ASSESSED', changes: { period: [start, end] } });
      const payload: EvaluationEvents.ContributionAssessed = { assessmentId: id, jurisdiction: j, periodStart: start, periodEnd: end, scores: scores.map((s) => ({ agencyId: s.agency_id, score: s.total })) };
      await publish('ContributionAssessed', payload, j);
    }
  }
}

async function seedEvaluations(uow: UnitOfWork): Promise<void> {
  const { tx, audit } = uow;
  const hn = DEMO_AGREEMENTS.find((a) => a.key === 'hn')!;
  const qhd = DEMO_AGREEMENTS.find((a) => a.key === 'qhd')!;
  const openedAt = startOfDayShanghai('2026-02-10');
  const ev = (id: string, a: typeof hn, status: string, total: string | null, conclusion: string | null) =>
    sql(tx, `insert into operator_evaluation (id, jurisdiction, operator_id, agreement_id, year, status, total, conclusion, opened_by, opened_at, finalized_at) values ($1,$2,$3,$4,2025,$5,$6,$7,'system:seed',$8,$9)`, [
      id, a.jurisdiction, a.operatorId, a.id, status, total, conclusion, openedAt, status === 'FINALIZED' ? startOfDayShanghai('2026-03-20') : null,
    ]);
  await ev(DEMO_EVAL.hnEvaluationId, hn, 'FINALIZED', '86.60', 'RENEWAL_RECOMMENDED');
  await ev(DEMO_EVAL.qhdEvaluationId, qhd, 'OPEN', null, null);
  const scores: [string, string, string, string][] = [
    [DEMO_EVAL.hnEvaluationId, 'AGREEMENT_PERFORMANCE', 'expert-1', '90'],
    [DEMO_EVAL.hnEvaluationId, 'PRODUCTS_OUTCOMES', 'expert-1', '88'],
    [DEMO_EVAL.hnEvaluationId, 'SECURITY', 'expert-1', '82'],
    [DEMO_EVAL.hnEvaluationId, 'REPORTING_COMPLIANCE', 'expert-1', '85'],
    [DEMO_EVAL.hnEvaluationId, 'DISCLOSURE', 'expert-1', '88'],
    [DEMO_EVAL.qhdEvaluationId, 'AGREEMENT_PERFORMANCE', 'expert-1', '86'],
    [DEMO_EVAL.qhdEvaluationId, 'SECURITY', 'expert-1', '79.5'],
  ];
  for (const [id, c, sub, s] of scores) {
    await sql(tx, `insert into operator_evaluation_score (evaluation_id, criterion, scorer_sub, scorer_role, score, comment, scored_at) values ($1,$2,$3,'EXPERT',$4,null,$5)`, [id, c, sub, s, startOfDayShanghai('2026-03-01')]);
  }
  await sql(
    tx,
    `insert into evaluation_finding (id, evaluation_id, criterion, severity, description, rectification, rectification_deadline, created_by, created_at, closed_at, closure_note)
     values ($1,$2,'SECURITY','MAJOR','运营域日志留存不足6个月','CLOSED','2026-05-31','system:seed',$3,$4,'已完成日志系统扩容并通过复查')`,
    [demoId('finding:hn-2025-logs'), DEMO_EVAL.hnEvaluationId, startOfDayShanghai('2026-03-05'), startOfDayShanghai('2026-05-20')],
  );
  const op = orgByKey('hn-operator').nameZh;
  await disclose(tx, {
    dedupeKey: `EVALUATION_RESULT:${DEMO_EVAL.hnEvaluationId}`, jurisdiction: 'HN', kind: 'EVALUATION_RESULT', title: `2025年度运营评估结果：${op}`, subjectId: DEMO_EVAL.hnEvaluationId,
    rule: 'TZ Art 28; HN Art 22', facts: [fact('operator', op), fact('year', 2025), fact('total', '86.60'), fact('conclusion', 'RENEWAL_RECOMMENDED')], publishedAt: startOfDayShanghai('2026-03-20'),
  });
  await disclose(tx, {
    dedupeKey: `RECTIFICATION_CLOSED:${demoId('finding:hn-2025-logs')}`, jurisdiction: 'HN', kind: 'RECTIFICATION_CLOSED', title: `整改完成：${op}（2025年度评估）`, subjectId: demoId('finding:hn-2025-logs'),
    rule: 'HN Art 22; TZ Art 28', facts: [fact('operator', op), fact('year', 2025), fact('criterion', 'SECURITY'), fact('severity', 'MAJOR'), fact('closedOn', '2026-05-20')], publishedAt: startOfDayShanghai('2026-05-20'),
  });
  audit({ entityType: 'OperatorEvaluation', entityId: DEMO_EVAL.hnEvaluationId, action: 'FINALIZED', changes: { total: '86.60' } });
  audit({ entityType: 'OperatorEvaluation', entityId: DEMO_EVAL.qhdEvaluationId, action: 'OPENED', changes: {} });
}

/** Every due report opened; most accepted, the latest HN quarter submitted, a ZJC one returned, QHD's business report overdue. */
async function seedReports(uow: UnitOfWork, today: string, now: Date): Promise<void> {
  const { tx, audit } = uow;
  for (const j of JURISDICTIONS) await openDueReports(tx, j, today, now);
  await sql(
    tx,
    `update operating_report set status = 'ACCEPTED', narrative = '按期报送（示例）', submitted_at = (due_on - 3)::timestamp at time zone 'Asia/Shanghai',
            reviewed_at = (due_on + 5)::timestamp at time zone 'Asia/Shanghai', review_note = '材料齐全，予以通过', reviewed_by = 'system:seed',
            revenue_fen = case when kind in ('BUSINESS_REPORT', 'ANNUAL') then 1250000000 end, cost_fen = case when kind in ('BUSINESS_REPORT', 'ANNUAL') then 1100000000 end,
            profit_fen = case when kind in ('BUSINESS_REPORT', 'ANNUAL') then 150000000 end
      where due_on < $1::date`,
    [today],
  );
  // The latest HN quarter: submitted, awaiting review.
  await sql(tx, `update operating_report set status = 'SUBMITTED', narrative = '2026年第三季度运营情况', reviewed_at = null, review_note = null, reviewed_by = null, submitted_at = $2
                  where id = (select id from operating_report where jurisdiction = 'HN' and kind = 'QUARTERLY_OPERATING' order by period_start desc limit 1) and $1::date is not null`, [today, now]);
  // ZJC's latest half-yearly security report: returned for more detail.
  await sql(tx, `update operating_report set status = 'RETURNED', review_note = '请补充应急演练记录', reviewed_at = $1, reviewed_by = 'system:seed'
                  where id = (select id from operating_report where jurisdiction = 'ZJC' and kind = 'SECURITY_HALF_YEARLY' order by period_start desc limit 1)`, [now]);
  // QHD's 2025 business report (due 31 March) was never submitted: overdue.
  await sql(tx, `update operating_report set status = 'DRAFT', narrative = null, submitted_at = null, reviewed_at = null, review_note = null, reviewed_by = null, revenue_fen = null, cost_fen = null, profit_fen = null
                  where jurisdiction = 'QHD' and kind = 'BUSINESS_REPORT' and period_start = '2025-01-01'`);
  // Accepted annual reports are the operators' annual disclosures, published when accepted.
  const accepted = await sql<Pick<ReportRow, 'id' | 'jurisdiction' | 'operator_id' | 'kind' | 'period_start' | 'prefill'> & { reviewed_at: Date }>(
    tx,
    `select id, jurisdiction, operator_id, kind, period_start::text, prefill, reviewed_at from operating_report where status = 'ACCEPTED' order by reviewed_at, id`,
  );
  for (const r of accepted) await discloseAcceptedAnnualReport(tx, r, new Date(r.reviewed_at));
  audit({ entityType: 'OperatingReport', entityId: 'demo', action: 'SEEDED', changes: { today } });
}

async function seedIncidentAndDisputes(uow: UnitOfWork, today: string): Promise<void> {
  const { tx, audit, publish } = uow;
  const hn = DEMO_AGREEMENTS.find((a) => a.key === 'hn')!;
  const res = DEMO_RESOURCES.find((r) => r.key === 'hn-freight-waybills')!;
  const prod = DEMO_PRODUCTS.find((p) => p.key === 'hn-carrier-credit-api')!;
  const occurred = new Date(startOfDayShanghai(addDays(today, -40)).getTime() + 9 * 3600_000);
  const reported = new Date(occurred.getTime() + 45 * 60_000);
  const closed = startOfDayShanghai(addDays(today, -30));
  const id = DEMO_EVAL.incidentId;
  // Tampering: no stop of processing, but the cyberspace authority is notified (HN's cyberspaceNotice, HN Art 18).
  const notice = resolveProfile('HN').cyberspaceNotice.source;
  await sql(
    tx,
    `insert into security_incident (id, jurisdiction, reporter_org, reporter_sub, operator_id, agreement_id, type, severity, occurred_at, reported_at, description, resource_ids, product_ids,
                                    stop_processing, notify_cyberspace, notification_rule, status, closed_at, closure_summary)
     values ($1,'HN',$2,'system:seed',$2,$3,'TAMPERING','MEDIUM',$4,$5,'货运运单接口缓存被异常写入，部分评分结果失真',$6,$7,false,true,$9,'CLOSED',$8,'已清除异常缓存、重算评分并加固写入权限')`,
    [id, hn.operatorId, hn.id, occurred, reported, [res.id], [prod.id], closed, notice],
  );
  const actions: [string, string, Date][] = [
    ['REPORTED', '货运运单接口缓存被异常写入，部分评分结果失真', reported],
    ['NOTIFICATION_REQUIRED', `须报告网信部门（${notice}）| Cyberspace authority must be notified`, reported],
    ['EMERGENCY_PLAN_ACTIVATED', '启动数据安全应急预案', new Date(reported.getTime() + 30 * 60_000)],
    ['CYBERSPACE_AUTHORITY_NOTIFIED', '已书面报告省网信办', new Date(reported.getTime() + 3 * 3600_000)],
    ['CLOSED', '已清除异常缓存、重算评分并加固写入权限', closed],
  ];
  for (const [i, [kind, note, at]] of actions.entries()) {
    await sql(tx, `insert into security_incident_action (id, incident_id, kind, note, actor_sub, at) values ($1,$2,$3,$4,'system:seed',$5)`, [demoId(`incident-action:${i}`), id, kind, note, at]);
  }
  const reportedEvt: EvaluationEvents.SecurityIncidentReported = { incidentId: id, jurisdiction: 'HN', operatorId: hn.operatorId, agreementId: hn.id, type: 'TAMPERING', severity: 'MEDIUM', stopProcessing: false, stopRule: null, resourceIds: [res.id], productIds: [prod.id], occurredAt: occurred.toISOString() };
  await publish('SecurityIncidentReported', reportedEvt, 'HN');
  const closedEvt: EvaluationEvents.SecurityIncidentClosed = { incidentId: id, jurisdiction: 'HN', agreementId: hn.id, resourceIds: [res.id], productIds: [prod.id], closedAt: closed.toISOString() };
  await publish('SecurityIncidentClosed', closedEvt, 'HN');
  // Its summary goes public only where the profile says so (incidentSummaryDisclosure; HN's texts do not).
  const disclosure = resolveProfile('HN').incidentSummaryDisclosure;
  const op = orgByKey('hn-operator').nameZh;
  if (disclosure.value) await disclose(tx, {
    dedupeKey: `INCIDENT_SUMMARY:${id}`, jurisdiction: 'HN', kind: 'INCIDENT_SUMMARY', title: `安全事件处置情况：${op}`, subjectId: id, rule: disclosure.source,
    facts: [fact('operator', op), fact('type', 'TAMPERING'), fact('severity', 'MEDIUM'), fact('occurredOn', addDays(today, -40)), fact('closedOn', addDays(today, -30)), fact('affectedResources', 1), fact('affectedProducts', 1), fact('summary', '已清除异常缓存、重算评分并加固写入权限')],
    publishedAt: closed,
  });
  audit({ entityType: 'SecurityIncident', entityId: id, action: 'REPORTED', changes: { type: 'TAMPERING' } });

  const fintech = orgByKey('dev-fintech');
  await sql(
    tx,
    `insert into dispute (id, jurisdiction, kind, complainant_org, complainant_name, respondent_org, subject, subject_ref, evidence, status, filed_by, filed_at, handler_sub, handling_started_at, due_on)
     values ($1,'JL','DATA_USE_APPEAL',$2,'王敏（长白山金融科技）',$3,'房产按揭核验调用被限流，申请复核数据使用审核结论',$4,$5::jsonb,'IN_HANDLING','system:seed',$6,'system:seed',$7,$8)`,
    [DEMO_EVAL.disputeAppealId, fintech.id, orgByKey('jl-operator').id, DEMO_PRODUCTS.find((p) => p.key === 'jl-mortgage-verify')!.id,
      JSON.stringify([{ title: '调用日志截图', uri: null }, { title: '应用协议', uri: null }]), startOfDayShanghai(addDays(today, -12)), startOfDayShanghai(addDays(today, -10)), addDays(today, 10)],
  );
  await sql(
    tx,
    `insert into dispute (id, jurisdiction, kind, complainant_org, complainant_name, respondent_org, subject, evidence, status, filed_by, filed_at)
     values ($1,'QHD','AGENCY_OPERATOR',$2,'李强（秦皇岛市水务局）',$3,'用水数据更新频率约定争议','[{"title":"数据共享协议","uri":null}]'::jsonb,'FILED','system:seed',$4)`,
    [DEMO_EVAL.disputeAgencyId, orgByKey('qhd-src-water').id, orgByKey('qhd-operator').id, startOfDayShanghai(addDays(today, -3))],
  );
  audit({ entityType: 'Dispute', entityId: DEMO_EVAL.disputeAppealId, action: 'FILED', changes: {} });
  audit({ entityType: 'Dispute', entityId: DEMO_EVAL.disputeAgencyId, action: 'FILED', changes: {} });
}

/**
 * The emergency plan of each demo authorization whose profile requires one per authorization (ZJC 一授权一预案), adopted
 * when the agreement was signed; licensing's seed projects the same plan for its operation gate.
 */
async function seedEmergencyPlans(uow: UnitOfWork, now: Date): Promise<void> {
  for (const d of DEMO_AGREEMENTS) {
    if (!resolveProfile(d.jurisdiction).emergencyPlanPerAuthorization.value) continue;
    const id = demoId(`emergency-plan:${d.key}`);
    const adoptedOn = addDays(d.startDate, -14);
    await insertPlan(uow.tx, { id, jurisdiction: d.jurisdiction, holderOrgId: d.operatorId, holderKind: 'OPERATOR', agreementId: d.id, title: `${d.number} 数据安全应急预案`, nextDrillDueOn: null, by: 'system:seed', at: now });
    await insertPlanVersion(uow.tx, { planId: id, version: 1, summary: '组织体系、监测预警、应急响应、处置与报告', adoptedOn, drillEveryMonths: null, by: 'system:seed', at: now });
    uow.audit({ entityType: 'EmergencyPlan', entityId: id, action: 'RECORDED', changes: { seed: true, agreementId: d.id, adoptedOn } });
  }
}

export async function seed(uow: UnitOfWork): Promise<void> {
  const now = new Date();
  const today = todayInShanghai(now);
  await seedProjections(uow.tx);
  await seedEmergencyPlans(uow, now);
  await seedContribution(uow, now);
  await seedEvaluations(uow);
  await seedReports(uow, today, now);
  await seedIncidentAndDisputes(uow, today);
}
