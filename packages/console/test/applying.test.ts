import { describe, expect, it } from 'vitest';
import { articleOf, articlesOf, documentsInput, hex, objectionOpen, openCallsFor, refusalOf, requiredDocuments, resultOf } from '../src/lib/applying';
import { localiseCodes } from '../src/lib/errors';
import { enumLabel, MESSAGES } from '../src/lib/i18n';
import { APPLY_MESSAGES } from '../src/lib/i18n-applying';
import { parseRoute } from '../src/lib/router';
import { desksFor } from '../src/lib/session';

const call = (id: string, over: Partial<{ selectionMethod: string; opensOn: string; closesOn: string; invitees: string[] }> = {}) => ({
  id,
  selectionMethod: 'OPEN_TENDER',
  opensOn: '2026-12-01',
  closesOn: '2026-12-31',
  invitees: [] as string[],
  ...over,
});

/** A company's side of operator selection (docs/policy/selection-and-renewal.md). */
describe('operator application in the console', () => {
  it('lists the calls open today, an invited tender only to its invitees (NS Art 12; QHD §三(二)2)', () => {
    const calls = [
      call('open'),
      call('opens-today', { opensOn: '2026-12-02' }),
      call('closes-today', { closesOn: '2026-12-02' }),
      call('closed', { closesOn: '2026-12-01' }),
      call('not-yet', { opensOn: '2026-12-03' }),
      call('invited', { selectionMethod: 'INVITED_TENDER', invitees: ['me'] }),
      call('others-invited', { selectionMethod: 'INVITED_TENDER', invitees: ['someone'] }),
    ];
    expect(openCallsFor(calls, 'me', '2026-12-02').map((c) => c.id)).toEqual(['open', 'opens-today', 'closes-today', 'invited']);
    expect(openCallsFor(calls, null, '2026-12-02').map((c) => c.id)).toEqual(['open', 'opens-today', 'closes-today']);
  });

  it('asks for the documents the profile lists, and none where it lists none', () => {
    const tz = [{ name: 'applicationDocuments', value: ['APPLICATION_FORM', 'SECURITY_COMMITMENT'], source: 'TZ Art 12' }];
    expect(requiredDocuments(tz)).toEqual({ kinds: ['APPLICATION_FORM', 'SECURITY_COMMITMENT'], source: 'TZ Art 12' });
    expect(requiredDocuments([{ name: 'applicationDocuments', value: [], source: 'platform default: not regulated' }]).kinds).toEqual([]);
    expect(requiredDocuments(undefined)).toEqual({ kinds: [], source: null });
  });

  it('sends only the documents with a file and a SHA-256, leaving a missing one to the API', () => {
    const sha = 'a'.repeat(64);
    expect(documentsInput([{ kind: 'APPLICATION_FORM', name: ' 申请书.pdf ', sha256: sha }, { kind: 'SECURITY_COMMITMENT', name: '', sha256: '' }, { kind: 'RISK_SELF_ASSESSMENT', name: 'x.pdf', sha256: 'zz' }])).toEqual([
      { kind: 'APPLICATION_FORM', name: '申请书.pdf', sha256: sha },
    ]);
    expect(hex(new Uint8Array([0, 15, 255]).buffer)).toBe('000fff');
  });

  it('places a refusal next to the field it names, in both languages, with its rule', () => {
    const missing = {
      graphQLErrors: [{ message: '缺少申请材料：SECURITY_COMMITMENT | Missing documents: SECURITY_COMMITMENT', extensions: { code: 'POLICY_VIOLATION', rule: 'TZ Art 12', field: 'input.documents', messageZh: '缺少申请材料：SECURITY_COMMITMENT', messageEn: 'Missing documents: SECURITY_COMMITMENT', details: { missing: ['SECURITY_COMMITMENT'] } } }],
    };
    expect(refusalOf(missing)).toEqual({ code: 'POLICY_VIOLATION', zh: '缺少申请材料：SECURITY_COMMITMENT', en: 'Missing documents: SECURITY_COMMITMENT', rule: 'TZ Art 12', kinds: ['SECURITY_COMMITMENT'], at: 'documents' });
    // The codes the API names are shown by their labels.
    expect(localiseCodes('缺少申请材料：SECURITY_COMMITMENT', 'zh')).toBe('缺少申请材料：安全承诺书');
    const malformed = { graphQLErrors: [{ message: 'x | y', extensions: { code: 'BAD_USER_INPUT', field: 'input.documents.1.sha256' } }] };
    const sent = [{ kind: 'APPLICATION_FORM', name: 'a', sha256: 'b' }, { kind: 'RISK_SELF_ASSESSMENT', name: 'c', sha256: 'd' }];
    expect(refusalOf(malformed, sent)).toMatchObject({ zh: 'x', en: 'y', kinds: ['RISK_SELF_ASSESSMENT'], at: 'documents' });
    expect(refusalOf({ graphQLErrors: [{ message: 'a | b', extensions: { code: 'POLICY_VIOLATION', details: { reason: 'NOT_INVITED' } } }] })).toMatchObject({ at: 'call', kinds: [] });
    expect(refusalOf({ graphQLErrors: [{ message: '不符合申请条件 | Not eligible', extensions: { code: 'POLICY_VIOLATION' } }] })).toMatchObject({ at: 'form', zh: '不符合申请条件', en: 'Not eligible' });
    expect(refusalOf(null)).toBeNull();
    expect(articleOf("TZ Art 12: application form, last year's audit and financial statements")).toBe('TZ Art 12');
    expect(articleOf('JL §三(二)')).toBe('JL §三(二)');
    expect(articleOf(null)).toBeNull();
    expect(articlesOf('TZ Art 12(3); named security department and head, no security incident in 3 years')).toBe('TZ Art 12(3)');
    expect(articlesOf('a text no one cites')).toBe('a text no one cites');
  });

  it('reads the published result of an application and opens objections only during its period', () => {
    const facts = (o: Record<string, string>) => Object.entries(o).map(([key, value]) => ({ key, value }));
    const feed = [
      { subjectId: 'other', rule: 'JL §六3', facts: facts({ rank: '1' }) },
      { subjectId: 'app', rule: 'TZ Art 15', facts: facts({ rank: '1', score: '88.5000', publicityStartsOn: '2026-12-01', publicityEndsOn: '2026-12-08', objectionChannel: 'raiseApplicationObjection' }) },
    ];
    const r = resultOf(feed, 'app');
    expect(r).toEqual({ rank: '1', score: '88.5000', startsOn: '2026-12-01', endsOn: '2026-12-08', objectionChannel: 'raiseApplicationObjection', rule: 'TZ Art 15' });
    expect(resultOf(feed, 'unpublished')).toBeNull();
    expect(objectionOpen(r, '2026-12-01')).toBe(true);
    expect(objectionOpen(r, '2026-12-08')).toBe(true);
    expect(objectionOpen(r, '2026-12-09')).toBe(false);
    expect(objectionOpen(r, '2026-11-30')).toBe(false);
    expect(objectionOpen({ ...r!, objectionChannel: null }, '2026-12-02')).toBe(false);
    expect(objectionOpen(null, '2026-12-02')).toBe(false);
  });

  it('puts the desk in the menu of the roles that may apply (licensing access.ts: OPERATOR, DEVELOPER), under /console/apply', () => {
    expect(desksFor('OPERATOR')).toContain('apply');
    expect(desksFor('DEVELOPER')).toContain('apply');
    for (const role of ['AUTHORITY', 'AGENCY', 'FINANCE', 'EXPERT', 'SOURCE_UNIT', undefined]) expect(desksFor(role), role).not.toContain('apply');
    expect(parseRoute('/console/apply', '').page).toBe('apply');
    expect(MESSAGES['nav.apply'][0]).toBe('运营主体申请');
    // No key of this desk is shadowed by another desk's wording (the developer's product application uses `apply.*`).
    for (const [key, entry] of Object.entries(APPLY_MESSAGES)) expect(MESSAGES[key as keyof typeof MESSAGES], key).toEqual(entry);
    for (const v of ['OPEN_TENDER', 'INVITED_TENDER', 'NEGOTIATION', 'APPLICATION_FORM', 'AUDIT_AND_FINANCIAL_REPORT', 'SECURITY_COMMITMENT', 'RISK_SELF_ASSESSMENT', 'INTEGRITY_RECORDS', 'YEARS_IN_BUSINESS']) {
      expect(enumLabel('zh', v), v).toMatch(/[\u4e00-\u9fff]/);
    }
  });
});
