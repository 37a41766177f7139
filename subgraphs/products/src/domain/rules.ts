import { badInput, policyViolation, type Refusal } from './refusal.js';

/** 产品形态 (TZ Art 4; HN Art 3). */
export const PRODUCT_FORMS = ['DATA_PACKAGE', 'API', 'MODEL', 'VERIFICATION', 'REPORT', 'SERVICE'] as const;
export type ProductForm = (typeof PRODUCT_FORMS)[number];
export const CHARGING_UNITS = ['PER_CALL', 'PER_MONTH', 'PER_MB', 'PER_ITEM'] as const;
export type ChargingUnit = (typeof CHARGING_UNITS)[number];
export const DELIVERY_METHODS = ['API_CALL', 'FILE_DELIVERY', 'SANDBOX', 'PRIVACY_COMPUTING', 'ONLINE_SERVICE'] as const;

/**
 * What an output field may be. There is deliberately no "raw" kind: a product delivers derived
 * results, never raw records (原始数据不出域; QHD, TZ Art 20).
 */
export const OUTPUT_FIELD_KINDS = ['AGGREGATE', 'SCORE', 'LABEL', 'FLAG', 'MASKED', 'DERIVED'] as const;

/** Public-welfare scenarios give free products; industry scenarios give paid ones (NS Art 9(7); PN §1). */
export function categoryOf(scenarioCategory: string | null): 'FREE' | 'PAID' {
  return scenarioCategory === 'PUBLIC_WELFARE' ? 'FREE' : 'PAID';
}

/** The five checks of the pre-release compliance review (HN Art 15). */
export const COMPLIANCE_ITEMS = ['DATA_SOURCE', 'DESENSITISATION', 'RAW_DATA_STAYS_IN_DOMAIN', 'ACCESS_CONTROL', 'ASSOCIATED_PARTY_AUTHORIZATION'] as const;
export type ComplianceItem = (typeof COMPLIANCE_ITEMS)[number];

/** The evidence of RAW_DATA_STAYS_IN_DOMAIN as a review shows it (and freezes it into its checklist). */
export interface RecipeEvidence {
  recipeId: string;
  outcome: 'ACCEPTED' | 'REFUSED';
  sqlSha256: string;
  k: number;
  aggregate: boolean;
  tables: { name: string; resourceId: string }[];
  columns: { name: string; kind: string; sources: string[]; aggregated: boolean; masked: boolean }[];
  filters: string[];
  reviewNotes: string[];
  violations: string[];
  analysedAt: string;
}

export interface ChecklistEntry {
  item: ComplianceItem;
  result: 'PASS' | 'FAIL';
  evidence: string;
  /** RAW_DATA_STAYS_IN_DOMAIN of an executable form: the operating domain's analysis the reviewer saw. */
  recipeAnalysis?: RecipeEvidence | null;
}

/**
 * Forms the platform executes in the operating domain (a recipe over raw data); a SERVICE is
 * delivered by the operator itself and keeps declared usage.
 */
export const EXECUTABLE_FORMS: readonly string[] = ['DATA_PACKAGE', 'API', 'MODEL', 'VERIFICATION', 'REPORT'];

/**
 * HN Art 15 (原始数据不出域): an executable form passes RAW_DATA_STAYS_IN_DOMAIN only with an
 * accepted analysis of its current recipe — the evidence is the analysis, not a reviewer's tick.
 */
export function checkRecipeEvidence(form: string, checklist: readonly ChecklistEntry[], evidence: RecipeEvidence | null): Refusal | null {
  if (!EXECUTABLE_FORMS.includes(form)) return null;
  const entry = checklist.find((e) => e.item === 'RAW_DATA_STAYS_IN_DOMAIN');
  if (entry?.result !== 'PASS' || evidence?.outcome === 'ACCEPTED') return null;
  return policyViolation(
    'HN Art 15',
    evidence ? '运营域对当前配方的分析未通过，“原始数据不出域”项不能通过' : '运营域尚无该版本配方的分析，“原始数据不出域”项不能通过',
    evidence ? 'The operating domain refused the current recipe; RAW_DATA_STAYS_IN_DOMAIN cannot pass' : 'The operating domain has no analysis of this version’s recipe; RAW_DATA_STAYS_IN_DOMAIN cannot pass',
    { field: 'input.checklist', details: { code: 'RECIPE_ANALYSIS_REQUIRED', outcome: evidence?.outcome ?? null, violations: evidence?.violations ?? [] } },
  );
}

/**
 * A review must answer every item exactly once with evidence; approval needs every item passed;
 * refusal needs reasons and a legal basis (HN Art 15).
 */
export function checkReview(decision: 'APPROVED' | 'REFUSED', checklist: ChecklistEntry[], reasons: string[], legalBasis: string | null | undefined): Refusal | null {
  const seen = new Set<string>();
  for (const [i, e] of checklist.entries()) {
    if (seen.has(e.item)) return badInput(`审核项重复：${e.item}`, `Checklist item answered twice: ${e.item}`, { field: `input.checklist.${i}.item` });
    seen.add(e.item);
    if (!e.evidence?.trim()) return badInput(`审核项 ${e.item} 缺少证据`, `Checklist item ${e.item} needs evidence`, { field: `input.checklist.${i}.evidence` });
  }
  const missing = COMPLIANCE_ITEMS.filter((i) => !seen.has(i));
  if (missing.length) return badInput(`合规审核清单不完整，缺少：${missing.join('、')}`, `The compliance checklist is incomplete; missing: ${missing.join(', ')}`, { field: 'input.checklist', details: { missing } });
  if (decision === 'APPROVED') {
    const failed = checklist.filter((e) => e.result === 'FAIL').map((e) => e.item);
    if (failed.length) return policyViolation('HN Art 15', `存在未通过的审核项，不能通过：${failed.join('、')}`, `Items failed, the product cannot be approved: ${failed.join(', ')}`, { details: { failed } });
  } else {
    if (!reasons.some((r) => r.trim())) return badInput('不通过须说明理由', 'A refusal must give reasons', { field: 'input.reasons' });
    if (!legalBasis?.trim()) return badInput('不通过须说明法律依据', 'A refusal must cite its legal basis', { field: 'input.legalBasis' });
  }
  return null;
}

export interface OutputField {
  name: string;
  type: string;
  kind: (typeof OUTPUT_FIELD_KINDS)[number];
  descriptionZh: string;
}

// 18-digit resident id and mainland mobile numbers: a sample carrying one is a raw record.
const RAW_IDENTIFIERS = [/(?<!\d)\d{17}[\dXx](?!\d)/, /(?<!\d)1[3-9]\d{9}(?!\d)/];

/** Output schema and samples: named fields, samples only use declared fields and show no raw identifiers. */
export function checkOutputs(schema: OutputField[], samples: Record<string, unknown>[], maxSamples = 20): Refusal | null {
  if (schema.length === 0) return badInput('输出结构不能为空', 'The output schema needs at least one field', { field: 'input.outputSchema' });
  const names = new Set<string>();
  for (const [i, f] of schema.entries()) {
    if (!/^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(f.name)) return badInput(`字段名不合法：${f.name}`, `Invalid field name: ${f.name}`, { field: `input.outputSchema.${i}.name` });
    if (names.has(f.name)) return badInput(`字段重复：${f.name}`, `Duplicate field: ${f.name}`, { field: `input.outputSchema.${i}.name` });
    names.add(f.name);
  }
  if (samples.length === 0) return badInput('须提供样例输出', 'Provide at least one sample output', { field: 'input.sampleOutputs' });
  if (samples.length > maxSamples) return badInput(`样例输出最多 ${maxSamples} 条`, `At most ${maxSamples} samples`, { field: 'input.sampleOutputs' });
  for (const [i, s] of samples.entries()) {
    if (!s || typeof s !== 'object' || Array.isArray(s)) return badInput('样例须为对象', 'Each sample must be an object', { field: `input.sampleOutputs.${i}` });
    const extra = Object.keys(s).filter((k) => !names.has(k));
    if (extra.length) return badInput(`样例含未声明字段：${extra.join('、')}`, `Sample uses undeclared fields: ${extra.join(', ')}`, { field: `input.sampleOutputs.${i}` });
    const text = JSON.stringify(s);
    if (RAW_IDENTIFIERS.some((re) => re.test(text))) {
      return policyViolation('TZ Art 20; QHD §三(二)4 原始数据不出域', '样例输出含有身份证号或手机号等原始数据', 'A sample output carries raw identifiers (resident id or phone number)', { field: `input.sampleOutputs.${i}` });
    }
  }
  return null;
}

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;
const TOKENS = /[\u3400-\u9fff\uf900-\ufaff]+|[a-z0-9]+/g;

/**
 * Index tokens for Chinese text without a segmenter: every CJK character and every overlapping
 * bigram of each CJK run, plus lower-cased latin/digit words. Queries are tokenised by
 * `queryGrams`, so "信用评分" matches a product whose text contains it between other words.
 */
export function searchGrams(text: string): string[] {
  const out = new Set<string>();
  for (const run of text.toLowerCase().match(TOKENS) ?? []) {
    if (CJK.test(run)) {
      for (const ch of run) out.add(ch);
      for (let i = 0; i + 1 < run.length; i++) out.add(run.slice(i, i + 2));
    } else out.add(run);
  }
  return [...out];
}

/** A query's tokens: bigrams of each CJK run (a lone character stays a unigram) and latin words. */
export function queryGrams(q: string): string[] {
  const out = new Set<string>();
  for (const run of q.toLowerCase().match(TOKENS) ?? []) {
    if (CJK.test(run)) {
      if (run.length === 1) out.add(run);
      for (let i = 0; i + 1 < run.length; i++) out.add(run.slice(i, i + 2));
    } else out.add(run);
  }
  return [...out];
}
