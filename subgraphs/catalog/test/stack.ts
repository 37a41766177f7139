import { afterAll, beforeAll } from 'vitest';
import { startTestStack, type TestStack } from '@pdo/testing';
import { definition } from '../src/index.js';

/**
 * One catalog stack (one PostgreSQL, one pg-boss) shared by every suite imported into
 * catalog.test.ts: booting is most of a file's run time. Suites keep apart by resource code
 * prefix and jurisdiction, and run in import order.
 */
export let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack([definition]);
});
afterAll(async () => {
  await stack?.stop();
});
