import type { Selectable } from 'kysely';
import type { DB } from './tables.js';

/**
 * The plain rows `data/` hands out: a table's columns camel-cased (dates and instants as the server's text, as the
 * driver returns them), with the lifecycle columns narrowed to their states.
 */
type CamelCase<S extends string> = S extends `${infer A}_${infer B}` ? `${A}${Capitalize<CamelCase<B>>}` : S;
export type Camel<T> = { [K in keyof T as K extends string ? CamelCase<K> : K]: T[K] };
type RowOf<T extends keyof DB> = Camel<Selectable<DB[T]>>;

/**
 * Column names already converted: a table has a few dozen, while a list page converts every key of
 * every row (the regular expression per key was the licensing subgraph's largest self time on the
 * marketplace listing, packages/bench/README.md).
 */
const camelKeys = new Map<string, string>();
const camelKey = (k: string): string => {
  let c = camelKeys.get(k);
  if (c === undefined) camelKeys.set(k, (c = k.replace(/_([a-z0-9])/g, (_, x: string) => x.toUpperCase())));
  return c;
};

/** A row of Kysely's snake_case keys as the camel-cased plain row. */
export function camel<T extends object>(row: T): Camel<T> {
  const out: Record<string, unknown> = {};
  for (const k in row) out[camelKey(k)] = row[k];
  return out as Camel<T>;
}
export const camelAll = <T extends object>(rows: T[]): Camel<T>[] => rows.map(camel);

export type { ApplicationDocument, AssetDisposition, Eligibility, Objection } from './tables.js';

export type OrgRow = RowOf<'organization'>;
export type CallRow = RowOf<'operation_call'>;
export type AppRow = RowOf<'operator_application'>;
export type ReviewRow = RowOf<'expert_review'>;

export type AgreementStatus = 'SIGNED' | 'ACTIVE' | 'SUSPENDED' | 'TERMINATED' | 'EXPIRED' | 'EXITED';
export type AgreementRow = Omit<RowOf<'agreement'>, 'status' | 'mode'> & { status: AgreementStatus; mode: 'WHOLE' | 'BY_DOMAIN' | 'BY_SCENARIO' };
export type ReadinessKind = 'TRAINING' | 'SECURITY_REVIEW' | 'EMERGENCY_PLAN';
export type ReadinessRow = Omit<RowOf<'readiness_record'>, 'kind'> & { kind: ReadinessKind };
export type RectificationStatus = 'OPEN' | 'PLAN_SUBMITTED' | 'PASSED' | 'FAILED';
export type RectificationRow = Omit<RowOf<'rectification'>, 'status'> & { status: RectificationStatus };
export type RenewalRow = Omit<RowOf<'renewal_request'>, 'status'> & { status: 'PENDING' | 'APPROVED' | 'REFUSED' };
export type ScenarioStatus = 'SUBMITTED' | 'APPROVED' | 'REFUSED';
export type ScenarioRow = Omit<RowOf<'scenario'>, 'status' | 'category'> & { status: ScenarioStatus; category: 'PUBLIC_WELFARE' | 'INDUSTRY' };
export type ScenarioResourceRow = Omit<RowOf<'scenario_resource'>, 'decision'> & { decision: 'PENDING' | 'APPROVED' | 'REFUSED' };
export type GrantStatus = 'ACTIVE' | 'PAUSED' | 'REVOKED';
export type GrantRow = Omit<RowOf<'access_grant'>, 'status'> & { status: GrantStatus };
export type ResourceRow = RowOf<'resource_projection'>;
export type ProposalStatus = 'PENDING' | 'ACCEPTED' | 'REJECTED' | 'WITHDRAWN';
export type ProposalRow = Omit<RowOf<'organization_fact_proposal'>, 'status'> & { status: ProposalStatus };
export type FactChangeKind = 'REGISTERED' | 'RECORDED' | 'PROPOSAL_ACCEPTED' | 'INCIDENT_REPORTED';
export type FactChangeRow = Omit<RowOf<'organization_fact_change'>, 'kind'> & { kind: FactChangeKind };
export type ProfileVersionRow = RowOf<'policy_profile_version'>;

/** Evidence of a recorded or proposed fact change: the document, its date, and an optional note. */
export interface FactEvidence {
  documentRef: string;
  documentDate: string;
  note: string | null;
}
