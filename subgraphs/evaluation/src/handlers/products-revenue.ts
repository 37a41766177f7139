import type { PlatformEvents, ProductsEvents, RevenueEvents } from '@pdo/events';
import { settlementShareColumns } from '@pdo/events';
import type { Em } from '@pdo/platform';
import { formatYuan } from '@pdo/policy';
import { disclose, fact } from '../data/disclosures.js';
import { orgName } from '../data/projections.js';
import * as products from '../data/product-projections.js';
import type { H } from './handler.js';

/* Products' listings, usage agreements and usage, revenue's prices and settlements, the platform's audit checkpoints (see index.ts). */

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

export const productApproved: H<ProductsEvents.ProductApproved> = async (em, e) => {
  // Approval alone is not public; keep the facts so a later listing or usage can refer to them.
  if (!(await products.productKnown(em, e.payload.productId))) await upsertProduct(em, e.payload, 'APPROVED', e.occurredAt, null);
};

export const productListed: H<ProductsEvents.ProductListed> = async (em, e) => {
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

export const productOff: H<ProductsEvents.ProductDelisted> = async (em, e) => {
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

export const usageAgreementSigned: H<ProductsEvents.UsageAgreementSigned> = async (em, e) => {
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

export const usageAgreementEnded: H<ProductsEvents.UsageAgreementEnded> = async (em, e) => {
  await products.endUsageAgreement(em, e.payload.usageAgreementId);
};

export const usageRecorded: H<ProductsEvents.UsageRecorded> = async (em, e) => {
  const p = e.payload;
  await products.insertUsage(em, { usageId: p.usageId, productId: p.productId, operatorId: p.operatorId, developerId: p.developerId, jurisdiction: p.jurisdiction, units: p.units, occurredAt: p.occurredAt });
};

/** A batch of metered usage (UsagesRecorded): the same projection rows, in one statement per thousand. */
export const usagesRecorded: H<ProductsEvents.UsagesRecorded> = async (em, e) => {
  await products.insertUsages(em, e.payload.usages);
};

export const priceFact =
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

export const settlementCompleted: H<RevenueEvents.SettlementCompleted | RevenueEvents.SettlementCompletedV1> = async (em, e) => {
  const p = e.payload;
  await products.insertSettlementShares(em, { settlementId: p.settlementId, jurisdiction: p.jurisdiction, periodStart: p.periodStart, periodEnd: p.periodEnd }, settlementShareColumns(p));
};

/**
 * A signed checkpoint of a subgraph's audit chain goes to the public feed with everything an
 * outsider needs to hold and check it (SECURITY.md). Keyed by subgraph, seq and signature, so a
 * redelivery leaves one entry.
 */
export const auditCheckpointSigned: H<PlatformEvents.AuditCheckpointSigned> = async (em, e) => {
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
