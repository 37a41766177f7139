import type { SubgraphRuntime, UnitOfWork } from '@pdo/platform';
import { DEMO_AGREEMENTS, DEMO_ORGS, DEMO_PRODUCTS, DEMO_RESOURCES, DEMO_SCENARIOS, DEMO_USAGE_AGREEMENTS, demoEntitlementId, demoId, demoUsageRecords, resourceByKey, type DemoProduct } from '@pdo/demo';
import type { ProductsEvents } from '@pdo/events';
import { calendarOfProfile, resolveProfile } from '@pdo/policy';
import { registrationCode, validityOnCoding } from '@pdo/registration';
import type { InsertObject } from 'kysely';
import { insertDemoRows } from '../data/demo.js';
import { productFacts } from '../data/product-facts.js';
import type { DB } from '../data/tables.js';
import { COMPLIANCE_ITEMS } from '../domain/rules.js';
import { indexProduct } from './search-index.js';
import { addProductUsage } from '../data/products.js';
import { publishEntitlements, publishVersionChanged } from './delivery-events.js';
import { jsonb } from '../data/json.js';

/** When the demo products passed review, were listed and registered. */
const REVIEWED_AT = '2025-12-10T02:00:00Z';
const LISTED_AT = '2025-12-15T02:00:00Z';
const CODED_ON = '2026-01-20';
/** When licensing's seed suspends the Taizhou authorization (rectification). */
const SUSPENDED_AT = '2026-03-02T01:00:00Z';

const OUTPUTS: Record<DemoProduct['form'], { schema: { name: string; type: string; kind: string; descriptionZh: string }[]; sample: Record<string, unknown> }> = {
  API: { schema: [{ name: 'score', type: 'int', kind: 'SCORE', descriptionZh: '评分（0–1000）' }, { name: 'risk_level', type: 'string', kind: 'LABEL', descriptionZh: '风险等级' }], sample: { score: 712, risk_level: 'LOW' } },
  VERIFICATION: { schema: [{ name: 'matched', type: 'boolean', kind: 'FLAG', descriptionZh: '核验结果（是/否）' }], sample: { matched: true } },
  MODEL: { schema: [{ name: 'estimate_low', type: 'decimal', kind: 'DERIVED', descriptionZh: '估值下限' }, { name: 'estimate_high', type: 'decimal', kind: 'DERIVED', descriptionZh: '估值上限' }], sample: { estimate_low: '1250000', estimate_high: '1380000' } },
  REPORT: { schema: [{ name: 'period', type: 'string', kind: 'LABEL', descriptionZh: '统计期' }, { name: 'index_value', type: 'decimal', kind: 'AGGREGATE', descriptionZh: '指数值' }], sample: { period: '2026-09', index_value: '103.4' } },
  DATA_PACKAGE: { schema: [{ name: 'group', type: 'string', kind: 'LABEL', descriptionZh: '分组' }, { name: 'count', type: 'int', kind: 'AGGREGATE', descriptionZh: '数量（≥10 才发布）' }], sample: { group: '30-39岁', count: 1842 } },
  SERVICE: { schema: [{ name: 'result', type: 'string', kind: 'LABEL', descriptionZh: '服务结果' }], sample: { result: '建议复查' } },
};

/**
 * The products part of the demo world (issue #5 §10): projections of the licensing / catalog /
 * revenue facts built straight from the demo constants (same ids), the demo products reviewed,
 * registered and listed, the secondary developers' agreements, and ten months of usage — each
 * with the event other subgraphs expect, so revenue and evaluation projections fill.
 */
export async function seed(uow: UnitOfWork, _rt: SubgraphRuntime<any>): Promise<void> {
  const { tx, audit, publish } = uow;
  const asOf = '2025-01-01T00:00:00Z';
  const rows = <T extends keyof DB>(): InsertObject<DB, T>[] => [];
  await insertDemoRows(tx, 'agreement_projection', DEMO_AGREEMENTS.map((a) => ({
    id: a.id, agreement_number: a.number, jurisdiction: a.jurisdiction, operator_id: a.operatorId, status: a.status, start_date: a.startDate, end_date: a.endDate,
    resource_ids: a.resourceKeys.map((k) => resourceByKey(k).id), sectors: [...new Set(a.resourceKeys.map((k) => resourceByKey(k).sector))], as_of: null,
  })));
  // The operators' names on the listing (DataProduct.operator @provides); licensing's OrganizationRegistered, newer, wins.
  await insertDemoRows(tx, 'organization_projection', DEMO_ORGS.map((o) => ({ id: o.id, jurisdiction: o.jurisdiction, name_zh: o.nameZh, occurred_at: asOf })));
  await insertDemoRows(tx, 'resource_projection', DEMO_RESOURCES.map((r) => ({
    id: r.id, jurisdiction: r.jurisdiction, code: r.code, name_zh: r.nameZh, sector: r.sector, source_agency_id: r.agencyId, authorizable: r.openness !== 'PROHIBITED', openness: r.openness, status: 'ACTIVE', version: 0,
  })));
  await insertDemoRows(tx, 'scenario_projection', DEMO_SCENARIOS.map((s) => ({
    id: s.id, agreement_id: s.agreementId, operator_id: s.operatorId, jurisdiction: s.jurisdiction, name_zh: s.nameZh, category: s.category, resource_ids: s.resourceIds, status: 'APPROVED', as_of: asOf,
  })));
  // Same grant ids as licensing's seed, so its AccessGranted / AccessRevoked land on these rows.
  const grantId = (scenarioKey: string, resourceId: string) => demoId(`grant:${scenarioKey}:${resourceId}`);
  await insertDemoRows(tx, 'access_grant_projection', DEMO_SCENARIOS.flatMap((s) => {
    const ag = DEMO_AGREEMENTS.find((a) => a.id === s.agreementId)!;
    return s.resourceIds.map((rid) => ({
      id: grantId(s.key, rid), agreement_id: s.agreementId, scenario_id: s.id, operator_id: s.operatorId, resource_id: rid, jurisdiction: s.jurisdiction,
      status: ag.status === 'ACTIVE' ? 'ACTIVE' : 'PAUSED', expires_on: ag.endDate, as_of: asOf,
    }));
  }));

  const products = rows<'data_product'>();
  const versions = rows<'product_version'>();
  const reviews = rows<'compliance_review'>();
  const registrations = rows<'product_registration'>();
  const prices = rows<'price_projection'>();
  const holds = rows<'product_hold'>();
  const seqByJurisdiction = new Map<string, number>();
  for (const p of DEMO_PRODUCTS) {
    const ag = DEMO_AGREEMENTS.find((a) => a.id === p.agreementId)!;
    const suspended = ag.status === 'SUSPENDED';
    const out = OUTPUTS[p.form];
    products.push({
      id: p.id, code: p.code, jurisdiction: p.jurisdiction, operator_id: p.operatorId, agreement_id: p.agreementId, scenario_id: p.scenarioId, name: p.nameZh,
      description: p.descriptionZh, form: p.form, category: p.category, charging_unit: p.chargingUnit, listing_status: suspended ? 'SUSPENDED' : 'LISTED',
      listing_reason: suspended ? 'AGREEMENT_SUSPENDED: 整改 rectification' : null, listed_version: 1, listed_at: LISTED_AT, created_at: '2025-11-20T02:00:00Z', updated_at: '2025-11-20T02:00:00Z',
    });
    versions.push({
      product_id: p.id, version: 1, status: 'APPROVED', resource_ids: p.resourceIds, delivery_method: p.deliveryMethod ?? (p.form === 'DATA_PACKAGE' || p.form === 'REPORT' ? 'FILE_DELIVERY' : 'API_CALL'),
      output_schema: jsonb(out.schema), sample_outputs: jsonb([out.sample]), submitted_at: '2025-12-01T02:00:00Z', delivered_at: LISTED_AT, created_at: '2025-12-01T02:00:00Z',
    });
    reviews.push({
      id: demoId(`product-review:${p.key}`), product_id: p.id, version: 1, jurisdiction: p.jurisdiction, decision: 'APPROVED',
      checklist: jsonb(COMPLIANCE_ITEMS.map((item) => ({ item, result: 'PASS', evidence: `演示审核材料 ${p.code}/${item}` }))), reviewer_sub: 'system:seed', reviewed_at: REVIEWED_AT,
    });
    const profile = resolveProfile(p.jurisdiction);
    const cal = calendarOfProfile(profile);
    const seq = (seqByJurisdiction.get(p.jurisdiction) ?? 0) + 1;
    seqByJurisdiction.set(p.jurisdiction, seq);
    registrations.push({
      id: demoId(`product-registration:${p.key}`), product_id: p.id, version: 1, jurisdiction: p.jurisdiction, operator_id: p.operatorId, state: 'CODED',
      submitted_on: '2025-12-16', provided_on: '2025-12-15', accepted_on: '2025-12-18', notice_started_on: '2025-12-29', coded_on: CODED_ON,
      valid_until: validityOnCoding(profile, cal, CODED_ON, ag.endDate), agreement_end: ag.endDate, registration_code: registrationCode(p.jurisdiction, 'P', CODED_ON, seq),
    });
    if (p.category === 'PAID') {
      for (const [kind, fen] of [['CAP', p.capFen], ['PRICE', p.priceFen]] as const) {
        prices.push({ id: demoId(`product-price:${kind}:${p.key}`), kind, product_id: p.id, operator_id: p.operatorId, jurisdiction: p.jurisdiction, charging_unit: p.chargingUnit, amount_fen: String(fen), effective_from: '2025-12-01' });
      }
    }
    if (suspended) {
      // Held by the suspended authorization and by each of its paused grants: it resumes when licensing lifts them all.
      holds.push({ product_id: p.id, source: `AGREEMENT:${p.agreementId}`, kind: 'AGREEMENT_SUSPENDED', reason: 'AGREEMENT_SUSPENDED: 整改 rectification', since: SUSPENDED_AT });
      const scenario = DEMO_SCENARIOS.find((s) => s.id === p.scenarioId)!;
      for (const rid of p.resourceIds.filter((r) => scenario.resourceIds.includes(r))) {
        holds.push({ product_id: p.id, source: `GRANT:${grantId(scenario.key, rid)}`, kind: 'ACCESS_REVOKED', reason: 'ACCESS_REVOKED: PAUSED rectification', since: SUSPENDED_AT });
      }
    }
  }
  await insertDemoRows(tx, 'data_product', products);
  await insertDemoRows(tx, 'product_version', versions);
  await insertDemoRows(tx, 'compliance_review', reviews);
  await insertDemoRows(tx, 'product_registration', registrations);
  await insertDemoRows(tx, 'price_projection', prices);
  await insertDemoRows(tx, 'product_hold', holds);
  for (const p of DEMO_PRODUCTS) {
    await indexProduct(tx, p.id);
    audit({ entityType: 'DataProduct', entityId: p.id, action: 'SEEDED', changes: { code: p.code } });
  }
  const facts = await productFacts(tx, DEMO_PRODUCTS.map((p) => p.id));
  for (const p of DEMO_PRODUCTS) {
    const f = facts.get(p.id)!;
    await publish('ProductApproved', f satisfies ProductsEvents.ProductApproved, p.jurisdiction);
    await publishVersionChanged(uow, p.id, 1, 'APPROVED', REVIEWED_AT);
    await publish('ProductListed', { ...f, listedAt: LISTED_AT } satisfies ProductsEvents.ProductListed, p.jurisdiction);
    if (DEMO_AGREEMENTS.find((a) => a.id === p.agreementId)!.status === 'SUSPENDED') {
      await publish('ProductSuspended', { productId: p.id, jurisdiction: p.jurisdiction, operatorId: p.operatorId, reason: 'AGREEMENT_SUSPENDED: 整改 rectification', effectiveAt: SUSPENDED_AT } satisfies ProductsEvents.ProductSuspended, p.jurisdiction);
    }
  }

  const applications = rows<'usage_application'>();
  const agreements = rows<'usage_agreement'>();
  const entitlements = rows<'entitlement'>();
  const records = rows<'usage_record'>();
  const usageOfProduct = new Map<string, { units: number; records: number }>();
  const events: [name: 'UsageAgreementSigned' | 'UsageRecorded', payload: object, jurisdiction: string][] = [];
  for (const u of DEMO_USAGE_AGREEMENTS) {
    const p = DEMO_PRODUCTS.find((x) => x.id === u.productId)!;
    const appId = demoId(`usage-application:${u.key}`);
    const entId = demoEntitlementId(u);
    const terms = {
      revenueDistribution: p.category === 'FREE' ? '公益类产品，不收费 | Free (public welfare)' : `按 ${p.chargingUnit} 计费，单价 ${p.priceFen} 分，按季度结算`,
      securityTerms: '仅在约定场景内使用；不得尝试还原原始数据；留存调用日志',
      confidentialityTerms: '对产品输出及接口凭证保密，不得向第三方提供（JL §九）',
    };
    const purpose = `使用${p.nameZh}支撑自身业务`;
    const method = p.form === 'DATA_PACKAGE' ? '文件交付' : '接口调用';
    applications.push({
      id: appId, product_id: p.id, developer_id: u.developerId, operator_id: p.operatorId, jurisdiction: p.jurisdiction, purpose, scenario: '二级开发主体自有业务场景',
      scope: '本单位业务范围内', method, start_date: u.startDate, end_date: u.endDate, status: 'APPROVED',
      assessment: jsonb({ capabilityAdequate: true, needReasonable: true, scenarioCompliant: true, securityRisk: 'LOW', recommend: true, opinion: '具备能力，需求合理', assessedAt: '2025-12-20T02:00:00Z' }),
      proposed_terms: jsonb({ ...terms, quotaUnits: null }), usage_agreement_id: u.id, created_at: '2025-12-18T02:00:00Z', updated_at: '2025-12-26T02:00:00Z',
    });
    const signedAt = '2025-12-28T02:00:00Z';
    agreements.push({
      id: u.id, application_id: appId, product_id: p.id, developer_id: u.developerId, operator_id: p.operatorId, jurisdiction: p.jurisdiction, category: p.category, purpose,
      scope: '本单位业务范围内', method, start_date: u.startDate, end_date: u.endDate, revenue_distribution: terms.revenueDistribution, security_terms: terms.securityTerms,
      confidentiality_terms: terms.confidentialityTerms, status: 'SIGNED', operator_accepted_at: signedAt, developer_accepted_at: signedAt, signed_at: signedAt, created_at: signedAt,
    });
    const suspended = DEMO_AGREEMENTS.find((a) => a.id === p.agreementId)!.status === 'SUSPENDED';
    let total = 0;
    let count = 0;
    for (const r of demoUsageRecords(u)) {
      total += r.units;
      count++;
    }
    entitlements.push({
      id: entId, usage_agreement_id: u.id, product_id: p.id, developer_id: u.developerId, operator_id: p.operatorId, jurisdiction: p.jurisdiction,
      status: suspended ? 'PAUSED' : 'ACTIVE', pause_reason: suspended ? 'AGREEMENT_SUSPENDED' : null, start_date: u.startDate, end_date: u.endDate, used_units: String(total),
    });
    const before = usageOfProduct.get(p.id) ?? { units: 0, records: 0 };
    usageOfProduct.set(p.id, { units: before.units + total, records: before.records + count });
    events.push(['UsageAgreementSigned', { usageAgreementId: u.id, productId: p.id, developerId: u.developerId, operatorId: p.operatorId, jurisdiction: p.jurisdiction, startDate: u.startDate, endDate: u.endDate, category: p.category } satisfies ProductsEvents.UsageAgreementSigned, p.jurisdiction]);
    for (const r of demoUsageRecords(u)) {
      records.push({
        id: r.id, entitlement_id: entId, usage_agreement_id: u.id, product_id: p.id, developer_id: u.developerId, operator_id: p.operatorId, jurisdiction: p.jurisdiction,
        units: String(r.units), occurred_at: r.occurredAt, idempotency_key: r.idempotencyKey, content_hash: 'seed', recorded_at: r.occurredAt,
      });
      events.push(['UsageRecorded', { usageId: r.id, entitlementId: entId, usageAgreementId: u.id, productId: p.id, operatorId: p.operatorId, developerId: u.developerId, jurisdiction: p.jurisdiction, category: p.category, chargingUnit: p.chargingUnit, units: String(r.units), occurredAt: r.occurredAt } satisfies ProductsEvents.UsageRecorded, p.jurisdiction]);
    }
  }
  await insertDemoRows(tx, 'usage_application', applications);
  await insertDemoRows(tx, 'usage_agreement', agreements);
  await insertDemoRows(tx, 'entitlement', entitlements);
  await insertDemoRows(tx, 'usage_record', records);
  for (const [id, u] of usageOfProduct) await addProductUsage(tx, id, String(u.units), u.records);
  for (const [name, payload, jurisdiction] of events) await publish(name, payload, jurisdiction);
  await publishEntitlements(uow, entitlements.map((e) => e.id as string), '2025-12-28T02:00:00Z');
}
