/**
 * A company applies to an operator call from the console (issue 19), in Chromium against the whole stack:
 * Taizhou's bureau publishes a call; 泰州数据运营 sees it at /console/apply with its scoring rules and deadline and its
 * live eligibility check, attaches the documents TZ Art 12 lists but one, is refused with the rule next to the missing
 * document, adds it, submits; the bureau sees the application on its SelectionDesk and asks for a supplement, which
 * the company supplies from its list; once reviewed and selected, the
 * company sees its rank, weighted score and publicity period and the objection raised. Each outcome is also checked
 * through GraphQL. Screenshots land in test-results/console-apply/.
 *
 * Needs /usr/bin/chromium (scripts/ensure-chromium.sh); skipped without it like console.test.ts.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_USERS } from '@pdo/demo';
import { addDays, todayInShanghai } from '@pdo/policy';
import type { Identity } from '@pdo/platform';
import { startTestStack, type TestStack } from '@pdo/testing';
import { DEFINITIONS } from '../security/all-subgraphs.js';
import { CHROMIUM, openConsoleBrowser, signInAs, type ConsoleBrowser } from './chromium.js';

const CONSOLE_BUILT = existsSync(fileURLToPath(new URL('../../packages/console/dist/index.html', import.meta.url)));
const POLL = { timeout: 15_000, interval: 100 };
const TITLE = '泰州市公共数据授权运营遴选公告（浏览器测试）';

const user = (key: string): Identity => {
  const u = DEMO_USERS.find((x) => x.key === key);
  if (!u) throw new Error(`no demo user ${key}`);
  return { sub: u.sub, role: u.role, org: u.org, jurisdiction: u.jurisdiction };
};

/** The files the company attaches, by the document kind TZ Art 12 lists. */
const FILES: Record<string, string> = {
  APPLICATION_FORM: '申请书',
  AUDIT_AND_FINANCIAL_REPORT: '2025年度审计报告',
  SECURITY_COMMITMENT: '安全承诺书',
  RISK_SELF_ASSESSMENT: '风险自评估报告',
};
const file = (kind: string) => ({ name: `${kind}.pdf`, mimeType: 'application/pdf', buffer: Buffer.from(`${FILES[kind]}（浏览器测试）`) });
const sha256 = (kind: string) => createHash('sha256').update(file(kind).buffer).digest('hex');

describe.runIf(existsSync(CHROMIUM))('a company applies to an operator call in the console', () => {
  let stack: TestStack;
  let b: ConsoleBrowser;
  let base: string;

  beforeAll(async () => {
    if (!CONSOLE_BUILT) throw new Error('packages/console/dist is missing: pnpm --filter @pdo/console build');
    [stack, b] = await Promise.all([
      startTestStack(DEFINITIONS, { gateway: true, seed: true }),
      openConsoleBrowser({ screenshots: fileURLToPath(new URL('../../test-results/console-apply/', import.meta.url)) }),
    ]);
    base = new URL('/console/', stack.gateway!.url).toString();
  }, 180_000);

  afterAll(async () => {
    await b?.close();
    await stack?.stop();
  });

  async function ok<T = any>(query: string, variables: Record<string, unknown>, as: string): Promise<T> {
    const res = await stack.gql<T>(query, variables, { as: user(as) });
    expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
    return res.data as T;
  }

  const signIn = (key: string, landing: RegExp) => signInAs(b, base, key, landing);

  it('applies, is refused for a missing document next to it, fixes it, submits; the bureau sees it on the SelectionDesk', async () => {
    const { page } = b;
    try {
      const today = todayInShanghai();
      const callId: string = (await ok<any>(
        `mutation($input: PublishCallInput!) { publishCall(input: $input) { id } }`,
        { input: { jurisdiction: 'TZ', title: TITLE, mode: 'BY_SCENARIO', selectionMethod: 'OPEN_TENDER', resourceIds: [], sectors: ['health'], scoringRules: [{ criterion: '运营方案', weight: 60 }, { criterion: '安全保障能力', weight: 40 }], opensOn: today, closesOn: addDays(today, 20), publicityWorkingDays: 5 } },
        'tz-authority',
      )).publishCall.id;
      // A call of another jurisdiction is not offered to a Taizhou company.
      await ok(`mutation($input: PublishCallInput!) { publishCall(input: $input) { id } }`, { input: { jurisdiction: 'JL', title: '吉林市遴选公告（不应显示）', mode: 'BY_SCENARIO', selectionMethod: 'OPEN_TENDER', resourceIds: [], sectors: ['commerce'], scoringRules: [{ criterion: '综合', weight: 100 }], opensOn: today, closesOn: addDays(today, 20), publicityWorkingDays: 5 } }, 'jl-authority');

      await signIn('tz-operator', /\/console\/operator/);
      await page.locator('.nav a', { hasText: '运营主体申请' }).click();
      await page.waitForURL(/\/console\/apply/);
      // The live eligibility check, criterion by criterion with its rule.
      const eligibility = page.locator('#eligibility .eligibility');
      await eligibility.waitFor(POLL);
      expect(await eligibility.getAttribute('data-eligible')).toBe('true');
      const integrity = page.locator('#eligibility li[data-criterion=INTEGRITY_RECORDS]');
      expect(await integrity.getAttribute('data-passed')).toBe('true');
      expect(await integrity.textContent()).toContain('信用记录');

      const card = page.locator(`article[data-call="${callId}"]`);
      await card.waitFor(POLL);
      const text = (await card.textContent())!;
      for (const shown of [TITLE, '公开招标', '运营方案', '权重 60', '安全保障能力', '权重 40', '截止', '公示期', '5 个工作日']) expect(text).toContain(shown);
      expect(await page.locator('article[data-call]', { hasText: '吉林市遴选公告' }).count()).toBe(0);
      await b.shot('01-open-calls');

      await card.getByRole('button', { name: '填写申请' }).click();
      const form = card.locator('form.apply-form');
      // Exactly the documents TZ Art 12 lists.
      expect(await form.locator('.document-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-kind')))).toEqual(Object.keys(FILES));
      for (const kind of ['APPLICATION_FORM', 'AUDIT_AND_FINANCIAL_REPORT', 'RISK_SELF_ASSESSMENT']) {
        await form.locator(`input[name="doc:${kind}"]`).setInputFiles(file(kind));
        await form.locator(`.document-row[data-kind=${kind}][data-chosen=true]`).waitFor(POLL);
      }
      await form.getByRole('button', { name: '提交申请' }).click();
      const refusal = form.locator('.document-row[data-kind=SECURITY_COMMITMENT] .refusal');
      await refusal.waitFor(POLL);
      expect(await refusal.getAttribute('data-code')).toBe('POLICY_VIOLATION');
      expect(await refusal.locator('strong').textContent()).toBe('缺少申请材料：安全承诺书');
      expect(await refusal.locator('[lang=en]').textContent()).toContain('Missing documents');
      // The rule it cites, as an article in Chinese (TZ Art 12), without the source's English gloss.
      expect(await refusal.locator('cite.citation').textContent()).toMatch(/第12条$/);
      expect(await refusal.textContent()).not.toContain('audit');
      expect(await form.locator('.refusal').count()).toBe(1);
      await b.shot('02-refused-missing-document');
      expect((await ok<any>(`{ operatorApplications(first: 5) { totalCount } }`, {}, 'tz-operator')).operatorApplications.totalCount).toBe(0);

      await form.locator('input[name="doc:SECURITY_COMMITMENT"]').setInputFiles(file('SECURITY_COMMITMENT'));
      await form.locator('.document-row[data-kind=SECURITY_COMMITMENT][data-chosen=true]').waitFor(POLL);
      expect(await form.locator('.refusal').count()).toBe(0);
      await form.getByRole('button', { name: '提交申请' }).click();
      const mine = page.locator('#mine tr[data-application][data-status=SUBMITTED]');
      await mine.waitFor(POLL);
      expect(await mine.textContent()).toContain(TITLE);
      await card.locator('.applied').waitFor(POLL);
      await b.shot('03-submitted');

      const apps = (await ok<any>(`{ operatorApplications(first: 5) { edges { node { id callId status documents { kind name sha256 } eligibility { eligible } } } } }`, {}, 'tz-operator')).operatorApplications.edges.map((e: any) => e.node);
      expect(apps).toHaveLength(1);
      expect(apps[0]).toMatchObject({ callId, status: 'SUBMITTED', eligibility: { eligible: true } });
      expect(Object.fromEntries(apps[0].documents.map((d: any) => [d.kind, d.sha256]))).toEqual(Object.fromEntries(Object.keys(FILES).map((k) => [k, sha256(k)])));

      await signIn('tz-authority', /\/console\/regulator/);
      const row = page.locator(`#q-selection tr[data-queue=submitted][data-application="${apps[0].id}"]`);
      await row.waitFor(POLL);
      const shown = (await row.textContent())!;
      expect(shown).toContain('泰州数据运营有限公司');
      expect(shown).toContain(TITLE);
      expect(shown).toContain('4 份材料');
      await b.shot('04-selection-desk');

      // The pre-check asks for a sealed application form; the company supplies it from its list of applications.
      const appId: string = apps[0].id;
      await ok(`mutation($id: ID!) { requestApplicationSupplement(id: $id, note: "请补充加盖公章的申请书") { status } }`, { id: appId }, 'tz-authority');
      await signIn('tz-operator', /\/console\/operator/);
      await page.goto(`${base}apply`);
      const asked = page.locator(`#mine tr[data-application="${appId}"][data-status=SUPPLEMENT_REQUESTED]`);
      await asked.waitFor(POLL);
      expect(await asked.locator('.supplement-request').textContent()).toContain('请补充加盖公章的申请书');
      const sealed = { name: 'APPLICATION_FORM-sealed.pdf', mimeType: 'application/pdf', buffer: Buffer.from('申请书（加盖公章，浏览器测试）') };
      const supplement = asked.locator('form.supplement-form');
      await supplement.locator('select[name=kind]').selectOption('APPLICATION_FORM');
      await supplement.locator('input[name=supplement]').setInputFiles(sealed);
      await supplement.locator('code').waitFor(POLL);
      await b.shot('05-supplement');
      await supplement.getByRole('button', { name: '提交补正材料' }).click();
      await page.locator(`#mine tr[data-application="${appId}"][data-status=SUBMITTED]`).waitFor(POLL);
      const supplied = (await ok<any>(`query($id: ID!) { operatorApplication(id: $id) { status documents { kind sha256 } } }`, { id: appId }, 'tz-operator')).operatorApplication;
      expect(supplied.status).toBe('SUBMITTED');
      expect(supplied.documents.find((d: any) => d.kind === 'APPLICATION_FORM').sha256).toBe(createHash('sha256').update(sealed.buffer).digest('hex'));
      expect(supplied.documents).toHaveLength(4);

      // Pre-check, review, selection: the result is publicized with its period; someone objects.
      await ok(`mutation($id: ID!) { passApplicationPrecheck(id: $id) { status } }`, { id: appId }, 'tz-authority');
      const expert: Identity = { ...user('expert'), jurisdiction: 'TZ' };
      const review = await stack.gql<any>(`mutation($id: ID!) { submitExpertReview(applicationId: $id, criterionScores: [{ criterion: "运营方案", score: "90" }, { criterion: "安全保障能力", score: "80" }], opinion: "方案完整") { status } }`, { id: appId }, { as: expert });
      expect(review.errors, JSON.stringify(review.errors)).toBeUndefined();
      const selected = (await ok<any>(`mutation($id: ID!) { selectOperatorApplication(id: $id) { status publicityEndsOn } }`, { id: appId }, 'tz-authority')).selectOperatorApplication;
      expect(selected.status).toBe('PUBLICITY');
      await stack.settle();
      await ok(`mutation($id: ID!) { raiseApplicationObjection(id: $id, text: "对评分有异议（浏览器测试）") { id } }`, { id: appId }, 'jl-developer');

      await signIn('tz-operator', /\/console\/operator/);
      await page.goto(`${base}apply`);
      const published = page.locator(`#mine tr[data-application="${appId}"][data-status=PUBLICITY]`);
      await published.waitFor(POLL);
      const result = (await published.locator('.selection-result').textContent())!;
      expect(result).toContain('排名第 1');
      expect(result).toContain('加权得分 86');
      expect(result).toContain('公示期');
      expect(await published.locator('.objection').textContent()).toContain('对评分有异议（浏览器测试）');
      await b.shot('06-publicity');
      expect(b.pageErrors).toEqual([]);
    } catch (e) {
      await b.shot('failed').catch(() => {});
      const shown = await page.locator('.state-error').allTextContents().catch(() => []);
      if (shown.length) console.error(`error shown by the console: ${shown.join(' | ')}`);
      if (b.consoleLines.length) console.error(`browser console:\n${b.consoleLines.join('\n')}`);
      throw e;
    }
  }, 180_000);
});
