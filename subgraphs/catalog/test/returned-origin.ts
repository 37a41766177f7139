import { describe, expect, it } from 'vitest';
import { sql } from '@pdo/platform';
import { who } from '@pdo/testing';
import { orgByKey } from '@pdo/demo';
import { stack } from './stack.js';
import { published } from './helpers.js';

/**
 * A resource's returned origin (回流来源; ZJC §三(五)2, docs/policy/returned-data.md): set at creation, corrected only by
 * an official of the jurisdiction with a note (a new version, audited), never by an edit; carried by the events.
 */
const NOW = '2026-05-06T02:00:00Z';
const unit = who('SOURCE_UNIT', orgByKey('zjc-src-transport').id, 'ZJC', 'u-zjc-transport');
const agency = who('AGENCY', orgByKey('zjc-agency').id, 'ZJC', 'u-zjc-agency');
const authority = who('AUTHORITY', orgByKey('zjc-authority').id, 'ZJC', 'u-zjc-auth');
const otherAuthority = who('AUTHORITY', orgByKey('qhd-authority').id, 'QHD', 'u-qhd-auth');
const call = (q: string, v: Record<string, unknown>, as: ReturnType<typeof who>) => stack.subgraph('catalog', q, v, { as, now: NOW });
const FIELDS = 'id version returnedOrigin { level from reference }';
const CORRECT = `mutation($id: ID!, $o: ReturnedOriginInput, $note: String!) { correctResourceOrigin(id: $id, returnedOrigin: $o, note: $note) { ${FIELDS} } }`;
const PROVINCE = { level: 'PROVINCE', from: '浙江省公共数据平台', reference: 'IRS-330624-0007' };

const input = (code: string, over: Record<string, unknown> = {}) => ({
  jurisdiction: 'ZJC', sourceAgencyId: orgByKey('zjc-src-transport').id, code, nameZh: '省回流车辆登记信息', sector: 'TRANSPORT',
  fields: [{ name: 'plate_hash', type: 'string', descriptionZh: '号牌摘要' }], classification: 'GENERAL', grade: 'L2', openness: 'CONDITIONAL', updateFrequency: 'MONTHLY', ...over,
});

describe('returned origin (回流来源)', () => {
  it('is set at creation, validated, and carried by ResourcePublished', async () => {
    const bad = await call(`mutation($input: CreateDataResourceInput!) { createDataResource(input: $input) { id } }`, { input: input('ZJC-HL-T1', { returnedOrigin: { level: 'PROVINCE', from: '  ' } }) }, unit);
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.returnedOrigin.from' });
    const r = (await call(`mutation($input: CreateDataResourceInput!) { createDataResource(input: $input) { ${FIELDS} } }`, { input: input('ZJC-HL-T1', { returnedOrigin: PROVINCE }) }, unit)).data!.createDataResource;
    expect(r).toMatchObject({ version: 1, returnedOrigin: PROVINCE });
    const events = (await published(stack, 'ResourcePublished')).filter((e) => e.payload.resourceId === r.id);
    expect(events.map((e) => e.payload.returnedOrigin)).toEqual([PROVINCE]);
  });

  it('is corrected only by an official of the jurisdiction, with a note: a new version, audited, in ResourceChanged; an edit leaves it alone', async () => {
    const r = (await call(`mutation($input: CreateDataResourceInput!) { createDataResource(input: $input) { ${FIELDS} } }`, { input: input('ZJC-HL-T2') }, unit)).data!.createDataResource;
    expect(r.returnedOrigin).toBeNull();
    expect((await call(CORRECT, { id: r.id, o: PROVINCE, note: '省回流清单' }, unit)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await call(CORRECT, { id: r.id, o: PROVINCE, note: '省回流清单' }, otherAuthority)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await call(CORRECT, { id: r.id, o: PROVINCE, note: ' ' }, authority)).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.note' });
    const corrected = (await call(CORRECT, { id: r.id, o: PROVINCE, note: '省回流清单（2026年第2批）' }, authority)).data!.correctResourceOrigin;
    expect(corrected).toMatchObject({ version: 2, returnedOrigin: PROVINCE });
    const [v] = await sql<any>(stack.em('catalog'), `select action, note, changes from data_resource_version where resource_id = $1 and version = 2`, [r.id]);
    expect(v).toMatchObject({ action: 'ORIGIN_CORRECTED', note: '省回流清单（2026年第2批）', changes: { returnedOrigin: { from: null, to: PROVINCE } } });
    const [audit] = await sql<any>(stack.em('catalog'), `select action from audit_log where entity_id = $1 and action = 'ORIGIN_CORRECTED'`, [r.id]);
    expect(audit).toBeTruthy();
    const changed = (await published(stack, 'ResourceChanged')).filter((e) => e.payload.resourceId === r.id);
    expect(changed.map((e) => [e.payload.version, e.payload.returnedOrigin])).toEqual([[2, PROVINCE]]);
    // An ordinary edit (and a GraphQL edit has no such field) keeps the origin.
    const edited = (await call(`mutation($input: EditDataResourceInput!) { editDataResource(input: $input) { ${FIELDS} } }`, { input: { id: r.id, nameZh: '省回流车辆登记信息（月报）' } }, unit)).data!.editDataResource;
    expect(edited).toMatchObject({ version: 3, returnedOrigin: PROVINCE });
    const back = (await call(CORRECT, { id: r.id, o: null, note: '核实为本县自有数据' }, agency)).data!.correctResourceOrigin;
    expect(back).toMatchObject({ version: 4, returnedOrigin: null });
  });
});
