import { beforeAll, describe, expect, it } from 'vitest';
import { encodeOffsetCursor, sql } from '@pdo/platform';
import { who } from '@pdo/testing';
import { stack } from './stack.js';
import { orgByKey } from '@pdo/demo';
import { createResource } from '../src/services/resources.js';
import type { EventName } from '@pdo/events';
import { CREATE, EDIT, WITHDRAW, published, publishAsLicensing, publishManyAsLicensing, RESOURCE_FIELDS } from './helpers.js';

const NOW = '2026-05-06T02:00:00Z';
const market = orgByKey('hn-src-market').id;
const transport = orgByKey('hn-src-transport').id;
const hnUnit = who('SOURCE_UNIT', market, 'HN', 'u-market');
const hnOtherUnit = who('SOURCE_UNIT', transport, 'HN', 'u-transport');
const hnAgency = who('AGENCY', orgByKey('hn-agency').id, 'HN', 'u-hn-agency');
const hnAuthority = who('AUTHORITY', orgByKey('hn-authority').id, 'HN', 'u-hn-auth');
const jlAgency = who('AGENCY', orgByKey('jl-agency').id, 'JL', 'u-jl-agency');
const jlCivil = orgByKey('jl-src-civil').id;
const hnOperator = who('OPERATOR', orgByKey('hn-operator').id, 'HN', 'u-op');

const call = (q: string, v: Record<string, unknown> = {}, as = hnUnit, now = NOW) => stack.subgraph('catalog', q, v, { as, now });

const baseInput = (over: Record<string, unknown> = {}) => ({
  jurisdiction: 'HN',
  sourceAgencyId: market,
  code: 'HN-T-0001',
  nameZh: '个体工商户登记信息',
  descriptionZh: '个体工商户设立、变更、注销登记',
  sector: 'ENTERPRISE_REGISTRATION',
  fields: [
    { name: 'uscc', type: 'string', descriptionZh: '统一社会信用代码' },
    { name: 'operator_name', type: 'string', descriptionZh: '经营者姓名', personalInformation: true },
    { name: 'id_no', type: 'string', descriptionZh: '经营者身份证号', sensitive: true },
  ],
  classification: 'GENERAL',
  grade: 'L2',
  openness: 'CONDITIONAL',
  updateFrequency: 'DAILY',
  recordCount: 1200000,
  quality: { completeness: '98.50', consistency: '97', accuracy: '99.10', timeliness: '95' },
  ...over,
});

const countResources = async () => Number((await sql<{ n: string }>(stack.em('catalog'), 'select count(*)::text as n from data_resource'))[0]!.n);


describe('resources: create, edit, versions', () => {
  let id: string;

  it('a source unit creates a resource of its own organization with the full field set', async () => {
    const res = await call(CREATE, { input: baseInput() });
    expect(res.errors).toBeUndefined();
    const r = res.data.createDataResource;
    id = r.id;
    expect(r).toMatchObject({
      code: 'HN-T-0001',
      sector: 'ENTERPRISE_REGISTRATION',
      sourceAgency: { id: market },
      version: 1,
      status: 'ACTIVE',
      classification: 'GENERAL',
      grade: 'L2',
      openness: 'CONDITIONAL',
      recordCount: 1200000,
      quality: { completeness: '98.50', consistency: '97', accuracy: '99.10', timeliness: '95' },
      versionsCount: 1,
      openCorrectionsCount: 0,
    });
    // sensitive implies personal information
    expect(r.fields[2]).toMatchObject({ name: 'id_no', personalInformation: true, sensitive: true });
    // HN Art 10: not registered yet → not authorizable, with the reason and its source
    expect(r.authorizability.authorizable).toBe(false);
    expect(r.authorizability.reasons.map((x: any) => x.code)).toEqual(['NOT_REGISTERED']);
    expect(r.authorizability.reasons[0].rule).toContain('HN Art 10');
    const events = await published(stack, 'ResourcePublished');
    expect(events.find((e) => e.payload.resourceId === id)?.payload).toMatchObject({ code: 'HN-T-0001', version: 1, authorizable: false, sector: 'enterprise_registration' });
  });

  it('refuses bad input with coded errors and writes nothing', async () => {
    const before = await countResources();
    const dup = await call(CREATE, { input: baseInput() });
    expect(dup.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(dup.errors?.[0]?.extensions?.details?.reason).toBe('DUPLICATE_CODE');
    // Enum values outside the schema never reach the resolver: GraphQL refuses the variable and the
    // platform reports it as BAD_USER_INPUT with GraphQL's precise message. The domain refuses them too:
    for (const input of [{ code: 'HN-T-0002', sector: 'astrology' }, { code: 'HN-T-0002', grade: 'L9' }, { code: 'HN-T-0002', openness: 'SOMETIMES' }, { code: 'HN-T-0002', updateFrequency: 'HOURLY' }]) {
      const viaGraphql = await call(CREATE, { input: baseInput({ ...input, sector: input.sector?.toUpperCase() ?? 'CREDIT' }) });
      expect(viaGraphql.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(viaGraphql.errors?.[0]?.message).toContain('$input');
      const direct = stack.runtimes.catalog!.orm.em.fork().transactional((tx) =>
        createResource({ tx, audit: () => {}, publish: async () => ({}) as never }, { identity: hnUnit, now: new Date(NOW) }, { ...baseInput(), sourceUnitId: market, sector: 'credit', ...input } as never),
      );
      await expect(direct).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    }
    const noReason = await call(CREATE, { input: baseInput({ code: 'HN-T-0002', openness: 'PROHIBITED' }) });
    expect(noReason.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.prohibitedReason' });
    const badScore = await call(CREATE, { input: baseInput({ code: 'HN-T-0002', quality: { completeness: '101', consistency: '1', accuracy: '1', timeliness: '1' } }) });
    expect(badScore.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const dupField = await call(CREATE, { input: baseInput({ code: 'HN-T-0002', fields: [{ name: 'a', type: 'string' }, { name: 'a', type: 'int' }] }) });
    expect(dupField.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(await countResources()).toBe(before);
  });

  it('refuses creating for another organization or jurisdiction, and anonymous callers', async () => {
    const other = await call(CREATE, { input: baseInput({ code: 'HN-T-0003', sourceAgencyId: transport }) });
    expect(other.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const jl = await call(CREATE, { input: baseInput({ code: 'HN-T-0003' }) }, jlAgency);
    expect(jl.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const operator = await call(CREATE, { input: baseInput({ code: 'HN-T-0003' }) }, hnOperator);
    expect(operator.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const anon = await stack.subgraph('catalog', CREATE, { input: baseInput({ code: 'HN-T-0003' }) }, { now: NOW });
    expect(anon.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    // once licensing's OrganizationRegistered is projected, the owner must be a source agency of the jurisdiction
    const reg = (key: string) => {
      const o = orgByKey(key);
      return ['OrganizationRegistered', { organizationId: o.id, jurisdiction: o.jurisdiction, nameZh: o.nameZh, kinds: o.kinds }, o.jurisdiction] as [EventName, object, string];
    };
    await publishManyAsLicensing(stack, [reg('hn-operator'), reg('jl-src-civil'), reg('hn-src-market')]);
    const notSource = await call(CREATE, { input: baseInput({ code: 'HN-T-0003', sourceAgencyId: orgByKey('hn-operator').id }) }, hnAgency);
    expect(notSource.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.sourceAgencyId' });
    const otherJurisdiction = await call(CREATE, { input: baseInput({ code: 'HN-T-0003', sourceAgencyId: jlCivil }) }, hnAgency);
    expect(otherJurisdiction.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', details: { jurisdiction: 'JL' } });
  });

  it('every edit is a new immutable version with who, when and what changed; past versions stay readable', async () => {
    const res = await call(EDIT, { input: { id, expectedVersion: 1, nameZh: '个体工商户登记注册信息', recordCount: 1250000, note: '年报更新' } }, hnAgency, '2026-05-07T03:00:00Z');
    expect(res.errors).toBeUndefined();
    expect(res.data.editDataResource).toMatchObject({ version: 2, nameZh: '个体工商户登记注册信息', recordCount: 1250000, versionsCount: 2 });

    const hist = await call(`query($id: ID!) { dataResourceVersions(resourceId: $id) { totalCount edges { node { version action changedBy changedAt changes note } } } }`, { id });
    expect(hist.data.dataResourceVersions.totalCount).toBe(2);
    const [v2, v1] = hist.data.dataResourceVersions.edges.map((e: any) => e.node);
    expect(v2).toMatchObject({ version: 2, action: 'EDITED', changedBy: 'u-hn-agency', changedAt: '2026-05-07T03:00:00.000Z', note: '年报更新' });
    expect(v2.changes).toEqual({ nameZh: { from: '个体工商户登记信息', to: '个体工商户登记注册信息' }, recordCount: { from: 1200000, to: 1250000 } });
    expect(v1).toMatchObject({ version: 1, action: 'CREATED', changedBy: 'u-market' });

    const past = await call(`query($id: ID!) { dataResourceVersion(resourceId: $id, version: 1) { version snapshot } }`, { id });
    expect(past.data.dataResourceVersion.snapshot).toMatchObject({ nameZh: '个体工商户登记信息', recordCount: 1200000 });

    // stale editor
    const stale = await call(EDIT, { input: { id, expectedVersion: 1, nameZh: 'x' } });
    expect(stale.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', details: { reason: 'STALE_VERSION', currentVersion: 2 } });
    // the version table is append-only
    await expect(sql(stack.em('catalog'), `update data_resource_version set note = 'x'`)).rejects.toThrow(/append-only/);
    const changed = (await published(stack, 'ResourceChanged')).filter((e) => e.payload.resourceId === id);
    expect(changed.map((e) => e.payload.version)).toEqual([2]);
  });

  it('editing another agency\'s resource is refused and changes nothing', async () => {
    const other = await call(EDIT, { input: { id, nameZh: '篡改' } }, hnOtherUnit);
    expect(other.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const jl = await call(EDIT, { input: { id, nameZh: '篡改' } }, jlAgency);
    expect(jl.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const dupCode = await call(CREATE, { input: baseInput({ code: 'HN-T-0009', nameZh: '另一资源' }) });
    const clash = await call(EDIT, { input: { id: dupCode.data.createDataResource.id, code: 'HN-T-0001' } });
    expect(clash.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    const r = await call(`query($id: ID!) { dataResource(id: $id) { nameZh version } }`, { id });
    expect(r.data.dataResource).toEqual({ nameZh: '个体工商户登记注册信息', version: 2 });
  });
});

describe('authorizability', () => {
  it('is computed with reasons and an event is published whenever it changes', async () => {
    const created = await call(
      CREATE,
      { input: baseInput({ jurisdiction: 'JL', sourceAgencyId: jlCivil, code: 'JL-T-0001', nameZh: '养老机构信息', sector: 'CIVIL_AFFAIRS', classification: null, grade: null, sharedFromAgencyId: orgByKey('jl-src-housing').id }) },
      jlAgency,
    );
    expect(created.errors).toBeUndefined();
    const r = created.data.createDataResource;
    expect(r.authorizability.reasons.map((x: any) => x.code).sort()).toEqual(['NOT_GRADED', 'SHARING_CONSENT_MISSING']);
    const graded = await call(EDIT, { input: { id: r.id, classification: 'GENERAL', grade: 'L2' } }, jlAgency);
    expect(graded.data.editDataResource.authorizability.reasons.map((x: any) => x.code)).toEqual(['SHARING_CONSENT_MISSING']);
    const consented = await call(EDIT, { input: { id: r.id, sharingConsent: true } }, jlAgency);
    expect(consented.data.editDataResource.authorizability).toEqual({ authorizable: true, reasons: [] });
    const prohibited = await call(EDIT, { input: { id: r.id, openness: 'PROHIBITED', prohibitedReason: 'PERSONAL_INFORMATION_WITHOUT_CONSENT' } }, jlAgency);
    expect(prohibited.data.editDataResource.authorizability.reasons.map((x: any) => x.code)).toEqual(['PROHIBITED']);
    const events = (await published(stack, 'ResourceAuthorizabilityChanged')).filter((e) => e.payload.resourceId === r.id).map((e) => e.payload);
    expect(events.map((e) => [e.version, e.authorizable, e.reasons])).toEqual([
      [1, false, ['NOT_GRADED', 'SHARING_CONSENT_MISSING']],
      [2, false, ['SHARING_CONSENT_MISSING']],
      [3, true, []],
      [4, false, ['PROHIBITED']],
    ]);
    // an edit that does not move the verdict publishes no authorizability event
    await call(EDIT, { input: { id: r.id, descriptionZh: '养老机构备案信息' } }, jlAgency);
    expect((await published(stack, 'ResourceAuthorizabilityChanged')).filter((e) => e.payload.resourceId === r.id)).toHaveLength(4);
  });
});

describe('withdrawal against the local licensing projection', () => {
  it('is refused with CONFLICT naming the agreements in force, then allowed once they end', async () => {
    const r = (await call(CREATE, { input: baseInput({ code: 'HN-T-0100', nameZh: '食品经营许可信息' }) })).data.createDataResource;
    const agreementId = '0190a0c2-0000-7000-8000-00000000a001';
    await publishAsLicensing(stack, 'AgreementActivated', {
      agreementId, agreementNumber: 'HN-SQ-2026-009', jurisdiction: 'HN', operatorId: hnOperator.org, mode: 'WHOLE', status: 'ACTIVE',
      startDate: '2026-01-01', endDate: '2028-12-31', trialEndDate: null, resourceIds: [r.id], sectors: [], profileVersion: 1,
    }, 'HN');
    const refused = await call(WITHDRAW, { id: r.id, reason: '数据源停用' });
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', details: { reason: 'IN_USE_BY_AGREEMENTS', blockingAgreements: [{ agreementId, agreementNumber: 'HN-SQ-2026-009', status: 'ACTIVE' }] } });
    expect(refused.errors?.[0]?.message).toContain('HN-SQ-2026-009');
    expect((await call(`query($id: ID!) { dataResource(id: $id) { status version } }`, { id: r.id })).data.dataResource).toEqual({ status: 'ACTIVE', version: 1 });

    // an out-of-order, older "activated" after termination does not bring the agreement back
    await publishAsLicensing(stack, 'AgreementTerminated', { agreementId, jurisdiction: 'HN', operatorId: hnOperator.org, status: 'TERMINATED', endDate: '2026-05-01', reason: '协议解除', effectiveAt: '2026-05-01T00:00:00Z' }, 'HN');
    await publishAsLicensing(stack, 'AgreementActivated', {
      agreementId, agreementNumber: 'HN-SQ-2026-009', jurisdiction: 'HN', operatorId: hnOperator.org, mode: 'WHOLE', status: 'ACTIVE',
      startDate: '2026-01-01', endDate: '2028-12-31', trialEndDate: null, resourceIds: [r.id], sectors: [], profileVersion: 1,
    }, 'HN');

    // but an active access grant under another agreement still blocks
    const grant = { grantId: '0190a0c2-0000-7000-8000-00000000b001', agreementId: '0190a0c2-0000-7000-8000-00000000a002', scenarioId: '0190a0c2-0000-7000-8000-00000000c001', operatorId: hnOperator.org, resourceId: r.id, jurisdiction: 'HN' };
    await publishAsLicensing(stack, 'AccessGranted', { ...grant, expiresOn: '2027-01-01', status: 'ACTIVE', effectiveAt: '2026-05-02T00:00:00Z' }, 'HN');
    const byGrant = await call(WITHDRAW, { id: r.id, reason: '数据源停用' });
    expect(byGrant.errors?.[0]?.extensions?.details?.blockingAgreements).toEqual([{ agreementId: grant.agreementId, agreementNumber: '', status: 'ACTIVE' }]);
    await publishAsLicensing(stack, 'AccessRevoked', { ...grant, status: 'REVOKED', reason: '场景终止', effectiveAt: '2026-05-03T00:00:00Z' }, 'HN');

    const ok = await call(WITHDRAW, { id: r.id, reason: '数据源停用' });
    expect(ok.errors).toBeUndefined();
    expect(ok.data.withdrawDataResource).toMatchObject({ status: 'WITHDRAWN', version: 2, authorizability: { authorizable: false } });
    expect((await published(stack, 'ResourceWithdrawn')).map((e) => e.payload.resourceId)).toContain(r.id);
    const again = await call(WITHDRAW, { id: r.id, reason: 'again' });
    expect(again.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    // withdrawn resources leave the public catalog
    const pub = await stack.subgraph('catalog', `query($id: ID!) { dataResource(id: $id) { id } }`, { id: r.id }, { now: NOW });
    expect(pub.data.dataResource).toBeNull();
    const W = `query { catalogSearch(filter: { q: "食品经营", includeWithdrawn: true }) { totalCount edges { node { status } } } }`;
    expect((await stack.subgraph('catalog', W, {}, { now: NOW })).data.catalogSearch.totalCount).toBe(0);
    expect((await call(W, {}, hnAgency)).data.catalogSearch.edges).toEqual([{ node: { status: 'WITHDRAWN' } }]);
  });
});

describe('catalog search', () => {
  beforeAll(async () => {
    const mk = (code: string, nameZh: string, sector: string, extra: Record<string, unknown> = {}) => call(CREATE, { input: baseInput({ code, nameZh, sector, ...extra }) }, hnAgency);
    await mk('HN-S-0001', '道路货运经营许可信息', 'TRANSPORT', { sourceAgencyId: transport, descriptionZh: '道路货物运输经营许可证', updateFrequency: 'WEEKLY' });
    await mk('HN-S-0002', '网络货运平台运单', 'LOGISTICS', { sourceAgencyId: transport, fields: [{ name: 'waybill_no', type: 'string', descriptionZh: '运单编号' }] });
    await mk('HN-S-0003', '公共交通卡口视频', 'PUBLIC_SAFETY', { openness: 'PROHIBITED', prohibitedReason: 'PUBLIC_SECURITY', grade: 'L4', classification: 'CORE', descriptionZh: '货运车辆卡口抓拍' });
    await mk('HN-S-0004', '医疗机构执业信息', 'HEALTH', { grade: null, classification: null, openness: 'UNCONDITIONAL' });
  });

  const SEARCH = `query($filter: CatalogSearchFilter, $sort: CatalogSort, $first: Int, $after: String) {
    catalogSearch(filter: $filter, sort: $sort, first: $first, after: $after) {
      totalCount pageInfo { hasNextPage endCursor }
      edges { node { code nameZh openness } }
      facets { sector { value count labelZh } sourceAgency { value count } grade { value count } openness { value count }
               updateFrequency { value count } authorizable { value count } jurisdiction { value count } } } }`;

  const sums = (facets: Record<string, { count: number }[]>) => Object.fromEntries(Object.entries(facets).map(([k, v]) => [k, v.reduce((a, b) => a + b.count, 0)]));

  it('finds Chinese text in name, description and field names; hides prohibited from the public', async () => {
    const anon = await stack.subgraph('catalog', SEARCH, { filter: { q: '货运' } }, { now: NOW });
    expect(anon.errors).toBeUndefined();
    expect(anon.data.catalogSearch.edges.map((e: any) => e.node.code).sort()).toEqual(['HN-S-0001', 'HN-S-0002']);
    // the prohibited one matches by description, visible to its owner side
    const agency = await call(SEARCH, { filter: { q: '货运' } }, hnAgency);
    expect(agency.data.catalogSearch.edges.map((e: any) => e.node.code).sort()).toEqual(['HN-S-0001', 'HN-S-0002', 'HN-S-0003']);
    const authority = await call(SEARCH, { filter: { q: '货运' } }, hnAuthority);
    expect(authority.data.catalogSearch.totalCount).toBe(3);
    const owner = await call(SEARCH, { filter: { q: '货运' } }, hnUnit);
    expect(owner.data.catalogSearch.totalCount).toBe(3);
    const operator = await call(SEARCH, { filter: { q: '货运' } }, hnOperator);
    expect(operator.data.catalogSearch.totalCount).toBe(2);
    const otherUnit = await call(SEARCH, { filter: { q: '货运' } }, hnOtherUnit);
    expect(otherUnit.data.catalogSearch.totalCount).toBe(2);
    // by a field name and by a field description
    const byField = await stack.subgraph('catalog', SEARCH, { filter: { q: 'waybill_no' } }, { now: NOW });
    expect(byField.data.catalogSearch.edges.map((e: any) => e.node.code)).toEqual(['HN-S-0002']);
    const byFieldZh = await stack.subgraph('catalog', SEARCH, { filter: { q: '运单编号' } }, { now: NOW });
    expect(byFieldZh.data.catalogSearch.edges.map((e: any) => e.node.code)).toEqual(['HN-S-0002']);
    // relevance: a name hit ranks above a description-only hit
    const rel = await stack.subgraph('catalog', SEARCH, { filter: { q: '许可' } }, { now: NOW });
    expect(rel.data.catalogSearch.edges[0].node.code).toBe('HN-S-0001');
    // single prohibited resource by id
    const p = (await call(SEARCH, { filter: { q: '卡口' } }, hnAgency)).data.catalogSearch.edges[0].node;
    expect(p.openness).toBe('PROHIBITED');
  });

  it('facet counts of every dimension add up to totalCount, with and without filters', async () => {
    for (const [as, filter] of [
      [undefined, {}],
      [hnAgency, {}],
      [hnAgency, { sectors: ['TRANSPORT', 'LOGISTICS', 'HEALTH'] }],
      [undefined, { jurisdictions: ['HN'], grades: ['L2', 'UNGRADED'] }],
      [hnAgency, { authorizable: false, openness: ['PROHIBITED', 'CONDITIONAL'] }],
    ] as const) {
      const res = await stack.subgraph('catalog', SEARCH, { filter, first: 2 }, { as, now: NOW });
      expect(res.errors).toBeUndefined();
      const c = res.data.catalogSearch;
      expect(c.totalCount).toBeGreaterThan(0);
      for (const [dim, total] of Object.entries(sums(c.facets))) expect([dim, total]).toEqual([dim, c.totalCount]);
    }
    const all = await stack.subgraph('catalog', SEARCH, { filter: { jurisdictions: ['HN'] } }, { now: NOW });
    expect(all.data.catalogSearch.facets.grade.find((b: any) => b.value === 'UNGRADED').count).toBe(1);
    expect(all.data.catalogSearch.facets.sector.find((b: any) => b.value === 'transport')).toMatchObject({ count: 1, labelZh: '交通运输' });
    expect(all.data.catalogSearch.facets.openness.find((b: any) => b.value === 'PROHIBITED')).toBeUndefined();
  });

  it('filters, sorts and pages with cursors', async () => {
    const t = await stack.subgraph('catalog', SEARCH, { filter: { sectors: ['TRANSPORT'], updateFrequencies: ['WEEKLY'], sourceAgencyIds: [transport] } }, { now: NOW });
    expect(t.data.catalogSearch.edges.map((e: any) => e.node.code)).toEqual(['HN-S-0001']);
    const byName = await stack.subgraph('catalog', SEARCH, { filter: { jurisdictions: ['HN'] }, sort: 'NAME', first: 100 }, { now: NOW });
    const names = byName.data.catalogSearch.edges.map((e: any) => e.node.nameZh);
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: any = await stack.subgraph('catalog', SEARCH, { filter: { jurisdictions: ['HN'] }, sort: 'NAME', first: 2, after }, { now: NOW });
      expect(page.data.catalogSearch.totalCount).toBe(names.length);
      seen.push(...page.data.catalogSearch.edges.map((e: any) => e.node.nameZh));
      if (!page.data.catalogSearch.pageInfo.hasNextPage) break;
      after = page.data.catalogSearch.pageInfo.endCursor;
    }
    expect(seen).toEqual(names);
    const recent = await stack.subgraph('catalog', SEARCH, { sort: 'RECENTLY_UPDATED', first: 1 }, { now: NOW });
    expect(recent.data.catalogSearch.edges).toHaveLength(1);
    const bad = await stack.subgraph('catalog', SEARCH, { after: 'garbage' }, { now: NOW });
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('a page past the end still tells the total and has no next page (resource list, search, versions)', async () => {
    // What the public sees of HN: active, not prohibited.
    const hn = Number((await sql<{ n: string }>(stack.em('catalog'), `select count(*)::text as n from data_resource where jurisdiction = 'HN' and status = 'ACTIVE' and openness <> 'PROHIBITED'`))[0]!.n);
    expect(hn).toBeGreaterThan(3);
    const LIST = `query($first: Int, $after: String) { dataResources(first: $first, after: $after, filter: { jurisdictions: ["HN"] }) {
      totalCount pageInfo { hasNextPage hasPreviousPage endCursor } edges { node { code } } } }`;
    const list = async (first: number, after: string | null) => {
      const res = await stack.subgraph('catalog', LIST, { first, after }, { now: NOW });
      expect(res.errors).toBeUndefined();
      return res.data.dataResources;
    };
    const first = await list(2, null);
    expect(first).toMatchObject({ totalCount: hn, pageInfo: { hasNextPage: true, hasPreviousPage: false } });
    // The last page, full: nothing after it.
    const last = await list(2, encodeOffsetCursor(hn - 3));
    expect(last.edges).toHaveLength(2);
    expect(last).toMatchObject({ totalCount: hn, pageInfo: { hasNextPage: false, hasPreviousPage: true } });
    // Following its endCursor, and a cursor far beyond: no rows, the same total (it read 0 before).
    for (const after of [last.pageInfo.endCursor, encodeOffsetCursor(hn + 40)]) {
      expect(await list(2, after)).toEqual({ totalCount: hn, pageInfo: { hasNextPage: false, hasPreviousPage: true, endCursor: null }, edges: [] });
    }
    // first: 0 — the total alone.
    expect(await list(0, null)).toEqual({ totalCount: hn, pageInfo: { hasNextPage: true, hasPreviousPage: false, endCursor: null }, edges: [] });

    const SEARCH_PAST = `query($after: String) { catalogSearch(filter: { jurisdictions: ["HN"] }, first: 5, after: $after) { totalCount pageInfo { hasNextPage } edges { node { code } } } }`;
    const past = await stack.subgraph('catalog', SEARCH_PAST, { after: encodeOffsetCursor(hn + 9) }, { now: NOW });
    expect(past.data.catalogSearch).toEqual({ totalCount: hn, pageInfo: { hasNextPage: false }, edges: [] });

    // The version history of the resource created above (3 versions by now or more).
    const versions = Number((await sql<{ n: string }>(stack.em('catalog'), `select count(*)::text as n from data_resource_version v join data_resource r on r.id = v.resource_id where r.code = 'HN-T-0001'`))[0]!.n);
    const resourceId = (await sql<{ id: string }>(stack.em('catalog'), `select id from data_resource where code = 'HN-T-0001'`))[0]!.id;
    const VERSIONS = `query($id: ID!, $after: String) { dataResourceVersions(resourceId: $id, first: 1, after: $after) { totalCount pageInfo { hasNextPage } edges { node { version } } } }`;
    const beyond = await call(VERSIONS, { id: resourceId, after: encodeOffsetCursor(versions - 1) });
    expect(beyond.data.dataResourceVersions).toEqual({ totalCount: versions, pageInfo: { hasNextPage: false }, edges: [] });
  });

  it('listing 10 or 500 resources with source agency, versions count and quality runs the same number of statements', async () => {
    const em = stack.em('catalog');
    await sql(
      em,
      `insert into data_resource (id, jurisdiction, code, name_zh, description_zh, sector, source_agency_id, fields, classification, grade, openness, update_frequency, record_count, quality_completeness, search_text)
       select gen_random_uuid(), 'TZ', 'TZ-N-' || lpad(i::text, 4, '0'), '批量资源' || i, '批量', 'sport', $1::uuid, '[]'::jsonb, 'GENERAL', 'L1', 'UNCONDITIONAL', 'MONTHLY', i, 90, 'tz-n 批量'
         from generate_series(1, 500) i`,
      [orgByKey('tz-src-weather').id],
    );
    await sql(em, `insert into data_resource_version (id, resource_id, version, action, snapshot, changed_by, changed_at) select gen_random_uuid(), id, 1, 'CREATED', '{}'::jsonb, 'bulk', now() from data_resource where jurisdiction = 'TZ'`);
    const LIST = `query($first: Int) { dataResources(first: $first, filter: { jurisdictions: ["TZ"] }) { totalCount edges { node { id code sourceAgency { id } versionsCount openCorrectionsCount quality { completeness } authorizability { authorizable } } } } }`;
    const ten = await stack.subgraph('catalog', LIST, { first: 10 }, { now: NOW });
    const all = await stack.subgraph('catalog', LIST, { first: 500 }, { now: NOW });
    expect(ten.data.dataResources.edges).toHaveLength(10);
    expect(all.data.dataResources.edges).toHaveLength(500);
    expect(all.data.dataResources.edges[499].node.versionsCount).toBe(1);
    expect(ten.extensions?.sqlStatements?.catalog).toBeGreaterThan(0);
    expect(all.extensions?.sqlStatements?.catalog).toBe(ten.extensions?.sqlStatements?.catalog);
    // the search with facets too
    const S = `query($first: Int) { catalogSearch(first: $first, filter: { q: "批量" }) { totalCount edges { node { id sourceAgency { id } versionsCount quality { accuracy } } } facets { sector { count } } } }`;
    const s10 = await stack.subgraph('catalog', S, { first: 10 }, { now: NOW });
    const s500 = await stack.subgraph('catalog', S, { first: 500 }, { now: NOW });
    expect(s500.data.catalogSearch.totalCount).toBe(500);
    expect(s500.extensions?.sqlStatements?.catalog).toBe(s10.extensions?.sqlStatements?.catalog);
  });

  it('federation: references resolve in one batched query and respect visibility', async () => {
    const ids = (await sql<{ id: string }>(stack.em('catalog'), `select id from data_resource where jurisdiction = 'TZ' order by code limit 50`)).map((r) => r.id);
    const Q = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on DataResource { id code } } }`;
    const one = await stack.subgraph('catalog', Q, { reps: ids.slice(0, 1).map((id) => ({ __typename: 'DataResource', id })) }, { now: NOW });
    const many = await stack.subgraph('catalog', Q, { reps: ids.map((id) => ({ __typename: 'DataResource', id })) }, { now: NOW });
    expect(many.data._entities).toHaveLength(50);
    expect(many.extensions?.sqlStatements?.catalog).toBe(one.extensions?.sqlStatements?.catalog);
    const prohibited = (await sql<{ id: string }>(stack.em('catalog'), `select id from data_resource where code = 'HN-S-0003'`))[0]!.id;
    const hidden = await stack.subgraph('catalog', Q, { reps: [{ __typename: 'DataResource', id: prohibited }] }, { now: NOW });
    expect(hidden.data._entities).toEqual([null]);
    void RESOURCE_FIELDS;
  });
});
