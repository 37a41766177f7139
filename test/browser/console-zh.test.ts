/**
 * No English on a Chinese page: every page of the console, rendered in zh-CN as each demo role
 * that has it (plus the guest), with the collapsed and clicked-open parts opened, is scanned for
 * Latin words. Allowed are only
 *   - proper names and codes of the allow-list below (units, "API", "CSV", …);
 *   - code-like tokens: product/resource/registration codes (HN-CP-0001), short hex ids;
 *   - text inside <code> (identifiers: field names, entity ids, raw citations) when it looks like
 *     an identifier — a sentence in <code> still fails;
 *   - subtrees marked with another language (lang="en": the language switch itself).
 * The failure lists each word with the page and the text around it.
 *
 * Needs /usr/bin/chromium (scripts/ensure-chromium.sh); skipped without it like console.test.ts.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_USERS } from '@pdo/demo';
import { addDays, todayInShanghai } from '@pdo/policy';
import { startTestStack, type TestStack } from '@pdo/testing';
import { DEFINITIONS } from '../security/all-subgraphs.js';
import { CHROMIUM, openConsoleBrowser, type ConsoleBrowser } from './chromium.js';

const POLL = { timeout: 15_000, interval: 100 };

const CONSOLE_BUILT = existsSync(fileURLToPath(new URL('../../packages/console/dist/index.html', import.meta.url)));

/** Proper names, units and codes a Chinese page may show in Latin letters. */
export const ALLOWED_WORDS = new Set(['API', 'CSV', 'JWT', 'ID', 'SDK', 'URL', 'UUID', 'JSON', 'GraphQL', 'PDF', 'KB', 'MB', 'GB', 'TB', 'km', 'kg', 'SaaS', 'AI']);
/** Codes: HN-CP-0001, HN-SJ-0001, registration codes, 2026Q3, v-less version ids … (letters and digits with a hyphen, or mixed with digits). */
const CODE = /^(?=.*[0-9])[A-Za-z0-9]+(?:[-_/.][A-Za-z0-9]+)*$|^[A-Z0-9]+(?:-[A-Z0-9]+)+$/;
/** An identifier inside <code>: field names (legal_rep), entity ids, citations such as "TZ Art 12". */
const IDENTIFIER = /^[\p{L}\p{N}_.:\-/ §()（）]+$/u;

interface Finding {
  page: string;
  word: string;
  context: string;
}

/** Runs in the page: every Latin word in rendered text, with the offending text node's content. */
function scanPage(): Array<{ word: string; context: string; inCode: boolean; codeText: string }> {
  const out: Array<{ word: string; context: string; inCode: boolean; codeText: string }> = [];
  const visible = (el: Element | null): boolean => {
    for (let e = el; e; e = e.parentElement) {
      if (e.closest('[lang]') && !/^zh/i.test(e.closest('[lang]')!.getAttribute('lang') ?? '')) return false;
      const tag = e.tagName.toLowerCase();
      if (tag === 'script' || tag === 'style' || tag === 'noscript' || tag === 'title') return false;
    }
    if (!el) return false;
    if (el instanceof SVGElement) return true;
    return (el as HTMLElement).offsetParent !== null || getComputedStyle(el).position === 'fixed';
  };
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const text = n.textContent ?? '';
    if (!/[A-Za-z]/.test(text)) continue;
    const parent = n.parentElement;
    if (!visible(parent)) continue;
    const code = parent!.closest('code');
    for (const m of text.matchAll(/[A-Za-z][A-Za-z0-9]*(?:[-_/.][A-Za-z0-9]+)*/g)) {
      out.push({ word: m[0], context: text.trim().slice(0, 120), inCode: !!code, codeText: code?.textContent ?? '' });
    }
  }
  // What a user reads without typing: placeholders and the chosen option of every select.
  for (const el of document.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('input[placeholder], textarea[placeholder]')) {
    if (!visible(el)) continue;
    for (const m of el.placeholder.matchAll(/[A-Za-z][A-Za-z0-9]*/g)) out.push({ word: m[0], context: `placeholder: ${el.placeholder}`, inCode: false, codeText: '' });
  }
  return out;
}

function judge(page: string, raw: Array<{ word: string; context: string; inCode: boolean; codeText: string }>): Finding[] {
  const bad: Finding[] = [];
  for (const r of raw) {
    if (ALLOWED_WORDS.has(r.word) || CODE.test(r.word)) continue;
    if (/^[0-9a-f]{8}$/.test(r.word) && /[0-9]/.test(r.word)) continue; // a short id shown for reference
    if (r.inCode && IDENTIFIER.test(r.codeText.trim()) && r.codeText.trim().length <= 60) continue;
    bad.push({ page, word: r.word, context: r.context });
  }
  return bad;
}

describe.runIf(existsSync(CHROMIUM))('the console in zh-CN shows no English', () => {
  let stack: TestStack;
  let b: ConsoleBrowser;
  let base: string;
  const findings: Finding[] = [];
  const missing: string[] = [];

  beforeAll(async () => {
    if (!CONSOLE_BUILT) throw new Error('packages/console/dist is missing: pnpm --filter @pdo/console build');
    [stack, b] = await Promise.all([startTestStack(DEFINITIONS, { gateway: true, seed: true }), openConsoleBrowser()]);
    base = new URL('/console/', stack.gateway!.url).toString();
  }, 180_000);

  afterAll(async () => {
    await b?.close();
    await stack?.stop();
  });

  /** Waits until nothing is loading, opens every <details>, then scans. */
  async function scan(name: string, prepare?: () => Promise<void>) {
    const { page } = b;
    await page.waitForLoadState('networkidle');
    await expect.poll(() => page.locator('.state-loading').count(), { timeout: 20_000, interval: 100 }).toBe(0);
    if (prepare) {
      await prepare();
      await page.waitForLoadState('networkidle');
      await expect.poll(() => page.locator('.state-loading').count(), { timeout: 20_000, interval: 100 }).toBe(0);
    }
    await page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    await b.shot(`zh-${name}`);
    for (const shown of await page.locator('.state-error').allTextContents()) missing.push(`${name}: an error box is shown: ${shown}`);
    findings.push(...judge(name, await page.evaluate(scanPage)));
    // An overdue item says overdue, never "due in -32 days".
    for (const m of (await page.evaluate(() => document.body.innerText)).matchAll(/-\d+\s*天后到期/g)) findings.push({ page: name, word: m[0], context: 'a negative countdown' });
  }

  async function signIn(key: string | null) {
    const { page } = b;
    await page.goto(`${base}signin`);
    await page.evaluate(() => {
      sessionStorage.clear();
      localStorage.removeItem('pdo.console.lang');
    });
    if (!key) return;
    await page.goto(`${base}signin`);
    await page.click(`[data-user=${key}]`);
    await page.waitForURL((u) => !u.pathname.endsWith('/signin'));
  }

  it('renders every page as every role that has it, without Latin words outside the allow-list', async () => {
    const { page } = b;
    // The guest: marketplace, a product page, sign-in.
    await signIn(null);
    await page.goto(base);
    await page.waitForSelector('.product-card');
    await scan('guest-market');
    await page.locator('.product-name').first().click();
    await page.waitForSelector('.product-page h1');
    await scan('guest-product');
    await page.goto(`${base}signin`);
    await page.waitForSelector('[data-user]');
    await scan('guest-signin');

    await signIn('developer');
    await page.goto(`${base}mine`);
    await scan('developer-mine');
    await page.goto(base);
    await page.waitForSelector('.product-card');
    await scan('developer-market');
    await page.locator('.product-name').first().click();
    await page.waitForSelector('#apply form');
    await scan('developer-product');

    await signIn('operator');
    await page.goto(`${base}operator`);
    await scan('operator-desk');

    await signIn('finance');
    await page.goto(`${base}finance`);
    await scan('finance-desk', async () => {
      await page.locator('.party-list button').first().click();
      await page.locator('.statement table').waitFor();
    });

    for (const who of ['authority', 'agency']) {
      await signIn(who);
      await page.goto(`${base}regulator`);
      await scan(`${who}-regulator`, async () => {
        // The audit trail shows records (browsing, or the first trail the form offers).
        await page.locator('#audit .timeline li').first().waitFor({ timeout: 20_000 }).catch(() => missing.push(`${who}: the audit trail shows no record without an id`));
      });
    }
    await signIn('authority');
    await page.goto(`${base}finance`);
    await scan('authority-finance');

    await signIn('source');
    await page.goto(`${base}source`);
    await scan('source-desk', async () => {
      await page.locator('#open tr[data-correction] button').first().click();
      await page.locator('form.answer-form').waitFor();
    });

    // The roles of issue 19, and a JL company whose integrity check names its legal representative.
    await signIn('service-provider');
    await page.goto(`${base}party`);
    await scan('service-provider-party', async () => {
      await page.locator('#shares tr[data-settlement] button').first().click();
      await page.locator('.statement table').waitFor();
    });
    await signIn('pricing');
    await page.goto(`${base}pricing`);
    await scan('pricing-desk');
    await signIn('jl-industry');
    await page.goto(`${base}industry`);
    await scan('industry-desk');
    await signIn('jl-operator');
    await page.goto(`${base}operator`);
    await scan('jl-operator-desk', async () => {
      await page.locator('#persons .integrity').first().waitFor();
    });

    // The operator application desk, as a company of each kind that may apply; in Taizhou with a call's form open.
    await signIn('operator');
    await page.goto(`${base}apply`);
    await scan('operator-apply', async () => {
      await page.locator('#eligibility .eligibility').waitFor();
    });
    await signIn('developer');
    await page.goto(`${base}apply`);
    await scan('developer-apply');
    const tzAuthority = DEMO_USERS.find((u) => u.key === 'tz-authority')!;
    const today = todayInShanghai();
    const published = await stack.gql<any>(
      `mutation($input: PublishCallInput!) { publishCall(input: $input) { id } }`,
      { input: { jurisdiction: 'TZ', title: '泰州市授权运营遴选公告（界面检查）', mode: 'BY_SCENARIO', selectionMethod: 'OPEN_TENDER', resourceIds: [], sectors: ['health'], scoringRules: [{ criterion: '运营方案', weight: 100 }], opensOn: today, closesOn: addDays(today, 10), publicityWorkingDays: 5 } },
      { as: { sub: tzAuthority.sub, role: tzAuthority.role, org: tzAuthority.org, jurisdiction: tzAuthority.jurisdiction } },
    );
    expect(published.errors).toBeUndefined();
    await signIn('tz-operator');
    await page.goto(`${base}apply`);
    await scan('tz-operator-apply', async () => {
      await page.locator('article[data-call] button.primary').first().click();
      await page.locator('form.apply-form .document-row').first().waitFor();
    });

    const report = findings.map((f) => `${f.page}: "${f.word}" in «${f.context}»`);
    expect([...new Set(report)], 'Latin words on Chinese pages').toEqual([]);
    expect(missing).toEqual([]);
  }, 300_000);

  it('keeps the marketplace search and facets in the URL: shareable, Back returns, results first on a phone', async () => {
    const { page } = b;
    const count = async (p = page) => Number(((await p.locator('.results-count').textContent()) ?? '').match(/[\d,]+/)![0].replace(/,/g, ''));
    await signIn(null);
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(base);
    await page.waitForSelector('.product-card');
    const everything = await count();

    await page.fill('input[type=search]', '信用');
    await page.click('.searchbar button[type=submit]');
    await page.waitForURL((u) => u.searchParams.get('q') === '信用');
    await expect.poll(() => count(), POLL).toBeLessThan(everything);
    const bySearch = await count();

    const henan = page.locator('[data-facet=jurisdiction] label', { hasText: '河南' });
    const facetCount = Number(await henan.locator('.count').textContent());
    await henan.click();
    await page.waitForURL((u) => u.searchParams.getAll('jurisdiction').includes('HN'));
    await expect.poll(() => count(), POLL).toBe(facetCount);
    const shared = page.url();

    // The link opens the same search in a fresh tab: words in the box, facet ticked, same results.
    const other = await b.browser.newPage();
    try {
      await other.goto(shared);
      await other.waitForSelector('.product-card');
      await expect.poll(() => count(other), POLL).toBe(facetCount);
      expect(await other.inputValue('input[type=search]')).toBe('信用');
      expect(await other.locator('[data-facet=jurisdiction] label', { hasText: '河南' }).locator('input').isChecked()).toBe(true);
    } finally {
      await other.close();
    }

    // Back: the search without the facet; Back again: everything.
    await page.goBack();
    await expect.poll(() => new URL(page.url()).searchParams.getAll('jurisdiction').length, POLL).toBe(0);
    await expect.poll(() => count(), POLL).toBe(bySearch);
    expect(await henan.locator('input').isChecked()).toBe(false);
    await page.goBack();
    await expect.poll(() => count(), POLL).toBe(everything);
    expect(await page.inputValue('input[type=search]')).toBe('');

    // A phone: one column, the results above the facets.
    await page.setViewportSize({ width: 390, height: 844 });
    const results = await page.locator('.results').boundingBox();
    const facets = await page.locator('.facets').boundingBox();
    expect(results!.y).toBeLessThan(facets!.y);
    await b.shot('zh-market-phone');
    await page.setViewportSize({ width: 1280, height: 900 });
  }, 120_000);

  it('the English switch is complete: headings, table headers and facet titles carry no Chinese', async () => {
    const { page } = b;
    const chrome = 'h1, h2, th, legend, .nav a, .pager, label > span:first-child';
    const pages: Array<[string | null, string]> = [
      [null, ''], ['developer', 'mine'], ['operator', 'operator'], ['finance', 'finance'], ['authority', 'regulator'], ['source', 'source'],
      ['service-provider', 'party'], ['pricing', 'pricing'], ['jl-industry', 'industry'], ['operator', 'apply'],
    ];
    const han: string[] = [];
    for (const [who, path] of pages) {
      await signIn(who);
      await page.evaluate(() => localStorage.setItem('pdo.console.lang', 'en'));
      await page.goto(`${base}${path}`);
      await page.waitForLoadState('networkidle');
      await expect.poll(() => page.locator('.state-loading').count(), { timeout: 20_000, interval: 100 }).toBe(0);
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
      for (const text of await page.locator(chrome).allTextContents()) if (/[\u4e00-\u9fff]/.test(text)) han.push(`${path || 'market'}: ${text.trim().slice(0, 80)}`);
    }
    await page.evaluate(() => localStorage.removeItem('pdo.console.lang'));
    expect(han).toEqual([]);
  }, 120_000);
});
