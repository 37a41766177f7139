import { beforeAll, describe, expect, it } from 'vitest';
import { analyseRecipe, guardOutput, loadRecipeParser, subjectCount, type RecipeAnalysis } from '../src/index.js';
import { recipe } from './fixtures.js';

beforeAll(() => loadRecipeParser());

async function analysis(sql: string, outputs = {}): Promise<RecipeAnalysis> {
  const r = await analyseRecipe(recipe(sql, outputs));
  if (!r.ok) throw new Error(JSON.stringify(r.violations));
  return r.analysis;
}

const report = () => analysis('select region, count(*) as n from r_hn_social_security group by region');

describe('output guard', () => {
  it('suppresses groups under k distinct subjects, drops undeclared columns and caps rows', async () => {
    const rows = [
      { region: 'a', n: 50, __k: '12', leaked: 'x' },
      { region: 'b', n: 9, __k: 4n },
      { region: 'c', n: 7, __k: 5 },
      { region: 'd', n: 6, __k: 8 },
    ];
    const g = guardOutput(await report(), rows, { maxRows: 2 });
    expect(g).toEqual({
      ok: true,
      rows: [{ region: 'a', n: 50 }, { region: 'c', n: 7 }],
      suppressedGroups: 1,
      truncated: true,
      droppedColumns: ['__k', 'leaked'],
    });
  });

  it('fails closed: a missing, negative, fractional or non-numeric subject count suppresses the group', async () => {
    const rows = [{ region: 'a', n: 1 }, { region: 'b', n: 1, __k: -9 }, { region: 'c', n: 1, __k: 7.5 }, { region: 'd', n: 1, __k: '1e9' }, { region: 'e', n: 1, __k: null }];
    const g = guardOutput(await report(), rows, { maxRows: 10 });
    expect(g.ok && g.rows).toEqual([]);
    expect(g.ok && g.suppressedGroups).toBe(5);
    expect([subjectCount('007'), subjectCount(' 7'), subjectCount({})]).toEqual([7, 0, 0]);
  });

  it('differencing: a total and the total without one person both lose their small groups', async () => {
    // Two releases that differ by one subject: region b has k-1 subjects in one and k in the other.
    const a = await report();
    const withAll = guardOutput(a, [{ region: 'b', n: 5, __k: 5 }], { maxRows: 10 });
    const withoutOne = guardOutput(a, [{ region: 'b', n: 4, __k: 4 }], { maxRows: 10 });
    expect(withAll.ok && withAll.rows).toEqual([{ region: 'b', n: 5 }]);
    expect(withoutOne.ok && withoutOne.rows).toEqual([]);
    // …and the filter that would produce the second release is refused by the analyser.
    const r = await analyseRecipe(recipe("select region, count(*) as n from r_hn_social_security where person_id <> 'x' group by region"));
    expect(r.ok || r.violations.map((v) => v.code)).toContain('SUBJECT_FILTER');
  });

  it('a VERIFICATION product answers only its declared values, one row', async () => {
    const a = await analysis('select (marital_status = $2) as flag from r_jl_marriage where id_number = $1');
    const answers = { flag: [true, false] };
    expect(guardOutput(a, [{ flag: true }, { flag: false }], { maxRows: 10, verification: answers })).toMatchObject({ ok: true, rows: [{ flag: true }], truncated: true });
    expect(guardOutput(a, [{ flag: '已婚' }], { maxRows: 10, verification: answers })).toMatchObject({ ok: false, refusal: { code: 'VERIFICATION_VALUE_NOT_DECLARED', column: 'flag' } });
    expect(guardOutput(a, [{ flag: 'true' }], { maxRows: 10, verification: answers })).toMatchObject({ ok: false });
    expect(guardOutput(a, [{ flag: true }], { maxRows: 10, verification: {} })).toMatchObject({ ok: false, refusal: { code: 'VERIFICATION_ANSWER_NOT_DECLARED' } });
    expect(guardOutput(a, [], { maxRows: 10, verification: answers })).toMatchObject({ ok: true, rows: [] });
  });

  it('refuses row-level output for a sandbox job and lets sandbox aggregates through', async () => {
    const rowLevel = await analysis('select name as x from r_hn_market_enterprise');
    expect(guardOutput(rowLevel, [{ x: 'a' }], { maxRows: 10, sandbox: true })).toMatchObject({ ok: false, refusal: { code: 'SANDBOX_ROW_LEVEL' } });
    expect(guardOutput(await report(), [{ region: 'a', n: 9, __k: 9 }], { maxRows: 10, sandbox: true })).toMatchObject({ ok: true, rows: [{ region: 'a', n: 9 }] });
  });

  it('releases no object values and refuses invalid options', async () => {
    const a = await analysis('select name as x, region from r_hn_market_enterprise');
    const g = guardOutput(a, [{ x: { nested: 'row' }, region: ['a'] }], { maxRows: 1 });
    expect(g.ok && g.rows).toEqual([{ x: null, region: null }]);
    expect(guardOutput(a, [], { maxRows: 0 })).toMatchObject({ ok: false, refusal: { code: 'INVALID_GUARD_OPTIONS' } });
  });
});
