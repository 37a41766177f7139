import { badInput, conflict, policyViolation, type Em, type UnitOfWork } from '@pdo/platform';
import type { LicensingEvents } from '@pdo/events';
import { rankApplications, scoreText, weightedScore, type EffectiveProfile, type LocalDate, type Ranked } from '@pdo/policy';
import { callReviewScores, reviewsByApplications } from '../data/calls.js';
import type { AppRow } from '../data/rows.js';
import type { SelectionBasis } from './renewals.js';

/** Exact weighted scores travel as numeric(7,4) text: "82.1250" → 821250 ten-thousandths. */
const e4 = (text: string): bigint => {
  const [w, f = ''] = text.split('.');
  return BigInt(w!) * 10000n + BigInt(f.padEnd(4, '0').slice(0, 4));
};
const e4Text = (v: bigint): string => `${v / 10000n}.${(v % 10000n).toString().padStart(4, '0')}`;

/**
 * An expert's review under the scoring rules: a score per criterion, or one overall score where the rules have one
 * criterion. Refused (BAD_USER_INPUT) when a criterion is missing, unknown, repeated or out of 0–100.
 */
export function scoreReview(rules: { criterion: string; weight: number }[], score: string | null, criterionScores: { criterion: string; score: string }[] | null) {
  let scores = criterionScores;
  if (!scores?.length) {
    if (score == null || rules.length !== 1) throw badInput('须按评分规则逐项评分', 'Score each criterion of the scoring rules', { field: 'input.criterionScores', details: { criteria: rules.map((r) => r.criterion) } });
    scores = [{ criterion: rules[0]!.criterion, score }];
  }
  const r = weightedScore(rules, scores);
  if (!r.ok) {
    const zh = { MISSING: '缺少评分项', UNKNOWN: '评分规则中没有该项', DUPLICATE: '评分项重复', RANGE: '评分须在 0–100 之间，最多两位小数' }[r.problem];
    throw badInput(`${zh}：${r.criterion}`, `Scoring ${r.problem.toLowerCase()}: ${r.criterion}`, { field: 'input.criterionScores', details: { problem: r.problem, criterion: r.criterion, criteria: rules.map((x) => x.criterion) } });
  }
  return { criterionScores: scores, weightedScore: e4Text(r.total), score: scoreText(r.total) };
}

/**
 * The ranking of the application's call (or of the re-application alone), refusing a selection it does not decide:
 * every application still in expert review must be reviewed (RANKING_INCOMPLETE), the selected one must rank first
 * (NOT_TOP_RANKED) and not share the first rank (TIED_RANKING).
 */
export async function rankedFirst(em: Em, app: AppRow, basis: SelectionBasis): Promise<Ranked> {
  const source = 'NS Art 12 (公平竞争); TZ Art 14 (专家评审)';
  let totals: Map<string, bigint[]>;
  if (basis.callId) {
    const rows = (await callReviewScores(em, basis.callId)).filter((r) => r.status === 'EXPERT_REVIEW');
    const unreviewed = [...new Set(rows.filter((r) => r.weighted_score === null).map((r) => r.id))];
    if (unreviewed.length) throw conflict('本公告仍有申请未经专家评审，不能确定排名', 'Applications of this call are still unreviewed: no ranking yet', { details: { reason: 'RANKING_INCOMPLETE', applicationIds: unreviewed } });
    totals = new Map();
    for (const r of rows) totals.set(r.id, [...(totals.get(r.id) ?? []), e4(r.weighted_score!)]);
  } else {
    totals = new Map([[app.id, (await reviewsByApplications(em, [app.id])).map((r) => e4(r.weightedScore))]]);
  }
  const ranking = rankApplications([...totals].map(([id, t]) => ({ id, totals: t })));
  const mine = ranking.find((r) => r.id === app.id)!;
  const ahead = ranking.filter((r) => r.rank === 1 && r.id !== app.id);
  if (mine.rank !== 1) throw policyViolation(source, `该申请排名第${mine.rank}（${mine.score}分），遴选须依评分排名`, `This application ranks ${mine.rank} (${mine.score}); selection follows the ranking`, { details: { reason: 'NOT_TOP_RANKED', ranking } });
  if (ahead.length) throw conflict('排名并列第一，须由评审确定名次', 'Tied for first place: the review must break the tie', { details: { reason: 'TIED_RANKING', ranking } });
  return mine;
}

/** The result goes to the public disclosure feed (evaluation), with its period and how to object. */
export async function publicizeSelection(
  publish: UnitOfWork['publish'],
  s: { app: AppRow; basis: SelectionBasis; profile: EffectiveProfile; ranking: Ranked; startsOn: LocalDate; endsOn: LocalDate; workingDays: number },
): Promise<void> {
  const title = s.basis.predecessor ? `续签（重新申请）：${s.basis.predecessor.number}` : `遴选结果：${s.basis.mode}`;
  const payload: LicensingEvents.SelectionPublicized = {
    applicationId: s.app.id,
    jurisdiction: s.app.jurisdiction,
    applicantId: s.app.applicantId,
    callId: s.app.callId,
    renewsAgreementId: s.app.renewsAgreementId,
    title,
    rank: s.ranking.rank,
    score: s.ranking.score,
    publicityStartsOn: s.startsOn,
    publicityEndsOn: s.endsOn,
    workingDays: s.workingDays,
    objectionChannel: 'raiseApplicationObjection',
    rule: s.profile.selectionPublicity.source,
  };
  await publish('SelectionPublicized', payload, s.app.jurisdiction);
}
