import { type Identity, type SubgraphRuntime, type UnitOfWork } from '@pdo/platform';
import { DEMO_AGREEMENTS, DEMO_ORGS, DEMO_PRODUCTS, DEMO_RESOURCES, DEMO_SETTLED_PERIOD, DEMO_USAGE_AGREEMENTS, demoId, demoUsageRecords, orgByKey } from '@pdo/demo';
import { Decimal, ILLUSTRATIVE_BOND_YIELD_10Y_AVERAGE, JURISDICTIONS } from '@pdo/policy';
import { computeMar } from './domain/rules.js';
import type { PlanPartyKind } from './domain/allocation.js';
import { profileOf } from './data/profile.js';
import { insertBondYield } from './data/bond-yields.js';
import { insertCostSurvey } from './data/cost-surveys.js';
import { insertCap, insertPriceVersion } from './data/pricing.js';
import { insertPlan } from './data/plans.js';
import { claimPeriod } from './data/settlements.js';
import { replaceResources, seedAgreement, seedProduct, seedUsageAgreement, upsertOrganization } from './data/projections.js';
import { bondYieldInForce } from './services/bond-yields.js';
import { recordCharge } from './services/charges.js';
import { progressOn, settle } from './services/settlement.js';
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
  for (const o of DEMO_ORGS) await upsertOrganization(tx, { id: o.id, jurisdiction: o.jurisdiction, name_zh: o.nameZh, kinds: [...o.kinds] }, true);
  for (const a of DEMO_AGREEMENTS) {
    await seedAgreement(tx, { id: a.id, jurisdiction: a.jurisdiction, operator_id: a.operatorId, agreement_number: a.number, status: a.status, start_date: a.startDate, end_date: a.endDate, as_of: asOf });
  }
  for (const p of DEMO_PRODUCTS) {
    await seedProduct(tx, { id: p.id, jurisdiction: p.jurisdiction, operator_id: p.operatorId, agreement_id: p.agreementId, code: p.code, name_zh: p.nameZh, category: p.category, status: 'LISTED', version: 1, as_of: asOf });
    await replaceResources(tx, p.id, p.resourceIds.map((rid) => ({ resourceId: rid, sourceUnitId: DEMO_RESOURCES.find((r) => r.id === rid)!.agencyId })));
  }
  for (const u of DEMO_USAGE_AGREEMENTS) {
    const p = DEMO_PRODUCTS.find((x) => x.id === u.productId)!;
    await seedUsageAgreement(tx, { id: u.id, product_id: p.id, developer_id: u.developerId, operator_id: p.operatorId, jurisdiction: p.jurisdiction, start_date: u.startDate, end_date: u.endDate, category: p.category, as_of: asOf });
  }

  // The illustrative 2023–2025 bond yields, marked as such: an authority loads the real figures.
  for (const j of JURISDICTIONS) {
    for (const [year, b] of Object.entries(ILLUSTRATIVE_BOND_YIELD_10Y_AVERAGE)) {
      await insertBondYield(tx, { id: demoId(`bond-yield:${j.code}:${year}`), jurisdiction: j.code, year: Number(year), version: 1, yield_percent: b.value, source_document: `示意数据，非官方 | ${b.source}`, illustrative: true, loaded_by: 'system:seed' });
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
    await insertCostSurvey(tx, {
      id: surveyId,
      jurisdiction: ag.jurisdiction,
      operator_id: ag.operatorId,
      name: `${orgByKey(DEMO_ORGS.find((o) => o.id === ag.operatorId)!.key).nameZh} 2026年度成本调查`,
      period_start: '2026-01-01',
      period_end: '2026-12-31',
      survey_year: 2026,
      platform_fen: items.platform.toString(),
      data_handling_fen: items.dataHandling.toString(),
      personnel_fen: items.personnel.toString(),
      data_acquisition_fen: items.dataAcquisition.toString(),
      period_expenses_fen: items.periodExpenses.toString(),
      subsidies_fen: subsidies.toString(),
      taxes_fen: taxes.toString(),
      bond_year: mar.bondYear,
      bond_yield_percent: mar.bondYieldPercent,
      bond_yield_source: mar.bondYieldSource,
      markup_pp: markup,
      rate_percent: mar.ratePercent,
      operating_cost_fen: mar.operatingCostFen.toString(),
      permitted_profit_fen: mar.permittedProfitFen.toString(),
      mar_fen: mar.marFen.toString(),
      carry_in_fen: '0',
      carry_over_deduction_fen: '0',
      carry_out_fen: '0',
      effective_mar_fen: mar.marFen.toString(),
      working: mar.working,
      policy_source: mar.policySource,
      created_by: 'system:seed',
    });
    for (const p of products) {
      const capId = demoId(`price-cap:${p.key}:2026`);
      await insertCap(tx, { id: capId, costSurveyId: surveyId, productId: p.id, operatorId: p.operatorId, jurisdiction: p.jurisdiction, chargingUnit: p.chargingUnit, capFen: String(p.capFen), forecastUnits: forecast(p).toString(), effectiveFrom: '2026-01-01', createdBy: 'system:seed', trial: false }); // the demo surveys cover a full year
      await insertPriceVersion(tx, { id: demoId(`price:${p.key}:2026`), productId: p.id, operatorId: p.operatorId, jurisdiction: p.jurisdiction, chargingUnit: p.chargingUnit, priceFen: String(p.priceFen), capId, effectiveFrom: '2026-01-01', createdBy: 'system:seed' });
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
    await insertPlan(tx, { id: planId, agreementId: ag.id, productId: null, jurisdiction: ag.jurisdiction, version: 1, sourceBasis: 'CONTRIBUTION', createdBy: 'system:seed' }, parties.map(([kind, partyId, weight]) => ({ kind: kind as PlanPartyKind, partyId, weight })));
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
    await claimPeriod(tx, { id, jurisdiction: j, start: DEMO_SETTLED_PERIOD.start, end: DEMO_SETTLED_PERIOD.end, by: 'system:seed', at: '2026-10-08T02:00:00Z' });
    const progress = progressOn(tx, id, 1);
    await progress('STARTED', `settling ${j} ${DEMO_SETTLED_PERIOD.start}–${DEMO_SETTLED_PERIOD.end} (demo seed)`);
    const done = await settle(uow, { id, jurisdiction: j, start: DEMO_SETTLED_PERIOD.start, end: DEMO_SETTLED_PERIOD.end, identity: system }, { progress });
    await progress('COMPLETED', `total ${done.total_fen} fen from ${done.charge_count} charges`);
  }
}
