import type { CatalogEvents, LicensingEvents } from '@pdo/events';
import type { Em } from '@pdo/platform';
import { disclose, fact } from '../data/disclosures.js';
import * as projections from '../data/projections.js';
import type { H } from './handler.js';

/* Catalog's resources and corrections, licensing's organizations, agreements and scenarios (see index.ts). */

const meanQuality = (q: CatalogEvents.ResourceSnapshot['quality']) =>
  ((Number(q.completeness) + Number(q.consistency) + Number(q.accuracy) + Number(q.timeliness)) / 4).toFixed(3);

export const resourceSnapshot: H<CatalogEvents.ResourceSnapshot> = async (em, e) => {
  const p = e.payload;
  await projections.upsertResource(em, {
    id: p.resourceId,
    jurisdiction: p.jurisdiction,
    code: p.code,
    nameZh: p.nameZh,
    sector: p.sector,
    sourceAgencyId: p.sourceAgencyId,
    recordCount: p.recordCount,
    quality: meanQuality(p.quality),
    status: p.status,
    version: p.version,
    at: p.updatedAt ?? e.occurredAt,
  });
};

export const resourceWithdrawn: H<CatalogEvents.ResourceWithdrawn> = async (em, e) => {
  const p = e.payload;
  await projections.withdrawResource(em, p.resourceId, p.withdrawnAt, p.version);
};

export const registrationCoded: H<CatalogEvents.ResourceRegistrationCoded> = async (em, e) => {
  const p = e.payload;
  await projections.registrationCoded(em, { registrationId: p.registrationId, resourceId: p.resourceId, jurisdiction: p.jurisdiction, code: p.registrationCode, codedOn: p.codedOn });
};

export const registrationCancelled: H<CatalogEvents.ResourceRegistrationCancelled> = async (em, e) => {
  const p = e.payload;
  await projections.registrationEnded(em, { registrationId: p.registrationId, resourceId: p.resourceId, jurisdiction: p.jurisdiction, state: p.state });
};

export const correctionAnswered: H<CatalogEvents.CorrectionAnswered> = async (em, e) => {
  await projections.insertCorrection(em, e.payload);
};

export const organizationRegistered: H<LicensingEvents.OrganizationRegistered> = async (em, e) => {
  const p = e.payload;
  await projections.upsertOrg(em, { id: p.organizationId, jurisdiction: p.jurisdiction, nameZh: p.nameZh, kinds: p.kinds });
};

const upsertAgreement = (em: Em, p: LicensingEvents.AgreementFacts, at: string) =>
  projections.upsertAgreement(em, {
    id: p.agreementId,
    agreementNumber: p.agreementNumber,
    jurisdiction: p.jurisdiction,
    operatorId: p.operatorId,
    mode: p.mode,
    status: p.status,
    startDate: p.startDate,
    endDate: p.endDate,
    resourceIds: p.resourceIds,
    sectors: p.sectors,
    at,
  });

const orgName = projections.orgName;

async function authorizationDisclosure(em: Em, p: LicensingEvents.AgreementFacts, publishedAt: Date, key: string): Promise<void> {
  const names = await projections.resourceNames(em, p.resourceIds);
  await disclose(em, {
    dedupeKey: key,
    jurisdiction: p.jurisdiction,
    kind: 'AUTHORIZATION',
    title: `授权运营：${await orgName(em, p.operatorId)}（${p.agreementNumber}）`,
    subjectId: p.agreementId,
    rule: 'NS Art 18',
    facts: [
      fact('operator', await orgName(em, p.operatorId)),
      fact('operatorId', p.operatorId),
      fact('agreementNumber', p.agreementNumber),
      fact('mode', p.mode),
      fact('startDate', p.startDate),
      fact('endDate', p.endDate),
      fact('sectors', p.sectors.join(',')),
      fact('resources', names.length ? names.join('、') : String(p.resourceIds.length)),
    ],
    publishedAt,
  });
}

export const agreementSigned: H<LicensingEvents.AgreementFacts> = async (em, e) => {
  await upsertAgreement(em, e.payload, e.occurredAt);
  await authorizationDisclosure(em, e.payload, new Date(e.occurredAt), `AUTHORIZATION:${e.payload.agreementId}`);
};

export const agreementRenewed: H<LicensingEvents.AgreementFacts> = async (em, e) => {
  await upsertAgreement(em, e.payload, e.occurredAt);
  await authorizationDisclosure(em, e.payload, new Date(e.occurredAt), `AUTHORIZATION:${e.payload.agreementId}:renewed:${e.payload.endDate}`);
};

export const agreementActivated: H<LicensingEvents.AgreementFacts> = async (em, e) => {
  await upsertAgreement(em, e.payload, e.occurredAt);
};

export const agreementStatus: H<LicensingEvents.AgreementStatusChanged> = async (em, e) => {
  const p = e.payload;
  const applied = await projections.agreementStatusChanged(em, { id: p.agreementId, status: p.status, endDate: p.endDate, at: p.effectiveAt });
  // Ending is final and public whatever order the events arrive in (even before the signing).
  if (p.status === 'TERMINATED' || p.status === 'EXPIRED') {
    const number = applied ?? (await projections.agreementNumber(em, p.agreementId));
    await disclose(em, {
      dedupeKey: `AUTHORIZATION_ENDED:${p.agreementId}:${p.status}`,
      jurisdiction: p.jurisdiction,
      kind: 'AUTHORIZATION_ENDED',
      title: `授权${p.status === 'TERMINATED' ? '终止' : '到期'}：${number ?? (await orgName(em, p.operatorId))}`,
      subjectId: p.agreementId,
      rule: 'NS Art 18',
      facts: [fact('operator', await orgName(em, p.operatorId)), fact('agreementNumber', number), fact('status', p.status), fact('endDate', p.endDate), fact('reason', p.reason)],
      publishedAt: new Date(p.effectiveAt),
    });
  }
};

export const scenarioApproved: H<LicensingEvents.ScenarioApproved> = async (em, e) => {
  const p = e.payload;
  await projections.upsertScenario(em, {
    id: p.scenarioId,
    agreementId: p.agreementId,
    operatorId: p.operatorId,
    jurisdiction: p.jurisdiction,
    nameZh: p.nameZh,
    category: p.category,
    resourceIds: p.resourceIds,
    approvedAt: p.approvedAt,
  });
};

/**
 * A selection result under publicity (TZ Art 15; QHD §三(二)2; JL §六3; ZJC §三(四)3(4)): public with its period and
 * the channel for objections, keyed by the application so a redelivery leaves one row.
 */
export const selectionPublicized: H<LicensingEvents.SelectionPublicized> = async (em, e) => {
  const p = e.payload;
  const applicant = await orgName(em, p.applicantId);
  await disclose(em, {
    dedupeKey: `SELECTION_PUBLICITY:${p.applicationId}:${p.publicityStartsOn}`,
    jurisdiction: p.jurisdiction,
    kind: 'SELECTION_PUBLICITY',
    title: `公示：${applicant}（${p.title}）`,
    subjectId: p.applicationId,
    rule: p.rule,
    facts: [
      fact('applicant', applicant),
      fact('applicantId', p.applicantId),
      fact('rank', p.rank),
      fact('score', p.score),
      fact('publicityStartsOn', p.publicityStartsOn),
      fact('publicityEndsOn', p.publicityEndsOn),
      fact('workingDays', p.workingDays),
      fact('objectionChannel', p.objectionChannel),
      fact('renewsAgreementId', p.renewsAgreementId),
    ],
    publishedAt: new Date(e.occurredAt),
  });
};
