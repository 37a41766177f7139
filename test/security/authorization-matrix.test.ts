/**
 * Authorization matrix (issue 8): every Query and Mutation field of the composed API × every role
 * (and anonymous), called through the real gateway. The expected answer comes from the access
 * rule the owning subgraph declares; an operation without a rule fails the first test, so nobody
 * can add an endpoint without deciding who may call it.
 *
 * Then the object scope (packages/platform/src/access/scope.ts): every role that has a
 * jurisdiction × every demo jurisdiction × every by-id query and list of a non-public,
 * jurisdiction-bound object — a caller of jurisdiction A asking for B's object gets nothing, and
 * acting on it (products' and licensing's mutations on one object) is refused and writes nothing; and
 * every resolvable entity type × every identity through `_entities`, sent straight to the owning
 * subgraph with a validly signed identity — a reference answers exactly what the root query does.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildClientSchema, getIntrospectionQuery, parse, type GraphQLSchema } from 'graphql';
import { randomUUID } from 'node:crypto';
import { resolvableEntityTypes, ROLES, SIGNED_IN_ROLES, sql, type Identity, type Role } from '@pdo/platform';
import { DEMO_ORGS, DEMO_PRODUCTS, DEMO_USERS, orgByKey } from '@pdo/demo';
import type { SubgraphName } from '@pdo/events';
import { startTestStack, type TestStack } from '@pdo/testing';
import { DEFINITIONS, declaredAccess } from './all-subgraphs.js';
import { dummyCall } from './dummy-args.js';
import { changedTables, closeFingerprints, databaseFingerprint } from './checksums.js';

process.env.RATE_LIMIT_COST_PER_MINUTE = '100000000';
// The scope matrix batches one caller's by-id questions into one document (aliases).
process.env.QUERY_MAX_ALIASES = '100';

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
  // Before the role matrix knocks on every door (its dummy incident reports pause HN's grants).
  await createDrafts();
}, 180_000);
afterAll(async () => {
  await closeFingerprints();
  await stack?.stop();
});

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

/** One unlisted draft per jurisdiction, by its operator (the demo lists all its products), on a resource its scenario is granted. */
async function createDrafts(): Promise<void> {
  for (const j of JURISDICTIONS) {
    const [g] = await sql<{ scenarioId: string; resourceId: string }>(
      stack.em('products'),
      `select scenario_id::text as "scenarioId", resource_id::text as "resourceId" from access_grant_projection where jurisdiction = $1 and status = 'ACTIVE' order by scenario_id, resource_id limit 1`,
      [j],
    );
    expect(g, `an active grant in ${j}`).toBeDefined();
    const input = {
      scenarioId: g!.scenarioId, name: `${j} 未挂牌草稿`, description: '草稿', form: 'API', chargingUnit: 'PER_CALL', deliveryMethod: 'API_CALL',
      resourceIds: [g!.resourceId], outputSchema: [{ name: 'score', type: 'int', kind: 'SCORE', descriptionZh: '评分' }], sampleOutputs: [{ score: 1 }],
    };
    const res = await stack.gql(`mutation($i: CreateDataProductInput!) { createDataProduct(input: $i) { id } }`, { i: input }, { as: minted('OPERATOR', j) });
    expect(res.errors, `draft of ${j}`).toBeUndefined();
  }
  // The demo's one security incident is HN's: JL's operator reports one of its own (no processing stop).
  const jl = minted('OPERATOR', 'JL');
  const inc = await stack.gql(`mutation($i: ReportSecurityIncidentInput!) { reportSecurityIncident(input: $i) { id } }`, {
    i: { type: 'DATA_LOSS', severity: 'LOW', description: '备份介质丢失（授权矩阵）', occurredAt: new Date(Date.now() - 3_600_000).toISOString(), operatorId: jl.org },
  }, { as: jl });
  expect(inc.errors, 'JL incident').toBeUndefined();
}

// ── object scope ─────────────────────────────────────────────────────────────────────────────
/** Demo jurisdictions with objects of (almost) every kind. */
const JURISDICTIONS = ['HN', 'JL', 'QHD', 'ZJC'];

/** A demo-like organization of this role in this jurisdiction. */
function orgFor(role: Role, j: string): string {
  const lc = j.toLowerCase();
  const kind = (k: string) => DEMO_ORGS.find((o) => o.jurisdiction === j && (o.kinds as string[]).includes(k))?.id ?? randomUUID();
  switch (role) {
    case 'AUTHORITY':
    case 'FINANCE':
      return orgByKey(`${lc}-authority`).id;
    case 'AGENCY':
      return orgByKey(`${lc}-agency`).id;
    case 'SOURCE_UNIT':
      return kind('SOURCE_AGENCY');
    case 'OPERATOR':
      return orgByKey(`${lc}-operator`).id;
    case 'DEVELOPER':
      return kind('DEVELOPER');
    default:
      return orgByKey('expert-panel').id;
  }
}
const minted = (role: Role, j: string): Identity => ({ sub: `matrix:${role}:${j}`, role, org: orgFor(role, j), jurisdiction: j });
/** Every role that has a jurisdiction, in every demo jurisdiction. */
const CALLERS: Identity[] = SIGNED_IN_ROLES.flatMap((role) => JURISDICTIONS.map((j) => minted(role, j)));
const ANON: Identity = { sub: 'anonymous', role: 'ANONYMOUS', org: null, jurisdiction: null };

interface ScopedKind {
  name: string;
  subgraph: SubgraphName;
  /** One non-public object per jurisdiction: `select id, jurisdiction …` with $1 = the jurisdictions. */
  pick: string;
  /** Root field answering one object by `id`. */
  byId?: string;
  /** A list query (connection) that would return the object; given the object's jurisdiction. */
  list?: (j: string) => string;
}
const L = (field: string, args = '') => (j: string) => `{ ${field}(first: 1000${args.replace('$J', JSON.stringify(j))}) { edges { node { id } } } }`;
const one = (table: string, where = 'true') => `select distinct on (jurisdiction) id::text as id, jurisdiction from ${table} where jurisdiction = any($1) and ${where} order by jurisdiction, id`;

const SCOPED: ScopedKind[] = [
  { name: 'usage agreement', subgraph: 'products', pick: one('usage_agreement'), byId: 'usageAgreement', list: L('usageAgreements') },
  { name: 'usage application', subgraph: 'products', pick: one('usage_application'), list: L('usageApplications') },
  { name: 'usage record', subgraph: 'products', pick: one('usage_record'), list: L('usageRecords') },
  { name: 'unlisted product', subgraph: 'products', pick: one('data_product', 'listed_at is null'), byId: 'dataProduct', list: L('dataProducts') },
  { name: 'authorization agreement', subgraph: 'licensing', pick: one('agreement'), byId: 'agreement', list: L('agreements') },
  { name: 'data scenario', subgraph: 'licensing', pick: one('scenario'), byId: 'dataScenario', list: L('dataScenarios') },
  { name: 'access grant', subgraph: 'licensing', pick: one('access_grant'), list: L('accessGrants') },
  { name: 'operator application', subgraph: 'licensing', pick: one('operator_application'), byId: 'operatorApplication', list: L('operatorApplications') },
  { name: 'cost survey', subgraph: 'revenue', pick: one('cost_survey'), byId: 'costSurvey', list: L('costSurveys') },
  { name: 'settlement', subgraph: 'revenue', pick: one('settlement'), byId: 'settlement', list: L('settlements') },
  { name: 'security incident', subgraph: 'evaluation', pick: one('security_incident'), byId: 'securityIncident', list: L('securityIncidents', ', jurisdiction: $J') },
  { name: 'dispute', subgraph: 'evaluation', pick: one('dispute'), byId: 'dispute', list: L('disputes', ', jurisdiction: $J') },
  { name: 'operating report', subgraph: 'evaluation', pick: one('operating_report'), byId: 'operatingReport', list: L('operatingReports', ', jurisdiction: $J') },
  { name: 'operator evaluation', subgraph: 'evaluation', pick: one('operator_evaluation'), byId: 'operatorEvaluation', list: L('operatorEvaluations', ', jurisdiction: $J') },
  { name: 'correction request', subgraph: 'catalog', pick: one('correction_request'), byId: 'correctionRequest', list: L('correctionRequests') },
  { name: 'raw-data load batch', subgraph: 'delivery', pick: one('load_batch'), list: L('rawDataBatches') },
  { name: 'prohibited resource', subgraph: 'catalog', pick: one('data_resource', `openness = 'PROHIBITED'`), byId: 'dataResource', list: L('dataResources') },
];

/** Runs `tasks` with at most `n` in flight (the stack shares two cores with everything else). */
async function pool<T>(tasks: (() => Promise<T>)[], n = 12): Promise<T[]> {
  const out: T[] = new Array(tasks.length);
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(n, tasks.length) }, async () => {
    while (next < tasks.length) {
      const i = next++;
      out[i] = await tasks[i]!();
    }
  }));
  return out;
}

const INTERNAL = (res: { errors?: { extensions?: Record<string, any> }[] }) => (res.errors ?? []).some((e) => e.extensions?.code === 'INTERNAL_SERVER_ERROR');
const listIds = (res: any): string[] => {
  const field = res.data && Object.values(res.data)[0];
  return (field as any)?.edges?.map((e: any) => e.node.id) ?? [];
};

describe('object scope: roles × jurisdictions × operations', () => {
  const objects = new Map<string, { id: string; jurisdiction: string }[]>();

  beforeAll(async () => {
    for (const k of SCOPED) objects.set(k.name, await sql<{ id: string; jurisdiction: string }>(stack.em(k.subgraph), k.pick, [JURISDICTIONS]));
  }, 60_000);

  it('the demo world holds objects of every kind, all but one in several jurisdictions', () => {
    expect(SCOPED.filter((k) => objects.get(k.name)!.length === 0).map((k) => k.name), 'kinds without a demo object').toEqual([]);
    // The demo has one operator application (JL's); every other kind spreads wider.
    const thin = SCOPED.filter((k) => objects.get(k.name)!.length < 2).map((k) => k.name);
    expect(thin, 'kinds in one jurisdiction only').toEqual(['operator application']);
  });

  it("every act on another jurisdiction's object is refused (FORBIDDEN or NOT_FOUND, before any state check) and changes nothing", async () => {
    const CHECKLIST = ['DATA_SOURCE', 'DESENSITISATION', 'RAW_DATA_STAYS_IN_DOMAIN', 'ACCESS_CONTROL', 'ASSOCIATED_PARTY_AUTHORIZATION'].map((item) => ({ item, result: 'PASS', evidence: `材料 ${item}` }));
    const cause = (schema.getType('RectificationCause') as any).getValues()[0].name;
    const listed = JURISDICTIONS.map((j) => DEMO_PRODUCTS.find((p) => p.jurisdiction === j)!).map((p) => ({ id: p.id, jurisdiction: p.jurisdiction }));
    const acts: { name: string; roles: Role[]; objects: { id: string; jurisdiction: string }[]; doc: string; vars: (id: string) => Record<string, unknown> }[] = [
      { name: 'endUsageAgreement', roles: ['OPERATOR', 'DEVELOPER', 'AGENCY'], objects: objects.get('usage agreement')!, doc: `mutation($id: ID!) { endUsageAgreement(id: $id, reason: "越权终止") { id } }`, vars: (id) => ({ id }) },
      { name: 'acceptUsageAgreement', roles: ['OPERATOR', 'DEVELOPER'], objects: objects.get('usage agreement')!, doc: `mutation($id: ID!) { acceptUsageAgreement(id: $id) { id } }`, vars: (id) => ({ id }) },
      { name: 'decideUsageApplication', roles: ['AGENCY'], objects: objects.get('usage application')!, doc: `mutation($id: ID!) { decideUsageApplication(applicationId: $id, approve: true) { id } }`, vars: (id) => ({ id }) },
      {
        name: 'assessUsageApplication', roles: ['OPERATOR'], objects: objects.get('usage application')!,
        doc: `mutation($i: AssessUsageApplicationInput!) { assessUsageApplication(input: $i) { id } }`,
        vars: (id) => ({ i: { applicationId: id, capabilityAdequate: true, needReasonable: true, scenarioCompliant: true, securityRisk: 'LOW', recommend: true, opinion: '越权评估', revenueDistribution: '按协议', securityTerms: '按协议', confidentialityTerms: '按协议' } }),
      },
      { name: 'submitProductForReview', roles: ['OPERATOR'], objects: objects.get('unlisted product')!, doc: `mutation($id: ID!) { submitProductForReview(productId: $id) { id } }`, vars: (id) => ({ id }) },
      { name: 'updateProductDraft', roles: ['OPERATOR'], objects: objects.get('unlisted product')!, doc: `mutation($i: UpdateProductDraftInput!) { updateProductDraft(input: $i) { id } }`, vars: (id) => ({ i: { productId: id, name: '越权改名' } }) },
      { name: 'reviewProduct', roles: ['AGENCY'], objects: objects.get('unlisted product')!, doc: `mutation($i: ReviewProductInput!) { reviewProduct(input: $i) { id } }`, vars: (id) => ({ i: { productId: id, version: 1, decision: 'APPROVED', checklist: CHECKLIST } }) },
      { name: 'delistProduct', roles: ['OPERATOR', 'AGENCY'], objects: listed, doc: `mutation($id: ID!) { delistProduct(productId: $id, reason: "越权摘牌") { id } }`, vars: (id) => ({ id }) },
      {
        name: 'suspendAgreement', roles: ['AUTHORITY'], objects: objects.get('authorization agreement')!,
        doc: `mutation($i: SuspendAgreementInput!) { suspendAgreement(input: $i) { id } }`, vars: (id) => ({ i: { agreementId: id, cause, description: '越权暂停', deadline: '2027-06-30' } }),
      },
      { name: 'activateAgreement', roles: ['AUTHORITY', 'AGENCY'], objects: objects.get('authorization agreement')!, doc: `mutation($id: ID!) { activateAgreement(id: $id) { id } }`, vars: (id) => ({ id }) },
      { name: 'revokeAccessGrant', roles: ['AUTHORITY', 'AGENCY'], objects: objects.get('access grant')!, doc: `mutation($id: ID!) { revokeAccessGrant(grantId: $id, reason: "越权撤销") { id } }`, vars: (id) => ({ id }) },
      { name: 'decideDataScenario', roles: ['AGENCY'], objects: objects.get('data scenario')!, doc: `mutation($id: ID!) { decideDataScenario(scenarioId: $id, approve: false, reasons: ["越权"]) { id } }`, vars: (id) => ({ id }) },
    ];
    // Events of the role matrix's allowed calls (e.g. each subgraph's signed audit checkpoint → a
    // disclosure) are still being consumed: let them land before the fingerprint.
    await stack.settle();
    const before = await databaseFingerprint(stack.db.url);
    const failures: string[] = [];
    const tasks: (() => Promise<void>)[] = [];
    for (const act of acts) {
      for (const o of act.objects) {
        for (const role of act.roles) {
          for (const j of JURISDICTIONS.filter((x) => x !== o.jurisdiction)) {
            tasks.push(async () => {
              const res = await stack.gql(act.doc, act.vars(o.id), { as: minted(role, j) });
              const c = res.errors?.[0]?.extensions?.code ?? 'OK';
              if (c !== 'FORBIDDEN' && c !== 'NOT_FOUND') failures.push(`${act.name} on ${o.jurisdiction}'s ${o.id} by ${role} of ${j}: ${c}`);
            });
          }
        }
      }
    }
    await pool(tasks);
    expect(failures).toEqual([]);
    expect(changedTables(before, await databaseFingerprint(stack.db.url)), 'tables written by refused acts').toEqual([]);
    console.log(`scope matrix, writes: ${acts.length} mutations × their roles × ${JURISDICTIONS.length - 1} foreign jurisdictions = ${tasks.length} refused acts`);
  }, 120_000);

  it('a caller of jurisdiction A gets nothing of jurisdiction B — by id, in lists — and the authority of B gets it', async () => {
    const failures: string[] = [];
    let checks = 0;
    const tasks: (() => Promise<void>)[] = [];
    for (const k of SCOPED) {
      const objs = objects.get(k.name)!;
      for (const caller of CALLERS) {
        const foreign = objs.filter((o) => o.jurisdiction !== caller.jurisdiction);
        if (foreign.length === 0) continue;
        if (k.byId) {
          tasks.push(async () => {
            const doc = `{ ${foreign.map((o, i) => `o${i}: ${k.byId}(id: ${JSON.stringify(o.id)}) { __typename }`).join(' ')} }`;
            const res = await stack.gql(doc, {}, { as: caller });
            if (INTERNAL(res)) failures.push(`${k.byId} as ${caller.role}/${caller.jurisdiction}: INTERNAL_SERVER_ERROR`);
            foreign.forEach((o, i) => {
              checks++;
              if (res.data?.[`o${i}`]) failures.push(`${k.byId}(${o.jurisdiction} ${k.name}) answered ${caller.role} of ${caller.jurisdiction}`);
            });
          });
        }
        if (k.list) {
          // Lists with a jurisdiction argument are asked for each foreign jurisdiction, the others once.
          const docs = [...new Set(foreign.map((o) => k.list!(o.jurisdiction)))];
          for (const doc of docs) {
            tasks.push(async () => {
              const res = await stack.gql(doc, {}, { as: caller });
              if (INTERNAL(res)) failures.push(`${doc} as ${caller.role}/${caller.jurisdiction}: INTERNAL_SERVER_ERROR`);
              const ids = new Set(listIds(res));
              for (const o of foreign) {
                checks++;
                if (ids.has(o.id)) failures.push(`list ${doc.slice(2, 40)}… gave ${caller.role} of ${caller.jurisdiction} the ${o.jurisdiction} ${k.name}`);
              }
            });
          }
        }
      }
      // The control: the test can fail — B's own authority sees B's object.
      for (const o of objs) {
        const authority = minted('AUTHORITY', o.jurisdiction);
        tasks.push(async () => {
          checks++;
          const seen = k.byId
            ? !!(await stack.gql(`{ x: ${k.byId}(id: ${JSON.stringify(o.id)}) { __typename } }`, {}, { as: authority })).data?.x
            : listIds(await stack.gql(k.list!(o.jurisdiction), {}, { as: authority })).includes(o.id);
          if (!seen) failures.push(`the ${o.jurisdiction} authority does not see its own ${k.name} ${o.id}`);
        });
      }
    }
    await pool(tasks);
    console.log(`scope matrix: ${SIGNED_IN_ROLES.length} roles × ${JURISDICTIONS.length} jurisdictions × ${SCOPED.length} object kinds (${SCOPED.filter((k) => k.byId).length} by id, ${SCOPED.filter((k) => k.list).length} lists) = ${tasks.length} calls, ${checks} checks`);
    expect(failures).toEqual([]);
  }, 120_000);
});

/**
 * `_entities` sent straight to each subgraph, as the router would, with a validly signed identity:
 * for every resolvable entity type × every identity (each role in each jurisdiction, and the
 * public), a reference resolves exactly when the root query answers the same object to the same
 * caller — and never across jurisdictions for what is not public.
 */
interface EntityCase {
  subgraph: SubgraphName;
  type: string;
  /** Objects to reference: id, jurisdiction, and whether they are public. */
  objects: () => Promise<{ id: string; jurisdiction: string | null; public: boolean }[]>;
  /** The root query's answer to the same caller: is the object visible? */
  oracle: (caller: Identity, ids: string[]) => Promise<Set<string>>;
}

const byIdOracle = (subgraph: SubgraphName, field: string) => async (caller: Identity, ids: string[]) => {
  const res = await stack.subgraph(subgraph, `{ ${ids.map((id, i) => `o${i}: ${field}(id: ${JSON.stringify(id)}) { __typename }`).join(' ')} }`, {}, { as: caller });
  return new Set(ids.filter((_, i) => !!res.data?.[`o${i}`]));
};
const listOracle = (subgraph: SubgraphName, field: string) => async (caller: Identity) =>
  new Set(listIds(await stack.subgraph(subgraph, `{ ${field}(first: 1000) { edges { node { id } } } }`, {}, { as: caller })));
const rows = (subgraph: SubgraphName, query: string, isPublic: (r: any) => boolean = () => false) => async () =>
  (await sql<any>(stack.em(subgraph), query, [JURISDICTIONS])).map((r) => ({ id: r.id, jurisdiction: r.jurisdiction ?? null, public: isPublic(r) }));

const ENTITY_CASES: EntityCase[] = [
  { subgraph: 'licensing', type: 'Organization', objects: rows('licensing', `select id::text, jurisdiction from organization where jurisdiction = any($1) order by id limit 6`, () => true), oracle: byIdOracle('licensing', 'organization') },
  { subgraph: 'licensing', type: 'AuthorizationAgreement', objects: rows('licensing', one('agreement')), oracle: byIdOracle('licensing', 'agreement') },
  { subgraph: 'licensing', type: 'DataScenario', objects: rows('licensing', one('scenario')), oracle: byIdOracle('licensing', 'dataScenario') },
  { subgraph: 'licensing', type: 'AccessGrant', objects: rows('licensing', one('access_grant')), oracle: listOracle('licensing', 'accessGrants') },
  {
    subgraph: 'products', type: 'DataProduct',
    objects: rows('products', `(${one('data_product', 'listed_at is null')}) union all (${one('data_product', 'listed_at is not null')})`, (r) => false),
    oracle: byIdOracle('products', 'dataProduct'),
  },
  { subgraph: 'products', type: 'UsageRecord', objects: rows('products', one('usage_record')), oracle: listOracle('products', 'usageRecords') },
  // products only adds `DataResource.products` (scoped by its own loader) to catalog's resource.
  { subgraph: 'products', type: 'DataResource', objects: rows('catalog', `select id::text, jurisdiction from data_resource where jurisdiction = any($1) order by id limit 4`, () => true), oracle: async (_, ids) => new Set(ids) },
  { subgraph: 'revenue', type: 'CostSurvey', objects: rows('revenue', one('cost_survey')), oracle: byIdOracle('revenue', 'costSurvey') },
  {
    subgraph: 'catalog', type: 'DataResource',
    objects: rows('catalog', `(${one('data_resource', `openness = 'PROHIBITED'`)}) union all (${one('data_resource', `openness <> 'PROHIBITED' and status = 'ACTIVE'`)})`, (r) => r.public),
    oracle: byIdOracle('catalog', 'dataResource'),
  },
  { subgraph: 'evaluation', type: 'Disclosure', objects: rows('evaluation', one('disclosure'), () => true), oracle: byIdOracle('evaluation', 'disclosure') },
];

describe('object scope: every resolvable entity type × every identity through _entities', () => {
  it('every resolvable entity type of every subgraph declares a reference access rule and is in this matrix', () => {
    const declared: string[] = [];
    const resolvable: string[] = [];
    for (const d of DEFINITIONS) {
      const types = resolvableEntityTypes(parse(stack.runtimes[d.name]!.sdl));
      resolvable.push(...types.map((t) => `${d.name}.${t}`));
      declared.push(...Object.keys(d.entityAccess ?? {}).map((t) => `${d.name}.${t}`));
    }
    expect(declared.sort()).toEqual(resolvable.sort());
    expect(ENTITY_CASES.map((c) => `${c.subgraph}.${c.type}`).sort()).toEqual(resolvable.sort());
  });

  it('a reference resolves exactly when the root query answers the caller, and never across jurisdictions for what is not public', async () => {
    const failures: string[] = [];
    let checks = 0;
    const identities = [...CALLERS, ANON];
    const tasks: (() => Promise<void>)[] = [];
    for (const c of ENTITY_CASES) {
      const objs = await c.objects();
      if (objs.length === 0) failures.push(`${c.subgraph}.${c.type}: no demo objects`);
      // The catalog's projection of "public" is computed in SQL for resources; the rest is declared per case.
      const isPublic = async () => {
        if (c.subgraph !== 'catalog') return new Map(objs.map((o) => [o.id, o.public]));
        const pub = await sql<{ id: string }>(stack.em('catalog'), `select id::text from data_resource where id = any($1::uuid[]) and openness <> 'PROHIBITED' and status = 'ACTIVE'`, [objs.map((o) => o.id)]);
        return new Map(objs.map((o) => [o.id, pub.some((p) => p.id === o.id)]));
      };
      const publicOf = await isPublic();
      if (c.type === 'DataProduct') {
        const listed = await sql<{ id: string }>(stack.em('products'), `select id::text from data_product where id = any($1::uuid[]) and listed_at is not null`, [objs.map((o) => o.id)]);
        for (const o of objs) publicOf.set(o.id, listed.some((l) => l.id === o.id));
      }
      for (const who of identities) {
        tasks.push(async () => {
          const reps = objs.map((o) => ({ __typename: c.type, id: o.id }));
          const res = await stack.subgraph(c.subgraph, `query($r: [_Any!]!) { _entities(representations: $r) { __typename ... on ${c.type} { id } } }`, { r: reps }, { as: who });
          if (res.errors?.length) failures.push(`${c.subgraph} _entities ${c.type} as ${who.role}/${who.jurisdiction}: ${res.errors.map((e) => e.extensions?.code).join(',')}`);
          const resolved = new Set<string>((res.data?._entities ?? []).filter(Boolean).map((e: any) => e.id));
          const expected = await c.oracle(who, objs.map((o) => o.id));
          for (const o of objs) {
            checks++;
            const got = resolved.has(o.id);
            if (got !== expected.has(o.id)) failures.push(`${c.subgraph} ${c.type} ${o.jurisdiction} as ${who.role}/${who.jurisdiction}: _entities ${got ? 'resolves' : 'refuses'} it, the root query ${expected.has(o.id) ? 'answers' : 'does not'}`);
            if (got && !publicOf.get(o.id) && o.jurisdiction && o.jurisdiction !== who.jurisdiction) failures.push(`${c.subgraph} ${c.type} of ${o.jurisdiction} resolved for ${who.role} of ${who.jurisdiction ?? 'none'}`);
          }
        });
      }
    }
    await pool(tasks);
    console.log(`entity matrix: ${ENTITY_CASES.length} resolvable entity types × ${identities.length} identities (${SIGNED_IN_ROLES.length} roles × ${JURISDICTIONS.length} jurisdictions + anonymous) = ${tasks.length} _entities calls, ${checks} references checked`);
    expect(failures).toEqual([]);
  }, 120_000);
});
