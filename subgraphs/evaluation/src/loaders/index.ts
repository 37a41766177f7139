import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import { sql } from '@pdo/platform';
import { db } from '../data/tables.js';
import type { StoredScore } from '../data/contribution-scores.js';
import { evaluationFacts, type EvaluationFacts, type FactsKey } from '../data/evaluation-facts.js';

/** Groups rows by a key, in the order of the requested keys. */
function groupBy<T>(keys: readonly string[], rows: T[], keyOf: (r: T) => string): T[][] {
  const m = new Map<string, T[]>();
  for (const r of rows) {
    const k = keyOf(r);
    const list = m.get(k);
    if (list) list.push(r);
    else m.set(k, [r]);
  }
  return keys.map((k) => m.get(k) ?? []);
}

export interface EvaluationScoreRow {
  evaluation_id: string;
  criterion: string;
  scorer_sub: string;
  scorer_role: string;
  score: string;
  comment: string | null;
  scored_at: Date;
}
export interface FindingRow {
  id: string;
  evaluation_id: string;
  criterion: string;
  severity: string;
  description: string;
  rectification: string;
  rectification_deadline: string | null;
  created_at: Date;
  closed_at: Date | null;
  closure_note: string | null;
}
export interface IncidentActionRow {
  id: string;
  incident_id: string;
  kind: string;
  note: string;
  actor_sub: string;
  at: Date;
}

/** Fresh per request: batches every lookup of one tick into one `where … = any(…)`. */
export function createLoaders(em: EntityManager, _identity?: unknown) {
  return {
    evaluationFacts: new DataLoader<FactsKey, EvaluationFacts, string>((keys) => evaluationFacts(em, keys), { cacheKeyFn: (k) => `${k.operatorId}|${k.year}|${k.today}` }),
    byId: new DataLoader(async (ids: readonly string[]) => {
      const rows = await db(em).selectFrom('disclosure').selectAll().where('id', 'in', ids).execute();
      const byId = new Map(rows.map((r) => [r.id, r]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    scoresByAssessment: new DataLoader<string, StoredScore[]>(async (ids) => {
      const rows = await sql<StoredScore>(
        em,
        `select assessment_id, agency_id, quantity::text, quality::text, application::text, revenue::text, total::text, inputs
           from contribution_score where assessment_id = any($1::uuid[]) order by total desc, agency_id`,
        [ids],
      );
      return groupBy(ids, rows, (r) => r.assessment_id);
    }),
    evaluationScores: new DataLoader<string, EvaluationScoreRow[]>(async (ids) => {
      const rows = await sql<EvaluationScoreRow>(em, `select evaluation_id, criterion, scorer_sub, scorer_role, score::text, comment, scored_at from operator_evaluation_score where evaluation_id = any($1::uuid[]) order by criterion, scored_at`, [ids]);
      return groupBy(ids, rows, (r) => r.evaluation_id);
    }),
    findings: new DataLoader<string, FindingRow[]>(async (ids) => {
      const rows = await sql<FindingRow>(em, `select id, evaluation_id, criterion, severity, description, rectification, to_char(rectification_deadline, 'YYYY-MM-DD') as rectification_deadline, created_at, closed_at, closure_note from evaluation_finding where evaluation_id = any($1::uuid[]) order by created_at, id`, [ids]);
      return groupBy(ids, rows, (r) => r.evaluation_id);
    }),
    incidentActions: new DataLoader<string, IncidentActionRow[]>(async (ids) => {
      const rows = await sql<IncidentActionRow>(em, `select id, incident_id, kind, note, actor_sub, at from security_incident_action where incident_id = any($1::uuid[]) order by at, seq`, [ids]);
      return groupBy(ids, rows, (r) => r.incident_id);
    }),
  };
}
export type Loaders = ReturnType<typeof createLoaders>;
