/**
 * Bad-input suite (issue 8): property-based hostile arguments to every mutation of the composed
 * API, sent through the gateway by a role that passes the mutation's gate (so the input reaches
 * validation). Every answer must be a coded error or a success — never INTERNAL_SERVER_ERROR — and
 * a refused call must leave every table of every subgraph exactly as it was.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { buildClientSchema, getIntrospectionQuery, getNamedType, isCompositeType, type GraphQLSchema } from 'graphql';
import type { Identity, Role } from '@pdo/platform';
import { DEMO_USERS } from '@pdo/demo';
import { startTestStack, type TestStack } from '@pdo/testing';
import { DEFINITIONS, declaredAccess } from './all-subgraphs.js';
import { arbitraryFor } from './input-arbitraries.js';
import { changedTables, closeFingerprints, databaseFingerprint } from './checksums.js';

process.env.RATE_LIMIT_COST_PER_MINUTE = '100000000';
const RUNS = Number(process.env.FUZZ_RUNS ?? 6);

let stack: TestStack;
let schema: GraphQLSchema;
const { rules } = declaredAccess();

function callerFor(roles: readonly Role[] | 'PUBLIC'): Identity {
  const role = roles === 'PUBLIC' ? 'DEVELOPER' : roles[0]!;
  const u = DEMO_USERS.find((x) => x.role === role);
  return u ? { sub: u.sub, role, org: u.org, jurisdiction: u.jurisdiction } : { sub: 'anonymous', role: 'ANONYMOUS', org: null, jurisdiction: null };
}

beforeAll(async () => {
  stack = await startTestStack(DEFINITIONS, { gateway: true, seed: true });
  schema = buildClientSchema((await stack.gql(getIntrospectionQuery())).data);
}, 180_000);
afterAll(async () => {
  await closeFingerprints();
  await stack?.stop();
});

describe('hostile input to every mutation', () => {
  it('answers with a coded error or a success, and a refusal changes nothing', async () => {
    const mutations = Object.values(schema.getMutationType()?.getFields() ?? {});
    const failures: string[] = [];
    let tried = 0;
    let refused = 0;
    let fingerprint = await databaseFingerprint(stack.db.url);
    for (const m of mutations) {
      const rule = rules.get(m.name);
      if (!rule) continue;
      const as = callerFor(rule);
      const decl = m.args.map((a) => `$${a.name}: ${a.type.toString()}`).join(', ');
      const call = m.args.map((a) => `${a.name}: $${a.name}`).join(', ');
      const sel = isCompositeType(getNamedType(m.type)) ? ' { __typename }' : '';
      const source = `mutation${decl ? `(${decl})` : ''} { ${m.name}${call ? `(${call})` : ''}${sel} }`;
      const args = fc.record(Object.fromEntries(m.args.map((a) => [a.name, arbitraryFor(a.type)])));
      await fc.assert(
        fc.asyncProperty(args, async (variables) => {
          tried++;
          const res = await stack.gql(source, variables as Record<string, unknown>, { as });
          const errors = res.errors ?? [];
          const uncoded = errors.filter((e) => !e.extensions?.code || e.extensions.code === 'INTERNAL_SERVER_ERROR');
          if (uncoded.length) failures.push(`${m.name}: ${uncoded[0]!.extensions?.code ?? 'no code'} for ${JSON.stringify(variables).slice(0, 300)}`);
          // A success may fan out as events: let consumers finish before the next baseline.
          if (!errors.length) await stack.settle();
          const after = await databaseFingerprint(stack.db.url);
          if (errors.length) {
            refused++;
            const changed = changedTables(fingerprint, after);
            if (changed.length) failures.push(`${m.name}: refused (${errors[0]!.extensions?.code}) yet changed ${changed.join(', ')}`);
          }
          fingerprint = after;
        }),
        { numRuns: RUNS, endOnFailure: true },
      );
    }
    console.log(`bad-input suite: ${mutations.length} mutations, ${tried} hostile calls, ${refused} refused with a coded error`);
    for (const f of failures.slice(0, 40)) console.log('FAIL', f);
    expect(failures.slice(0, 30)).toEqual([]);
  }, 600_000);
});
