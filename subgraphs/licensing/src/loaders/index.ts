import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import { sql } from '@pdo/platform';
import {
  AGREEMENT_COLS,
  CALL_COLS,
  GRANT_COLS,
  ORG_COLS,
  READINESS_COLS,
  RECT_COLS,
  RENEWAL_COLS,
  SCENARIO_COLS,
  SCENARIO_RES_COLS,
  type AgreementRow,
  type CallRow,
  type GrantRow,
  type OrgRow,
  type ReadinessRow,
  type RectificationRow,
  type RenewalRow,
  type ScenarioResourceRow,
  type ScenarioRow,
} from '../data/rows.js';

/** One `where key = any($1)` per tick for by-id lookups. */
function byId<T extends { id: string }>(em: EntityManager, cols: string, table: string) {
  return new DataLoader<string, T | null>(async (ids) => {
    const rows = await sql<T>(em, `select ${cols} from ${table} where id = any($1::uuid[])`, [[...ids]]);
    const m = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => m.get(id) ?? null);
  });
}

/** Children grouped by a parent key, in a stable order, one query per tick. */
function groupBy<T>(em: EntityManager, cols: string, table: string, keyCol: string, keyOf: (r: T) => string, orderBy: string) {
  return new DataLoader<string, T[]>(async (keys) => {
    const rows = await sql<T>(em, `select ${cols} from ${table} where ${keyCol} = any($1::uuid[]) order by ${orderBy}`, [[...keys]]);
    const m = new Map<string, T[]>();
    for (const r of rows) m.set(keyOf(r), [...(m.get(keyOf(r)) ?? []), r]);
    return keys.map((k) => m.get(k) ?? []);
  });
}

export interface ReviewRow { id: string; applicationId: string; expertSub: string; score: string; opinion: string; createdAt: Date }

/** Fresh per request. */
export function createLoaders(em: EntityManager) {
  return {
    byId: byId<OrgRow>(em, ORG_COLS, 'organization'),
    callById: byId<CallRow>(em, CALL_COLS, 'operation_call'),
    agreementById: byId<AgreementRow>(em, AGREEMENT_COLS, 'agreement'),
    scenarioById: byId<ScenarioRow>(em, SCENARIO_COLS, 'scenario'),
    grantById: byId<GrantRow>(em, GRANT_COLS, 'access_grant'),
    reviewsByApplication: groupBy<ReviewRow>(em, `id, application_id as "applicationId", expert_sub as "expertSub", score::text as score, opinion, created_at as "createdAt"`, 'expert_review', 'application_id', (r) => r.applicationId, 'created_at, id'),
    readinessByAgreement: groupBy<ReadinessRow>(em, READINESS_COLS, 'readiness_record', 'agreement_id', (r) => r.agreementId, 'done_on, id'),
    rectificationsByAgreement: groupBy<RectificationRow>(em, RECT_COLS, 'rectification', 'agreement_id', (r) => r.agreementId, 'opened_at desc, id'),
    renewalsByAgreement: groupBy<RenewalRow>(em, RENEWAL_COLS, 'renewal_request', 'agreement_id', (r) => r.agreementId, 'created_at desc, id'),
    scenariosByAgreement: groupBy<ScenarioRow>(em, SCENARIO_COLS, 'scenario', 'agreement_id', (r) => r.agreementId, 'submitted_on, id'),
    resourcesByScenario: groupBy<ScenarioResourceRow>(em, SCENARIO_RES_COLS, 'scenario_resource', 'scenario_id', (r) => r.scenarioId, 'resource_id'),
    grantsByScenario: groupBy<GrantRow>(em, GRANT_COLS, 'access_grant', 'scenario_id', (r) => r.scenarioId, 'resource_id, id'),
    grantsByAgreement: groupBy<GrantRow>(em, GRANT_COLS, 'access_grant', 'agreement_id', (r) => r.agreementId, 'scenario_id, resource_id'),
  };
}
export type Loaders = ReturnType<typeof createLoaders>;
