/**
 * 数据归集 through the gateway against PostgreSQL: a source agency loads its resource's raw data
 * (CSV / JSON Lines), every row validated against the catalog's declared fields while it streams
 * into the raw store by COPY; a bad row, a wrong header or bytes that are not UTF-8 refuse the
 * load with line and field and keep nothing; a newer batch supersedes, the older stays
 * queryable; the catalog's record count follows the load through RawDataLoaded.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '@pdo/platform';
import { startTestStack, who, type TestStack } from '@pdo/testing';
import { orgByKey, resourceByKey } from '@pdo/demo';
import { definition as catalog } from '@pdo/catalog';
import { definition as licensing } from '@pdo/licensing';
import { definition as products } from '@pdo/products';
import { definition } from '../src/index.js';

let stack: TestStack;
const enterprise = resourceByKey('hn-enterprise-registration');
// A resource of the civil affairs bureau that the demo world has not loaded (only the two common fields declared).
const unloaded = resourceByKey('jl-marriage-ungraded');
const source = who('SOURCE_UNIT', orgByKey('hn-src-market').id, 'HN', 'demo:source');
const jlCivil = who('SOURCE_UNIT', orgByKey('jl-src-civil').id, 'JL', 'jl-civil-user');
const otherHnSource = who('SOURCE_UNIT', orgByKey('hn-src-transport').id, 'HN', 'hn-transport-user');
const agency = who('AGENCY', orgByKey('hn-agency').id, 'HN');

const LOAD = `mutation($input: LoadRawDataInput!) { loadRawData(input: $input) { id batchNo rowCount sha256 byteSize status format schemaRevision resourceVersion nullRatios { field ratio } } }`;
const BATCH = `query($r: ID!, $n: Int!) { rawDataBatch(resourceId: $r, batchNo: $n) { batchNo status rowCount sha256 supersededByBatchNo } }`;
const CURRENT = `query($r: ID!) { currentRawDataBatch(resourceId: $r) { batchNo rowCount sha256 status } }`;

const HEADER = 'uscc,name,legal_rep,established_on,registered_capital_wan';
const goodCsv = [HEADER, '91410100MA00000017,郑州测试科技有限公司,张三,2020-05-01,100.50', '91410100MA00000025,"开封测试商贸有限公司, 分公司",,2019-12-31,', '91410100MA00000033,洛阳测试物流有限公司,李四,2018-01-02,3000'].join('\n') + '\n';

beforeAll(async () => {
  // Products too: delivery's types reference DataProduct, whose Node id only products resolves.
  stack = await startTestStack([licensing, catalog, products, definition], { gateway: true, seed: true });
}, 180_000);
afterAll(async () => stack?.stop());

async function batchCount(resourceId: string): Promise<number> {
  const [r] = await sql<{ n: string }>(stack.em('delivery'), `select count(*)::text as n from load_batch where resource_id = $1`, [resourceId]);
  return Number(r!.n);
}

/** Rows of a resource's raw tables, counted as the owner (no service role can read them). */
async function rawRows(resourceId: string): Promise<number> {
  const owner = await stack.ownerEm('delivery');
  const tables = await sql<{ table_name: string }>(owner, `select table_name from raw_table where resource_id = $1`, [resourceId]);
  let n = 0;
  for (const t of tables) n += Number((await sql<{ n: string }>(owner, `select count(*)::text as n from raw."${t.table_name}"`))[0]!.n);
  return n;
}

describe('loads', () => {
  it('the demo seed loaded a batch of the enterprise registry (CSV) and of traffic flow (JSON Lines)', async () => {
    const res = await stack.gql(CURRENT, { r: enterprise.id }, { as: source });
    expect(res.errors).toBeUndefined();
    expect(res.data.currentRawDataBatch).toMatchObject({ batchNo: 1, rowCount: 800, status: 'CURRENT' });
    expect(await rawRows(enterprise.id)).toBe(800);
    const traffic = await stack.gql(CURRENT, { r: resourceByKey('zjc-traffic-flow').id }, { as: who('AGENCY', orgByKey('zjc-agency').id, 'ZJC') });
    expect(traffic.errors).toBeUndefined();
    expect(traffic.data.currentRawDataBatch).toMatchObject({ batchNo: 1, rowCount: 1008 });
  });

  it('a CSV load succeeds with batch number, hash and row count; it supersedes the previous batch, which stays queryable', async () => {
    const res = await stack.gql(LOAD, { input: { resourceId: enterprise.id, format: 'CSV', content: goodCsv } }, { as: source });
    expect(res.errors).toBeUndefined();
    const b = res.data.loadRawData;
    expect(b).toMatchObject({ batchNo: 2, rowCount: 3, status: 'CURRENT', format: 'CSV', byteSize: Buffer.byteLength(goodCsv), schemaRevision: 1 });
    expect(b.sha256).toBe(createHash('sha256').update(goodCsv).digest('hex'));
    expect(b.nullRatios).toEqual([
      { field: 'uscc', ratio: '0.0000' },
      { field: 'name', ratio: '0.0000' },
      { field: 'legal_rep', ratio: '0.3333' },
      { field: 'established_on', ratio: '0.0000' },
      { field: 'registered_capital_wan', ratio: '0.3333' },
    ]);
    const first = await stack.gql(BATCH, { r: enterprise.id, n: 1 }, { as: source });
    expect(first.data.rawDataBatch).toMatchObject({ batchNo: 1, status: 'SUPERSEDED', rowCount: 800, supersededByBatchNo: 2 });
    expect((await stack.gql(CURRENT, { r: enterprise.id }, { as: agency })).data.currentRawDataBatch).toMatchObject({ batchNo: 2, rowCount: 3 });
    // Both batches are kept in the raw table, by batch number.
    expect(await rawRows(enterprise.id)).toBe(803);
  });

  it('a JSON Lines load succeeds (base64 transport), missing keys being no value', async () => {
    const jsonl = ['{"record_id":"JL-JZ-1","updated_at":"2026-11-30T08:00:00+08:00"}', '', '{"record_id":"JL-JZ-2"}'].join('\n');
    const res = await stack.gql(LOAD, { input: { resourceId: unloaded.id, format: 'JSONL', encoding: 'BASE64', content: Buffer.from(jsonl).toString('base64') } }, { as: jlCivil });
    expect(res.errors).toBeUndefined();
    expect(res.data.loadRawData).toMatchObject({ batchNo: 1, rowCount: 2, format: 'JSONL', sha256: createHash('sha256').update(jsonl).digest('hex') });
    expect(res.data.loadRawData.nullRatios).toEqual([{ field: 'record_id', ratio: '0.0000' }, { field: 'updated_at', ratio: '0.5000' }]);
  });

  it('refuses a garbage row in the middle with its line and field, and keeps nothing of the load', async () => {
    const before = { batches: await batchCount(enterprise.id), rows: await rawRows(enterprise.id) };
    const lines = goodCsv.trim().split('\n');
    const bad = [...lines.slice(0, 2), '91410100MA00000041,垃圾行,王五,2021-02-30,12', ...lines.slice(2)].join('\n');
    const res = await stack.gql(LOAD, { input: { resourceId: enterprise.id, format: 'CSV', content: bad } }, { as: source });
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', details: { line: 3, field: 'established_on', problem: 'NOT_DATE' } });
    expect(res.errors![0]!.message).toMatch(/第 3 行.*Line 3/s);
    const garbage = [...lines.slice(0, 2), '\u0001\u0002 ,,,;;;', ...lines.slice(2)].join('\n');
    const res2 = await stack.gql(LOAD, { input: { resourceId: enterprise.id, format: 'CSV', content: garbage } }, { as: source });
    expect(res2.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', details: { line: 3 } });
    const jsonl = '{"record_id":"a"}\n{"record_id": 12, "updated_at": "yesterday"}\n';
    const res3 = await stack.gql(LOAD, { input: { resourceId: unloaded.id, format: 'JSONL', content: jsonl } }, { as: jlCivil });
    expect(res3.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', details: { line: 2, field: 'record_id', problem: 'NOT_TEXT' } });
    expect(await batchCount(enterprise.id)).toBe(before.batches);
    expect(await rawRows(enterprise.id)).toBe(before.rows);
    expect(await batchCount(unloaded.id)).toBe(1);
  });

  it('refuses a wrong header and a missing required value', async () => {
    const wrong = goodCsv.replace('legal_rep', 'legal_representative');
    const res = await stack.gql(LOAD, { input: { resourceId: enterprise.id, format: 'CSV', content: wrong } }, { as: source });
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', details: { line: 1, problem: 'WRONG_HEADER', missing: ['legal_rep'], unknown: ['legal_representative'] } });
    const missing = `${HEADER}\n,无代码公司,赵六,2020-01-01,1\n`;
    const res2 = await stack.gql(LOAD, { input: { resourceId: enterprise.id, format: 'CSV', content: missing } }, { as: source });
    expect(res2.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', details: { line: 2, field: 'uscc', problem: 'REQUIRED' } });
    const extraColumn = `${HEADER}\n91410100MA00000017,公司,张三,2020-05-01,1,多余\n`;
    const res3 = await stack.gql(LOAD, { input: { resourceId: enterprise.id, format: 'CSV', content: extraColumn } }, { as: source });
    expect(res3.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', details: { line: 2, problem: 'WRONG_COLUMN_COUNT' } });
  });

  it('refuses bytes that are not UTF-8, naming the line', async () => {
    const bytes = Buffer.concat([Buffer.from(`${HEADER}\n91410100MA00000017,郑州`), Buffer.from([0xc3, 0x28]), Buffer.from('公司,张三,2020-05-01,1\n')]);
    const res = await stack.gql(LOAD, { input: { resourceId: enterprise.id, format: 'CSV', encoding: 'BASE64', content: bytes.toString('base64') } }, { as: source });
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', details: { line: 2, problem: 'INVALID_UTF8' } });
    const notBase64 = await stack.gql(LOAD, { input: { resourceId: enterprise.id, format: 'CSV', encoding: 'BASE64', content: '%%%%' } }, { as: source });
    expect(notBase64.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', details: { problem: 'INVALID_BASE64' } });
    const surrogate = await stack.gql(LOAD, { input: { resourceId: enterprise.id, format: 'CSV', content: `${HEADER}\n91410100MA00000017,\ud800,张三,2020-05-01,1\n` } }, { as: source });
    expect(surrogate.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', details: { problem: 'INVALID_UTF8', line: 2 } });
    expect(await batchCount(enterprise.id)).toBe(2);
  });

  it('only the resource\'s own source agency may load it', async () => {
    const input = { resourceId: enterprise.id, format: 'CSV', content: goodCsv };
    expect((await stack.gql(LOAD, { input }, { as: otherHnSource })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await stack.gql(LOAD, { input }, { as: jlCivil })).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect((await stack.gql(LOAD, { input }, { as: agency })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await stack.gql(LOAD, { input }, { as: who('OPERATOR', orgByKey('hn-operator').id, 'HN') })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await stack.gql(LOAD, { input })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    // Another agency does not see the batches either.
    expect((await stack.gql(CURRENT, { r: enterprise.id }, { as: otherHnSource })).data.currentRawDataBatch).toBeNull();
    expect(await batchCount(enterprise.id)).toBe(2);
  });

  it('the catalog\'s record count and last update follow the current batch (RawDataLoaded)', async () => {
    await stack.settle();
    const res = await stack.gql(`query($id: ID!) { dataResource(id: $id) { recordCount lastDataUpdateAt quality { completeness } } }`, { id: enterprise.id }, { as: source });
    expect(res.errors).toBeUndefined();
    expect(res.data.dataResource.recordCount).toBe(3);
    const [b] = await sql<{ loaded_at: Date }>(stack.em('delivery'), `select loaded_at from load_batch where resource_id = $1 and status = 'CURRENT'`, [enterprise.id]);
    expect(new Date(res.data.dataResource.lastDataUpdateAt).getTime()).toBe(new Date(b!.loaded_at).getTime());
    // 100 × (1 − mean null ratio): (0 + 0 + 0.3333 + 0 + 0.3333) / 5 → 86.67
    expect(res.data.dataResource.quality.completeness).toBe('86.67');
  });
});
