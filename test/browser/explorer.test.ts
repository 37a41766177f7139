/**
 * The self-hosted GraphQL explorer (GraphiQL, bundled by the console build; gateway/src/console.ts
 * createExplorerRoute) in a real browser: a browser GET of /graphql opens it, it runs a query
 * against the gateway, and not one request leaves this machine (no CDN: the machine may have no
 * internet, and the page's Content-Security-Policy would refuse one anyway). Also no CSP violation:
 * nothing inline, no eval.
 *
 * Needs /usr/bin/chromium (scripts/ensure-chromium.sh); skipped without it locally, fails in CI.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { definition as catalog } from '@pdo/catalog';
import { startTestStack, type TestStack } from '@pdo/testing';
import { CHROMIUM, openConsoleBrowser, type ConsoleBrowser } from './chromium.js';

const EXPLORER_BUILT = existsSync(fileURLToPath(new URL('../../packages/console/dist/explorer.html', import.meta.url)));
const SHOTS = fileURLToPath(new URL('../../test-results/explorer/', import.meta.url));
const HAVE_CHROMIUM = existsSync(CHROMIUM);
const IN_CI = Boolean(process.env.CI);

describe.runIf(!HAVE_CHROMIUM && IN_CI)('explorer (CI without a browser)', () => {
  it('has Chromium', () => {
    throw new Error(`${CHROMIUM} is missing on this CI machine: run scripts/ensure-chromium.sh before the tests.`);
  });
});

describe.runIf(HAVE_CHROMIUM)('GraphiQL explorer in Chromium', () => {
  let stack: TestStack;
  let b: ConsoleBrowser;
  /** Every URL the browser asked for, pages and workers alike. */
  const requested: string[] = [];
  const cspViolations: string[] = [];
  /** Bodies of the POSTs to /graphql. */
  const posted: string[] = [];

  beforeAll(async () => {
    if (!EXPLORER_BUILT) throw new Error('packages/console/dist/explorer.html is missing: run pnpm --filter @pdo/console build');
    [stack, b] = await Promise.all([startTestStack([catalog], { gateway: true, seed: true }), openConsoleBrowser({ screenshots: SHOTS })]);
    // Seen (and, off this machine, refused) at the context: covers the page, its workers and fetches.
    await b.browser.route('**/*', async (route) => {
      const url = route.request().url();
      requested.push(url);
      if (route.request().method() === 'POST') posted.push(route.request().postData() ?? '');
      const { protocol, hostname } = new URL(url);
      if (/^(https?|wss?):$/.test(protocol) && !['localhost', '127.0.0.1', '[::1]'].includes(hostname)) await route.abort('blockedbyclient');
      else await route.continue();
    });
    b.page.on('console', (m) => {
      if (/Content Security Policy|Refused to/i.test(m.text())) cspViolations.push(m.text().slice(0, 300));
    });
  }, 180_000);

  afterAll(async () => {
    await b?.close();
    await stack?.stop();
  });

  it('opens at GET /graphql, runs a query, and no request leaves localhost', async () => {
    const { page } = b;
    const endpoint = stack.gateway!.url;
    try {
      await page.goto(endpoint);
      await page.waitForSelector('.graphiql-container', { timeout: 30_000 });
      // The default query is in the editor once Monaco is up.
      await page.waitForFunction(() => document.querySelector('.graphiql-query-editor')?.textContent?.includes('catalogSearch'), null, { timeout: 30_000 });
      const answered = page.waitForResponse((r) => r.url() === endpoint && r.request().method() === 'POST');
      await page.click('.graphiql-execute-button');
      const response = await answered;
      const json = (await response.json()) as { data?: { catalogSearch: { totalCount: number } }; errors?: unknown };
      expect(json.errors).toBeUndefined();
      expect(json.data!.catalogSearch.totalCount).toBeGreaterThan(0);
      await page.waitForFunction(() => document.querySelector('.graphiql-response')?.textContent?.includes('totalCount'), null, { timeout: 15_000 });
      await b.shot('explorer');
    } catch (e) {
      await b.shot('failed-explorer').catch(() => {});
      console.error([...b.consoleLines, ...b.pageErrors].join('\n'));
      throw e;
    }
    const base = new URL(endpoint).origin;
    expect(requested).toContain(`${base}/schema.graphql`);
    expect(requested.some((u) => /\/console\/assets\/.*worker.*\.js$/.test(u))).toBe(true);
    const offMachine = requested.filter((u) => /^(https?|wss?):/.test(u) && !u.startsWith(`${base}/`));
    expect(offMachine).toEqual([]);
    expect(cspViolations).toEqual([]);
    // The schema came from /schema.graphql: the explorer works where introspection is off (production).
    expect(posted.length).toBeGreaterThan(0);
    expect(posted.filter((b) => /__schema|IntrospectionQuery/.test(b))).toEqual([]);
    expect(b.pageErrors).toEqual([]);
  }, 120_000);
});
