import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainError, sql } from '@pdo/platform';
import { Decimal } from '@pdo/policy';
import { startTestStack, type TestStack } from '@pdo/testing';
import { definition } from '../src/index.js';
import { Refusal } from '../src/domain/refusal.js';
import { checkFiler, checkFiling } from '../src/domain/disputes.js';
import { checkAllCriteriaScored, criterionAverages, parseScore } from '../src/domain/evaluations.js';
import { answersForScope, reportingDelayMinutes } from '../src/domain/incidents.js';
import { checkSubmission, isOverdue } from '../src/domain/reports.js';
import { asDomainError } from '../src/services/refusals.js';

/* The subgraph's shape (issue 17): pure rules that refuse as the platform does, and projections named <thing>_projection. */

const refusalOf = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return e as Refusal;
  }
  throw new Error('no refusal');
};

describe('pure rules', () => {
  it('refuse with a code, both messages and the rule, and a service turns the refusal into the platform error', () => {
    const r = refusalOf(() => checkFiling({ kind: 'REGISTRATION_OBJECTION', subject: 'x', complainantName: '张三', evidence: [] }, 'org-1'));
    expect(r).toBeInstanceOf(Refusal);
    expect([r.code, r.options.rule, r.options.field]).toEqual(['BAD_USER_INPUT', 'RG Art 12', 'input.evidence']);
    const e = asDomainError(r) as DomainError;
    expect(e).toBeInstanceOf(DomainError);
    expect([e.code, e.messageZh, e.messageEn, e.rule]).toEqual(['BAD_USER_INPUT', '登记异议须附证据', 'A registration objection needs evidence', 'RG Art 12']);
    const other = new Error('boom');
    expect(asDomainError(other)).toBe(other);
  });

  it('let only the kind’s roles file a dispute, never against oneself', () => {
    expect(refusalOf(() => checkFiler('DATA_USE_APPEAL', 'OPERATOR')).code).toBe('FORBIDDEN');
    expect(() => checkFiler('DATA_USE_APPEAL', 'DEVELOPER')).not.toThrow();
    const self = refusalOf(() => checkFiling({ kind: 'SELECTION_OBJECTION', respondentOrgId: 'org-1', subject: 's', complainantName: 'n', evidence: [] }, 'org-1'));
    expect(self.options.field).toBe('input.respondentOrgId');
  });

  it('average each criterion over its scorers and refuse finalizing with a criterion unscored', () => {
    const avgs = criterionAverages([
      { criterion: 'SECURITY', score: '80' },
      { criterion: 'SECURITY', score: '91.5' },
      { criterion: 'DISCLOSURE', score: '70' },
    ]);
    expect(avgs.find((a) => a.criterion === 'SECURITY')).toEqual({ criterion: 'SECURITY', average: '85.75', scorerCount: 2 });
    expect(avgs.find((a) => a.criterion === 'AGREEMENT_PERFORMANCE')).toEqual({ criterion: 'AGREEMENT_PERFORMANCE', average: null, scorerCount: 0 });
    expect(refusalOf(() => checkAllCriteriaScored(['SECURITY'])).options.details).toEqual({ missing: ['AGREEMENT_PERFORMANCE', 'PRODUCTS_OUTCOMES', 'REPORTING_COMPLIANCE', 'DISCLOSURE'] });
    expect(refusalOf(() => parseScore(Decimal.parse('100.01'))).code).toBe('BAD_USER_INPUT');
  });

  it('take time as an argument: overdue reports, reporting delay', () => {
    expect(isOverdue('DRAFT', '2026-03-31', '2026-04-01')).toBe(true);
    expect(isOverdue('DRAFT', null, '2026-04-01')).toBe(false);
    expect(isOverdue('SUBMITTED', '2026-03-31', '2026-04-01')).toBe(false);
    expect(reportingDelayMinutes('2026-01-01T00:00:00Z', '2026-01-01T01:30:00Z')).toBe(90);
    expect(reportingDelayMinutes('2026-01-01T02:00:00Z', '2026-01-01T01:00:00Z')).toBe(0);
  });

  it('stop processing only on the report of whoever answers for the scope; profit is revenue − cost', () => {
    expect(answersForScope('OPERATOR', 'op-1', 'op-1')).toBe(true);
    expect(answersForScope('OPERATOR', 'op-2', 'op-1')).toBe(false);
    expect(answersForScope('DEVELOPER', 'dev-1', 'op-1')).toBe(false);
    expect(answersForScope('AGENCY', 'agency', null)).toBe(true);
    expect(checkSubmission({ revenue: 500n, cost: 800n, narrative: 'n' })).toBe(-300n);
    expect(refusalOf(() => checkSubmission({ revenue: -1n, cost: 0n, narrative: 'n' })).code).toBe('BAD_USER_INPUT');
  });
});

describe('projections are named <thing>_projection (migration 0007)', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack([definition]);
  }, 120_000);
  afterAll(async () => stack?.stop());

  it('leaves no table, index or constraint named proj_…', async () => {
    const left = await sql<{ name: string }>(
      stack.em('evaluation'),
      `select relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'evaluation' and relname like 'proj\\_%'
       union all select conname from pg_constraint c join pg_namespace n on n.oid = c.connamespace where n.nspname = 'evaluation' and conname like 'proj\\_%'`,
    );
    expect(left).toEqual([]);
    const named = await sql<{ name: string }>(stack.em('evaluation'), `select tablename as name from pg_tables where schemaname = 'evaluation' and tablename like '%\\_projection' order by 1`);
    expect(named.map((r) => r.name)).toHaveLength(13); // with policy_profile_projection (0011)
    const idx = await sql<{ name: string }>(stack.em('evaluation'), `select indexname as name from pg_indexes where schemaname = 'evaluation' and indexname = 'settlement_share_projection_party'`);
    expect(idx).toHaveLength(1);
  });
});
