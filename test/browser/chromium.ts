/**
 * Headless Chromium for the console journeys: Debian's /usr/bin/chromium driven by playwright-core
 * (no browser download). The flags keep it from reaching for the network (the CI machine has none;
 * without them it stalls on QUIC, component updates and sync) and from sharing a profile.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';

/** Debian's package path; CHROMIUM_PATH overrides it (another install, or to try the skip path). */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOTS = fileURLToPath(new URL('../../test-results/console/', import.meta.url));

const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export interface ConsoleBrowser {
  browser: BrowserContext;
  page: Page;
  /** Uncaught exceptions in the page (a broken screen), kept for the final assertion. */
  pageErrors: string[];
  /** console.error/warn lines, printed when a journey fails to help find out why. */
  consoleLines: string[];
  shot(name: string): Promise<void>;
  close(): Promise<void>;
}

/** `screenshots`: where shot() writes (emptied first); another folder for another test file, as files run in parallel. */
export async function openConsoleBrowser(options: { screenshots?: string } = {}): Promise<ConsoleBrowser> {
  const screenshots = options.screenshots ?? SCREENSHOTS;
  const { chromium } = await import('playwright-core');
  const profile = mkdtempSync(join(tmpdir(), 'pdo-chromium-'));
  // launchPersistentContext is how playwright takes a user-data-dir of our own (a fresh one per run).
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: FLAGS,
    viewport: { width: 1280, height: 900 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    acceptDownloads: true,
  });
  // A fresh folder per run, so a failed-*.png left over from an earlier run misleads no one.
  rmSync(screenshots, { recursive: true, force: true });
  mkdirSync(screenshots, { recursive: true });
  const page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(15_000);
  const pageErrors: string[] = [];
  const consoleLines: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') consoleLines.push(`${m.type()}: ${m.text()}`);
  });
  return {
    browser: context,
    page,
    pageErrors,
    consoleLines,
    async shot(name) {
      await page.screenshot({ path: join(screenshots, `${name}.png`), fullPage: true });
    },
    async close() {
      await context.close().catch(() => {});
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Minimal RFC 4180 reader (quoted fields, doubled quotes, CRLF) for the downloaded statement. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(field), (field = '');
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length) rows.push([...row, field]);
  return rows;
}

/** Signs in through the sign-in page's demo-user picker (the gateway's dev-token endpoint) and waits for the landing page. */
export async function signInAs(b: ConsoleBrowser, base: string, key: string, landing: RegExp): Promise<void> {
  const { page } = b;
  await page.goto(`${base}signin`);
  await page.evaluate(() => sessionStorage.clear());
  await page.goto(`${base}signin`);
  await page.click(`[data-user=${key}]`);
  await page.waitForURL(landing);
}
