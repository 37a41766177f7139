/**
 * Where industry departments (行业主管部门) take part in reviewing an operator's data request (`industryDepartments`):
 * JL §五5 has the implementing agency review it together with them (会同), so their opinion is on record before the
 * agency approves. HN makes them the provincial implementing agencies themselves (HN Art 3) and has them co-sign
 * agreements (HN Art 13), TZ has them help publish calls (TZ Art 10): neither is a part in the review, so elsewhere
 * no opinion is required.
 */
export interface IndustryDepartmentPart {
  scenarioReviewOpinion: boolean;
}
type Sourced<T> = { value: T; source: string };

export const INDUSTRY_DEPARTMENT_PART = {
  NATIONAL: { value: { scenarioReviewOpinion: false }, source: 'platform default: not regulated' },
  JL: { value: { scenarioReviewOpinion: true }, source: 'JL §五5: 实施机构会同行业主管部门审核申请' },
} satisfies Record<string, Sourced<IndustryDepartmentPart>>;
