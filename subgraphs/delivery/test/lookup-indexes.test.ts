/**
 * Lookup indexes declared by recipes, not made by hand (docs/operating-domain/runtime.md "lookup
 * indexes"): the demo's marriage verification finds rows by `id_no = $1`, so its acceptance declares
 * id_no a lookup key of the marriage registrations and the raw store indexes it; a larger load uses
 * it at once, a new data shape's table gets it with its first batch, and the verification's
 * executable statement, planned as the product's reader role, is an index scan — while a filter on
 * an undeclared field is not.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '@pdo/platform';
import { DEMO_PRODUCTS, resourceByKey } from '@pdo/demo';
import { startTestStack, who, type TestStack } from '@pdo/testing';
import { definition as catalog } from '@pdo/catalog';
import { definition as licensing } from '@pdo/licensing';
import { definition as products } from '@pdo/products';
import { definition } from '../src/index.js';
import { lookupKeys } from '../src/domain/recipe-lookup.js';
import { DEMO_RECIPES } from '../src/data/demo-recipes.js';
import { demoRecipeScope } from '../src/services/demo-world.js';
import { publishAs } from './data-plane-world.js';

let stack: TestStack;
const marriage = resourceByKey('jl-marriage');
const verify = DEMO_PRODUCTS.find((p) => p.key === 'jl-marriage-verify')!;
const source = who('SOURCE_UNIT', marriage.agencyId, 'JL', 'jl-civil-user');
const LOAD = `mutation($i: LoadRawDataInput!) { loadRawData(input: $i) { batchNo rowCount } }`;

beforeAll(async () => {
  // The demo world with the subgraphs whose events give the demo verification its reader role.
  stack = await startTestStack([licensing, catalog, products, definition], { seed: true });
  await stack.settle();
}, 240_000);
afterAll(async () => stack?.stop());

/** Checksummed 身份证 numbers, distinct. */
function idNo(i: number): string {
  const first17 = `220102${String(19700101 + (i % 28))}${String(i).padStart(3, '0').slice(-3)}`.slice(0, 17).padEnd(17, '0');
  const W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  return first17 + '10X98765432'[[...first17].reduce((a, c, k) => a + Number(c) * W[k]!, 0) % 11]!;
}
const registrations = (n: number, extra = false) =>
  [`id_no,registered_on,kind,district${extra ? ',certificate_no' : ''}`, ...Array.from({ length: n }, (_, i) => `${idNo(i)}-${i},2024-05-20,${i % 5 ? '结婚' : '离婚'},南关区${extra ? `,JH${i}` : ''}`)].join('\n') + '\n';

async function plan(readerRole: string, statement: string): Promise<string> {
  const owner = new pg.Client({ connectionString: stack.db.url });
  await owner.connect();
  try {
    await owner.query('begin');
    await owner.query(`set local role ${readerRole}`);
    // A generic plan: the one a prepared call with any parameter value would get.
    const { rows } = await owner.query(`explain (generic_plan, format json) ${statement}`);
    await owner.query('rollback');
    return JSON.stringify(rows[0]['QUERY PLAN']);
  } finally {
    await owner.end();
  }
}

describe('lookup keys are read from the recipe', () => {
  it('parameter-bound equalities and equi-joins, not constants or aggregates', () => {
    const keysOf = (productKey: string) => {
      const recipe = DEMO_RECIPES.find((r) => r.productKey === productKey)!;
      return lookupKeys(recipe.sql, demoRecipeScope(recipe).allowed).map((k) => `${k.table}.${k.field}`);
    };
    expect(keysOf('jl-marriage-verify')).toEqual(['jl_mz_0001.id_no']);
    expect(keysOf('jl-mortgage-verify')).toEqual(['jl_zr_0001.cert_no', 'jl_zr_0001.owner_id_no']);
    expect(keysOf('qhd-credit-score')).toEqual(['qhd_sj_0001.uscc', 'qhd_sw_0003.uscc']);
    expect(keysOf('zjc-commerce-report')).toEqual([]);
  });
});

describe('the raw store indexes declared lookup keys', () => {
  it('the demo verification declared id_no; the marriage table carries its index', async () => {
    const declared = await sql<{ field: string; recipe_id: string }>(stack.em('delivery'), `select field, recipe_id from raw_lookup_key where resource_id = $1`, [marriage.id]);
    expect(declared.map((d) => d.field)).toEqual(['id_no']);
    const [recipe] = await sql<{ product_id: string }>(stack.em('delivery'), `select product_id from recipe where id = $1`, [declared[0]!.recipe_id]);
    expect(recipe!.product_id).toBe(verify.id);
    const indexes = await sql<{ indexdef: string }>(stack.em('delivery'), `select indexdef from pg_indexes where schemaname = 'raw' and tablename = 'r_jl_mz_0001_v1'`);
    expect(indexes.map((i) => i.indexdef).filter((d) => d.includes('(batch_no, id_no)'))).toHaveLength(1);
  });

  it('after a larger load, the verification planned as its reader role is an index scan; an undeclared field is not', async () => {
    const load = await stack.subgraph('delivery', LOAD, { i: { resourceId: marriage.id, format: 'CSV', content: registrations(12_000) } }, { as: source });
    expect(load.errors).toBeUndefined();
    const owner = new pg.Client({ connectionString: stack.db.url });
    await owner.connect();
    await owner.query('analyze raw.r_jl_mz_0001_v1');
    await owner.end();
    const [r] = await sql<{ analysis: { executableSql: string }; role_name: string }>(stack.em('delivery'), `select r.analysis, rr.role_name from recipe r join reader_role rr using (product_id, version) where r.product_id = $1 and r.status = 'ACCEPTED'`, [verify.id]);
    const verification = await plan(r!.role_name, r!.analysis.executableSql);
    expect(verification).toMatch(/"Node Type":"(Index Scan|Index Only Scan|Bitmap Index Scan)"/);
    expect(verification).toMatch(/"Index Name":"lk_[0-9a-f]{24}"/);
    const undeclared = await plan(r!.role_name, r!.analysis.executableSql.replace(/id_no\s*=\s*\$1/, 'district = $1'));
    expect(undeclared).not.toMatch(/Index Scan/);
    expect(undeclared).toContain('"Node Type":"Seq Scan"');
  });

  it('a new data shape gets the declared index with its first batch', async () => {
    const fields = [...marriage.fields, { name: 'certificate_no', type: 'string', descriptionZh: '结婚证字号' }].map((f) => ({ ...f, required: !!f.required, personalInformation: !!f.personalInformation, sensitive: !!f.sensitive }));
    await publishAs(stack, 'catalog', 'ResourceChanged', {
      resourceId: marriage.id, jurisdiction: 'JL', code: marriage.code, nameZh: marriage.nameZh, sector: marriage.sector, sourceAgencyId: marriage.agencyId, openness: marriage.openness,
      grade: marriage.grade, recordCount: 0, quality: { completeness: '90.00', consistency: '90.00', accuracy: '90.00', timeliness: '90.00' }, authorizable: true, authorizableReasons: [],
      status: 'ACTIVE', fields, version: 50, updatedAt: '2026-11-30T00:00:00Z',
    }, 'JL');
    const load = await stack.subgraph('delivery', LOAD, { i: { resourceId: marriage.id, format: 'CSV', content: registrations(50, true) } }, { as: source });
    expect(load.errors).toBeUndefined();
    const indexes = await sql<{ indexdef: string }>(stack.em('delivery'), `select indexdef from pg_indexes where schemaname = 'raw' and tablename = 'r_jl_mz_0001_v2'`);
    expect(indexes.map((i) => i.indexdef).filter((d) => d.includes('(batch_no, id_no)'))).toHaveLength(1);
  });

  it('the index function refuses what is not a raw table and one of its own columns', async () => {
    const em = stack.em('delivery');
    await expect(sql(em, `select raw_ensure_lookup_index('pg_authid', 'rolname')`)).rejects.toThrow(/invalid raw table name/);
    await expect(sql(em, `select raw_ensure_lookup_index('r_jl_mz_0001_v1', 'batch_no')`)).rejects.toThrow(/no such raw column/);
    await expect(sql(em, `select raw_ensure_lookup_index('r_jl_mz_0001_v1', 'nope')`)).rejects.toThrow(/no such raw column/);
  });
});
