import { createHash } from 'node:crypto';
import { expect } from 'vitest';
import { seedOnce, sql, type Identity } from '@pdo/platform';
import { who, type GqlResult, type TestStack } from '@pdo/testing';
import { orgByKey } from '@pdo/demo';

export const org = (key: string) => orgByKey(key).id;
export const authority = (j: string) => who('AUTHORITY', org(`${j.toLowerCase()}-authority`), j, `${j}-authority-user`);
export const agency = (j: string) => who('AGENCY', org(`${j.toLowerCase()}-agency`), j, `${j}-agency-user`);
export const operatorOf = (orgId: string, j: string) => who('OPERATOR', orgId, j, `op-${orgId.slice(0, 8)}`);
export const expert = (j: string, n = 1) => who('EXPERT', org('expert-panel'), j, `expert-${n}`);
export const source = (key: string, j: string) => who('SOURCE_UNIT', org(key), j, `src-${key}`);

/** Shanghai wall-clock time as the request's instant. */
export const at = (localDate: string, time = '10:00') => `${localDate}T${time}:00+08:00`;

export const sha = (s: string) => createHash('sha256').update(s).digest('hex');
export const DOCS = ['APPLICATION_FORM', 'AUDIT_AND_FINANCIAL_REPORT', 'SECURITY_COMMITMENT', 'RISK_SELF_ASSESSMENT'].map((kind) => ({ kind, name: `${kind}.pdf`, sha256: sha(kind) }));

export const CONTENTS = Object.fromEntries(
  ['scopeAndCatalog', 'productList', 'technicalPlatform', 'assetOwnership', 'disclosureDuties', 'accountingAndDistribution', 'securityAndEmergency', 'evaluation', 'renewalAndExit', 'liability', 'disputes', 'amendmentAndTermination'].map((k) => [k, `条款：${k}`]),
);

export function ok<T = any>(res: GqlResult<T>): T {
  if (res.errors?.length) throw new Error(`unexpected errors: ${JSON.stringify(res.errors, null, 1)}`);
  return res.data as T;
}

/** Asserts a coded refusal and returns its extensions. */
export function refused(res: GqlResult, code: string, rule?: RegExp | string): Record<string, any> {
  expect(res.errors, JSON.stringify(res.data)).toBeTruthy();
  const ext = res.errors![0]!.extensions!;
  expect(ext.code, JSON.stringify(res.errors)).toBe(code);
  if (rule) expect(String(ext.rule)).toMatch(rule);
  expect(ext.messageZh).toBeTruthy();
  expect(ext.messageEn).toBeTruthy();
  return ext;
}

export async function seedLicensing(stack: TestStack): Promise<void> {
  await seedOnce(stack.runtimes.licensing!);
}

/** Row counts of every licensing table: a refusal must leave them all unchanged. */
export async function snapshot(stack: TestStack): Promise<Record<string, unknown>> {
  const em = stack.em('licensing');
  const tables = ['organization', 'policy_profile_version', 'operation_call', 'operator_application', 'expert_review', 'agreement', 'readiness_record', 'renewal_request', 'rectification', 'scenario', 'scenario_resource', 'access_grant', 'organization_fact_proposal', 'organization_fact_change', 'audit_log'];
  const out: Record<string, unknown> = {};
  for (const t of tables) out[t] = (await sql<{ n: number }>(em, `select count(*)::int as n from ${t}`))[0]!.n;
  out.orgs = await sql(em, `select id, name, credit_code, founded_on::text, tax_grades, mlps3_experience, commercial_crypto_experience, updated_at from organization order by id`);
  out.proposals = await sql(em, `select id, status from organization_fact_proposal order by id`);
  out.agreements = await sql(em, `select id, status, end_date::text, termination_effective_on::text, logs_purged_on::text from agreement order by id`);
  out.grants = await sql(em, `select id, status from access_grant order by id`);
  out.apps = await sql(em, `select id, status from operator_application order by id`);
  out.scenarios = await sql(em, `select id, status from scenario order by id`);
  out.outbox = (await sql<{ n: number }>(em, `select count(*)::int as n from pgboss.job where name like 'inbox_%'`))[0]!.n;
  return out;
}

export const call = (stack: TestStack, q: string, vars: Record<string, unknown>, as: Identity, now: string) => stack.subgraph('licensing', q, vars, { as, now });

export const AGREEMENT_FIELDS = `id number status jurisdiction operatorId startDate endDate trialEndDate profileVersion filedOn statusReason endedOn logPurgeEarliest logsPurgedOn
  terminationEffectiveOn terminationConsented gates { gate required satisfied detail source } accessGrants { id resourceId status expiresOn reason }
  rectifications { id status cause } renewals { id status proposedEndDate }`;

/** Evidence of a recorded fact change (documentDate no later than the request day). */
export const EVIDENCE = { documentRef: '营业执照及纳税信用评价结果（测试）', documentDate: '2026-01-05' };

let idSeq = 0;
/** A syntactically valid 18-character identity number for tests (only its digest is kept). */
export const testIdentifier = (n = ++idSeq) => `1101011980${String(n).padStart(7, '0')}X`;

/** The legal representative an official records from the business licence (integrity checks look it up). */
export async function recordLegalRepresentative(stack: TestStack, organizationId: string, j: string, day: string, identifier = testIdentifier(), name = '法定代表人甲'): Promise<string> {
  const input = { organizationId, persons: [{ role: 'LEGAL_REPRESENTATIVE', name, identifier }], documentRef: '营业执照（测试）', documentDate: '2026-01-05' };
  ok(await call(stack, `mutation($input: RecordOrganizationPersonsInput!) { recordOrganizationPersons(input: $input) { id } }`, { input }, agency(j), at(day)));
  return identifier;
}
