/**
 * Authorization matrix (issue 8): every Query and Mutation field of the composed API × every role
 * (and anonymous), called through the real gateway. The expected answer comes from the access
 * rule the owning subgraph declares; an operation without a rule fails the first test, so nobody
 * can add an endpoint without deciding who may call it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildClientSchema, getIntrospectionQuery, type GraphQLSchema } from 'graphql';
import { ROLES, type Identity, type Role } from '@pdo/platform';
import { DEMO_USERS } from '@pdo/demo';
import { startTestStack, type TestStack } from '@pdo/testing';
import { DEFINITIONS, declaredAccess } from './all-subgraphs.js';
import { dummyCall } from './dummy-args.js';

process.env.RATE_LIMIT_COST_PER_MINUTE = '100000000';

let stack: TestStack;
let schema: GraphQLSchema;
const { rules, owners } = declaredAccess();

function identityFor(role: Role): Identity {
  if (role === 'ANONYMOUS') return { sub: 'anonymous', role, org: null, jurisdiction: null };
  const u = DEMO_USERS.find((x) => x.role === role)!;
  return { sub: u.sub, role, org: u.org, jurisdiction: u.jurisdiction };
}

beforeAll(async () => {
  stack = await startTestStack(DEFINITIONS, { gateway: true, seed: true });
  const res = await stack.gql(getIntrospectionQuery());
  schema = buildClientSchema(res.data);
}, 180_000);
afterAll(async () => stack?.stop());

function operations(): { kind: 'query' | 'mutation'; name: string; field: any }[] {
  const out: { kind: 'query' | 'mutation'; name: string; field: any }[] = [];
  for (const [kind, type] of [['query', schema.getQueryType()], ['mutation', schema.getMutationType()]] as const) {
    for (const f of Object.values(type?.getFields() ?? {})) out.push({ kind, name: f.name, field: f });
  }
  return out;
}

describe('authorization matrix', () => {
  it('every operation of the composed schema has exactly one declared access rule', () => {
    const missing = operations().filter((o) => !rules.has(o.name)).map((o) => o.name);
    const twice = [...owners].filter(([, subs]) => subs.length > 1).map(([op, subs]) => `${op} (${subs.join(', ')})`);
    expect(missing, 'operations without an access rule').toEqual([]);
    expect(twice, 'operations declared by more than one subgraph').toEqual([]);
  });

  it('every role gets exactly the answer its rule promises, for every operation', async () => {
    const failures: string[] = [];
    let checked = 0;
    for (const op of operations()) {
      const rule = rules.get(op.name);
      if (!rule) continue;
      const source = dummyCall(op.kind, op.name, op.field);
      await Promise.all(
        ROLES.map(async (role) => {
          const allowed = rule === 'PUBLIC' || rule.includes(role);
          const res = await stack.gql(source, {}, { as: identityFor(role) });
          checked++;
          const codes = (res.errors ?? []).map((e) => e.extensions?.code);
          const gateRefusal = (res.errors ?? []).some((e) => e.extensions?.code === 'UNAUTHENTICATED' || Array.isArray(e.extensions?.details?.required));
          if (codes.includes('INTERNAL_SERVER_ERROR')) failures.push(`${op.name} as ${role}: INTERNAL_SERVER_ERROR`);
          if (allowed && gateRefusal) failures.push(`${op.name} as ${role}: refused but the rule allows it`);
          if (!allowed && !codes.some((c) => c === 'FORBIDDEN' || c === 'UNAUTHENTICATED')) failures.push(`${op.name} as ${role}: not refused (${codes.join(',') || 'ok'})`);
        }),
      );
    }
    console.log(`authorization matrix: ${operations().length} operations × ${ROLES.length} roles = ${checked} calls checked`);
    expect(failures).toEqual([]);
  }, 300_000);
});
