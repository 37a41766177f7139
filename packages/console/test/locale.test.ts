import { describe, expect, it } from 'vitest';
import { citationTextZh, parseCitation, parseCitations } from '../src/lib/citation';
import { basisText, factLabel, factValue, gateDetail, marVerdict } from '../src/lib/explain';
import { dueState, formatDate, formatDateTime, formatMonth, formatNumber, formatPercent, formatYuan } from '../src/lib/format';
import { localiseCodes } from '../src/lib/errors';
import { enumLabel, fieldType, MESSAGES } from '../src/lib/i18n';
import { readMarketParams, toggleFacet, writeMarketParams } from '../src/lib/market-params';
import { fitLabel, labelLayout, textWidth } from '../src/lib/chart-scale';
import { filterAudit, flattenChanges, type AuditRow } from '../src/lib/audit';

const HAN = /[\u4e00-\u9fff]/;
/** Latin words outside codes: what a Chinese string must not contain. */
const latinWords = (s: string) => [...s.matchAll(/[A-Za-z]{2,}/g)].map((m) => m[0]).filter((w) => !['API', 'CSV', 'JWT', 'ID'].includes(w));

describe('legal citations in Chinese form', () => {
  it('maps known documents and locators', () => {
    expect(parseCitation('HN Art 16')).toMatchObject({ known: true, zh: '河南办法第16条', gloss: null });
    expect(parseCitation('HN Art 16: result within 7 working days')).toMatchObject({ known: true, zh: '河南办法第16条', gloss: 'result within 7 working days' });
    expect(parseCitation('TZ Art 12: application documents').zh).toBe('泰州办法第12条');
    expect(parseCitation('HN Art 14(2)').zh).toBe('河南办法第14条第2款');
    expect(parseCitation('JL §三(二)').zh).toBe('吉林市办法第三部分第（二）项');
    expect(parseCitation('PN §3(1) (+ not more than 6 pp)')).toMatchObject({ zh: '《公共数据资源授权运营价格形成机制通知》第3部分第1项', gloss: '+ not more than 6 pp' });
    expect(parseCitation('QHD: classified data')).toMatchObject({ known: true, zh: '秦皇岛办法', gloss: 'classified data' });
  });
  it('keeps unknown sources exactly as sent, marked unknown', () => {
    expect(parseCitation('POLICY §5 Incidents')).toEqual({ raw: 'POLICY §5 Incidents', known: false, zh: 'POLICY §5 Incidents', gloss: null });
    expect(parseCitation('DISC').known).toBe(false);
    expect(parseCitation('HN Article sixteen').known).toBe(false);
  });
  it('splits lists at top level only', () => {
    expect(parseCitations('PN §3(1) (+ not more than 6 pp), PN §4 (10% band, cycle ≤ 3 years)')!.map((c) => c.zh)).toEqual([
      '《公共数据资源授权运营价格形成机制通知》第3部分第1项',
      '《公共数据资源授权运营价格形成机制通知》第4部分',
    ]);
    expect(citationTextZh('NS Art 19; HN Art 17')).toBe('《公共数据资源授权运营实施规范（试行）》第19条、河南办法第17条');
    expect(citationTextZh('platform default: not regulated')).toBe('平台默认：无规定');
    expect(parseCitations('platform default: not regulated')).toBeNull();
  });
});

describe('API sentences rebuilt in Chinese', () => {
  it('statement basis', () => {
    expect(basisText('3 charges, 30708 units', 'zh')).toEqual({ text: '3 笔费用，30,708 个计量单位' });
    expect(basisText('3 charges, 30708 units', 'en')).toEqual({ text: '3 charges, 30708 units' });
    expect(basisText('plan weight 30%', 'zh').text).toBe('分配方案权重 30%');
    const pool = basisText("source agencies' pool 20% of the product's revenue; this agency 2/3 of the pool (supplies 2 of the product's 3 resources)", 'zh');
    expect(pool).toEqual({ text: '数据提供单位分成池占产品收入 20%；本单位占分成池 2/3（提供该产品 3 项数据资源中的 2 项）' });
    expect(basisText('contribution score 0 (not assessed)', 'zh').text).toBe('贡献评分 0（未评估）');
    expect(basisText('something new', 'zh')).toEqual({ text: 'something new', raw: true });
  });
  it('readiness gates', () => {
    expect(gateDetail('1 passed training record(s)', 'zh').text).toBe('1 条培训合格记录');
    expect(gateDetail('valid until 2027-05-01', 'zh').text).toBe('有效期至 2027年5月1日');
    expect(gateDetail('no emergency plan for this authorization', 'zh').text).toBe('本授权尚无应急预案');
    expect(enumLabel('zh', 'TRAINING')).toBe('岗前培训');
  });
  it('the MAR verdict from the deviation fields', () => {
    const d = {
      actual: { fen: '6987600', yuan: '69876.00' },
      mar: { fen: '670317648', yuan: '6703176.48' },
      deviationPercent: '-98.96',
      direction: 'BELOW',
      bandPercent: '10',
      action: 'AUTHORITY_RESETS_CAP',
      explanation: 'actual 69876.00 vs MAR 6703176.48: below by 98.96% (band 10%) — beyond the band: the authority resets the caps',
    };
    expect(marVerdict(d, 'zh')).toBe('实际收入 ¥69,876.00，低于最高准许收入 ¥6,703,176.48 达 98.96%（允许偏差 10%）：主管部门重新核定价格上限');
    expect(marVerdict(d, 'en')).toBe(d.explanation);
  });
  it('disclosure facts: labels, enum values, instants in Asia/Shanghai', () => {
    expect(factLabel('type', 'zh').text).toBe('类型');
    expect(factLabel('listedProducts', 'en').text).toBe('Listed products');
    expect(factLabel('brandNewKey', 'zh')).toEqual({ text: 'brandNewKey', raw: true });
    expect(factValue('type', 'TAMPERING', 'zh').text).toBe('数据篡改');
    expect(factValue('listedAt', '2025-12-31T16:00:00.000Z', 'zh').text).toBe('2026年1月1日 00:00');
    expect(factValue('yuan', '1234.5', 'zh').text).toBe('¥1,234.50');
    expect(factValue('year', '2025', 'zh').text).toBe('2025');
    expect(factValue('usageUnits', '30708', 'zh').text).toBe('30,708');
  });
  it('API error messages name roles by their labels', () => {
    expect(localiseCodes('需要以下角色之一：AUTHORITY、EXPERT、OPERATOR', 'zh')).toBe('需要以下角色之一：数据主管部门、专家、运营机构');
    expect(localiseCodes('超出期限（HN Art 14(2)）', 'zh')).toBe('超出期限（HN Art 14(2)）');
  });
  it('field types', () => {
    expect(fieldType('datetime', 'zh')).toBe('日期时间');
    expect(fieldType('string', 'zh')).toBe('字符串');
  });
  it('every Chinese message is Chinese: no English words outside placeholders and codes', () => {
    for (const [key, [zh]] of Object.entries(MESSAGES)) {
      // The language switch names the other language in that language (lang="en" on the page).
      if (key === 'nav.lang') continue;
      const bare = zh.replace(/\{\w+\}/g, '');
      if (!bare.trim() || /^v$/.test(bare.trim())) continue;
      expect(latinWords(bare), key).toEqual([]);
      if (!key.startsWith('common.version') && !key.startsWith('src.version')) expect(bare, key).toMatch(HAN);
    }
  });
});

describe('locale formats', () => {
  it('numbers through Intl.NumberFormat, exact for big integers', () => {
    expect(formatNumber('1234567', 'zh')).toBe('1,234,567');
    expect(formatNumber('9007199254740993', 'en')).toBe('9,007,199,254,740,993');
    expect(formatNumber('1234.5', 'en')).toBe('1,234.5');
    expect(formatPercent('12.5', 'zh')).toBe('12.5%');
    expect(formatYuan({ fen: '123456789', yuan: '' }, { lang: 'en' })).toBe('¥1,234,567.89');
  });
  it('dates and times in Asia/Shanghai for the locale', () => {
    // 16:00 UTC on 31 December is already 1 January in Shanghai.
    expect(formatDate('2025-12-31T16:00:00.000Z', 'zh')).toBe('2026年1月1日');
    expect(formatDateTime('2025-12-31T16:00:00.000Z', 'zh')).toBe('2026年1月1日 00:00');
    expect(formatDateTime('2026-05-06T02:30:00Z', 'en')).toBe('6 May 2026, 10:30');
    expect(formatDate('2026-05-06', 'en')).toBe('6 May 2026');
    expect(formatMonth('2026-05', 'zh')).toBe('2026年5月');
  });
  it('an overdue item says overdue, never "due in -32 days"', () => {
    expect(dueState('2026-10-01', '2026-11-02')).toEqual({ kind: 'overdue', days: 32 });
    expect(dueState('2026-10-01', '2026-11-02', false)).toEqual({ kind: 'overdue', days: 32 });
    expect(dueState('2026-11-02', '2026-11-02')).toEqual({ kind: 'today', days: 0 });
    expect(dueState('2026-11-05', '2026-11-02', true)).toEqual({ kind: 'overdue', days: 0 });
    expect(dueState('2026-11-05', '2026-11-02')).toEqual({ kind: 'upcoming', days: 3 });
  });
});

describe('marketplace state in the URL', () => {
  it('round-trips search, facets, sort and page; one search has one URL', () => {
    const s = readMarketParams('?q=信用&jurisdiction=HN&form=API&form=REPORT&sort=NEWEST&after=YWJj&page=2');
    expect(s).toEqual({ q: '信用', sort: 'NEWEST', selected: { jurisdiction: ['HN'], form: ['API', 'REPORT'] }, after: 'YWJj', page: 2 });
    expect(readMarketParams(writeMarketParams(s))).toEqual(s);
    expect(writeMarketParams(readMarketParams('?form=REPORT&form=API'))).toBe('?form=API&form=REPORT');
    expect(writeMarketParams(readMarketParams(''))).toBe('');
  });
  it('ignores what it does not know and restarts paging on a new filter', () => {
    expect(readMarketParams('?sort=DROP_TABLE&page=9')).toMatchObject({ sort: '', page: 1, after: null });
    const s = toggleFacet(readMarketParams('?jurisdiction=HN&after=x&page=3'), 'jurisdiction', 'HN');
    expect(s).toMatchObject({ selected: {}, after: null, page: 1 });
    expect(writeMarketParams(toggleFacet(readMarketParams('?q=a'), 'form', 'API'))).toBe('?q=a&form=API');
  });
});

describe('chart labels do not collide', () => {
  it('turns and cuts labels that would not fit their band, and thins them when crowded', () => {
    const names = ['河南数据集团有限公司', '河南省市场监督管理局', '河南省财政厅', '河南省交通运输厅'];
    const flat = labelLayout(['Q1', 'Q2'], 200, 11);
    expect(flat.rotated).toBe(false);
    const turned = labelLayout(names, 60, 11);
    expect(turned.rotated).toBe(true);
    // Rotated neighbours are at least a line apart.
    expect(60 * turned.every * Math.sin((40 * Math.PI) / 180)).toBeGreaterThanOrEqual(11 * 1.3);
    const crowded = labelLayout(names, 10, 11);
    expect(crowded.every).toBeGreaterThan(1);
    expect(textWidth(fitLabel(names[0]!, 50, 11), 11)).toBeLessThanOrEqual(50);
  });
});

describe('browsing the audit trail', () => {
  const row = (seq: string, occurredAt: string, actorSub: string, actorRole = 'AGENCY'): AuditRow => ({ seq, occurredAt, actorSub, actorRole, actorOrg: null, entityType: 'Scenario', entityId: 'e', action: 'DECIDED', changes: {}, reason: null });
  it('filters by Shanghai calendar day and actor', () => {
    const rows = [row('3', '2026-05-06T17:00:00Z', 'demo:agency'), row('2', '2026-05-06T01:00:00Z', 'demo:authority', 'AUTHORITY'), row('1', '2026-05-04T01:00:00Z', 'system:seed', 'SYSTEM')];
    expect(filterAudit(rows, { from: '2026-05-06', to: '2026-05-06', actor: '' }).map((r) => r.seq)).toEqual(['2']);
    expect(filterAudit(rows, { from: '2026-05-07', to: null, actor: '' }).map((r) => r.seq)).toEqual(['3']);
    expect(filterAudit(rows, { from: null, to: null, actor: 'AUTHORITY' }).map((r) => r.seq)).toEqual(['2']);
  });
  it('flattens change sets to key/value pairs', () => {
    expect(flattenChanges({ status: 'APPROVED', period: ['2026-01-01', '2026-03-31'], price: { fen: 100 } })).toEqual([
      ['status', 'APPROVED'],
      ['period', '2026-01-01、2026-03-31'],
      ['price.fen', '100'],
    ]);
  });
});
