import { sql, type Identity, type SubgraphRuntime, type UnitOfWork } from '@pdo/platform';
import { DEMO_AGREEMENTS, DEMO_ORGS, DEMO_PRODUCTS, DEMO_RESOURCES, DEMO_SETTLED_PERIOD, DEMO_USAGE_AGREEMENTS, demoId, demoUsageRecords, orgByKey } from '@pdo/demo';
import { Decimal, ILLUSTRATIVE_BOND_YIELD_10Y_AVERAGE, JURISDICTIONS } from '@pdo/policy';
import { computeMar } from './domain/rules.js';
import { profileOf } from './data/profile.js';
import { bondYieldInForce } from './data/bond-yields.js';
import { replaceResources } from './handlers/index.js';
import { recordCharge } from './data/charges.js';
import { progressOn, settle } from './data/settlement.js';
import type { RevenueEvents } from '@pdo/events';

export const demoCostSurveyId = (jurisdiction: string) => demoId(`cost-survey:${jurisdiction}:2026`);
export const demoSettlementId = (jurisdiction: string) => demoId(`settlement:${jurisdiction}:${DEMO_SETTLED_PERIOD.start}`);

/**
 * Revenue's part of the demo world: projections from the demo constants, a 2026 cost survey and
 * MAR per operator (bond yield of 2025), caps within it and prices at the demo figures, the
 * distribution plans, one charge per demo usage record, and 2026 Q3 settled for every
 * jurisdiction with paid usage.
 */
export async function seed(uow: UnitOfWork, _rt: SubgraphRuntime<any>): Promise<void> {
  const { tx } = uow;
  const asOf = '2025-01-01T00:00:00Z';
  for (const o of DEMO_ORGS) {
    await sql(tx, `insert into org_view (id, jurisdiction, name_zh, kinds) values ($1, $2, $3, $4::text[]) on conflict do nothing`, [o.id, o.jurisdiction, o.nameZh, o.kinds]);
  }
  for (const a of DEMO_AGREEMENTS) {
    await sql(
      tx,
      `insert into agreement_view (id, jurisdiction, operator_id, agreement_number, status, start_date, end_date, as_of) values ($1, $2, $3, $4, $5, $6::date, $7::date, $8) on conflict do nothing`,
      [a.id, a.jurisdiction, a.operatorId, a.number, a.status, a.startDate, a.endDate, asOf],
    );
  }
  for (const p of DEMO_PRODUCTS) {
    await sql(
      tx,
      `insert into product_view (id, jurisdiction, operator_id, agreement_id, code, name_zh, category, status, version, as_of) values ($1, $2, $3, $4, $5, $6, $7, 'LISTED', 1, $8) on conflict do nothing`,
      [p.id, p.jurisdiction, p.operatorId, p.agreementId, p.code, p.nameZh, p.category, asOf],
    );
    await replaceResources(tx, p.id, p.resourceIds.map((rid) => ({ resourceId: rid, sourceAgencyId: DEMO_RESOURCES.find((r) => r.id === rid)!.agencyId })));
  }
  for (const u of DEMO_USAGE_AGREEMENTS) {
    const p = DEMO_PRODUCTS.find((x) => x.id === u.productId)!;
    await sql(
      tx,
      `insert into usage_agreement_view (id, product_id, developer_id, operator_id, jurisdiction, start_date, end_date, category, status, as_of) values ($1, $2, $3, $4, $5, $6::date, $7::date, $8, 'ACTIVE', $9) on conflict do nothing`,
      [u.id, p.id, u.developerId, p.operatorId, p.jurisdiction, u.startDate, u.endDate, p.category, asOf],
    );
  }

  // The illustrative 2023–2025 bond yields, marked as such: an authority loads the real figures.
  for (const j of JURISDICTIONS) {
    for (const [year, b] of Object.entries(ILLUSTRATIVE_BOND_YIELD_10Y_AVERAGE)) {
      await sql(
        tx,
        `insert into bond_yield (id, jurisdiction, year, version, yield_percent, source_document, illustrative, loaded_by) values ($1, $2, $3, 1, $4::numeric, $5, true, 'system:seed') on conflict do nothing`,
        [demoId(`bond-yield:${j.code}:${year}`), j.code, Number(year), b.value, `示意数据，非官方 | ${b.source}`],
      );
    }
  }

  // Cost surveys: costs sized so the demo caps × a year of forecast sit inside the MAR.
  const monthly = new Map(DEMO_USAGE_AGREEMENTS.map((u) => [u.productId, u.monthlyUnits]));
  for (const ag of DEMO_AGREEMENTS) {
    const products = DEMO_PRODUCTS.filter((p) => p.agreementId === ag.id);
    const forecast = (p: (typeof products)[number]) => BigInt((monthly.get(p.id) ?? 100) * 12);
    const capTotal = products.reduce((a, p) => a + BigInt(p.capFen) * forecast(p), 0n);
    const base = capTotal > 100_000_000n ? capTotal : 100_000_000n; // at least 1,000,000 yuan of cost
    const items = { platform: (base * 35n) / 100n, dataHandling: (base * 20n) / 100n, personnel: (base * 30n) / 100n, dataAcquisition: (base * 10n) / 100n, periodExpenses: (base * 5n) / 100n };
    const subsidies = base / 50n;
    const taxes = base / 20n;
    const profile = await profileOf(tx, ag.jurisdiction);
    const markup = profile.pricing.value.markupFixed ? profile.pricing.value.maxMarkupPp : '5';
    const mar = computeMar({ profile, bondYield: await bondYieldInForce(tx, ag.jurisdiction, 2025), surveyYear: 2026, costItemsFen: items, subsidiesFen: subsidies, taxesFen: taxes, markupPp: Decimal.parse(markup), carryInFen: 0n, spreadCycles: 1 });
    const surveyId = demoCostSurveyId(ag.jurisdiction);
    await sql(
      tx,
      `insert into cost_survey (id, jurisdiction, operator_id, name, period_start, period_end, survey_year, platform_fen, data_handling_fen, personnel_fen,
         data_acquisition_fen, period_expenses_fen, subsidies_fen, taxes_fen, bond_year, bond_yield_percent, bond_yield_source, markup_pp, rate_percent,
         operating_cost_fen, permitted_profit_fen, mar_fen, effective_mar_fen, working, policy_source, created_by)
       values ($1,$2,$3,$4,'2026-01-01','2026-12-31',2026,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$19,$20::jsonb,$21,'system:seed')`,
      [surveyId, ag.jurisdiction, ag.operatorId, `${orgByKey(DEMO_ORGS.find((o) => o.id === ag.operatorId)!.key).nameZh} 2026年度成本调查`,
        items.platform.toString(), items.dataHandling.toString(), items.personnel.toString(), items.dataAcquisition.toString(), items.periodExpenses.toString(),
        subsidies.toString(), taxes.toString(), mar.bondYear, mar.bondYieldPercent, mar.bondYieldSource, markup, mar.ratePercent,
        mar.operatingCostFen.toString(), mar.permittedProfitFen.toString(), mar.marFen.toString(), JSON.stringify(mar.working), mar.policySource],
    );
    for (const p of products) {
      const capId = demoId(`price-cap:${p.key}:2026`);
      await sql(
        tx,
        `insert into price_cap (id, cost_survey_id, product_id, operator_id, jurisdiction, charging_unit, cap_fen, forecast_units, effective_from, created_by) values ($1,$2,$3,$4,$5,$6,$7,$8,'2026-01-01','system:seed')`,
        [capId, surveyId, p.id, p.operatorId, p.jurisdiction, p.chargingUnit, String(p.capFen), forecast(p).toString()],
      );
      await sql(
        tx,
        `insert into price (id, product_id, operator_id, jurisdiction, charging_unit, price_fen, cap_id, effective_from, version, created_by) values ($1,$2,$3,$4,$5,$6,$7,'2026-01-01',1,'system:seed')`,
        [demoId(`price:${p.key}:2026`), p.id, p.operatorId, p.jurisdiction, p.chargingUnit, String(p.priceFen), capId],
      );
      // Products shows listing prices from these, exactly as for caps and prices set through the API.
      await uow.publish('PriceCapSet', { capId, productId: p.id, operatorId: p.operatorId, jurisdiction: p.jurisdiction, chargingUnit: p.chargingUnit, capFen: String(p.capFen), effectiveFrom: '2026-01-01' } satisfies RevenueEvents.PriceCapSet, p.jurisdiction);
      await uow.publish('PriceSet', { priceId: demoId(`price:${p.key}:2026`), productId: p.id, operatorId: p.operatorId, jurisdiction: p.jurisdiction, chargingUnit: p.chargingUnit, priceFen: String(p.priceFen), effectiveFrom: '2026-01-01' } satisfies RevenueEvents.PriceSet, p.jurisdiction);
    }
    // 收益分配方案: no percentage is fixed by policy; these are the demo agreements' terms.
    const parties: [string, string | null, string][] = [['OPERATOR', ag.operatorId, '60'], ['SOURCE_AGENCIES', null, '30']];
    if (profile.revenueRightForJurisdiction.value) parties.push(['JURISDICTION', ag.jurisdiction, '5']);
    if (ag.jurisdiction === 'HN') parties.push(['SERVICE_PROVIDER', orgByKey('svc-cloud').id, '5']);
    if (!profile.revenueRightForJurisdiction.value && ag.jurisdiction !== 'HN') parties[0]![2] = '70';
    const planId = demoId(`distribution-plan:${ag.key}`);
    await sql(tx, `insert into distribution_plan (id, agreement_id, product_id, jurisdiction, version, source_basis, created_by) values ($1, $2, null, $3, 1, 'CONTRIBUTION', 'system:seed')`, [planId, ag.id, ag.jurisdiction]);
    for (const [i, [kind, partyId, weight]] of parties.entries()) {
      await sql(tx, `insert into distribution_plan_party (plan_id, ordinal, party_kind, party_id, weight) values ($1, $2, $3, $4, $5)`, [planId, i + 1, kind, partyId, weight]);
    }
  }

  // One charge per demo usage record (same ids as the products seed: its events then find them and do nothing).
  for (const u of DEMO_USAGE_AGREEMENTS) {
    const p = DEMO_PRODUCTS.find((x) => x.id === u.productId)!;
    for (const r of demoUsageRecords(u)) {
      await recordCharge(tx, {
        usageId: r.id,
        entitlementId: r.entitlementId,
        usageAgreementId: u.id,
        productId: p.id,
        operatorId: p.operatorId,
        developerId: u.developerId,
        jurisdiction: p.jurisdiction,
        category: p.category,
        chargingUnit: p.chargingUnit,
        units: String(r.units),
        occurredAt: r.occurredAt,
      });
    }
  }

  const system: Identity = { sub: 'system:seed', role: 'FINANCE', org: null, jurisdiction: null };
  const withUsage = [...new Set(DEMO_USAGE_AGREEMENTS.map((u) => DEMO_PRODUCTS.find((p) => p.id === u.productId)!.jurisdiction))].sort();
  for (const j of withUsage) {
    const id = demoSettlementId(j);
    await sql(tx, `insert into settlement (id, jurisdiction, period_start, period_end, status, created_by, started_at) values ($1, $2, $3::date, $4::date, 'RUNNING', 'system:seed', '2026-10-08T02:00:00Z')`, [id, j, DEMO_SETTLED_PERIOD.start, DEMO_SETTLED_PERIOD.end]);
    const progress = progressOn(tx, id, 1);
    await progress('STARTED', `settling ${j} ${DEMO_SETTLED_PERIOD.start}–${DEMO_SETTLED_PERIOD.end} (demo seed)`);
    const done = await settle(uow, system, id, j, DEMO_SETTLED_PERIOD.start, DEMO_SETTLED_PERIOD.end, progress);
    await progress('COMPLETED', `total ${done.total} fen from ${done.chargeCount} charges`);
  }
}
