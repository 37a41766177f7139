import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from '@pdo/testing';
import { definition } from '../src/index.js';
import { checkEvaluationInvariants } from '../src/data/invariants.js';
import { contributionJourney } from './journeys/contribution.js';
import { evaluationAndReportsJourney } from './journeys/reports.js';
import { incidentsDisputesDisclosureJourney } from './journeys/incidents.js';

/*
 * Every journey on one stack (one PostgreSQL, one boot): each journey works in its own
 * jurisdiction with its own ids (contribution TZ, evaluation/reports HN, incidents ZJC), so they
 * do not see each other's rows; counts in them are scoped accordingly.
 */
let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack([definition]);
}, 120_000);
afterAll(async () => stack?.stop());

const shared = () => stack;
contributionJourney(shared);
evaluationAndReportsJourney(shared);
incidentsDisputesDisclosureJourney(shared);

describe('after every journey', () => {
  it('holds every evaluation invariant', async () => {
    expect(await checkEvaluationInvariants(stack.em('evaluation'))).toEqual([]);
  });
});
