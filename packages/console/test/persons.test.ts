import { describe, expect, it } from 'vitest';
import { describeError } from '../src/lib/errors';
import { newPersonsDraft, personsInput, personsRequired, proposedPersons } from '../src/lib/persons';

/** The company's proposal of its legal representative and other persons, checked before sending (JL §三(二); TZ Art 12(3)). */
describe('persons behind a company', () => {
  const today = '2026-12-02';
  const rep = { role: 'LEGAL_REPRESENTATIVE' as const, name: ' 孙七 ', identifier: '11010119800000001x' };

  it('sends the trimmed persons with the document, the identity number upper-cased', () => {
    const r = personsInput('o1', { persons: [rep, { role: 'EXECUTIVE', name: '周八', identifier: '110101198000000028' }], documentRef: ' 营业执照 ', documentDate: '2026-12-01' }, today);
    expect(r).toEqual({
      input: {
        organizationId: 'o1',
        persons: [{ role: 'LEGAL_REPRESENTATIVE', name: '孙七', identifier: '11010119800000001X' }, { role: 'EXECUTIVE', name: '周八', identifier: '110101198000000028' }],
        evidence: { documentRef: '营业执照', documentDate: '2026-12-01' },
      },
    });
  });

  it('names the first problem and its row', () => {
    const draft = newPersonsDraft(today);
    expect(personsInput('o1', draft, today)).toEqual({ problem: 'name', index: 0 });
    expect(personsInput('o1', { ...draft, persons: [{ ...rep, identifier: '123' }] }, today)).toEqual({ problem: 'identifier', index: 0 });
    expect(personsInput('o1', { ...draft, persons: [rep, { ...rep, name: '孙七' }] }, today)).toEqual({ problem: 'duplicate', index: 1 });
    expect(personsInput('o1', { ...draft, persons: [{ ...rep, role: 'EXECUTIVE' }] }, today)).toEqual({ problem: 'legalRep' });
    expect(personsInput('o1', { ...draft, persons: [rep, { ...rep, identifier: '110101198000000028' }] }, today)).toEqual({ problem: 'legalRep' });
    expect(personsInput('o1', { ...draft, persons: [rep] }, today)).toEqual({ problem: 'documentRef' });
    expect(personsInput('o1', { persons: [rep], documentRef: '营业执照', documentDate: '2026-12-03' }, today)).toEqual({ problem: 'documentDate' });
  });

  it('reads proposed persons from a proposal\'s changes', () => {
    expect(proposedPersons({ persons: [{ role: 'LEGAL_REPRESENTATIVE', name: '孙七' }], taxGrades: [] })).toEqual([{ role: 'LEGAL_REPRESENTATIVE', name: '孙七' }]);
    expect(proposedPersons({ name: '新名称' })).toEqual([]);
    expect(proposedPersons(null)).toEqual([]);
  });

  it('an eligibility refusal for want of a legal representative says what to record, in both languages', () => {
    const refusal = (reasonZh: string) => ({
      graphQLErrors: [{
        message: 'x',
        extensions: {
          code: 'POLICY_VIOLATION', rule: 'TZ Art 12(3)',
          messageZh: `不符合申请条件：${reasonZh}`, messageEn: 'Not eligible: No legal representative on record: cannot be checked',
          details: { failing: [{ criterion: 'INTEGRITY_RECORDS', passed: false, reasonZh, reasonEn: '…', source: 'TZ Art 12(3)' }] },
        },
      }],
    });
    const missing = refusal('未登记法定代表人，无法核查');
    expect(describeError(missing, 'zh')).toMatchObject({ message: '不符合申请条件：未登记法定代表人，无法核查', next: expect.stringContaining('登记法定代表人'), rule: 'TZ Art 12(3)' });
    expect(describeError(missing, 'en')!.next).toContain('Record your legal representative');
    // A record in force is not cured by recording persons: the generic policy advice stays.
    expect(describeError(refusal('有不良信用记录：法定代表人张三（失信被执行人，2025-11-01）'), 'zh')!.next).not.toContain('登记法定代表人');
  });
});

describe('persons the integrity checks need on record', () => {
  const tz = [{ subjects: ['APPLICANT', 'LEGAL_REPRESENTATIVE'], records: ['DISHONEST_DEBTOR'], withinYears: null }];
  it('the legal representative where a rule names it (TZ Art 12(3); JL §三(二)), nothing where none does (HN)', () => {
    expect(personsRequired(tz, [])).toEqual({ required: ['LEGAL_REPRESENTATIVE'], missing: ['LEGAL_REPRESENTATIVE'] });
    expect(personsRequired(tz, [{ role: 'EXECUTIVE' }, { role: 'LEGAL_REPRESENTATIVE' }])).toEqual({ required: ['LEGAL_REPRESENTATIVE'], missing: [] });
    expect(personsRequired([{ subjects: ['APPLICANT'] }], [])).toEqual({ required: [], missing: [] });
    expect(personsRequired([], [])).toEqual({ required: [], missing: [] });
    expect(personsRequired(undefined, [])).toEqual({ required: [], missing: [] });
  });
});
