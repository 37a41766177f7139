import { randomUUID } from 'node:crypto';
import { EventPublisher } from '@pdo/platform';
import type { EventName, SubgraphName } from '@pdo/events';
import { resourceByKey } from '@pdo/demo';
import { who, type TestStack } from '@pdo/testing';
import { demoLoads } from '../src/data/demo-rows.js';

/** Publishes an event as another subgraph would, then waits until delivery consumed it. */
export async function publishAs(stack: TestStack, producer: SubgraphName, name: EventName, payload: object, jurisdiction: string | null = null): Promise<void> {
  const rt = stack.runtimes.delivery!;
  await rt.orm.em.fork().transactional((tx) => new EventPublisher(rt.boss, producer).publish(tx, name, payload, jurisdiction));
  await stack.settle(15_000);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const ok = (r: { data?: any; errors?: unknown[] }): any => {
  if (r.errors) throw new Error(JSON.stringify(r.errors));
  return r.data;
};

/** The marriage-status verification (婚姻状况核验) over the demo's Jilin marriage registrations. */
export const MARRIAGE_RECIPE = {
  sql: 'select (kind = $2) as matches from jl_mz_0001 where id_no = $1',
  parameters: [{ name: 'id_no', type: 'text' }, { name: 'kind', type: 'text' }],
  outputs: [{ name: 'matches', kind: 'FLAG' }],
  verification: [{ column: 'matches', values: [true, false] }],
};

export interface Product {
  productId: string;
  code: string;
}

/**
 * A runnable VERIFICATION product in delivery, built from the facts other subgraphs publish (a
 * granted scenario, the version under review, its recipe submitted by the operator through the
 * gateway, approval, listing): what products and licensing would send, without running them.
 */
export async function marriageProduct(stack: TestStack, world: { operatorId: string; agreementId: string; scenarioId: string }, code: string): Promise<Product> {
  const res = resourceByKey('jl-marriage');
  const productId = randomUUID();
  const operator = who('OPERATOR', world.operatorId, 'JL');
  const facts = {
    productId, productCode: code, version: 1, jurisdiction: 'JL', operatorId: world.operatorId, agreementId: world.agreementId, scenarioId: world.scenarioId,
    nameZh: '婚姻状况核验', form: 'VERIFICATION', category: 'PAID', resources: [{ resourceId: res.id, sourceAgencyId: res.agencyId }],
  };
  await publishAs(stack, 'products', 'ProductVersionChanged', { ...facts, status: 'SUBMITTED', deliveryMethod: 'API_CALL', effectiveAt: '2026-01-05T00:00:00Z' }, 'JL');
  const r = await stack.gql(
    `mutation($i: SubmitRecipeInput!) { submitRecipe(input: $i) { status violations { code } } }`,
    { i: { productId, version: 1, ...MARRIAGE_RECIPE, subjects: [{ resourceId: res.id, field: 'id_no' }] } },
    { as: operator },
  );
  if (ok(r).submitRecipe.status !== 'ACCEPTED') throw new Error(JSON.stringify(r.data));
  await publishAs(stack, 'products', 'ProductVersionChanged', { ...facts, status: 'APPROVED', deliveryMethod: 'API_CALL', effectiveAt: '2026-01-06T00:00:00Z' }, 'JL');
  await publishAs(stack, 'products', 'ProductListed', { ...facts, listedAt: '2026-01-07T00:00:00Z' }, 'JL');
  return { productId, code };
}

export async function grantMarriage(stack: TestStack): Promise<{ operatorId: string; agreementId: string; scenarioId: string }> {
  const res = resourceByKey('jl-marriage');
  const world = { operatorId: randomUUID(), agreementId: randomUUID(), scenarioId: randomUUID() };
  await publishAs(stack, 'licensing', 'AccessGranted', { grantId: randomUUID(), ...world, resourceId: res.id, jurisdiction: 'JL', expiresOn: '2028-12-31', status: 'ACTIVE', effectiveAt: '2026-01-02T00:00:00Z' }, 'JL');
  return world;
}

/** An entitlement (使用权) of a developer, as products announces it. */
export async function entitle(stack: TestStack, p: Product, operatorId: string, developerId: string, extra: { quotaUnits?: string | null; status?: string; pauseReason?: string | null; effectiveAt?: string; entitlementId?: string; usageAgreementId?: string } = {}) {
  const e = {
    entitlementId: extra.entitlementId ?? randomUUID(), usageAgreementId: extra.usageAgreementId ?? randomUUID(), productId: p.productId, developerId, operatorId, jurisdiction: 'JL',
    status: extra.status ?? 'ACTIVE', pauseReason: extra.pauseReason ?? null, startDate: '2026-01-01', endDate: '2027-12-31', quotaUnits: extra.quotaUnits === undefined ? null : extra.quotaUnits,
    effectiveAt: extra.effectiveAt ?? '2026-02-01T00:00:00Z',
  };
  await publishAs(stack, 'products', 'EntitlementChanged', e, 'JL');
  return e;
}

/** The first registration of the demo data, and what it registered. */
export function aMarriage(): { idNo: string; kind: string } {
  const load = demoLoads().find((l) => l.resourceKey === 'jl-marriage')!;
  const [idNo, , kind] = load.content.split('\n')[1]!.split(',');
  return { idNo: idNo!, kind: kind! };
}
