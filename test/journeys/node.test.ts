/**
 * Relay's object identification through the gateway (docs/api/node.md): every main entity carries a
 * global `nodeId` (base64url of `Type:uuid`) and `node(id:)`/`nodes(ids:)` fetch it again, from
 * whichever subgraph owns it, under the same access rule as the entity's own query: what the caller
 * may not see comes back null.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_USERS } from '@pdo/demo';
import { startTestStack, who, type TestStack } from '@pdo/testing';
import type { Identity } from '@pdo/platform';
import { DEFINITIONS } from '../security/all-subgraphs.js';

const user = (key: string): Identity => {
  const u = DEMO_USERS.find((x) => x.key === key)!;
  return { sub: u.sub, role: u.role, org: u.org, jurisdiction: u.jurisdiction };
};
const hnOperator = user('operator');
const jlOperator = user('jl-operator');
const finance = user('finance');
const developer = user('developer');

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack(DEFINITIONS, { gateway: true, seed: true });
}, 240_000);
afterAll(async () => stack?.stop());

async function ok<T = any>(query: string, variables: Record<string, unknown> = {}, as?: Identity): Promise<T> {
  const res = await stack.gql<T>(query, variables, { as });
  expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
  return res.data as T;
}
const NODE = `query($id: ID!) { node(id: $id) { __typename nodeId ... on DataResource { id nameZh } ... on AuthorizationAgreement { id number } ... on CostSurvey { id name } ... on Organization { id name } ... on DataProduct { id code } } }`;

describe('node(id:)', () => {
  it('a resource (catalog) comes back by its global id, which names its type; the answer equals the direct query', async () => {
    const r = (await ok(`{ dataResources(first: 2) { edges { node { id nodeId nameZh } } } }`)).dataResources.edges[0].node;
    expect(Buffer.from(r.nodeId, 'base64url').toString('utf8')).toBe(`DataResource:${r.id}`);
    expect((await ok(NODE, { id: r.nodeId })).node).toEqual({ __typename: 'DataResource', nodeId: r.nodeId, id: r.id, nameZh: r.nameZh });
  });

  it('an authorization agreement (licensing, the node root): its operator gets it, another operator and the public get null — as with agreement(id:)', async () => {
    const a = (await ok(`{ agreements(first: 1) { edges { node { id nodeId number } } } }`, {}, hnOperator)).agreements.edges[0].node;
    expect((await ok(NODE, { id: a.nodeId }, hnOperator)).node).toMatchObject({ __typename: 'AuthorizationAgreement', id: a.id, number: a.number });
    const direct = await stack.gql(`query($id: ID!) { agreement(id: $id) { id } }`, { id: a.id }, { as: jlOperator });
    expect(direct.data?.agreement ?? null).toBeNull();
    expect((await ok(NODE, { id: a.nodeId }, jlOperator)).node).toBeNull();
    expect((await ok(NODE, { id: a.nodeId })).node).toBeNull();
  });

  it('a cost survey (revenue, reached from the root by the nodeId key): finance sees it, a developer gets null', async () => {
    const s = (await ok(`{ costSurveys(first: 1) { edges { node { id nodeId name } } } }`, {}, finance)).costSurveys.edges[0].node;
    expect((await ok(NODE, { id: s.nodeId }, finance)).node).toEqual({ __typename: 'CostSurvey', nodeId: s.nodeId, id: s.id, name: s.name });
    expect((await ok(NODE, { id: s.nodeId }, developer)).node).toBeNull();
  });

  it('nodes(ids:) answers in order across subgraphs, null for what is not a node id; more than 100 ids is refused', async () => {
    const org = (await ok(`{ organizations(first: 1) { edges { node { id nodeId name } } } }`)).organizations.edges[0].node;
    const product = (await ok(`{ dataProducts(first: 1) { edges { node { id nodeId code } } } }`, {}, hnOperator)).dataProducts.edges[0].node;
    const unknownType = Buffer.from(`Settlement:${org.id}`).toString('base64url');
    const r = (await ok(`query($ids: [ID!]!) { nodes(ids: $ids) { __typename nodeId ... on Organization { name } ... on DataProduct { code } } }`, { ids: [org.nodeId, product.nodeId, 'garbage', unknownType] }, hnOperator)).nodes;
    expect(r).toEqual([{ __typename: 'Organization', nodeId: org.nodeId, name: org.name }, { __typename: 'DataProduct', nodeId: product.nodeId, code: product.code }, null, null]);
    const many = await stack.gql(`query($ids: [ID!]!) { nodes(ids: $ids) { nodeId } }`, { ids: Array.from({ length: 101 }, () => org.nodeId) });
    expect(many.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('a global id with a type but another type\'s uuid finds nothing', async () => {
    const org = (await ok(`{ organizations(first: 1) { edges { node { id } } } }`)).organizations.edges[0].node;
    const wrong = Buffer.from(`DataResource:${org.id}`).toString('base64url');
    expect((await ok(NODE, { id: wrong })).node).toBeNull();
  });
});

void who;
