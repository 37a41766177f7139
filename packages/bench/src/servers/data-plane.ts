/**
 * The data plane under load (docs/operating-domain/data-plane.md): delivery and our gateway on a
 * fresh database, ≥ 1,000,000 raw rows of a marriage-registration resource loaded as its source
 * agency would (loadRawData, COPY), two products built as products and licensing would announce
 * them — a VERIFICATION (婚姻状况核验) and an aggregate API (registrations by district over a date
 * range) — their recipes analysed and accepted, and a developer's API key for each. Writes what
 * the parent needs to BENCH_DP_INFO and tells it that it is ready. Products and revenue run too, so
 * every metered call flows on into a usage record and a charge (ExecutionsMetered → UsagesRecorded):
 * the developer's agreements, entitlements and prices are written straight into their tables, as
 * the bench's generator writes its world (generate.ts).
 */
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import pg from 'pg';
import { EventPublisher } from '@pdo/platform';
import type { EventName, SubgraphName } from '@pdo/events';
import { resourceByKey } from '@pdo/demo';
import { callStatementsOf, definition } from '@pdo/delivery';
import { definition as catalogSubgraph } from '@pdo/catalog';
import { definition as licensingSubgraph } from '@pdo/licensing';
import { definition as productsSubgraph } from '@pdo/products';
import { definition as revenueSubgraph } from '@pdo/revenue';
import { startTestStack, who, type TestStack } from '@pdo/testing';
import { fatal, ready } from './common.js';
import { AGGREGATE_SQL, VERIFY_SQL, idOf } from '../data-plane-recipes.js';

const ROWS = Number(process.env.BENCH_DP_ROWS ?? 1_000_000);

const DISTRICTS = ['南关区', '宽城区', '朝阳区', '二道区', '绿园区', '双阳区'];

function csv(rows: number): string {
  const out: string[] = ['id_no,registered_on,kind,district'];
  for (let i = 0; i < rows; i++) {
    const d = new Date(Date.UTC(2015, 0, 1) + (i % 3650) * 86_400_000).toISOString().slice(0, 10);
    out.push(`${idOf(i)},${d},${i % 5 === 0 ? '离婚' : '结婚'},${DISTRICTS[i % DISTRICTS.length]}`);
  }
  return out.join('\n') + '\n';
}

async function publishAs(stack: TestStack, producer: SubgraphName, name: EventName, payload: object): Promise<void> {
  const rt = stack.runtimes.delivery!;
  await rt.orm.em.fork().transactional((tx) => new EventPublisher(rt.boss, producer).publish(tx, name, payload, 'JL'));
  await stack.settle(60_000);
}

/** The product, agreement, entitlement and a price of 0.05 yuan a call, where products and revenue keep them. */
async function chargeable(url: string, x: { productId: string; code: string; usageAgreementId: string; entitlementId: string; developerId: string; operatorId: string; agreementId: string; scenarioId: string }): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query(`insert into products.data_product (id, code, jurisdiction, operator_id, agreement_id, scenario_id, name, description, form, category, charging_unit, latest_version, listing_status, listed_version, listed_at, resource_ids, created_at, updated_at)
      values ($1, $2, 'JL', $3, $4, $5, $2, '基准测试产品', 'VERIFICATION', 'PAID', 'PER_CALL', 1, 'LISTED', 1, now(), '{}', now(), now())`, [x.productId, x.code, x.operatorId, x.agreementId, x.scenarioId]);
    await c.query(`insert into products.usage_agreement (id, product_id, developer_id, operator_id, jurisdiction, category, purpose, scope, method, start_date, end_date,
        revenue_distribution, security_terms, confidentiality_terms, status, operator_accepted_at, developer_accepted_at, signed_at, created_at)
      values ($1, $2, $3, $4, 'JL', 'PAID', '基准测试', '全量', 'API_CALL', date '2026-01-01', date '2099-12-31', '按协议', '符合等保要求', '不得泄露', 'SIGNED', now(), now(), now(), now())`, [x.usageAgreementId, x.productId, x.developerId, x.operatorId]);
    await c.query(`insert into products.entitlement (id, usage_agreement_id, product_id, developer_id, operator_id, jurisdiction, status, start_date, end_date, created_at)
      values ($1, $2, $3, $4, $5, 'JL', 'ACTIVE', date '2026-01-01', date '2099-12-31', now())`, [x.entitlementId, x.usageAgreementId, x.productId, x.developerId, x.operatorId]);
    await c.query(`insert into revenue.product_projection (id, jurisdiction, operator_id, agreement_id, code, name_zh, category, status, version, as_of) values ($1, 'JL', $2, $3, $4, $4, 'PAID', 'LISTED', 1, now()) on conflict (id) do nothing`, [x.productId, x.operatorId, x.agreementId, x.code]);
    await c.query(`insert into revenue.price (id, product_id, operator_id, jurisdiction, charging_unit, price_fen, effective_from, version, created_by) values ($1, $2, $3, 'JL', 'PER_CALL', 5, date '2026-01-01', 1, 'bench')`, [randomUUID(), x.productId, x.operatorId]);
  } finally {
    await c.end();
  }
}

const ok = (r: { data?: any; errors?: unknown[] }) => {
  if (r.errors) throw new Error(JSON.stringify(r.errors));
  return r.data;
};

try {
  // Licensing owns Organization and the catalog DataResource (products, revenue and delivery return them): without
  // them the supergraph does not compose.
  const stack = await startTestStack([definition, catalogSubgraph, licensingSubgraph, productsSubgraph, revenueSubgraph], { gateway: true, seed: true, gatewayEnv: { RATE_LIMIT_COST_PER_MINUTE: '0' } });
  const res = resourceByKey('jl-marriage');
  const agency = who('SOURCE_UNIT', res.agencyId, 'JL');
  const t0 = performance.now();
  const load = ok(await stack.subgraph('delivery', `mutation($i: LoadRawDataInput!) { loadRawData(input: $i) { batchNo rowCount } }`, { i: { resourceId: res.id, format: 'CSV', content: csv(ROWS) } }, { as: agency })).loadRawData;
  const loadMs = performance.now() - t0;
  const owner = new pg.Client({ connectionString: stack.db.url });
  await owner.connect();
  // The lookup index on id_no is the raw store's own: declared by the accepted verification recipes
  // (the demo's and the one below) and built with the load. Only fresh statistics are asked for here.
  const { rows: [t] } = await owner.query(`select table_name from delivery.raw_table where resource_id = $1 order by schema_rev desc limit 1`, [res.id]);
  await owner.query(`analyze raw.${t.table_name}`);
  await owner.end();

  const world = { operatorId: randomUUID(), agreementId: randomUUID(), scenarioId: randomUUID() };
  await publishAs(stack, 'licensing', 'AccessGranted', { grantId: randomUUID(), ...world, resourceId: res.id, jurisdiction: 'JL', expiresOn: '2099-12-31', status: 'ACTIVE', effectiveAt: '2026-01-02T00:00:00Z' });
  const developer = who('DEVELOPER', randomUUID(), 'JL');
  const products: Record<string, { code: string; key: string; usageAgreementId: string }> = {};
  for (const [name, form, recipe] of [
    ['verification', 'VERIFICATION', { sql: VERIFY_SQL, parameters: [{ name: 'id_no', type: 'text' }, { name: 'kind', type: 'text' }], outputs: [{ name: 'matches', kind: 'FLAG' }], verification: [{ column: 'matches', values: [true, false] }] }],
    ['aggregate', 'API', { sql: AGGREGATE_SQL, parameters: [{ name: 'from', type: 'date' }, { name: 'until', type: 'date' }], outputs: [{ name: 'district', kind: 'LABEL' }, { name: 'n', kind: 'AGGREGATE' }] }],
  ] as const) {
    const productId = randomUUID();
    const code = `BENCH-DP-${name.toUpperCase()}`;
    const facts = { productId, productCode: code, version: 1, jurisdiction: 'JL', ...world, nameZh: name, form, category: 'PAID', resources: [{ resourceId: res.id, sourceAgencyId: res.agencyId }] };
    await publishAs(stack, 'products', 'ProductVersionChanged', { ...facts, status: 'SUBMITTED', deliveryMethod: 'API_CALL', effectiveAt: '2026-01-05T00:00:00Z' });
    const r = ok(await stack.gql(`mutation($i: SubmitRecipeInput!) { submitRecipe(input: $i) { status violations { code } } }`, { i: { productId, version: 1, ...recipe, subjects: [{ resourceId: res.id, field: 'id_no' }] } }, { as: who('OPERATOR', world.operatorId, 'JL') }));
    if (r.submitRecipe.status !== 'ACCEPTED') throw new Error(`${name} recipe refused: ${JSON.stringify(r.submitRecipe.violations)}`);
    await publishAs(stack, 'products', 'ProductVersionChanged', { ...facts, status: 'APPROVED', deliveryMethod: 'API_CALL', effectiveAt: '2026-01-06T00:00:00Z' });
    await publishAs(stack, 'products', 'ProductListed', { ...facts, listedAt: '2026-01-07T00:00:00Z' });
    const usageAgreementId = randomUUID();
    const entitlementId = randomUUID();
    await chargeable(stack.db.url, { productId, code, usageAgreementId, entitlementId, developerId: developer.org!, ...world });
    await publishAs(stack, 'products', 'EntitlementChanged', { entitlementId, usageAgreementId, productId, developerId: developer.org, operatorId: world.operatorId, jurisdiction: 'JL', status: 'ACTIVE', pauseReason: null, startDate: '2026-01-01', endDate: '2099-12-31', quotaUnits: null, effectiveAt: '2026-02-01T00:00:00Z' });
    const key = ok(await stack.gql(`mutation($i: CreateApiCredentialInput!) { createApiCredential(input: $i) { apiKey } }`, { i: { usageAgreementId, label: 'bench' } }, { as: developer })).createApiCredential.apiKey;
    products[name] = { code, key, usageAgreementId };
  }
  const origin = stack.gateway!.url.replace(/\/graphql$/, '');
  writeFileSync(process.env.BENCH_DP_INFO!, JSON.stringify({ origin, dbUrl: stack.db.url, rows: load.rowCount, batchNo: load.batchNo, loadMs: Math.round(loadMs), products }));
  // On stop: how many calls each grouped statement of the data plane carried (services/call-recorder.ts in delivery).
  const grouped = () => {
    const { facts, recorder } = callStatementsOf(stack.runtimes.delivery!);
    writeFileSync(`${process.env.BENCH_DP_INFO!}.grouped.json`, JSON.stringify({ facts: facts.stats, metering: recorder.stats }));
  };
  ready('data-plane', stack.gateway!.port, () => {
    grouped();
    return stack.stop().catch(() => {});
  });
} catch (e) {
  fatal('data-plane', e);
}
