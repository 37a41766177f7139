import { createHash } from 'node:crypto';
import { integrityDigestKey, type SubgraphRuntime, type UnitOfWork } from '@pdo/platform';
import { DEMO_AGREEMENTS, DEMO_ORGS, DEMO_RESOURCES, DEMO_SCENARIOS, demoId, orgByKey, resourceByKey } from '@pdo/demo';
import type { LicensingEvents } from '@pdo/events';
import { addDays, addMonths, calendarOfProfile, checkAgreementTerm, resolveProfile, termMonths, toShanghaiDate } from '@pdo/policy';
import { completeCreditCode } from './domain/credit-code.js';
import { AGREEMENT_CONTENT_ITEMS, agreementFacts } from './domain/agreement-lifecycle.js';
import { eligibilityOf } from './domain/applications.js';
import { diffFacts } from './domain/organization-facts.js';
import { getAgreement, insertAgreement, insertReadiness, insertRectification, setAgreementStatus } from './data/agreements.js';
import { insertApplication, insertCall, insertReview } from './data/calls.js';
import { getOrg, insertFactChange, insertOrganization } from './data/organizations.js';
import { replacePersons } from './data/integrity.js';
import { subjectKey } from './domain/integrity.js';
import { insertResourcesIfAbsent } from './data/resources.js';
import { insertConsent } from './data/returned-data.js';
import { upsertPlanProjection } from './data/emergency-plans.js';
import type { ReadinessKind } from './data/rows.js';
import { insertPlan, setAgreementPlan, updatePlan } from './data/plans.js';
import { grantsOfAgreement, insertGrants, insertScenario, insertScenarioResources, setGrantStatus } from './data/scenarios.js';

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
    await insertOrganization(tx, {
      id: o.id,
      jurisdiction: o.jurisdiction,
      kinds: o.kinds,
      at: at.toISOString(),
      facts: {
        name: o.nameZh,
        nameEn: o.nameEn,
        creditCode,
        foundedOn: o.foundedOn ?? null,
        taxGrades: company ? [2023, 2024, 2025].map((year) => ({ year, grade: o.key === 'svc-cloud' && year === 2025 ? 'M' : 'A' })) : [],
        // A service provider with a serious penalty: shows an ineligible applicant in the demo.
        penalties: o.key === 'svc-cloud' ? [{ date: '2024-09-12', severity: 'SERIOUS', description: '违反网络安全法被处罚款' }] : [],
        dishonestListEntries: [],
        securityIncidents: [],
        mlps3Experience: company,
        commercialCryptoExperience: company,
        securityDepartment: company ? '数据安全部' : null,
        securityHead: company ? (isOperator ? '安全总监' : '安全负责人') : null,
      },
    });
    // The registration enters the party's fact history like one made through registerOrganization.
    const registered = diffFacts({}, (await getOrg(tx, o.id))!);
    await insertFactChange(tx, {
      id: demoId(`fact-change:${o.key}:registered`),
      organizationId: o.id,
      jurisdiction: o.jurisdiction,
      kind: 'REGISTERED',
      fields: registered.fields,
      oldValues: {},
      newValues: registered.newValues,
      evidence: { documentRef: `演示数据：${o.nameZh}登记材料`, documentDate: toShanghaiDate(at), note: '演示数据 demo data' },
      recordedBy: { sub: 'seed', role: 'AUTHORITY', org: null },
      recordedAt: at.toISOString(),
    });
    audit({ entityType: 'Organization', entityId: o.id, action: 'REGISTERED', changes: { seed: true } });
    // Every company names its legal representative, whom the integrity checks look up (JL §三(二); TZ Art 12(3)).
    if (company) {
      await replacePersons(tx, {
        organizationId: o.id, jurisdiction: o.jurisdiction, documentRef: `演示数据：${o.nameZh}营业执照`, documentDate: toShanghaiDate(at), recordedBy: 'seed', at: at.toISOString(),
        persons: [{ id: demoId(`person:${o.key}:legal-representative`), role: 'LEGAL_REPRESENTATIVE', name: `${o.nameZh}法定代表人`, subjectKey: subjectKey(`demo-person:${o.key}`, integrityDigestKey()), subjectKeyVersion: integrityDigestKey().version, legacySubjectKey: null }],
      });
    }
    const ev: LicensingEvents.OrganizationRegistered = { organizationId: o.id, jurisdiction: o.jurisdiction, nameZh: o.nameZh, nameEn: o.nameEn, kinds: o.kinds, creditCode };
    await publish('OrganizationRegistered', ev, o.jurisdiction);
  }

  // Version 0: any snapshot from the catalog (version ≥ 1) replaces this approximation.
  await insertResourcesIfAbsent(
    tx,
    DEMO_RESOURCES.map((r) => {
      const authorizable = r.openness !== 'PROHIBITED' && r.grade !== null;
      return {
        resourceId: r.id, jurisdiction: r.jurisdiction, code: r.code, nameZh: r.nameZh, sector: r.sector, sourceAgencyId: r.agencyId, openness: r.openness,
        authorizable, authorizableReasons: authorizable ? [] : [r.openness === 'PROHIBITED' ? 'PROHIBITED' : 'NOT_GRADED'], status: 'ACTIVE', version: 0,
        returnedOrigin: r.returnedOrigin ?? null,
      };
    }),
  );

  const plans = await seedPlans(uow, at);
  for (const d of DEMO_AGREEMENTS) {
    const profile = resolveProfile(d.jurisdiction);
    const trialMonths = d.trialEndDate ? termMonths(d.startDate, d.trialEndDate) : 0;
    const check = checkAgreementTerm(profile, d.startDate, d.endDate, trialMonths);
    if (!check.ok) throw new Error(`demo agreement ${d.key} violates ${check.rule}: ${check.messageEn}`);
    const resourceIds = d.resourceKeys.map((k) => resourceByKey(k).id);
    const sectors = [...new Set(d.resourceKeys.map((k) => resourceByKey(k).sector))];
    const signedOn = addDays(d.startDate, -14);
    await insertAgreement(tx, {
      id: d.id, number: d.number, jurisdiction: d.jurisdiction, operatorId: d.operatorId, applicationId: null, mode: d.mode, status: 'ACTIVE',
      startDate: d.startDate, endDate: d.endDate, trialEndDate: d.trialEndDate ?? null, resourceIds, sectors, contents: DEMO_CONTENTS, profileVersion: 1,
      signedOn, filedOn: signedOn, activatedAt: new Date(`${d.startDate}T00:00:00+08:00`).toISOString(), at: at.toISOString(),
    });
    const readiness: [ReadinessKind, string, string | null, string | null][] = [
      ['TRAINING', '运营团队岗前培训（全员）', signedOn, signedOn],
      ['SECURITY_REVIEW', '基础与技术安全审查（第三方）', null, profile.securityReviewValidityMonths.value === null ? null : addDays(addMonths(signedOn, profile.securityReviewValidityMonths.value), -1)],
    ];
    for (const [kind, subject, filedOn, validUntil] of readiness) {
      await insertReadiness(tx, { id: demoId(`readiness:${d.key}:${kind}`), agreementId: d.id, kind, subject, passed: true, doneOn: signedOn, filedOn, validUntil, documentHash: null });
    }
    // The plan evaluation's seed files for this authorization (ZJC 一授权一预案), as its EmergencyPlanChanged would project it.
    if (profile.emergencyPlanPerAuthorization.value) {
      await upsertPlanProjection(tx, { planId: demoId(`emergency-plan:${d.key}`), jurisdiction: d.jurisdiction, holderOrgId: d.operatorId, holderKind: 'OPERATOR', agreementId: d.id, status: 'ACTIVE', version: 1, adoptedOn: signedOn, updatedAt: at.toISOString() });
    }
    await setAgreementPlan(tx, d.id, plans.get(d.jurisdiction)!);
    audit({ entityType: 'AuthorizationAgreement', entityId: d.id, action: 'SIGNED', changes: { seed: true, number: d.number } });
    const a = (await getAgreement(tx, d.id))!;
    await publish('AgreementSigned', agreementFacts(a, 'SIGNED'), d.jurisdiction);
    await publish('AgreementActivated', agreementFacts(a, 'ACTIVE'), d.jurisdiction);
  }

  await seedReturnedDataConsents(uow, at);

  for (const s of DEMO_SCENARIOS) {
    const ag = DEMO_AGREEMENTS.find((x) => x.id === s.agreementId)!;
    const profile = resolveProfile(ag.jurisdiction);
    const submittedOn = ag.startDate;
    const days = profile.scenarioReviewWorkingDays.value;
    const dueOn = days === null ? null : calendarOfProfile(profile).addWorkingDays(submittedOn, days);
    const approvedAt = new Date(`${addDays(ag.startDate, 10)}T10:00:00+08:00`);
    await insertScenario(tx, {
      id: s.id, agreementId: s.agreementId, operatorId: s.operatorId, jurisdiction: s.jurisdiction, nameZh: s.nameZh, description: s.descriptionZh, category: s.category,
      expectedValue: '提升公共数据服务效能', plan: '分阶段上线', status: 'APPROVED', submittedOn, reviewDueOn: dueOn, agencyDecision: 'APPROVED', decidedAt: approvedAt.toISOString(),
    });
    await insertScenarioResources(
      tx,
      s.resourceKeys.map((key) => {
        const r = resourceByKey(key);
        return { scenarioId: s.id, resourceId: r.id, sourceAgencyId: r.agencyId, justification: `${s.nameZh}所需最小字段集`, fields: r.fields.map((f) => f.name), decision: 'APPROVED', decidedBy: 'system:seed' };
      }),
    );
    const approved: LicensingEvents.ScenarioApproved = { scenarioId: s.id, agreementId: s.agreementId, operatorId: s.operatorId, jurisdiction: s.jurisdiction, nameZh: s.nameZh, category: s.category, resourceIds: s.resourceIds, approvedAt: approvedAt.toISOString() };
    await publish('ScenarioApproved', approved, s.jurisdiction);
    const grants = s.resourceIds.map((resourceId) => ({
      id: demoId(`grant:${s.key}:${resourceId}`), agreementId: s.agreementId, scenarioId: s.id, operatorId: s.operatorId, resourceId, jurisdiction: s.jurisdiction,
      expiresOn: ag.endDate, status: 'ACTIVE' as const, updatedAt: approvedAt.toISOString(),
    }));
    await insertGrants(tx, grants);
    for (const g of grants) {
      const ev: LicensingEvents.AccessGranted = { grantId: g.id, agreementId: s.agreementId, scenarioId: s.id, operatorId: s.operatorId, resourceId: g.resourceId, jurisdiction: s.jurisdiction, expiresOn: ag.endDate, status: 'ACTIVE', effectiveAt: approvedAt.toISOString() };
      await publish('AccessGranted', ev, s.jurisdiction);
    }
    audit({ entityType: 'Scenario', entityId: s.id, action: 'APPROVED', changes: { seed: true } });
  }

  // Taizhou in rectification: suspended, every grant paused (TZ Art 29(1)).
  const tz = DEMO_AGREEMENTS.find((d) => d.status === 'SUSPENDED')!;
  const suspendedAt = new Date('2026-03-02T09:00:00+08:00');
  await insertRectification(tx, {
    id: DEMO_TZ_RECTIFICATION_ID, agreementId: tz.id, cause: 'SECURITY_DUTIES_NOT_PERFORMED', origin: 'AUTHORITY', description: '第三方安全评估发现访问日志留存不全（泰州第27、29条）',
    findingId: null, deadline: '2026-08-31', openedAt: suspendedAt.toISOString(),
  });
  await setAgreementStatus(tx, tz.id, 'SUSPENDED', 'SECURITY_DUTIES_NOT_PERFORMED', suspendedAt.toISOString());
  const paused = await grantsOfAgreement(tx, tz.id, ['ACTIVE', 'PAUSED', 'REVOKED']);
  await setGrantStatus(tx, paused.map((g) => g.id), 'PAUSED', `rectification:${DEMO_TZ_RECTIFICATION_ID}`, suspendedAt.toISOString());
  const tzRow = (await getAgreement(tx, tz.id))!;
  const suspended: LicensingEvents.AgreementSuspended = { agreementId: tz.id, jurisdiction: tz.jurisdiction, operatorId: tz.operatorId, status: 'SUSPENDED', endDate: tz.endDate, reason: tzRow.statusReason, effectiveAt: suspendedAt.toISOString() };
  await publish('AgreementSuspended', suspended, tz.jurisdiction);
  for (const g of paused) {
    const ev: LicensingEvents.AccessRevoked = { grantId: g.id, agreementId: tz.id, scenarioId: g.scenarioId, operatorId: tz.operatorId, resourceId: g.resourceId, jurisdiction: tz.jurisdiction, status: 'PAUSED', reason: 'rectification', effectiveAt: suspendedAt.toISOString() };
    await publish('AccessRevoked', ev, tz.jurisdiction);
  }
  audit({ entityType: 'AuthorizationAgreement', entityId: tz.id, action: 'SUSPENDED', changes: { seed: true, rectificationId: DEMO_TZ_RECTIFICATION_ID } });

  // Jilin: a call for a further scenario operator, one application in expert review with scores.
  const jlAuthority = orgByKey('jl-authority');
  const callResources = [resourceByKey('jl-domestic-services').id];
  await insertCall(tx, {
    id: DEMO_JL_CALL_ID, jurisdiction: 'JL', title: '吉林市公共数据授权运营（家政服务场景）遴选公告', mode: 'BY_SCENARIO', selectionMethod: 'OPEN_TENDER', resourceIds: callResources, sectors: ['commerce'],
    eligibilityNotes: '成立超过2年；上年度纳税信用B级以上；3年内无重大行政处罚；具备等保三级及商用密码测评经验',
    scoringRules: [{ criterion: '场景方案', weight: 40 }, { criterion: '安全能力', weight: 35 }, { criterion: '运营经验', weight: 25 }],
    opensOn: '2026-04-01', closesOn: '2026-06-30', publicityWorkingDays: 5, invitees: [], profileVersion: 1, publishedBy: jlAuthority.id, at: at.toISOString(),
  });
  const applicant = (await getOrg(tx, orgByKey('dev-fintech').id))!;
  const eligibility = eligibilityOf(resolveProfile('JL'), 1, applicant, '2026-04-15');
  const docs = ['APPLICATION_FORM', 'AUDIT_AND_FINANCIAL_REPORT', 'SECURITY_COMMITMENT', 'RISK_SELF_ASSESSMENT'].map((kind) => ({ kind, name: `${kind}.pdf`, sha256: createHash('sha256').update(`demo:${kind}`).digest('hex') }));
  await insertApplication(tx, { id: DEMO_JL_APPLICATION_ID, callId: DEMO_JL_CALL_ID, applicantId: applicant.id, jurisdiction: 'JL', status: 'EXPERT_REVIEW', documents: docs, eligibility, submittedOn: '2026-04-15', at: at.toISOString() });
  // Scored per criterion of the call: 40 % × 85 + 35 % × 90 + 25 % × 84 = 86.50; 90 on each = 90.
  const reviews = [
    ['demo:expert', ['85', '90', '84'], '86.5000', '场景清晰，安全方案完整'],
    ['demo:expert-2', ['90', '90', '90'], '90.0000', '运营经验充分，建议入选'],
  ] as const;
  for (const [sub, scores, weighted, opinion] of reviews) {
    const criterionScores = ['场景方案', '安全能力', '运营经验'].map((criterion, i) => ({ criterion, score: scores[i]! }));
    await insertReview(tx, { id: demoId(`review:${sub}`), applicationId: DEMO_JL_APPLICATION_ID, expertSub: sub, expertOrg: orgByKey('expert-panel').id, score: weighted.slice(0, -2), weightedScore: weighted, criterionScores, opinion });
  }
  audit({ entityType: 'OperatorApplication', entityId: DEMO_JL_APPLICATION_ID, action: 'SUBMITTED', changes: { seed: true } });
}

/**
 * An approved implementation plan (实施方案) per jurisdiction with a demo agreement, decided a month before the first
 * signature by the body its profile names and filed (NS Art 11; HN Art 11; QHD §三(三)3(1)).
 */
async function seedPlans({ tx, audit }: UnitOfWork, at: Date): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const j of [...new Set(DEMO_AGREEMENTS.map((d) => d.jurisdiction))]) {
    const profile = resolveProfile(j);
    const plan = profile.implementationPlan.value;
    const first = DEMO_AGREEMENTS.filter((d) => d.jurisdiction === j).map((d) => addDays(d.startDate, -14)).sort()[0]!;
    const decidedOn = addDays(first, -30);
    const id = demoId(`plan:${j}:1`);
    await insertPlan(tx, {
      id, jurisdiction: j, version: 1, title: `${profile.nameZh}公共数据资源授权运营实施方案`, summary: '授权运营名称、模式、数据资源范围、期限、产品和服务清单、安全措施、核算与收益分配、监督评价',
      contents: {}, amendsId: null, changeGrounds: [], changeNote: null, majorChange: true, draftedBy: 'seed', draftedByRole: plan.drafters[0]!, draftedOn: addDays(decidedOn, -30), profileVersion: 1, at: at.toISOString(),
    });
    await updatePlan(tx, id, { status: 'APPROVED', decidedOn, decisionBody: plan.approvalBody.split(' | ')[0]!, decisionRef: `${j}-三重一大-${decidedOn.slice(0, 4)}-01`, approvedOn: decidedOn, approvedBy: 'seed', filedOn: plan.filingWith ? decidedOn : null, filedWith: plan.filingWith });
    audit({ entityType: 'ImplementationPlan', entityId: id, action: 'APPROVED', changes: { seed: true, decidedOn } });
    out.set(j, id);
  }
  return out;
}

/**
 * The province's consent for the returned data the demo agreements use (ZJC §三(五)2): one consent per agreement
 * naming its returned resources, given before the agreement started and valid to its end, so the seeded grants stand.
 */
async function seedReturnedDataConsents(uow: UnitOfWork, at: Date): Promise<void> {
  for (const d of DEMO_AGREEMENTS) {
    const returned = d.resourceKeys.map((k) => resourceByKey(k)).filter((r) => r.returnedOrigin);
    const profile = resolveProfile(d.jurisdiction).returnedDataConsent.value;
    if (!returned.length || !profile.required) continue;
    const id = demoId(`returned-consent:${d.key}`);
    await insertConsent(uow.tx, {
      id, jurisdiction: d.jurisdiction, consentingBody: profile.consentingBody!, documentNumber: '浙数据函〔2024〕88号（演示）', consentedOn: addDays(d.startDate, -30), validUntil: d.endDate,
      resourceIds: returned.map((r) => r.id), operatorId: d.operatorId, agreementId: d.id, scenarioId: null, attachmentRef: 'demo://returned-consent/zjc-2024-88.pdf',
      note: '演示数据 demo data', recordedBy: 'seed', recordedByOrg: orgByKey(`${d.jurisdiction.toLowerCase()}-authority`).id, at: at.toISOString(),
    });
    uow.audit({ entityType: 'ReturnedDataConsent', entityId: id, action: 'RECORDED', changes: { seed: true, agreementId: d.id } });
  }
}
