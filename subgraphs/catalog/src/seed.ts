import type { Identity, SubgraphRuntime, UnitOfWork } from '@pdo/platform';
import { DEMO_AGREEMENTS, DEMO_ORGS, DEMO_RESOURCES, demoResourceQuality, orgByKey, resourceByKey, type DemoResource } from '@pdo/demo';
import { addDays, startOfDayShanghai, todayInShanghai, type LocalDate } from '@pdo/policy';
import type { RegistrationAction } from '@pdo/registration';
import { createResource } from './services/resources.js';
import type { Actor } from './services/resource-commit.js';
import { applyRegistration, transitionRegistration } from './services/registrations.js';
import { answerCorrection, raiseCorrection } from './services/corrections.js';
import { seedAgreement, seedOrganization } from './data/projections.js';
import type { Classification } from './domain/taxonomy.js';

const CLASS_OF: Record<string, Classification> = { L1: 'GENERAL', L2: 'GENERAL', L3: 'IMPORTANT', L4: 'CORE' };

/** A backdated clock: "n calendar days ago, 10:00 Beijing time". */
const at = (today: LocalDate, daysAgo: number): Date => new Date(startOfDayShanghai(addDays(today, -daysAgo)).getTime() + 10 * 3600_000);

const agencyOf = (jurisdiction: string, daysAgo: number, today: LocalDate): Actor => ({
  identity: { sub: 'system:seed', role: 'AGENCY', org: orgByKey(`${jurisdiction.toLowerCase()}-agency`).id, jurisdiction },
  now: at(today, daysAgo),
});
const authorityOf = (jurisdiction: string, daysAgo: number, today: LocalDate): Actor => ({
  identity: { sub: 'system:seed', role: 'AUTHORITY', org: orgByKey(`${jurisdiction.toLowerCase()}-authority`).id, jurisdiction },
  now: at(today, daysAgo),
});
const operatorOf = (jurisdiction: string, daysAgo: number, today: LocalDate): Actor => ({
  identity: { sub: 'system:seed', role: 'OPERATOR', org: orgByKey(`${jurisdiction.toLowerCase()}-operator`).id, jurisdiction } satisfies Identity,
  now: at(today, daysAgo),
});

/** Steps (action, days ago) that take a fresh application to the wanted state. */
const PATHS: Record<string, [RegistrationAction, number, string?][]> = {
  CODED: [['ACCEPT', 118], ['START_FORMAL_REVIEW', 117], ['PASS_FORMAL_REVIEW', 100], ['CODE', 70]],
  PUBLIC_NOTICE: [['ACCEPT', 118], ['START_FORMAL_REVIEW', 117], ['PASS_FORMAL_REVIEW', 3]],
  FORMAL_REVIEW: [['ACCEPT', 118], ['START_FORMAL_REVIEW', 117]],
  RETURNED: [['RETURN', 119, '缺少合法来源证明材料']],
  APPLIED: [],
};

/**
 * The catalog's part of the demo world: every DEMO_RESOURCE with its full metadata, the licensing
 * agreements that use them (local projection, so withdrawal is refused), registrations in several
 * states and correction requests (one overdue). Built through the same services as the API so
 * versions, events and audit records exist for the seeded data too.
 */
export async function seed(uow: UnitOfWork, _rt: SubgraphRuntime<unknown>): Promise<void> {
  const today = todayInShanghai(new Date());
  for (const o of DEMO_ORGS) await seedOrganization(uow.tx, o, at(today, 500));
  for (const [i, r] of DEMO_RESOURCES.entries()) {
    await createResource(
      uow,
      agencyOf(r.jurisdiction, 400, today),
      {
        jurisdiction: r.jurisdiction,
        sourceUnitId: r.agencyId,
        code: r.code,
        nameZh: r.nameZh,
        descriptionZh: r.descriptionZh,
        sector: r.sector,
        fields: r.fields.map((f) => ({ ...f, personalInformation: !!f.personalInformation, sensitive: !!f.sensitive })),
        classification: r.grade ? CLASS_OF[r.grade]! : null,
        grade: r.grade,
        openness: r.openness,
        prohibitedReason: r.prohibitedReason ?? null,
        sharedFromAgencyId: r.sharedFromAgencyKey ? orgByKey(r.sharedFromAgencyKey).id : null,
        // The providing agency consented for the shared resource the JL agreement uses.
        sharingConsent: !!r.sharedFromAgencyKey,
        updateFrequency: r.updateFrequency,
        recordCount: r.recordCount,
        lastDataUpdateAt: at(today, 1 + (i % 5)),
        quality: demoResourceQuality(r, i),
        // ZJC's medical-insurance data came back from the provincial platform (省回流数据, ZJC §三(五)2).
        returnedOrigin: r.returnedOrigin ?? null,
      },
      { id: r.id },
    );
  }

  for (const a of DEMO_AGREEMENTS) {
    await seedAgreement(uow.tx, { id: a.id, number: a.number, jurisdiction: a.jurisdiction, status: a.status, resourceIds: a.resourceKeys.map((k) => resourceByKey(k).id) }, startOfDayShanghai(a.startDate));
  }

  // Registrations: HN requires one before authorization (HN Art 10), so the HN agreement's resources are coded.
  const plan: [string, keyof typeof PATHS][] = [
    ...DEMO_AGREEMENTS.find((a) => a.key === 'hn')!.resourceKeys.map((k) => [k, 'CODED'] as [string, keyof typeof PATHS]),
    ['jl-housing-transactions', 'PUBLIC_NOTICE'],
    ['jl-property-registration', 'FORMAL_REVIEW'],
    ['qhd-water-usage', 'APPLIED'],
    ['tz-weather', 'RETURNED'],
  ];
  for (const [key, target] of plan) {
    const r = resourceByKey(key);
    const g = await applyRegistration(uow, agencyOf(r.jurisdiction, 120, today), { resourceId: r.id, type: 'FIRST', providedOn: addDays(today, -125), summary: `${r.nameZh}首次登记` });
    for (const [action, daysAgo, reason] of PATHS[target]!) {
      await transitionRegistration(uow, authorityOf(r.jurisdiction, daysAgo, today), g.id, action, reason ?? null);
    }
  }

  // Correction requests (校核): one overdue, one open, one rejected on time, one corrected.
  const raise = (key: string, daysAgo: number, fieldNames: string[], problem: string) => {
    const r = resourceByKey(key);
    return raiseCorrection(uow, operatorOf(r.jurisdiction, daysAgo, today), { resourceId: r.id, fieldNames, problem, evidence: '运营平台比对记录' });
  };
  await raise('hn-freight-vehicles', 30, ['record_id'], '部分车辆道路运输证已注销但仍显示有效');
  await raise('hn-enterprise-registration', 0, ['legal_rep'], '法定代表人信息与营业执照不一致');
  const rejected = await raise('hn-employment', 6, ['updated_at'], '更新时间晚于实际');
  await answerCorrection(uow, agencyOf('HN', 4, today), { id: rejected.id, outcome: 'REJECTED', reason: '经核查数据无误，更新时间为系统入库时间' });
  const corrected = await raise('qhd-enterprise-credit', 10, ['record_id'], '记录数与实际企业数不符');
  await answerCorrection(uow, agencyOf('QHD', 8, today), { id: corrected.id, outcome: 'CORRECTED', reason: '已按市场主体年报更新', correction: { recordCount: 521_340 } });
}
