import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedOnce, sql } from '@pdo/platform';
import { startTestStack, who, type TestStack } from '@pdo/testing';
import { DEMO_AGREEMENTS, DEMO_RESOURCES, orgByKey, resourceByKey } from '@pdo/demo';
import { definition } from '../src/index.js';

let stack: TestStack;
const now = new Date().toISOString();

beforeAll(async () => {
  stack = await startTestStack([definition], { gateway: true });
  expect(await seedOnce(stack.runtimes.catalog!)).toBe(true);
});
afterAll(async () => {
  await stack?.stop();
});

describe('demo seed', () => {
  it('seeds every DEMO_RESOURCE under its shared id with full metadata', async () => {
    const rows = await sql<{ id: string; code: string; fields: unknown[]; grade: string | null; openness: string; version: number }>(stack.em('catalog'), `select id, code, fields, grade, openness, version from data_resource`);
    expect(rows).toHaveLength(DEMO_RESOURCES.length);
    for (const r of DEMO_RESOURCES) {
      const row = rows.find((x) => x.id === r.id);
      expect(row, r.key).toMatchObject({ code: r.code, grade: r.grade, openness: r.openness });
      expect(row!.fields).toHaveLength(r.fields.length);
    }
    expect(await seedOnce(stack.runtimes.catalog!)).toBe(false);
  });

  it('makes the resources of the demo agreements authorizable (HN ones registered) and keeps prohibited/ungraded ones out', async () => {
    const Q = `query($id: ID!) { dataResource(id: $id) { code registered authorizability { authorizable reasons { code } } } }`;
    const as = who('AUTHORITY', null, 'NATIONAL');
    for (const a of DEMO_AGREEMENTS) {
      for (const k of a.resourceKeys) {
        const r = await stack.subgraph('catalog', Q, { id: resourceByKey(k).id }, { as, now });
        expect([k, r.data.dataResource.authorizability.authorizable]).toEqual([k, true]);
      }
    }
    const prohibited = await stack.subgraph('catalog', Q, { id: resourceByKey('hn-public-security-raw').id }, { as, now });
    expect(prohibited.data.dataResource.authorizability.reasons.map((x: any) => x.code)).toEqual(['PROHIBITED', 'NOT_REGISTERED']);
    const ungraded = await stack.subgraph('catalog', Q, { id: resourceByKey('jl-marriage-ungraded').id }, { as, now });
    expect(ungraded.data.dataResource.authorizability.reasons.map((x: any) => x.code)).toEqual(['NOT_GRADED']);
    // anonymous public catalog: no prohibited resources
    const anon = await stack.subgraph('catalog', `{ catalogSearch(first: 100) { totalCount facets { openness { value count } } } }`, {}, { now });
    expect(anon.data.catalogSearch.totalCount).toBe(DEMO_RESOURCES.filter((r) => r.openness !== 'PROHIBITED').length);
  });

  it('has registrations in several states, with one overdue, and correction requests with one overdue', async () => {
    const regs = await sql<{ state: string; n: string }>(stack.em('catalog'), `select state, count(*)::text as n from resource_registration group by state`);
    expect(Object.fromEntries(regs.map((r) => [r.state, Number(r.n)]))).toEqual({ CODED: 6, PUBLIC_NOTICE: 1, FORMAL_REVIEW: 1, APPLIED: 1, RETURNED: 1 });
    const overdueRegs = await stack.subgraph('catalog', `{ overdueResourceRegistrations(jurisdiction: "QHD") { totalCount } }`, {}, { as: who('AUTHORITY', null, 'QHD'), now });
    expect(overdueRegs.data.overdueResourceRegistrations.totalCount).toBe(1);
    const overdue = await stack.subgraph('catalog', `{ overdueCorrectionRequests { totalCount edges { node { resource { code } dueRule } } } }`, {}, { as: who('AGENCY', orgByKey('hn-agency').id, 'HN'), now });
    expect(overdue.data.overdueCorrectionRequests.edges.map((e: any) => e.node.resource.code)).toEqual(['HN-JT-0001']);
    const states = await sql<{ state: string }>(stack.em('catalog'), `select state from correction_request order by state`);
    expect(states.map((s) => s.state)).toEqual(['CORRECTED', 'OPEN', 'OPEN', 'REJECTED']);
  });

  it('refuses withdrawing a resource the seeded HN agreement uses', async () => {
    const res = await stack.subgraph('catalog', `mutation($id: ID!) { withdrawDataResource(id: $id, reason: "test") { id } }`, { id: resourceByKey('hn-freight-vehicles').id }, { as: who('AGENCY', orgByKey('hn-agency').id, 'HN'), now });
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', details: { blockingAgreements: [{ agreementNumber: 'HN-SQ-2025-001' }] } });
  });

  it('lists a signed-in official’s own jurisdiction first (an HN agency’s list began with JL’s resources)', async () => {
    const q = `{ dataResources(first: 50) { totalCount edges { node { code } } } }`;
    const hn = await stack.subgraph('catalog', q, {}, { as: who('AGENCY', orgByKey('hn-agency').id, 'HN'), now });
    const codes: string[] = hn.data.dataResources.edges.map((e: any) => e.node.code);
    const own = codes.filter((c) => c.startsWith('HN-')).length;
    expect(own).toBeGreaterThan(0);
    expect(codes.slice(0, own).every((c) => c.startsWith('HN-'))).toBe(true);
  });

  it('registration and correction lists with their nested fields cost the same statements for one row or all, the facets one more', async () => {
    const as = who('AUTHORITY', null, 'NATIONAL');
    const statements = async (q: string, first: number) => {
      const r = await stack.subgraph('catalog', q, { first }, { as, now });
      expect(r.errors).toBeUndefined();
      return { n: r.extensions?.sqlStatements?.catalog as number, data: r.data };
    };
    const REGS = `query($first: Int) { resourceRegistrations(first: $first) { totalCount edges { node { id overdue steps { action onDate at } resource { code versionsCount } } } } }`;
    // Both pages are full, so both count the total (pageOf: one statement, or two when the page cannot tell).
    const oneReg = await statements(REGS, 1);
    const allRegs = await statements(REGS, 9);
    expect(allRegs.data.resourceRegistrations.totalCount).toBe(10);
    expect(allRegs.data.resourceRegistrations.edges.every((e: any) => e.node.steps.length > 0 && /^\d{4}-\d{2}-\d{2}$/.test(e.node.steps[0].onDate))).toBe(true);
    expect(allRegs.n).toBe(oneReg.n);
    const CORR = `query($first: Int) { correctionRequests(first: $first) { totalCount edges { node { id raisedOn overdue resource { code openCorrectionsCount } } } } }`;
    const oneCorr = await statements(CORR, 1);
    const allCorr = await statements(CORR, 3);
    expect(allCorr.data.correctionRequests.totalCount).toBe(4);
    expect(allCorr.n).toBe(oneCorr.n);
    // The facets are one hand-written grouping-sets statement on top of the list's.
    const plain = await statements(`query($first: Int) { catalogSearch(first: $first) { totalCount } }`, 100);
    const faceted = await statements(`query($first: Int) { catalogSearch(first: $first) { totalCount facets { sector { value count } grade { value count } } } }`, 100);
    expect(faceted.n).toBe(plain.n + 1);
    expect(faceted.data.catalogSearch.facets.grade.reduce((a: number, b: any) => a + b.count, 0)).toBe(faceted.data.catalogSearch.totalCount);
  });

  it('composes and answers through the gateway: a public catalog search with facets', async () => {
    const res = await stack.gql(
      `query($f: CatalogSearchFilter) { catalogSearch(filter: $f, first: 5) { totalCount edges { node { code nameZh sector sourceAgency { id } authorizability { authorizable } } } facets { sector { value labelZh count } } } }`,
      { f: { q: '信用' } },
      { now },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data.catalogSearch.edges.map((e: any) => e.node.code).sort()).toEqual(['HN-SJ-0001', 'HN-SJ-0002', 'JL-MZ-0002', 'QHD-SJ-0001', 'QHD-SW-0003']);
    expect(res.data.catalogSearch.facets.sector.reduce((a: number, b: any) => a + b.count, 0)).toBe(res.data.catalogSearch.totalCount);
  });
});
