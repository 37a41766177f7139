/**
 * The pricing authority's inputs, checked before sending with the API's rules (PN §2(1), §3(1)): a bond yield is
 * positive, at most 20 %, with at most four decimals, for a past or current year, with its source document; a cost
 * survey names the operator, a period that does not end before it starts, amounts in yuan with at most two decimals
 * (sent as strings: no floats near money) and the markup in percentage points.
 */
export interface BondYieldDraft {
  year: string;
  yieldPercent: string;
  sourceDocument: string;
}

export type BondYieldProblem = 'year' | 'yieldPercent' | 'sourceDocument';

export function bondYieldInput(d: BondYieldDraft, currentYear: number): { input: { year: number; yieldPercent: string; sourceDocument: string } } | { problem: BondYieldProblem } {
  const year = Number(d.year);
  if (!/^\d{4}$/.test(d.year.trim()) || year < 2000 || year > currentYear) return { problem: 'year' };
  const p = d.yieldPercent.trim();
  // In ten-thousandths of a percent, so the bounds are compared exactly.
  const m = /^(\d{1,2})(?:\.(\d{1,4}))?$/.exec(p);
  const tenThousandths = m ? Number(m[1]) * 10_000 + Number((m[2] ?? '').padEnd(4, '0')) : 0;
  if (tenThousandths <= 0 || tenThousandths > 200_000) return { problem: 'yieldPercent' };
  const sourceDocument = d.sourceDocument.trim();
  if (!sourceDocument || sourceDocument.length > 500) return { problem: 'sourceDocument' };
  return { input: { year, yieldPercent: p, sourceDocument } };
}

export const COST_ITEMS = ['platform', 'dataHandling', 'personnel', 'dataAcquisition', 'periodExpenses'] as const;
export type CostItem = (typeof COST_ITEMS)[number];

export interface CostSurveyDraft {
  operatorId: string;
  name: string;
  surveyYear: string;
  periodStart: string;
  periodEnd: string;
  costItems: Record<CostItem, string>;
  subsidies: string;
  taxes: string;
  markupPp: string;
}

export type CostSurveyProblem = 'operatorId' | 'name' | 'surveyYear' | 'period' | CostItem | 'subsidies' | 'taxes' | 'markupPp';

export const newCostSurveyDraft = (year: number): CostSurveyDraft => ({
  operatorId: '',
  name: '',
  surveyYear: String(year),
  periodStart: `${year}-01-01`,
  periodEnd: `${year}-12-31`,
  costItems: { platform: '', dataHandling: '', personnel: '', dataAcquisition: '', periodExpenses: '' },
  subsidies: '0',
  taxes: '0',
  markupPp: '',
});

const YUAN = /^\d{1,13}(\.\d{1,2})?$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

export function costSurveyInput(d: CostSurveyDraft): { input: Omit<CostSurveyDraft, 'surveyYear'> & { surveyYear: number } } | { problem: CostSurveyProblem } {
  if (!d.operatorId) return { problem: 'operatorId' };
  const name = d.name.trim();
  if (!name || name.length > 200) return { problem: 'name' };
  if (!/^\d{4}$/.test(d.surveyYear.trim())) return { problem: 'surveyYear' };
  if (!DAY.test(d.periodStart) || !DAY.test(d.periodEnd) || d.periodEnd < d.periodStart) return { problem: 'period' };
  const costItems = {} as Record<CostItem, string>;
  for (const k of COST_ITEMS) {
    const v = d.costItems[k].trim();
    if (!YUAN.test(v)) return { problem: k };
    costItems[k] = v;
  }
  if (!YUAN.test(d.subsidies.trim())) return { problem: 'subsidies' };
  if (!YUAN.test(d.taxes.trim())) return { problem: 'taxes' };
  if (!/^\d{1,3}(\.\d{1,4})?$/.test(d.markupPp.trim())) return { problem: 'markupPp' };
  return { input: { operatorId: d.operatorId, name, surveyYear: Number(d.surveyYear), periodStart: d.periodStart, periodEnd: d.periodEnd, costItems, subsidies: d.subsidies.trim(), taxes: d.taxes.trim(), markupPp: d.markupPp.trim() } };
}
