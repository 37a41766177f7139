import { addDays, addYears, type LocalDate } from './dates.js';
import type { EffectiveProfile, IntegrityRecordKind, IntegritySubject } from './profiles.js';
import type { Check, CriterionResult } from './rules.js';

/**
 * Selection (NS Art 12; TZ Arts 12–15; QHD §三(二)) and renewal as re-application (TZ Arts 17, 28; ZJC §三(四)3(2)):
 * integrity checks against loaded records, the ranking the call's scoring rules and the experts' scores decide, the
 * publicity period, and the successor agreement's first day.
 */

/** A party whose records are checked: the applicant or a person standing behind it, keyed as the records are. */
export interface IntegrityParty {
  role: IntegritySubject;
  name: string;
  /** The key records are filed under (a digest of the credit code or identity number). */
  key: string;
}

/** A record an authority loaded: its kind, the day it took effect and, for a list entry, the day it was lifted. */
export interface IntegrityRecord {
  subjectKey: string;
  kind: IntegrityRecordKind;
  effectiveOn: LocalDate;
  removedOn?: LocalDate | null;
  source: string;
}

const ROLE_ZH: Record<IntegritySubject, string> = { APPLICANT: '申请单位', LEGAL_REPRESENTATIVE: '法定代表人', EXECUTIVE: '高级管理人员', CONTROLLING_SHAREHOLDER: '控股股东或实际控制人' };
const ROLE_EN: Record<IntegritySubject, string> = { APPLICANT: 'applicant', LEGAL_REPRESENTATIVE: 'legal representative', EXECUTIVE: 'executive', CONTROLLING_SHAREHOLDER: 'controlling shareholder' };
const KIND_ZH: Record<IntegrityRecordKind, string> = { DISHONEST_DEBTOR: '失信被执行人', MAJOR_TAX_VIOLATION: '重大税收违法案件当事人', SERIOUS_DISHONESTY: '严重违法失信', SERIOUS_PENALTY: '重大行政处罚', CRIMINAL_RECORD: '违法犯罪记录' };

/**
 * One criterion per rule of the profile's `integrityChecks`: passed when no party the rule names has a record of the
 * rule's kinds in force on `asOf` (within the rule's years, where it sets some; both ends of the window counted). The
 * legal representative must be on record where a rule names it: a check against nobody would verify nothing.
 */
export function checkIntegrity(profile: EffectiveProfile, parties: IntegrityParty[], records: IntegrityRecord[], asOf: LocalDate): CriterionResult[] {
  const source = profile.integrityChecks.source;
  return profile.integrityChecks.value.map((rule) => {
    const from = rule.withinYears !== null ? addYears(asOf, -rule.withinYears) : null;
    const checked = parties.filter((p) => rule.subjects.includes(p.role));
    const missing = rule.subjects.filter((s) => (s === 'APPLICANT' || s === 'LEGAL_REPRESENTATIVE') && !checked.some((p) => p.role === s));
    const hits = checked.flatMap((p) =>
      records
        .filter((r) => r.subjectKey === p.key && rule.records.includes(r.kind) && r.effectiveOn <= asOf && (!r.removedOn || r.removedOn > asOf) && (from === null || r.effectiveOn >= from))
        .map((r) => ({ party: p, record: r })),
    );
    const passed = hits.length === 0 && missing.length === 0;
    const kinds = rule.records.map((k) => KIND_ZH[k]).join('、');
    const reasonZh = missing.length
      ? `未登记${missing.map((s) => ROLE_ZH[s]).join('、')}，无法核查`
      : hits.length
        ? `有不良信用记录：${hits.map((h) => `${ROLE_ZH[h.party.role]}${h.party.name}（${KIND_ZH[h.record.kind]}，${h.record.effectiveOn}）`).join('；')}`
        : `${rule.subjects.map((s) => ROLE_ZH[s]).join('、')}无${kinds}记录${from ? `（${from}以来）` : ''}`;
    const reasonEn = missing.length
      ? `No ${missing.map((s) => ROLE_EN[s]).join(', ')} on record: cannot be checked`
      : hits.length
        ? `Integrity records: ${hits.map((h) => `${ROLE_EN[h.party.role]} ${h.party.name} (${h.record.kind}, ${h.record.effectiveOn})`).join('; ')}`
        : `No ${rule.records.join(', ')} record for the ${rule.subjects.map((s) => ROLE_EN[s]).join(', ')}${from ? ` since ${from}` : ''}`;
    return { criterion: 'INTEGRITY_RECORDS' as const, passed, reasonZh, reasonEn, source };
  });
}

export interface ScoringRule {
  criterion: string;
  weight: number;
}

/**
 * An expert's score under the call's rules, in ten-thousandths: Σ weight × score (scores to 2 decimals, weights summing
 * to 100). Every criterion of the rules is scored once, nothing else; `null` with the problem otherwise.
 */
export function weightedScore(rules: ScoringRule[], scores: { criterion: string; score: string }[]): { ok: true; total: bigint } | { ok: false; problem: 'MISSING' | 'UNKNOWN' | 'DUPLICATE' | 'RANGE'; criterion: string } {
  const seen = new Set<string>();
  let total = 0n;
  for (const s of scores) {
    const rule = rules.find((r) => r.criterion === s.criterion);
    if (!rule) return { ok: false, problem: 'UNKNOWN', criterion: s.criterion };
    if (seen.has(s.criterion)) return { ok: false, problem: 'DUPLICATE', criterion: s.criterion };
    seen.add(s.criterion);
    if (!/^\d{1,3}(\.\d{1,2})?$/.test(s.score) || Number(s.score) > 100) return { ok: false, problem: 'RANGE', criterion: s.criterion };
    const [whole, frac = ''] = s.score.split('.');
    total += BigInt(rule.weight) * (BigInt(whole!) * 100n + BigInt(frac.padEnd(2, '0')));
  }
  const missing = rules.find((r) => !seen.has(r.criterion));
  if (missing) return { ok: false, problem: 'MISSING', criterion: missing.criterion };
  return { ok: true, total };
}

/** Ten-thousandths as a 2-decimal string, half-up. */
export const scoreText = (e4: bigint, n = 1n): string => {
  const q = (e4 * 2n + 100n * n) / (200n * n); // hundredths, half-up
  return `${q / 100n}.${(q % 100n).toString().padStart(2, '0')}`;
};

export interface Ranked {
  id: string;
  rank: number;
  /** Mean of the experts' weighted scores, 2 decimals. */
  score: string;
  reviews: number;
}

/**
 * Ranking of a call's applications by the mean of their experts' weighted scores (exact: compared as fractions),
 * highest first; equal means share a rank. An application without a review is left out (it cannot be ranked).
 */
export function rankApplications(apps: { id: string; totals: bigint[] }[]): Ranked[] {
  const scored = apps.filter((a) => a.totals.length).map((a) => ({ id: a.id, sum: a.totals.reduce((s, t) => s + t, 0n), n: BigInt(a.totals.length) }));
  const cmp = (a: (typeof scored)[number], b: (typeof scored)[number]) => (a.sum * b.n === b.sum * a.n ? 0 : a.sum * b.n > b.sum * a.n ? -1 : 1);
  scored.sort((a, b) => cmp(a, b) || (a.id < b.id ? -1 : 1));
  const out: Ranked[] = [];
  scored.forEach((a, i) => {
    const rank = i > 0 && cmp(scored[i - 1]!, a) === 0 ? out[i - 1]!.rank : i + 1;
    out.push({ id: a.id, rank, score: scoreText(a.sum, a.n), reviews: Number(a.n) });
  });
  return out;
}

/**
 * The publicity period of a selection result in working days: the call's own, which must be at least one day where a
 * text requires publicity and at least the profile's minimum where one is set; where none is required it may be 0.
 */
export function checkPublicityPeriod(profile: EffectiveProfile, callWorkingDays: number): Check {
  const { required, minWorkingDays } = profile.selectionPublicity.value;
  const least = Math.max(required ? 1 : 0, minWorkingDays ?? 0);
  if (!Number.isInteger(callWorkingDays) || callWorkingDays < least) {
    return { ok: false, rule: 'SELECTION_PUBLICITY', source: profile.selectionPublicity.source, messageZh: `遴选结果公示期不得少于${least}个工作日`, messageEn: `The selection result must be publicized for at least ${least} working day(s)` };
  }
  return { ok: true };
}

/** A successor agreement (renewal by re-application) begins the day after the old one's last day. */
export const successorStartDate = (oldEnd: LocalDate): LocalDate => addDays(oldEnd, 1);
