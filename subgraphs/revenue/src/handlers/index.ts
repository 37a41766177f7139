import type { EntityManager } from '@mikro-orm/postgresql';
import { projectPolicyProfile, sql, type EventHandlers } from '@pdo/platform';
import type { EventEnvelope, EvaluationEvents, LicensingEvents, ProductsEvents } from '@pdo/events';
import { recordCharge } from '../data/charges.js';

/**
 * Local projections of other subgraphs' facts. Every handler is an upsert that tolerates
 * re-delivery and out-of-order arrival: a fact older than the one held is ignored.
 */
async function upsertProduct(em: EntityManager, p: ProductsEvents.ProductFacts, status: string, at: string): Promise<void> {
  const rows = await sql(
    em,
    `insert into product_view (id, jurisdiction, operator_id, agreement_id, code, name_zh, category, status, version, as_of)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
     on conflict (id) do update set jurisdiction = excluded.jurisdiction, operator_id = excluded.operator_id, agreement_id = excluded.agreement_id,
       code = excluded.code, name_zh = excluded.name_zh, category = excluded.category, status = excluded.status, version = excluded.version, as_of = excluded.as_of
     where product_view.version < excluded.version or (product_view.version = excluded.version and product_view.as_of <= excluded.as_of)
     returning id`,
    [p.productId, p.jurisdiction, p.operatorId, p.agreementId, p.productCode, p.nameZh, p.category, status, p.version, at],
  );
  if (rows.length === 0) return;
  await replaceResources(em, p.productId, p.resources);
}

export async function replaceResources(em: EntityManager, productId: string, resources: { resourceId: string; sourceAgencyId: string }[]): Promise<void> {
  await sql(em, `delete from product_resource where product_id = $1`, [productId]);
  if (resources.length === 0) return;
  await sql(
    em,
    `insert into product_resource (product_id, resource_id, source_agency_id, ordinal)
     select $1, r, a, o from unnest($2::uuid[], $3::uuid[]) with ordinality as t(r, a, o) on conflict do nothing`,
    [productId, resources.map((r) => r.resourceId), resources.map((r) => r.sourceAgencyId)],
  );
}

async function productStatus(em: EntityManager, e: ProductsEvents.ProductDelisted, status: string): Promise<void> {
  await sql(em, `update product_view set status = $2, as_of = $3 where id = $1 and as_of <= $3`, [e.productId, status, e.effectiveAt]);
}

async function upsertAgreement(em: EntityManager, a: { agreementId: string; jurisdiction: string; operatorId: string; status: string; endDate: string; startDate?: string; agreementNumber?: string }, at: string) {
  await sql(
    em,
    `insert into agreement_view (id, jurisdiction, operator_id, agreement_number, status, start_date, end_date, as_of)
     values ($1, $2, $3, $4, $5, $6::date, $7::date, $8)
     on conflict (id) do update set status = excluded.status, end_date = excluded.end_date, as_of = excluded.as_of,
       agreement_number = coalesce(excluded.agreement_number, agreement_view.agreement_number), start_date = coalesce(excluded.start_date, agreement_view.start_date)
     where agreement_view.as_of <= excluded.as_of`,
    [a.agreementId, a.jurisdiction, a.operatorId, a.agreementNumber ?? null, a.status, a.startDate ?? null, a.endDate, at],
  );
}

const agreementFacts = async (em: EntityManager, ev: EventEnvelope<LicensingEvents.AgreementFacts>) => upsertAgreement(em, ev.payload, ev.occurredAt);
const agreementStatus = async (em: EntityManager, ev: EventEnvelope<LicensingEvents.AgreementStatusChanged>) => upsertAgreement(em, ev.payload, ev.payload.effectiveAt);

export const handlers: EventHandlers = {
  /** The authority's profile edits (licensing): MAR markup limits, deviation band, revenue rights. */
  PolicyProfileChanged: (em, ev: EventEnvelope<LicensingEvents.PolicyProfileChanged>) => projectPolicyProfile(em, ev.payload, ev.occurredAt),
  ProductApproved: async (em, ev: EventEnvelope<ProductsEvents.ProductApproved>) => upsertProduct(em, ev.payload, 'APPROVED', ev.occurredAt),
  ProductListed: async (em, ev: EventEnvelope<ProductsEvents.ProductListed>) => upsertProduct(em, ev.payload, 'LISTED', ev.payload.listedAt ?? ev.occurredAt),
  ProductDelisted: async (em, ev: EventEnvelope<ProductsEvents.ProductDelisted>) => productStatus(em, ev.payload, 'DELISTED'),
  ProductSuspended: async (em, ev: EventEnvelope<ProductsEvents.ProductSuspended>) => productStatus(em, ev.payload, 'SUSPENDED'),
  UsageAgreementSigned: async (em, ev: EventEnvelope<ProductsEvents.UsageAgreementSigned>) => {
    const u = ev.payload;
    await sql(
      em,
      `insert into usage_agreement_view (id, product_id, developer_id, operator_id, jurisdiction, start_date, end_date, category, status, as_of)
       values ($1, $2, $3, $4, $5, $6::date, $7::date, $8, 'ACTIVE', $9)
       on conflict (id) do update set start_date = excluded.start_date, end_date = excluded.end_date, as_of = excluded.as_of
       where usage_agreement_view.as_of <= excluded.as_of and usage_agreement_view.status = 'ACTIVE'`,
      [u.usageAgreementId, u.productId, u.developerId, u.operatorId, u.jurisdiction, u.startDate, u.endDate, u.category, ev.occurredAt],
    );
  },
  UsageAgreementEnded: async (em, ev: EventEnvelope<ProductsEvents.UsageAgreementEnded>) => {
    const u = ev.payload;
    await sql(
      em,
      `insert into usage_agreement_view (id, product_id, developer_id, jurisdiction, status, as_of) values ($1, $2, $3, $4, 'ENDED', $5)
       on conflict (id) do update set status = 'ENDED', as_of = greatest(usage_agreement_view.as_of, excluded.as_of)`,
      [u.usageAgreementId, u.productId, u.developerId, u.jurisdiction, ev.occurredAt],
    );
  },
  UsageRecorded: async (em, ev: EventEnvelope<ProductsEvents.UsageRecorded>) => {
    await recordCharge(em, ev.payload);
  },
  AgreementSigned: agreementFacts,
  AgreementActivated: agreementFacts,
  AgreementRenewed: agreementFacts,
  AgreementSuspended: agreementStatus,
  AgreementReinstated: agreementStatus,
  AgreementTerminated: agreementStatus,
  AgreementExpired: agreementStatus,
  OrganizationRegistered: async (em, ev: EventEnvelope<LicensingEvents.OrganizationRegistered>) => {
    const o = ev.payload;
    await sql(
      em,
      `insert into org_view (id, jurisdiction, name_zh, kinds) values ($1, $2, $3, $4::text[])
       on conflict (id) do update set jurisdiction = excluded.jurisdiction, name_zh = excluded.name_zh, kinds = excluded.kinds`,
      [o.organizationId, o.jurisdiction, o.nameZh, o.kinds],
    );
  },
  ContributionAssessed: async (em, ev: EventEnvelope<EvaluationEvents.ContributionAssessed>) => {
    const c = ev.payload;
    if (c.scores.length === 0) return;
    await sql(
      em,
      `insert into contribution_score (assessment_id, jurisdiction, period_start, period_end, agency_id, score, received_at)
       select $1, $2, $3::date, $4::date, a, s::numeric, $7 from unnest($5::uuid[], $6::text[]) as t(a, s)
       on conflict do nothing`,
      [c.assessmentId, c.jurisdiction, c.periodStart, c.periodEnd, c.scores.map((s) => s.agencyId), c.scores.map((s) => s.score), ev.occurredAt],
    );
  },
};
