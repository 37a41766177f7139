import type { EntityManager } from '@mikro-orm/postgresql';
import type { EventEnvelope } from '@pdo/events';
import type { CatalogEvents, LicensingEvents, PlatformEvents, ProductsEvents, RevenueEvents } from '@pdo/events';
import { settlementShareColumns } from '@pdo/events';
import { sql, sqlOne, type EventHandlers } from '@pdo/platform';
import { formatYuan } from '@pdo/policy';
import { disclose, fact } from '../data/disclose.js';

/*
 * Local projections of what the other subgraphs decided. Each handler is an idempotent upsert that
 * tolerates re-delivery and out-of-order arrival (versions / effective instants guard overwrites),
 * and public facts are turned into disclosures as they arrive.
 */

type H<P> = (em: EntityManager, e: EventEnvelope<P>) => Promise<void>;

const meanQuality = (q: CatalogEvents.ResourceSnapshot['quality']) =>
  ((Number(q.completeness) + Number(q.consistency) + Number(q.accuracy) + Number(q.timeliness)) / 4).toFixed(3);

const resourceSnapshot: H<CatalogEvents.ResourceSnapshot> = async (em, e) => {
  const p = e.payload;
  await sql(
    em,
    `insert into resource_projection (id, jurisdiction, code, name_zh, sector, source_agency_id, record_count, quality, status, version, published_at, withdrawn_at)
     values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11, case when $9 = 'WITHDRAWN' then $11::timestamptz end)
     on conflict (id) do update set jurisdiction = excluded.jurisdiction, code = excluded.code, name_zh = excluded.name_zh, sector = excluded.sector,
       source_agency_id = excluded.source_agency_id, record_count = excluded.record_count, quality = excluded.quality, status = excluded.status,
       version = excluded.version, published_at = least(resource_projection.published_at, excluded.published_at),
       withdrawn_at = case when excluded.status = 'WITHDRAWN' then coalesce(resource_projection.withdrawn_at, excluded.withdrawn_at) else null end
     where resource_projection.version < excluded.version`,
    [p.resourceId, p.jurisdiction, p.code, p.nameZh, p.sector, p.sourceAgencyId, p.recordCount, meanQuality(p.quality), p.status, p.version, p.updatedAt ?? e.occurredAt],
  );
};

const resourceWithdrawn: H<CatalogEvents.ResourceWithdrawn> = async (em, e) => {
  const p = e.payload;
  await sql(em, `update resource_projection set status = 'WITHDRAWN', withdrawn_at = $2, version = $3 where id = $1 and version <= $3`, [p.resourceId, p.withdrawnAt, p.version]);
};

const registrationCoded: H<CatalogEvents.ResourceRegistrationCoded> = async (em, e) => {
  const p = e.payload;
  await sql(
    em,
    `insert into resource_registration_projection (registration_id, resource_id, jurisdiction, registration_code, state, coded_on) values ($1,$2,$3,$4,'CODED',$5)
     on conflict (registration_id) do update set registration_code = excluded.registration_code, coded_on = excluded.coded_on
       where resource_registration_projection.state = 'CODED'`,
    [p.registrationId, p.resourceId, p.jurisdiction, p.registrationCode, p.codedOn],
  );
};

const registrationCancelled: H<CatalogEvents.ResourceRegistrationCancelled> = async (em, e) => {
  const p = e.payload;
  // A cancellation is final: it wins whichever order the two events arrive in.
  await sql(
    em,
    `insert into resource_registration_projection (registration_id, resource_id, jurisdiction, state) values ($1,$2,$3,$4)
     on conflict (registration_id) do update set state = excluded.state`,
    [p.registrationId, p.resourceId, p.jurisdiction, p.state],
  );
};

const correctionAnswered: H<CatalogEvents.CorrectionAnswered> = async (em, e) => {
  const p = e.payload;
  await sql(
    em,
    `insert into correction_projection (correction_id, resource_id, source_agency_id, jurisdiction, raised_on, due_on, answered_on, on_time, outcome)
     values ($1,$2,$3,$4,$5,$6,$7,$8,$9) on conflict (correction_id) do nothing`,
    [p.correctionId, p.resourceId, p.sourceAgencyId, p.jurisdiction, p.raisedOn, p.dueOn, p.answeredOn, p.onTime, p.outcome],
  );
};

const organizationRegistered: H<LicensingEvents.OrganizationRegistered> = async (em, e) => {
  const p = e.payload;
  await sql(
    em,
    `insert into org_projection (id, jurisdiction, name_zh, kinds) values ($1,$2,$3,$4)
     on conflict (id) do update set jurisdiction = excluded.jurisdiction, name_zh = excluded.name_zh, kinds = excluded.kinds`,
    [p.organizationId, p.jurisdiction, p.nameZh, p.kinds],
  );
};

async function upsertAgreement(em: EntityManager, p: LicensingEvents.AgreementFacts, at: string): Promise<boolean> {
  const rows = await sql(
    em,
    `insert into agreement_projection (id, agreement_number, jurisdiction, operator_id, mode, status, start_date, end_date, resource_ids, sectors, status_at)
     values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11)
     on conflict (id) do update set agreement_number = excluded.agreement_number, mode = excluded.mode, status = excluded.status,
       start_date = excluded.start_date, end_date = excluded.end_date, resource_ids = excluded.resource_ids, sectors = excluded.sectors, status_at = excluded.status_at
     where agreement_projection.status_at <= excluded.status_at
     returning id`,
    [p.agreementId, p.agreementNumber, p.jurisdiction, p.operatorId, p.mode, p.status, p.startDate, p.endDate, p.resourceIds, p.sectors, at],
  );
  return rows.length > 0;
}

async function orgName(em: EntityManager, id: string): Promise<string> {
  const r = await sqlOne<{ name_zh: string }>(em, `select name_zh from org_projection where id = $1`, [id]);
  return r?.name_zh ?? id;
}

async function authorizationDisclosure(em: EntityManager, p: LicensingEvents.AgreementFacts, publishedAt: Date, key: string): Promise<void> {
  const names = await sql<{ name_zh: string }>(em, `select name_zh from resource_projection where id = any($1::uuid[]) order by code`, [p.resourceIds]);
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
      fact('resources', names.length ? names.map((n) => n.name_zh).join('、') : String(p.resourceIds.length)),
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
  const rows = await sql<{ agreement_number: string }>(
    em,
    `update agreement_projection set status = $2, end_date = $3, status_at = $4 where id = $1 and status_at <= $4 returning agreement_number`,
    [p.agreementId, p.status, p.endDate, p.effectiveAt],
  );
  // Ending is final and public whatever order the events arrive in (even before the signing).
  if (p.status === 'TERMINATED' || p.status === 'EXPIRED') {
    const number = rows[0]?.agreement_number ?? (await sqlOne<{ agreement_number: string }>(em, `select agreement_number from agreement_projection where id = $1`, [p.agreementId]))?.agreement_number ?? null;
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
  await sql(
    em,
    `insert into scenario_projection (id, agreement_id, operator_id, jurisdiction, name_zh, category, resource_ids, approved_at) values ($1,$2,$3,$4,$5,$6,$7,$8)
     on conflict (id) do update set name_zh = excluded.name_zh, category = excluded.category, resource_ids = excluded.resource_ids, approved_at = excluded.approved_at`,
    [p.scenarioId, p.agreementId, p.operatorId, p.jurisdiction, p.nameZh, p.category, p.resourceIds, p.approvedAt],
  );
};

async function upsertProduct(em: EntityManager, p: ProductsEvents.ProductFacts, status: string, at: string, listedAt: string | null): Promise<boolean> {
  const rows = await sql(
    em,
    `insert into product_projection (id, product_code, version, jurisdiction, operator_id, agreement_id, scenario_id, name_zh, form, category, status, listed_at, status_at)
     values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13)
     on conflict (id) do update set product_code = excluded.product_code, version = excluded.version, name_zh = excluded.name_zh, form = excluded.form,
       category = excluded.category, status = excluded.status, listed_at = coalesce(excluded.listed_at, product_projection.listed_at),
       delisted_at = case when excluded.status = 'LISTED' then null else product_projection.delisted_at end, status_at = excluded.status_at
     where product_projection.status_at <= excluded.status_at
     returning id`,
    [p.productId, p.productCode, p.version, p.jurisdiction, p.operatorId, p.agreementId, p.scenarioId, p.nameZh, p.form, p.category, status, listedAt, at],
  );
  if (rows.length === 0) return false;
  await sql(em, `delete from product_resource_projection where product_id = $1`, [p.productId]);
  if (p.resources.length) {
    await sql(
      em,
      `insert into product_resource_projection (product_id, resource_id, source_agency_id)
       select $1, r.resource_id, r.source_agency_id from unnest($2::uuid[], $3::uuid[]) as r(resource_id, source_agency_id) on conflict do nothing`,
      [p.productId, p.resources.map((r) => r.resourceId), p.resources.map((r) => r.sourceAgencyId)],
    );
  }
  return true;
}

const productApproved: H<ProductsEvents.ProductApproved> = async (em, e) => {
  // Approval alone is not public; keep the facts so a later listing or usage can refer to them.
  const exists = await sqlOne(em, `select 1 from product_projection where id = $1`, [e.payload.productId]);
  if (!exists) await upsertProduct(em, e.payload, 'APPROVED', e.occurredAt, null);
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
  const rows = await sql<{ name_zh: string; product_code: string }>(
    em,
    `update product_projection set status = $2, delisted_at = $3, status_at = $3 where id = $1 and status_at <= $3 returning name_zh, product_code`,
    [p.productId, status, p.effectiveAt],
  );
  if (status === 'DELISTED' && rows[0]) {
    await disclose(em, {
      dedupeKey: `PRODUCT_DELISTED:${p.productId}:${p.effectiveAt}`,
      jurisdiction: p.jurisdiction,
      kind: 'PRODUCT_DELISTED',
      title: `产品摘牌：${rows[0].name_zh}（${rows[0].product_code}）`,
      subjectId: p.productId,
      rule: 'NS Art 19',
      facts: [fact('productCode', rows[0].product_code), fact('name', rows[0].name_zh), fact('effectiveAt', p.effectiveAt)],
      publishedAt: new Date(p.effectiveAt),
    });
  }
};

const usageAgreementSigned: H<ProductsEvents.UsageAgreementSigned> = async (em, e) => {
  const p = e.payload;
  await sql(
    em,
    `insert into usage_agreement_projection (id, product_id, developer_id, operator_id, jurisdiction, start_date, end_date, category) values ($1,$2,$3,$4,$5,$6,$7,$8)
     on conflict (id) do nothing`,
    [p.usageAgreementId, p.productId, p.developerId, p.operatorId, p.jurisdiction, p.startDate, p.endDate, p.category],
  );
};

const usageAgreementEnded: H<ProductsEvents.UsageAgreementEnded> = async (em, e) => {
  await sql(em, `update usage_agreement_projection set ended = true where id = $1`, [e.payload.usageAgreementId]);
};

const usageRecorded: H<ProductsEvents.UsageRecorded> = async (em, e) => {
  const p = e.payload;
  await sql(
    em,
    `insert into usage_projection (usage_id, product_id, operator_id, developer_id, jurisdiction, units, occurred_at) values ($1,$2,$3,$4,$5,$6,$7)
     on conflict (usage_id) do nothing`,
    [p.usageId, p.productId, p.operatorId, p.developerId, p.jurisdiction, p.units, p.occurredAt],
  );
};

const priceFact =
  (kind: 'CAP' | 'PRICE'): H<RevenueEvents.PriceSet & RevenueEvents.PriceCapSet> =>
  async (em, e) => {
    const p = e.payload;
    const id = kind === 'CAP' ? p.capId : p.priceId;
    const fen = kind === 'CAP' ? p.capFen : p.priceFen;
    await sql(
      em,
      `insert into price_projection (id, kind, product_id, operator_id, jurisdiction, charging_unit, amount_fen, effective_from) values ($1,$2,$3,$4,$5,$6,$7,$8)
       on conflict (id) do nothing`,
      [id, kind, p.productId, p.operatorId, p.jurisdiction, p.chargingUnit, fen, p.effectiveFrom],
    );
    const prod = await sqlOne<{ name_zh: string; product_code: string }>(em, `select name_zh, product_code from product_projection where id = $1`, [p.productId]);
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
  const s = settlementShareColumns(p);
  if (s.amountFen.length === 0) return;
  await sql(
    em,
    `insert into settlement_share_projection (settlement_id, jurisdiction, period_start, period_end, party_id, party_kind, product_id, amount_fen)
     select $1, $2, $3, $4, s.party_id, s.party_kind, s.product_id, s.amount_fen
       from unnest($5::text[], $6::text[], $7::uuid[], $8::bigint[]) as s(party_id, party_kind, product_id, amount_fen)
     on conflict do nothing`,
    [p.settlementId, p.jurisdiction, p.periodStart, p.periodEnd, s.partyId, s.partyKind, s.productId, s.amountFen],
  );
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
