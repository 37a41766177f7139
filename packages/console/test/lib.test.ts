import { describe, expect, it } from 'vitest';
import { describeError, splitBilingual } from '../src/lib/errors';
import { addMonths, daysUntil, formatDate, formatNumber, formatYuan, renewalWindow, statementFileName, todayInChina, yuanToFen } from '../src/lib/format';
import { enumLabel, initialLang, MESSAGES, translate, type MessageKey } from '../src/lib/i18n';
import { niceMax } from '../src/lib/chart-scale';
import { answerInput, concernedFields, newDraft, type CorrectableResource } from '../src/lib/correction';
import { parseRoute } from '../src/lib/router';
import { decodeToken, desksFor, isExpired } from '../src/lib/session';

describe('i18n', () => {
  it('defaults to Chinese, switches to English, fills placeholders', () => {
    expect(initialLang(null)).toBe('zh');
    expect(initialLang('en')).toBe('en');
    expect(initialLang('fr')).toBe('zh');
    expect(translate('zh', 'market.results', { n: 3 })).toBe('找到 3 个数据产品');
    expect(translate('en', 'market.results', { n: 3 })).toBe('3 data products found');
  });
  it('has both languages for every message, and labels enums', () => {
    for (const [key, [zh, en]] of Object.entries(MESSAGES)) {
      expect(zh, key).toBeTruthy();
      expect(en, key).toBeTruthy();
      // Same placeholders in both languages.
      expect([...zh.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort(), key).toEqual([...en.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort());
    }
    expect(enumLabel('zh', 'API')).toBe('数据接口');
    expect(enumLabel('en', 'HN')).toBe('Henan');
    expect(enumLabel('zh', 'SOMETHING_NEW')).toBe('SOMETHING_NEW');
  });
});

describe('API errors in the user language', () => {
  const policy = {
    graphQLErrors: [
      {
        message: '超出授权期限上限 | Term exceeds the maximum',
        extensions: { code: 'POLICY_VIOLATION', messageZh: '超出授权期限上限', messageEn: 'Term exceeds the maximum', rule: 'HN Art 14(2)' },
      },
    ],
  };
  it('uses messageZh / messageEn with the rule and a next step', () => {
    const zh = describeError(policy, 'zh')!;
    expect(zh).toMatchObject({ code: 'POLICY_VIOLATION', message: '超出授权期限上限', rule: 'HN Art 14(2)' });
    expect(zh.next).toMatch(/政策/);
    const en = describeError(policy, 'en')!;
    expect(en.message).toBe('Term exceeds the maximum');
    expect(en.next).toMatch(/rule/);
  });
  it('splits "中文 | English" when the extensions lack the messages', () => {
    expect(splitBilingual('令牌无效 | Invalid token')).toEqual({ zh: '令牌无效', en: 'Invalid token' });
    const d = describeError({ graphQLErrors: [{ message: '令牌无效 | Invalid token', extensions: { code: 'UNAUTHENTICATED' } }] }, 'en')!;
    expect(d.message).toBe('Invalid token');
    expect(d.next).toMatch(/Sign in again/);
  });
  it('explains a network failure and an HTTP status', () => {
    expect(describeError({ networkError: new Error('Failed to fetch') }, 'zh')).toMatchObject({ code: 'NETWORK' });
    expect(describeError({ networkError: new Error('x'), response: { status: 429 } }, 'en')!.code).toBe('RATE_LIMITED');
    expect(describeError(null, 'zh')).toBeNull();
  });
});

describe('formatting', () => {
  it('formats money exactly from fen (no floats)', () => {
    expect(formatYuan({ fen: '123456789', yuan: '1234567.89' })).toBe('¥1,234,567.89');
    expect(formatYuan({ fen: '-663330048', yuan: '-6633300.48' })).toBe('-¥6,633,300.48');
    expect(formatYuan({ fen: '5', yuan: '0.05' }, { sign: true })).toBe('+¥0.05');
    expect(formatYuan('0.1')).toBe('¥0.10');
    expect(formatYuan(null)).toBe('—');
    expect(yuanToFen('12.3')).toBe(1230n);
    expect(() => yuanToFen('1.234')).toThrow();
    // 2^53 + 1 fen survives: bigint, not Number.
    expect(formatYuan({ fen: '9007199254740993', yuan: '' })).toBe('¥90,071,992,547,409.93');
  });
  it('formats dates, numbers and countdowns', () => {
    expect(formatDate('2026-05-06', 'zh')).toBe('2026年5月6日');
    expect(formatDate('2026-05-06T02:00:00Z', 'en')).toBe('6 May 2026');
    expect(formatNumber('1234567')).toBe('1,234,567');
    expect(formatNumber('1234.5')).toBe('1,234.5');
    expect(daysUntil('2026-05-10', '2026-05-06')).toBe(4);
    expect(daysUntil('2026-05-01', '2026-05-06')).toBe(-5);
    expect(todayInChina(new Date('2026-05-05T17:00:00Z'))).toBe('2026-05-06');
    expect(addMonths('2026-03-31', -1)).toBe('2026-02-28');
  });
  it('computes the renewal window from the profile setting', () => {
    expect(renewalWindow('2028-03-31', { kind: 'ANY_TIME_BEFORE_EXPIRY', months: null }, '2026-11-25')).toMatchObject({ state: 'OPEN', opensOn: null, closesOn: '2028-03-31' });
    expect(renewalWindow('2028-03-31', { kind: 'ONLY_WITHIN_LAST_MONTHS', months: 3 }, '2026-11-25')).toMatchObject({ state: 'NOT_YET_OPEN', opensOn: '2027-12-31' });
    expect(renewalWindow('2027-03-31', { kind: 'AT_LEAST_MONTHS_BEFORE', months: 6 }, '2026-11-25')).toMatchObject({ state: 'CLOSED', closesOn: '2026-09-30', days: 0 });
    expect(renewalWindow('2027-06-30', { kind: 'AT_LEAST_MONTHS_BEFORE', months: 6 }, '2026-11-25')).toMatchObject({ state: 'OPEN', closesOn: '2026-12-30', days: 35 });
  });
  it('names statement downloads safely and scales charts', () => {
    expect(statementFileName('河南数据集团 / 有限公司', 'x', '2026-07-01', '2026-09-30')).toBe('statement_河南数据集团_有限公司_2026-07-01_2026-09-30.csv');
    expect(niceMax(18424.8)).toBe(20000);
    expect(niceMax(0)).toBe(0);
    expect(niceMax(2.1)).toBe(2.5);
  });
});

describe('session and routes', () => {
  const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  it('reads claims for display only and detects expiry', () => {
    const token = `${b64({ alg: 'HS256' })}.${b64({ sub: 'demo:finance', role: 'FINANCE', org: 'o1', jurisdiction: 'HN', name: '河南省数据局 财务', exp: 2_000_000_000 })}.sig`;
    const c = decodeToken(token)!;
    expect(c).toMatchObject({ sub: 'demo:finance', role: 'FINANCE', jurisdiction: 'HN', name: '河南省数据局 财务' });
    expect(isExpired(c, 1_000)).toBe(false);
    expect(isExpired(c, 2_000_000_001_000)).toBe(true);
    expect(decodeToken('not-a-token')).toBeNull();
    expect(desksFor('FINANCE')).toContain('finance');
    expect(desksFor(undefined)).toEqual(['market']);
    // The source agency desk is in the menu of the source agency's staff only.
    expect(desksFor('SOURCE_UNIT')).toEqual(['market', 'source']);
    for (const role of ['AUTHORITY', 'AGENCY', 'OPERATOR', 'DEVELOPER', 'FINANCE', 'EXPERT', undefined]) expect(desksFor(role), role).not.toContain('source');
  });
  it('parses console paths', () => {
    expect(parseRoute('/console/product/abc', '')).toEqual({ page: 'product', id: 'abc' });
    expect(parseRoute('/console/finance', '').page).toBe('finance');
    expect(parseRoute('/console/source', '').page).toBe('source');
    expect(parseRoute('/console/', '?q=1').page).toBe('market');
    expect(parseRoute('/console/nowhere', '').page).toBe('market');
  });
});

describe('answering a correction request', () => {
  const resource: CorrectableResource = {
    descriptionZh: '市场主体设立、变更、注销登记信息',
    recordCount: 10_500_000,
    updateFrequency: 'DAILY',
    fields: [
      { name: 'uscc', type: 'string', descriptionZh: '统一社会信用代码', personalInformation: false, sensitive: false },
      { name: 'legal_rep', type: 'string', descriptionZh: '法定代表人', personalInformation: true, sensitive: false },
    ],
  };
  const fresh = () => newDraft(resource, ['legal_rep', 'no_such_field']);

  it('starts from the current values, with the concerned fields only and no outcome chosen', () => {
    expect(concernedFields(resource, ['legal_rep', 'no_such_field']).map((f) => f.name)).toEqual(['legal_rep']);
    expect(fresh()).toEqual({ outcome: null, reason: '', descriptionZh: resource.descriptionZh, recordCount: '10500000', updateFrequency: 'DAILY', fieldDescriptions: { legal_rep: '法定代表人' } });
    expect(newDraft(null, ['x'])).toMatchObject({ recordCount: '', fieldDescriptions: {} });
  });

  it('refuses to send without an outcome, a decline without a reason, or a correction that changes nothing', () => {
    expect(answerInput('c1', fresh(), resource)).toEqual({ problem: 'outcome' });
    expect(answerInput('c1', { ...fresh(), outcome: 'REJECTED', reason: '   ' }, resource)).toEqual({ problem: 'reason' });
    expect(answerInput('c1', { ...fresh(), outcome: 'CORRECTED' }, resource)).toEqual({ problem: 'unchanged' });
    // Whitespace alone is no change (the API trims too).
    expect(answerInput('c1', { ...fresh(), outcome: 'CORRECTED', descriptionZh: ` ${resource.descriptionZh} `, fieldDescriptions: { legal_rep: '法定代表人 ' } }, resource)).toEqual({ problem: 'unchanged' });
    for (const bad of ['', '-1', '1.5', '12a', '2147483648']) {
      expect(answerInput('c1', { ...fresh(), outcome: 'CORRECTED', recordCount: bad }, resource), bad).toEqual({ problem: 'recordCount' });
    }
    expect(answerInput('c1', { ...fresh(), outcome: 'CORRECTED', recordCount: '1' }, null)).toEqual({ problem: 'noResource' });
  });

  it('declines with the trimmed reason and no correction', () => {
    expect(answerInput('c1', { ...fresh(), outcome: 'REJECTED', reason: ' 经核查数据无误 ', recordCount: 'ignored' }, resource)).toEqual({
      input: { id: 'c1', outcome: 'REJECTED', reason: '经核查数据无误', correction: null },
    });
  });

  it('corrects with only what changed; the field list goes whole, without __typename', () => {
    const typed = { ...resource, fields: resource.fields.map((f) => ({ ...f, __typename: 'CatalogResourceField' })) };
    const r = answerInput('c1', { ...fresh(), outcome: 'CORRECTED', fieldDescriptions: { legal_rep: ' 法定代表人（以营业执照为准）' } }, typed);
    expect(r).toEqual({
      input: {
        id: 'c1',
        outcome: 'CORRECTED',
        reason: null,
        correction: {
          fields: [
            { name: 'uscc', type: 'string', descriptionZh: '统一社会信用代码', personalInformation: false, sensitive: false },
            { name: 'legal_rep', type: 'string', descriptionZh: '法定代表人（以营业执照为准）', personalInformation: true, sensitive: false },
          ],
        },
      },
    });
    expect(answerInput('c1', { ...fresh(), outcome: 'CORRECTED', recordCount: ' 10600000 ', updateFrequency: 'WEEKLY', reason: '按年报更新' }, resource)).toEqual({
      input: { id: 'c1', outcome: 'CORRECTED', reason: '按年报更新', correction: { recordCount: 10_600_000, updateFrequency: 'WEEKLY' } },
    });
  });

  it('has every form message in both languages', () => {
    for (const p of ['outcome', 'reason', 'recordCount', 'unchanged', 'noResource']) {
      expect(translate('zh', `src.err.${p}` as MessageKey)).toMatch(/[\u4e00-\u9fff]/);
      expect(translate('en', `src.err.${p}` as MessageKey)).toMatch(/^[\x20-\x7e]+$/);
    }
    for (const s of ['CORRECTED', 'REJECTED']) expect(translate('en', `src.state.${s}` as MessageKey)).not.toBe(translate('zh', `src.state.${s}` as MessageKey));
  });
});
