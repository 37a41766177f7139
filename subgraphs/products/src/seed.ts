import { sql, type SubgraphRuntime, type UnitOfWork } from '@pdo/platform';
import { DEMO_AGREEMENTS, DEMO_PRODUCTS, DEMO_RESOURCES, DEMO_SCENARIOS, DEMO_USAGE_AGREEMENTS, demoEntitlementId, demoId, demoUsageRecords, resourceByKey, type DemoProduct } from '@pdo/demo';
import type { ProductsEvents } from '@pdo/events';
import { calendarOfProfile, resolveProfile } from '@pdo/policy';
import { registrationCode, validityOnCoding } from '@pdo/registration';
import { productFacts } from './data/product-facts.js';
import { indexProduct } from './domain/products-service.js';
import { COMPLIANCE_ITEMS } from './domain/rules.js';
import { publishEntitlements, publishVersionChanged } from './data/delivery-events.js';

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
export async function seed({ tx, audit, publish }: UnitOfWork, _rt: SubgraphRuntime<any>): Promise<void> {
  const asOf = '2025-01-01T00:00:00Z';
  for (const a of DEMO_AGREEMENTS) {
    const ids = a.resourceKeys.map((k) => resourceByKey(k).id);
    const sectors = [...new Set(a.resourceKeys.map((k) => resourceByKey(k).sector))];
    await sql(
      tx,
      `insert into agreement_view (id, agreement_number, jurisdiction, operator_id, status, start_date, end_date, resource_ids, sectors, as_of)
       values ($1, $2, $3, $4, $5, $6::date, $7::date, $8::uuid[], $9::text[], $10) on conflict (id) do nothing`,
      [a.id, a.number, a.jurisdiction, a.operatorId, a.status, a.startDate, a.endDate, ids, sectors, null],
    );
  }
  for (const r of DEMO_RESOURCES) {
    await sql(
      tx,
      `insert into resource_view (id, jurisdiction, code, name_zh, sector, source_agency_id, authorizable, status, version)
       values ($1, $2, $3, $4, $5, $6, $7, 'ACTIVE', 0) on conflict (id) do nothing`,
      [r.id, r.jurisdiction, r.code, r.nameZh, r.sector, r.agencyId, r.openness !== 'PROHIBITED'],
    );
  }
  for (const s of DEMO_SCENARIOS) {
    const ag = DEMO_AGREEMENTS.find((a) => a.id === s.agreementId)!;
    await sql(
      tx,
      `insert into scenario_view (id, agreement_id, operator_id, jurisdiction, name_zh, category, resource_ids, status, as_of)
       values ($1, $2, $3, $4, $5, $6, $7::uuid[], 'APPROVED', $8) on conflict (id) do nothing`,
      [s.id, s.agreementId, s.operatorId, s.jurisdiction, s.nameZh, s.category, s.resourceIds, asOf],
    );
    // Same grant ids as licensing's seed, so its AccessGranted / AccessRevoked land on these rows.
    for (const rid of s.resourceIds) {
      await sql(
        tx,
        `insert into access_grant_view (id, agreement_id, scenario_id, operator_id, resource_id, jurisdiction, status, expires_on, as_of)
         values ($1, $2, $3, $4, $5, $6, $7, $8::date, $9) on conflict (id) do nothing`,
        [demoId(`grant:${s.key}:${rid}`), s.agreementId, s.id, s.operatorId, rid, s.jurisdiction, ag.status === 'ACTIVE' ? 'ACTIVE' : 'PAUSED', ag.endDate, asOf],
      );
    }
  }

  const seqByJurisdiction = new Map<string, number>();
  for (const p of DEMO_PRODUCTS) {
    const ag = DEMO_AGREEMENTS.find((a) => a.id === p.agreementId)!;
    const suspended = ag.status === 'SUSPENDED';
    const out = OUTPUTS[p.form];
    await sql(
      tx,
      `insert into data_product (id, code, jurisdiction, operator_id, agreement_id, scenario_id, name, description, form, category, charging_unit,
         listing_status, listing_reason, listed_version, listed_at, created_at, updated_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, 1, $14, $15, $15)`,
      [p.id, p.code, p.jurisdiction, p.operatorId, p.agreementId, p.scenarioId, p.nameZh, p.descriptionZh, p.form, p.category, p.chargingUnit,
        suspended ? 'SUSPENDED' : 'LISTED', suspended ? 'AGREEMENT_SUSPENDED: 整改 rectification' : null, LISTED_AT, '2025-11-20T02:00:00Z'],
    );
    await sql(
      tx,
      `insert into product_version (product_id, version, status, resource_ids, delivery_method, output_schema, sample_outputs, submitted_at, delivered_at, created_at)
       values ($1, 1, 'APPROVED', $2::uuid[], $3, $4::jsonb, $5::jsonb, $6, $7, $6)`,
      [p.id, p.resourceIds, p.form === 'DATA_PACKAGE' || p.form === 'REPORT' ? 'FILE_DELIVERY' : 'API_CALL', JSON.stringify(out.schema), JSON.stringify([out.sample]), '2025-12-01T02:00:00Z', LISTED_AT],
    );
    await sql(
      tx,
      `insert into compliance_review (id, product_id, version, jurisdiction, decision, checklist, reviewer_sub, reviewed_at)
       values ($1, $2, 1, $3, 'APPROVED', $4::jsonb, 'system:seed', $5)`,
      [demoId(`product-review:${p.key}`), p.id, p.jurisdiction, JSON.stringify(COMPLIANCE_ITEMS.map((item) => ({ item, result: 'PASS', evidence: `演示审核材料 ${p.code}/${item}` }))), REVIEWED_AT],
    );
    const profile = resolveProfile(p.jurisdiction);
    const cal = calendarOfProfile(profile);
    const seq = (seqByJurisdiction.get(p.jurisdiction) ?? 0) + 1;
    seqByJurisdiction.set(p.jurisdiction, seq);
    await sql(
      tx,
      `insert into product_registration (id, product_id, version, jurisdiction, operator_id, state, submitted_on, provided_on, accepted_on, notice_started_on, coded_on, valid_until, agreement_end, registration_code)
       values ($1, $2, 1, $3, $4, 'CODED', '2025-12-16', '2025-12-15', '2025-12-18', '2025-12-29', $5::date, $6::date, $7::date, $8)`,
      [demoId(`product-registration:${p.key}`), p.id, p.jurisdiction, p.operatorId, CODED_ON, validityOnCoding(profile, cal, CODED_ON, ag.endDate), ag.endDate, registrationCode(p.jurisdiction, 'P', CODED_ON, seq)],
    );
    if (p.category === 'PAID') {
      for (const [kind, fen] of [['CAP', p.capFen], ['PRICE', p.priceFen]] as const) {
        await sql(
          tx,
          `insert into price_view (id, kind, product_id, operator_id, jurisdiction, charging_unit, amount_fen, effective_from) values ($1, $2, $3, $4, $5, $6, $7, '2025-12-01')`,
          [demoId(`product-price:${kind}:${p.key}`), kind, p.id, p.operatorId, p.jurisdiction, p.chargingUnit, fen],
        );
      }
    }
    if (suspended) {
      // Held by the suspended authorization and by each of its paused grants: it resumes when licensing lifts them all.
      await sql(
        tx,
        `insert into product_hold (product_id, source, kind, reason, since) values ($1::uuid, $2::text, 'AGREEMENT_SUSPENDED', 'AGREEMENT_SUSPENDED: 整改 rectification', $4::timestamptz)
         union all select $1::uuid, 'GRANT:' || g.id, 'ACCESS_REVOKED', 'ACCESS_REVOKED: PAUSED rectification', $4::timestamptz
           from access_grant_view g where g.scenario_id = $3 and g.resource_id = any($5::uuid[])`,
        [p.id, `AGREEMENT:${p.agreementId}`, p.scenarioId, SUSPENDED_AT, p.resourceIds],
      );
    }
    await indexProduct(tx, p.id);
    audit({ entityType: 'DataProduct', entityId: p.id, action: 'SEEDED', changes: { code: p.code } });
  }
  const facts = await productFacts(tx, DEMO_PRODUCTS.map((p) => p.id));
  for (const p of DEMO_PRODUCTS) {
    const f = facts.get(p.id)!;
    await publish('ProductApproved', f satisfies ProductsEvents.ProductApproved, p.jurisdiction);
    await publishVersionChanged(tx, p.id, 1, 'APPROVED', REVIEWED_AT, publish);
    await publish('ProductListed', { ...f, listedAt: LISTED_AT } satisfies ProductsEvents.ProductListed, p.jurisdiction);
    if (DEMO_AGREEMENTS.find((a) => a.id === p.agreementId)!.status === 'SUSPENDED') {
      await publish('ProductSuspended', { productId: p.id, jurisdiction: p.jurisdiction, operatorId: p.operatorId, reason: 'AGREEMENT_SUSPENDED: 整改 rectification', effectiveAt: SUSPENDED_AT } satisfies ProductsEvents.ProductSuspended, p.jurisdiction);
    }
  }

  for (const u of DEMO_USAGE_AGREEMENTS) {
    const p = DEMO_PRODUCTS.find((x) => x.id === u.productId)!;
    const appId = demoId(`usage-application:${u.key}`);
    const entId = demoEntitlementId(u);
    const terms = {
      revenueDistribution: p.category === 'FREE' ? '公益类产品，不收费 | Free (public welfare)' : `按 ${p.chargingUnit} 计费，单价 ${p.priceFen} 分，按季度结算`,
      securityTerms: '仅在约定场景内使用；不得尝试还原原始数据；留存调用日志',
      confidentialityTerms: '对产品输出及接口凭证保密，不得向第三方提供（JL §九）',
    };
    await sql(
      tx,
      `insert into usage_application (id, product_id, developer_id, operator_id, jurisdiction, purpose, scenario, scope, method, start_date, end_date, status, assessment, proposed_terms, usage_agreement_id, created_at, updated_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::date, $11::date, 'APPROVED', $12::jsonb, $13::jsonb, $14, '2025-12-18T02:00:00Z', '2025-12-26T02:00:00Z')`,
      [appId, p.id, u.developerId, p.operatorId, p.jurisdiction, `使用${p.nameZh}支撑自身业务`, '二级开发主体自有业务场景', '本单位业务范围内', p.form === 'DATA_PACKAGE' ? '文件交付' : '接口调用', u.startDate, u.endDate,
        JSON.stringify({ capabilityAdequate: true, needReasonable: true, scenarioCompliant: true, securityRisk: 'LOW', recommend: true, opinion: '具备能力，需求合理', assessedAt: '2025-12-20T02:00:00Z' }), JSON.stringify({ ...terms, quotaUnits: null }), u.id],
    );
    await sql(
      tx,
      `insert into usage_agreement (id, application_id, product_id, developer_id, operator_id, jurisdiction, category, purpose, scope, method, start_date, end_date,
         revenue_distribution, security_terms, confidentiality_terms, status, operator_accepted_at, developer_accepted_at, signed_at, created_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, '本单位业务范围内', $9, $10::date, $11::date, $12, $13, $14, 'SIGNED', $15, $15, $15, $15)`,
      [u.id, appId, p.id, u.developerId, p.operatorId, p.jurisdiction, p.category, `使用${p.nameZh}支撑自身业务`, p.form === 'DATA_PACKAGE' ? '文件交付' : '接口调用', u.startDate, u.endDate, terms.revenueDistribution, terms.securityTerms, terms.confidentialityTerms, '2025-12-28T02:00:00Z'],
    );
    const suspended = DEMO_AGREEMENTS.find((a) => a.id === p.agreementId)!.status === 'SUSPENDED';
    await sql(
      tx,
      `insert into entitlement (id, usage_agreement_id, product_id, developer_id, operator_id, jurisdiction, status, pause_reason, start_date, end_date)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9::date, $10::date)`,
      [entId, u.id, p.id, u.developerId, p.operatorId, p.jurisdiction, suspended ? 'PAUSED' : 'ACTIVE', suspended ? 'AGREEMENT_SUSPENDED' : null, u.startDate, u.endDate],
    );
    await publishEntitlements(tx, [entId], '2025-12-28T02:00:00Z', publish);
    await publish('UsageAgreementSigned', { usageAgreementId: u.id, productId: p.id, developerId: u.developerId, operatorId: p.operatorId, jurisdiction: p.jurisdiction, startDate: u.startDate, endDate: u.endDate, category: p.category } satisfies ProductsEvents.UsageAgreementSigned, p.jurisdiction);
    let total = 0;
    for (const r of demoUsageRecords(u)) {
      total += r.units;
      await sql(
        tx,
        `insert into usage_record (id, entitlement_id, usage_agreement_id, product_id, developer_id, operator_id, jurisdiction, units, occurred_at, idempotency_key, content_hash, recorded_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'seed', $9)`,
        [r.id, entId, u.id, p.id, u.developerId, p.operatorId, p.jurisdiction, r.units, r.occurredAt, r.idempotencyKey],
      );
      await publish(
        'UsageRecorded',
        { usageId: r.id, entitlementId: entId, usageAgreementId: u.id, productId: p.id, operatorId: p.operatorId, developerId: u.developerId, jurisdiction: p.jurisdiction, category: p.category, chargingUnit: p.chargingUnit, units: String(r.units), occurredAt: r.occurredAt } satisfies ProductsEvents.UsageRecorded,
        p.jurisdiction,
      );
    }
    await sql(tx, `update entitlement set used_units = $2 where id = $1`, [entId, total]);
    await sql(tx, `update data_product set usage_units = usage_units + $2 where id = $1`, [p.id, total]);
  }
}
