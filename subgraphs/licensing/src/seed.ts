import { createHash } from 'node:crypto';
import { sql, type SubgraphRuntime, type UnitOfWork } from '@pdo/platform';
import { DEMO_AGREEMENTS, DEMO_ORGS, DEMO_RESOURCES, DEMO_SCENARIOS, demoId, orgByKey, resourceByKey } from '@pdo/demo';
import type { LicensingEvents } from '@pdo/events';
import { addDays, addMonths, calendarOfProfile, checkAgreementTerm, resolveProfile, termMonths, toShanghaiDate } from '@pdo/policy';
import { completeCreditCode } from './domain/credit-code.js';
import { AGREEMENT_CONTENT_ITEMS } from './domain/agreements.js';
import { agreementFacts } from './domain/agreement-rules.js';
import { eligibilityOf } from './domain/calls.js';
import { diffFacts } from './domain/organizations.js';
import { getAgreement, getOrg } from './data/rows.js';

/** Administrative division codes used in the demo credit codes. */
const DIVISION: Record<string, string> = { NATIONAL: '110000', HN: '410100', JL: '220200', QHD: '130300', TZ: '321200', ZJC: '330624' };
const ALPHA = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const COMPANY = new Set(['OPERATOR', 'DEVELOPER', 'SERVICE_PROVIDER']);

/** A deterministic, valid 统一社会信用代码 per demo party (91… companies, 11… public bodies). */
export function demoCreditCode(key: string, jurisdiction: string, company: boolean): string {
  const h = createHash('sha256').update(key).digest();
  const orgCode = Array.from({ length: 9 }, (_, i) => ALPHA[h[i]! % 31]).join('');
  return completeCreditCode(`${company ? '91' : '11'}${DIVISION[jurisdiction] ?? '110000'}${orgCode}`);
}

export const DEMO_CONTENTS: Record<string, string> = Object.fromEntries(
  AGREEMENT_CONTENT_ITEMS.map((k) => [k, `按《公共数据资源授权运营实施规范》第十四条约定（${k}）`]),
);

/** The TZ agreement is in rectification (整改) in the demo world. */
export const DEMO_TZ_RECTIFICATION_ID = demoId('rectification:tz');
export const DEMO_JL_CALL_ID = demoId('call:jl-2026');
export const DEMO_JL_APPLICATION_ID = demoId('application:jl-2026:dev-fintech');

/**
 * The licensing part of the demo world (packages/demo): every party with its facts, a local copy of
 * the catalogue (until catalog's events refresh it), one agreement per jurisdiction under its terms,
 * the named scenarios with their grants, Taizhou's rectification, and a Jilin application in expert
 * review. The events other subgraphs project are published as the real mutations would.
 */
export async function seed(uow: UnitOfWork, _rt: SubgraphRuntime<unknown>): Promise<void> {
  const { tx, publish, audit } = uow;
  const at = new Date();
  for (const o of DEMO_ORGS) {
    const company = o.kinds.some((k) => COMPANY.has(k));
    const creditCode = o.creditCode ?? demoCreditCode(o.key, o.jurisdiction, company);
    const isOperator = o.kinds.includes('OPERATOR');
    await sql(
      tx,
      `insert into organization (id, jurisdiction, name, name_en, kinds, credit_code, founded_on, tax_grades, penalties, dishonest_list_entries, security_incidents,
         mlps3_experience, commercial_crypto_experience, security_department, security_head, created_at, updated_at)
       values ($1,$2,$3,$4,$5,$6,$7,$8,$9,'[]','[]',$10,$10,$11,$12,$13,$13)`,
      [
        o.id, o.jurisdiction, o.nameZh, o.nameEn, o.kinds, creditCode, o.foundedOn ?? null,
        JSON.stringify(company ? [2023, 2024, 2025].map((year) => ({ year, grade: o.key === 'svc-cloud' && year === 2025 ? 'M' : 'A' })) : []),
        // A service provider with a serious penalty: shows an ineligible applicant in the demo.
        JSON.stringify(o.key === 'svc-cloud' ? [{ date: '2024-09-12', severity: 'SERIOUS', description: '违反网络安全法被处罚款' }] : []),
        company, company ? '数据安全部' : null, company ? (isOperator ? '安全总监' : '安全负责人') : null, at,
      ],
    );
    // The registration enters the party's fact history like one made through registerOrganization.
    const registered = diffFacts({}, (await getOrg(tx, o.id))!);
    await sql(
      tx,
      `insert into organization_fact_change (id, organization_id, jurisdiction, kind, fields, old_values, new_values, document_ref, document_date, evidence_note,
         recorded_by, recorded_by_role, recorded_by_org, recorded_at)
       values ($1,$2,$3,'REGISTERED',$4,'{}',$5,$6,$7,$8,'seed','AUTHORITY',null,$9)`,
      [demoId(`fact-change:${o.key}:registered`), o.id, o.jurisdiction, registered.fields, JSON.stringify(registered.newValues), `演示数据：${o.nameZh}登记材料`, toShanghaiDate(at), '演示数据 demo data', at],
    );
    audit({ entityType: 'Organization', entityId: o.id, action: 'REGISTERED', changes: { seed: true } });
    const ev: LicensingEvents.OrganizationRegistered = { organizationId: o.id, jurisdiction: o.jurisdiction, nameZh: o.nameZh, nameEn: o.nameEn, kinds: o.kinds, creditCode };
    await publish('OrganizationRegistered', ev, o.jurisdiction);
  }

  // Version 0: any snapshot from the catalog (version ≥ 1) replaces this approximation.
  for (const r of DEMO_RESOURCES) {
    const authorizable = r.openness !== 'PROHIBITED' && r.grade !== null;
    await sql(
      tx,
      `insert into resource_projection (resource_id, jurisdiction, code, name_zh, sector, source_agency_id, openness, authorizable, authorizable_reasons, status, version)
       values ($1,$2,$3,$4,$5,$6,$7,$8,$9,'ACTIVE',0) on conflict (resource_id) do nothing`,
      [r.id, r.jurisdiction, r.code, r.nameZh, r.sector, r.agencyId, r.openness, authorizable, authorizable ? [] : [r.openness === 'PROHIBITED' ? 'PROHIBITED' : 'NOT_GRADED']],
    );
  }

  for (const d of DEMO_AGREEMENTS) {
    const profile = resolveProfile(d.jurisdiction);
    const trialMonths = d.trialEndDate ? termMonths(d.startDate, d.trialEndDate) : 0;
    const check = checkAgreementTerm(profile, d.startDate, d.endDate, trialMonths);
    if (!check.ok) throw new Error(`demo agreement ${d.key} violates ${check.rule}: ${check.messageEn}`);
    const resourceIds = d.resourceKeys.map((k) => resourceByKey(k).id);
    const sectors = [...new Set(d.resourceKeys.map((k) => resourceByKey(k).sector))];
    const signedOn = addDays(d.startDate, -14);
    await sql(
      tx,
      `insert into agreement (id, number, jurisdiction, operator_id, mode, status, start_date, end_date, trial_end_date, resource_ids, sectors, contents,
         profile_version, signed_on, filed_on, activated_at, status_changed_at, created_at)
       values ($1,$2,$3,$4,$5,'ACTIVE',$6,$7,$8,$9::uuid[],$10,$11,1,$12,$12,$13,$13,$14)`,
      [d.id, d.number, d.jurisdiction, d.operatorId, d.mode, d.startDate, d.endDate, d.trialEndDate ?? null, resourceIds, sectors, JSON.stringify(DEMO_CONTENTS), signedOn, new Date(`${d.startDate}T00:00:00+08:00`), at],
    );
    const readiness: [string, string, string | null, string | null][] = [
      ['TRAINING', '运营团队岗前培训（全员）', signedOn, signedOn],
      ['SECURITY_REVIEW', '基础与技术安全审查（第三方）', null, profile.securityReviewValidityMonths.value === null ? null : addDays(addMonths(signedOn, profile.securityReviewValidityMonths.value), -1)],
      ['EMERGENCY_PLAN', `${d.number} 数据安全应急预案`, null, null],
    ];
    for (const [kind, subject, filedOn, validUntil] of readiness) {
      await sql(tx, `insert into readiness_record (id, agreement_id, kind, subject, passed, done_on, filed_on, valid_until) values ($1,$2,$3,$4,true,$5,$6,$7)`, [
        demoId(`readiness:${d.key}:${kind}`), d.id, kind, subject, signedOn, filedOn, validUntil,
      ]);
    }
    audit({ entityType: 'AuthorizationAgreement', entityId: d.id, action: 'SIGNED', changes: { seed: true, number: d.number } });
    const a = (await getAgreement(tx, d.id))!;
    await publish('AgreementSigned', agreementFacts(a, 'SIGNED'), d.jurisdiction);
    await publish('AgreementActivated', agreementFacts(a, 'ACTIVE'), d.jurisdiction);
  }

  for (const s of DEMO_SCENARIOS) {
    const ag = DEMO_AGREEMENTS.find((x) => x.id === s.agreementId)!;
    const profile = resolveProfile(ag.jurisdiction);
    const submittedOn = ag.startDate;
    const days = profile.scenarioReviewWorkingDays.value;
    const dueOn = days === null ? null : calendarOfProfile(profile).addWorkingDays(submittedOn, days);
    const approvedAt = new Date(`${addDays(ag.startDate, 10)}T10:00:00+08:00`);
    await sql(
      tx,
      `insert into scenario (id, agreement_id, operator_id, jurisdiction, name_zh, description, category, expected_value, plan, status, submitted_on, review_due_on, agency_decision, decided_at)
       values ($1,$2,$3,$4,$5,$6,$7,$8,$9,'APPROVED',$10,$11,'APPROVED',$12)`,
      [s.id, s.agreementId, s.operatorId, s.jurisdiction, s.nameZh, s.descriptionZh, s.category, '提升公共数据服务效能', '分阶段上线', submittedOn, dueOn, approvedAt],
    );
    for (const key of s.resourceKeys) {
      const r = resourceByKey(key);
      await sql(tx, `insert into scenario_resource (scenario_id, resource_id, source_agency_id, justification, fields, decision, decided_by) values ($1,$2,$3,$4,$5,'APPROVED','system:seed')`, [
        s.id, r.id, r.agencyId, `${s.nameZh}所需最小字段集`, r.fields.map((f) => f.name),
      ]);
    }
    const approved: LicensingEvents.ScenarioApproved = { scenarioId: s.id, agreementId: s.agreementId, operatorId: s.operatorId, jurisdiction: s.jurisdiction, nameZh: s.nameZh, category: s.category, resourceIds: s.resourceIds, approvedAt: approvedAt.toISOString() };
    await publish('ScenarioApproved', approved, s.jurisdiction);
    for (const resourceId of s.resourceIds) {
      const grantId = demoId(`grant:${s.key}:${resourceId}`);
      await sql(tx, `insert into access_grant (id, agreement_id, scenario_id, operator_id, resource_id, jurisdiction, expires_on, status, updated_at) values ($1,$2,$3,$4,$5,$6,$7,'ACTIVE',$8)`, [
        grantId, s.agreementId, s.id, s.operatorId, resourceId, s.jurisdiction, ag.endDate, approvedAt,
      ]);
      const g: LicensingEvents.AccessGranted = { grantId, agreementId: s.agreementId, scenarioId: s.id, operatorId: s.operatorId, resourceId, jurisdiction: s.jurisdiction, expiresOn: ag.endDate, status: 'ACTIVE', effectiveAt: approvedAt.toISOString() };
      await publish('AccessGranted', g, s.jurisdiction);
    }
    audit({ entityType: 'Scenario', entityId: s.id, action: 'APPROVED', changes: { seed: true } });
  }

  // Taizhou in rectification: suspended, every grant paused (TZ Art 29(1)).
  const tz = DEMO_AGREEMENTS.find((d) => d.status === 'SUSPENDED')!;
  const suspendedAt = new Date('2026-03-02T09:00:00+08:00');
  await sql(tx, `insert into rectification (id, agreement_id, cause, origin, description, deadline, status, opened_at) values ($1,$2,'SECURITY_DUTIES_NOT_PERFORMED','AUTHORITY',$3,'2026-08-31','OPEN',$4)`, [
    DEMO_TZ_RECTIFICATION_ID, tz.id, '第三方安全评估发现访问日志留存不全（泰州第27、29条）', suspendedAt,
  ]);
  await sql(tx, `update agreement set status = 'SUSPENDED', status_reason = 'SECURITY_DUTIES_NOT_PERFORMED', status_changed_at = $2 where id = $1`, [tz.id, suspendedAt]);
  const paused = await sql<{ id: string; scenario_id: string; resource_id: string; expires_on: string }>(
    tx,
    `update access_grant set status = 'PAUSED', reason = $2, updated_at = $3 where agreement_id = $1 returning id, scenario_id, resource_id`,
    [tz.id, `rectification:${DEMO_TZ_RECTIFICATION_ID}`, suspendedAt],
  );
  const tzRow = (await getAgreement(tx, tz.id))!;
  const suspended: LicensingEvents.AgreementSuspended = { agreementId: tz.id, jurisdiction: tz.jurisdiction, operatorId: tz.operatorId, status: 'SUSPENDED', endDate: tz.endDate, reason: tzRow.statusReason, effectiveAt: suspendedAt.toISOString() };
  await publish('AgreementSuspended', suspended, tz.jurisdiction);
  for (const g of paused) {
    const ev: LicensingEvents.AccessRevoked = { grantId: g.id, agreementId: tz.id, scenarioId: g.scenario_id, operatorId: tz.operatorId, resourceId: g.resource_id, jurisdiction: tz.jurisdiction, status: 'PAUSED', reason: 'rectification', effectiveAt: suspendedAt.toISOString() };
    await publish('AccessRevoked', ev, tz.jurisdiction);
  }
  audit({ entityType: 'AuthorizationAgreement', entityId: tz.id, action: 'SUSPENDED', changes: { seed: true, rectificationId: DEMO_TZ_RECTIFICATION_ID } });

  // Jilin: a call for a further scenario operator, one application in expert review with scores.
  const jlAuthority = orgByKey('jl-authority');
  const callResources = [resourceByKey('jl-domestic-services').id];
  await sql(
    tx,
    `insert into operation_call (id, jurisdiction, title, mode, selection_method, resource_ids, sectors, eligibility_notes, scoring_rules, opens_on, closes_on, publicity_working_days, status, profile_version, published_by)
     values ($1,'JL',$2,'BY_SCENARIO','OPEN_TENDER',$3::uuid[],$4,$5,$6,'2026-04-01','2026-06-30',5,'PUBLISHED',1,$7)`,
    [DEMO_JL_CALL_ID, '吉林市公共数据授权运营（家政服务场景）遴选公告', callResources, ['commerce'], '成立超过2年；上年度纳税信用B级以上；3年内无重大行政处罚；具备等保三级及商用密码测评经验',
      JSON.stringify([{ criterion: '场景方案', weight: 40 }, { criterion: '安全能力', weight: 35 }, { criterion: '运营经验', weight: 25 }]), jlAuthority.id],
  );
  const applicant = (await getOrg(tx, orgByKey('dev-fintech').id))!;
  const eligibility = eligibilityOf(resolveProfile('JL'), 1, applicant, '2026-04-15');
  const docs = ['APPLICATION_FORM', 'AUDIT_AND_FINANCIAL_REPORT', 'SECURITY_COMMITMENT', 'RISK_SELF_ASSESSMENT'].map((kind) => ({ kind, name: `${kind}.pdf`, sha256: createHash('sha256').update(`demo:${kind}`).digest('hex') }));
  await sql(tx, `insert into operator_application (id, call_id, applicant_id, jurisdiction, status, documents, eligibility, submitted_on) values ($1,$2,$3,'JL','EXPERT_REVIEW',$4,$5,'2026-04-15')`, [
    DEMO_JL_APPLICATION_ID, DEMO_JL_CALL_ID, applicant.id, JSON.stringify(docs), JSON.stringify(eligibility),
  ]);
  for (const [sub, score, opinion] of [['demo:expert', '86.50', '场景清晰，安全方案完整'], ['demo:expert-2', '90.00', '运营经验充分，建议入选']] as const) {
    await sql(tx, `insert into expert_review (id, application_id, expert_sub, expert_org, score, opinion) values ($1,$2,$3,$4,$5,$6)`, [demoId(`review:${sub}`), DEMO_JL_APPLICATION_ID, sub, orgByKey('expert-panel').id, score, opinion]);
  }
  audit({ entityType: 'OperatorApplication', entityId: DEMO_JL_APPLICATION_ID, action: 'SUBMITTED', changes: { seed: true } });
}
