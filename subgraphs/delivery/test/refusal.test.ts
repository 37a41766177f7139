import { describe, expect, it } from 'vitest';
import { analyseRecipe, recipeRefused, budgetRefused, checkBudget } from '../src/index.js';
import { recipe } from './fixtures.js';

describe('refusals as coded platform errors', () => {
  it('a refused recipe becomes POLICY_VIOLATION with the rule and every violation code, no SQL echoed', async () => {
    const r = await analyseRecipe(recipe("select pg_sleep(1) as x from pg_authid where rolpassword = 'secret-value'"));
    if (r.ok) throw new Error('accepted');
    const error = recipeRefused(r.violations).toGraphQLError();
    expect(error.extensions).toMatchObject({ code: 'POLICY_VIOLATION', rule: 'HN Art 15; TZ Art 20', field: 'recipe' });
    const codes = (error.extensions.details as { violations: { code: string }[] }).violations.map((v) => v.code);
    expect(codes).toEqual(expect.arrayContaining(['TABLE_NOT_ALLOWED', 'FUNCTION_NOT_ALLOWED']));
    expect(JSON.stringify(error.extensions)).not.toContain('secret-value');
  });

  it('an exhausted budget becomes POLICY_VIOLATION with BUDGET_EXHAUSTED', () => {
    const d = checkBudget(10, [{ agreementId: 'a', period: 'p', microEpsilon: 10 }], { agreementId: 'a', period: 'p', microEpsilon: 1 });
    if (d.ok) throw new Error('accepted');
    expect(budgetRefused(d).toGraphQLError().extensions).toMatchObject({ code: 'POLICY_VIOLATION', details: { code: 'BUDGET_EXHAUSTED', remainingMicroEpsilon: 0 } });
  });
});
