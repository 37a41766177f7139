/**
 * Shared steps of the runtime tests: a demo product gets a new version under review, its recipe,
 * the agency's approval and the listing — through the gateway, as the people would — so the
 * projections, reader roles and grants under test are the ones real events built.
 */
import { expect } from 'vitest';
import { sql } from '@pdo/platform';
import { DEMO_PRODUCTS, orgByKey } from '@pdo/demo';
import { who, type TestStack } from '@pdo/testing';

export const product = (key: string) => DEMO_PRODUCTS.find((p) => p.key === key)!;
export const operatorOf = (j: string) => who('OPERATOR', orgByKey(`${j.toLowerCase()}-operator`).id, j);
export const agencyOf = (j: string) => who('AGENCY', orgByKey(`${j.toLowerCase()}-agency`).id, j);

export const SUBMIT_RECIPE = `mutation($input: SubmitRecipeInput!) { submitRecipe(input: $input) {
  id status k sqlSha256 violations { code subject }
  analysis { k aggregate tables { name physical } columns { name kind sources aggregated masked reduced } filters reviewNotes sqlSha256 } } }`;

const CHECKLIST = ['DATA_SOURCE', 'DESENSITISATION', 'RAW_DATA_STAYS_IN_DOMAIN', 'ACCESS_CONTROL', 'ASSOCIATED_PARTY_AUTHORIZATION'].map((item) => ({ item, result: 'PASS', evidence: `测试审核材料 ${item}` }));

function ok(res: { errors?: unknown[] }) {
  expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
}

/** Opens the next version of a demo product and submits it for review; returns its number. */
export async function versionUnderReview(stack: TestStack, key: string, deliveryMethod?: string): Promise<number> {
  const p = product(key);
  const op = operatorOf(p.jurisdiction);
  ok(await stack.gql(`mutation($id: ID!) { createProductVersion(productId: $id, changeNote: "可执行配方") { id } }`, { id: p.id }, { as: op }));
  if (deliveryMethod) ok(await stack.gql(`mutation($i: UpdateProductDraftInput!) { updateProductDraft(input: $i) { id } }`, { i: { productId: p.id, deliveryMethod } }, { as: op }));
  ok(await stack.gql(`mutation($id: ID!) { submitProductForReview(productId: $id) { id } }`, { id: p.id }, { as: op }));
  await stack.settle();
  const [v] = await sql<{ version: number }>(stack.em('delivery'), `select max(version)::int as version from product_version_projection where product_id = $1 and status = 'SUBMITTED'`, [p.id]);
  return Number(v!.version);
}

/** The agency approves the version with every item passed, the operator lists it; events settle. */
export async function approveAndList(stack: TestStack, key: string, version: number): Promise<void> {
  const p = product(key);
  // The review needs the operating domain's analysis (RecipeAnalysed) to have reached products.
  await stack.settle();
  ok(await stack.gql(`mutation($input: ReviewProductInput!) { reviewProduct(input: $input) { id } }`, { input: { productId: p.id, version, decision: 'APPROVED', checklist: CHECKLIST } }, { as: agencyOf(p.jurisdiction) }));
  // A listed product moves to its new version by being listed again (products lists the latest approved version).
  ok(await stack.gql(`mutation($id: ID!) { delistProduct(productId: $id, reason: "切换到新版本") { id } }`, { id: p.id }, { as: operatorOf(p.jurisdiction) }));
  // QHD and ZJC list through their designated exchange or zone (profile setting designatedExchange).
  const ref = p.jurisdiction === 'QHD' || p.jurisdiction === 'ZJC' ? `${p.jurisdiction}-EX-${key}` : null;
  ok(await stack.gql(`mutation($id: ID!, $ref: String) { listProduct(productId: $id, exchangeListingRef: $ref) { id } }`, { id: p.id, ref }, { as: operatorOf(p.jurisdiction) }));
  await stack.settle();
}

export async function readerRoleOf(stack: TestStack, productId: string, version: number): Promise<string> {
  const [r] = await sql<{ role_name: string }>(stack.em('delivery'), `select role_name from reader_role where product_id = $1 and version = $2`, [productId, version]);
  return r!.role_name;
}
