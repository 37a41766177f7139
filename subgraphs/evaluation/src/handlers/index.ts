import type { EventEnvelope } from '@pdo/events';
import type { CatalogEvents, LicensingEvents, PlatformEvents, ProductsEvents, RevenueEvents } from '@pdo/events';
import { settlementShareColumns } from '@pdo/events';
import type { Em, EventHandlers } from '@pdo/platform';
import { formatYuan } from '@pdo/policy';
import { disclose, fact } from '../data/disclosures.js';
import * as projections from '../data/projections.js';
import * as products from '../data/product-projections.js';

/*
 * Local projections of what the other subgraphs decided. Each handler is an idempotent upsert that
 * tolerates re-delivery and out-of-order arrival (versions / effective instants guard overwrites),
 * and public facts are turned into disclosures as they arrive.
 */

type H<P> = (em: Em, e: EventEnvelope<P>) => Promise<void>;

const meanQuality = (q: CatalogEvents.ResourceSnapshot['quality']) =>
  ((Number(q.completeness) + Number(q.consistency) + Number(q.accuracy) + Number(q.timeliness)) / 4).toFixed(3);

const resourceSnapshot: H<CatalogEvents.ResourceSnapshot> = async (em, e) => {
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

const resourceWithdrawn: H<CatalogEvents.ResourceWithdrawn> = async (em, e) => {
  const p = e.payload;
  await projections.withdrawResource(em, p.resourceId, p.withdrawnAt, p.version);
};

const registrationCoded: H<CatalogEvents.ResourceRegistrationCoded> = async (em, e) => {
  const p = e.payload;
  await projections.registrationCoded(em, { registrationId: p.registrationId, resourceId: p.resourceId, jurisdiction: p.jurisdiction, code: p.registrationCode, codedOn: p.codedOn });
};

const registrationCancelled: H<CatalogEvents.ResourceRegistrationCancelled> = async (em, e) => {
  const p = e.payload;
  await projections.registrationEnded(em, { registrationId: p.registrationId, resourceId: p.resourceId, jurisdiction: p.jurisdiction, state: p.state });
};

const correctionAnswered: H<CatalogEvents.CorrectionAnswered> = async (em, e) => {
  await projections.insertCorrection(em, e.payload);
};

const organizationRegistered: H<LicensingEvents.OrganizationRegistered> = async (em, e) => {
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

const agreementSigned: H<LicensingEvents.AgreementFacts> = async (em, e) => {
  await upsertAgreement(em, e.payload, e.occurredAt);
  await authorizationDisclosure(em, e.payload, new Date(e.occurredAt), `AUTHORIZATION:${e.payload.agreementId}`);
};

const agreementRenewed: H<LicensingEvents.AgreementFacts> = async (em, e) => {
  await upsertAgreement(em, e.payload, e.occurredAt);
  await authorizationDisclosure(em, e.payload, new Date(e.occurredAt), `AUTHORIZATION:${e.payload.agreementId}:renewed:${e.payload.endDate}`);
};

const agreementActivated: H<LicensingEvents.AgreementFacts> = async (em, e) => {
  await upsertAgreement(em, e.payload, e.occurredAt);
};

const agreementStatus: H<LicensingEvents.AgreementStatusChanged> = async (em, e) => {
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

const scenarioApproved: H<LicensingEvents.ScenarioApproved> = async (em, e) => {
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

const upsertProduct = (em: Em, p: ProductsEvents.ProductFacts, status: string, at: string, listedAt: string | null) =>
  products.upsertProduct(
    em,
    {
      id: p.productId,
      productCode: p.productCode,
      version: p.version,
      jurisdiction: p.jurisdiction,
      operatorId: p.operatorId,
      agreementId: p.agreementId,
      scenarioId: p.scenarioId,
      nameZh: p.nameZh,
      form: p.form,
      category: p.category,
      resources: p.resources,
    },
    status,
    at,
    listedAt,
  );

const productApproved: H<ProductsEvents.ProductApproved> = async (em, e) => {
  // Approval alone is not public; keep the facts so a later listing or usage can refer to them.
  if (!(await products.productKnown(em, e.payload.productId))) await upsertProduct(em, e.payload, 'APPROVED', e.occurredAt, null);
};

const productListed: H<ProductsEvents.ProductListed> = async (em, e) => {
  const p = e.payload;
  await upsertProduct(em, p, 'LISTED', p.listedAt, p.listedAt);
  await disclose(em, {
    dedupeKey: `PRODUCT_LISTED:${p.productId}:${p.version}`,
    jurisdiction: p.jurisdiction,
    kind: 'PRODUCT_LISTED',
    title: `产品挂牌：${p.nameZh}（${p.productCode}）`,
    subjectId: p.productId,
    rule: 'NS Art 19; HN Art 17',
    facts: [
      fact('productCode', p.productCode),
      fact('name', p.nameZh),
      fact('operator', await orgName(em, p.operatorId)),
      fact('form', p.form),
      fact('category', p.category),
      fact('version', p.version),
      fact('listedAt', p.listedAt),
    ],
    publishedAt: new Date(p.listedAt),
  });
};

const productOff: H<ProductsEvents.ProductDelisted> = async (em, e) => {
  const p = e.payload;
  const status = e.name === 'ProductSuspended' ? 'SUSPENDED' : 'DELISTED';
  const off = await products.productOff(em, p.productId, status, p.effectiveAt);
  if (status === 'DELISTED' && off) {
    await disclose(em, {
      dedupeKey: `PRODUCT_DELISTED:${p.productId}:${p.effectiveAt}`,
      jurisdiction: p.jurisdiction,
      kind: 'PRODUCT_DELISTED',
      title: `产品摘牌：${off.name_zh}（${off.product_code}）`,
      subjectId: p.productId,
      rule: 'NS Art 19',
      facts: [fact('productCode', off.product_code), fact('name', off.name_zh), fact('effectiveAt', p.effectiveAt)],
      publishedAt: new Date(p.effectiveAt),
    });
  }
};

const usageAgreementSigned: H<ProductsEvents.UsageAgreementSigned> = async (em, e) => {
  const p = e.payload;
  await products.insertUsageAgreement(em, {
    id: p.usageAgreementId,
    productId: p.productId,
    developerId: p.developerId,
    operatorId: p.operatorId,
    jurisdiction: p.jurisdiction,
    startDate: p.startDate,
    endDate: p.endDate,
    category: p.category,
  });
};

const usageAgreementEnded: H<ProductsEvents.UsageAgreementEnded> = async (em, e) => {
  await products.endUsageAgreement(em, e.payload.usageAgreementId);
};

const usageRecorded: H<ProductsEvents.UsageRecorded> = async (em, e) => {
  const p = e.payload;
  await products.insertUsage(em, { usageId: p.usageId, productId: p.productId, operatorId: p.operatorId, developerId: p.developerId, jurisdiction: p.jurisdiction, units: p.units, occurredAt: p.occurredAt });
};

const priceFact =
  (kind: 'CAP' | 'PRICE'): H<RevenueEvents.PriceSet & RevenueEvents.PriceCapSet> =>
  async (em, e) => {
    const p = e.payload;
    const id = kind === 'CAP' ? p.capId : p.priceId;
    const fen = kind === 'CAP' ? p.capFen : p.priceFen;
    await products.insertPrice(em, { id, kind, productId: p.productId, operatorId: p.operatorId, jurisdiction: p.jurisdiction, chargingUnit: p.chargingUnit, amountFen: String(fen), effectiveFrom: p.effectiveFrom });
    const prod = await products.productName(em, p.productId);
    await disclose(em, {
      // Keyed by what is public (product, kind, unit, amount, date), not the producer's id.
      dedupeKey: `PRICE:${kind}:${p.productId}:${p.chargingUnit}:${fen}:${p.effectiveFrom}`,
      jurisdiction: p.jurisdiction,
      kind: 'PRICE',
      title: `${kind === 'CAP' ? '上限收费标准' : '产品价格'}：${prod?.name_zh ?? p.productId}`,
      subjectId: p.productId,
      rule: kind === 'CAP' ? 'PN §5; DISC' : 'PN §5; QHD',
      facts: [
        fact('productCode', prod?.product_code),
        fact('product', prod?.name_zh),
        fact('priceKind', kind),
        fact('chargingUnit', p.chargingUnit),
        fact('yuan', formatYuan(BigInt(fen))),
        fact('effectiveFrom', p.effectiveFrom),
      ],
      publishedAt: new Date(e.occurredAt),
    });
  };

const settlementCompleted: H<RevenueEvents.SettlementCompleted | RevenueEvents.SettlementCompletedV1> = async (em, e) => {
  const p = e.payload;
  await products.insertSettlementShares(em, { settlementId: p.settlementId, jurisdiction: p.jurisdiction, periodStart: p.periodStart, periodEnd: p.periodEnd }, settlementShareColumns(p));
};

/**
 * A signed checkpoint of a subgraph's audit chain goes to the public feed with everything an
 * outsider needs to hold and check it (SECURITY.md). Keyed by subgraph, seq and signature, so a
 * redelivery leaves one entry.
 */
const auditCheckpointSigned: H<PlatformEvents.AuditCheckpointSigned> = async (em, e) => {
  const p = e.payload;
  await disclose(em, {
    dedupeKey: `AUDIT_CHECKPOINT:${p.subgraph}:${p.seq}:${p.signature}`,
    jurisdiction: 'NATIONAL',
    kind: 'AUDIT_CHECKPOINT',
    title: `审计链检查点：${p.subgraph} #${p.seq}`,
    subjectId: null,
    rule: 'SECURITY.md audit checkpoints',
    facts: [
      fact('subgraph', p.subgraph),
      fact('seq', p.seq),
      fact('headHash', p.headHash),
      fact('signedAt', p.signedAt),
      fact('algorithm', p.algorithm),
      fact('publicKey', p.publicKey),
      fact('signature', p.signature),
    ],
    publishedAt: new Date(p.signedAt),
  });
};

export const handlers: EventHandlers = {
  AuditCheckpointSigned: auditCheckpointSigned,
  ResourcePublished: resourceSnapshot,
  ResourceChanged: resourceSnapshot,
  ResourceWithdrawn: resourceWithdrawn,
  ResourceRegistrationCoded: registrationCoded,
  ResourceRegistrationCancelled: registrationCancelled,
  CorrectionAnswered: correctionAnswered,
  OrganizationRegistered: organizationRegistered,
  AgreementSigned: agreementSigned,
  AgreementActivated: agreementActivated,
  AgreementRenewed: agreementRenewed,
  AgreementSuspended: agreementStatus,
  AgreementReinstated: agreementStatus,
  AgreementTerminated: agreementStatus,
  AgreementExpired: agreementStatus,
  ScenarioApproved: scenarioApproved,
  ProductApproved: productApproved,
  ProductListed: productListed,
  ProductDelisted: productOff,
  ProductSuspended: productOff,
  UsageAgreementSigned: usageAgreementSigned,
  UsageAgreementEnded: usageAgreementEnded,
  UsageRecorded: usageRecorded,
  PriceCapSet: priceFact('CAP'),
  PriceSet: priceFact('PRICE'),
  SettlementCompleted: settlementCompleted,
} as EventHandlers;
