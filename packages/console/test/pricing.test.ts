import { describe, expect, it } from 'vitest';
import { bondYieldInput, costSurveyInput, newCostSurveyDraft } from '../src/lib/pricing';

/** The pricing authority's forms, checked before sending with the API's rules (PN §2(1), §3(1)). */
describe('pricing authority inputs', () => {
  it('a bond yield: a past or current year, 0 < yield ≤ 20 % with at most four decimals, a source document', () => {
    const ok = { year: '2025', yieldPercent: '1.6753', sourceDocument: '中国人民银行公布的 2025 年 10 年期国债收益率' };
    expect(bondYieldInput(ok, 2026)).toEqual({ input: { year: 2025, yieldPercent: '1.6753', sourceDocument: ok.sourceDocument } });
    expect(bondYieldInput({ ...ok, yieldPercent: '20' }, 2026)).toMatchObject({ input: { yieldPercent: '20' } });
    expect(bondYieldInput({ ...ok, year: '2027' }, 2026)).toEqual({ problem: 'year' });
    expect(bondYieldInput({ ...ok, year: '1999' }, 2026)).toEqual({ problem: 'year' });
    for (const bad of ['0', '0.0000', '20.0001', '21', '1.67531', '-1', '1,6', '']) expect(bondYieldInput({ ...ok, yieldPercent: bad }, 2026), bad).toEqual({ problem: 'yieldPercent' });
    expect(bondYieldInput({ ...ok, sourceDocument: '  ' }, 2026)).toEqual({ problem: 'sourceDocument' });
  });

  it('a cost survey: operator, name, period, amounts as yuan strings, markup in points', () => {
    const d = { ...newCostSurveyDraft(2026), operatorId: 'op', name: ' 2026 年度成本调查 ', costItems: { platform: '1200000', dataHandling: '300000.5', personnel: '800000', dataAcquisition: '0', periodExpenses: '150000.25' }, markupPp: '2.5' };
    expect(costSurveyInput(d)).toEqual({
      input: { operatorId: 'op', name: '2026 年度成本调查', surveyYear: 2026, periodStart: '2026-01-01', periodEnd: '2026-12-31', costItems: d.costItems, subsidies: '0', taxes: '0', markupPp: '2.5' },
    });
    expect(costSurveyInput({ ...d, operatorId: '' })).toEqual({ problem: 'operatorId' });
    expect(costSurveyInput({ ...d, periodEnd: '2025-12-31' })).toEqual({ problem: 'period' });
    expect(costSurveyInput({ ...d, costItems: { ...d.costItems, personnel: '1.005' } })).toEqual({ problem: 'personnel' });
    expect(costSurveyInput({ ...d, taxes: '-1' })).toEqual({ problem: 'taxes' });
    expect(costSurveyInput({ ...d, markupPp: '' })).toEqual({ problem: 'markupPp' });
  });
});
