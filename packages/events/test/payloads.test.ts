import { describe, expect, it } from 'vitest';
import { EVENTS, EVENT_PAYLOADS, payloadProblem, type EventName } from '../src/index.js';

const uuid = (n: number) => `0190a0c2-0000-7000-8000-${String(n).padStart(12, '0')}`;

describe('event payload schemas', () => {
  it('every event of the catalogue has one', () => {
    expect(Object.keys(EVENT_PAYLOADS).sort()).toEqual(Object.keys(EVENTS).sort());
  });

  it('accepts a valid payload and names the offending fields of an invalid one (never their values)', () => {
    const usage = {
      usageId: uuid(1),
      entitlementId: uuid(2),
      usageAgreementId: uuid(3),
      productId: uuid(4),
      operatorId: uuid(5),
      developerId: uuid(6),
      jurisdiction: 'HN',
      category: 'PAID',
      chargingUnit: 'PER_CALL',
      units: '12',
      occurredAt: '2026-03-01T08:00:00.000Z',
    };
    expect(payloadProblem('UsageRecorded', 1, usage)).toBeNull();
    // Units as a float, an unknown charging unit, a field missing.
    expect(payloadProblem('UsageRecorded', 1, { ...usage, units: '1.5' })).toMatch(/^units:/);
    expect(payloadProblem('UsageRecorded', 1, { ...usage, chargingUnit: 'PER_YEAR' })).toMatch(/^chargingUnit:/);
    const { developerId: _, ...missing } = usage;
    expect(payloadProblem('UsageRecorded', 1, missing)).toMatch(/^developerId:/);
    expect(payloadProblem('UsageRecorded', 1, { ...usage, developerId: 'secret-name' })).toBeNull(); // ids are opaque strings
    expect(payloadProblem('UsageRecorded', 1, { ...usage, units: 'x'.repeat(20) })).not.toContain('xxxx');
  });

  it('money travels as whole fen in strings, and the settlement share table must be consistent', () => {
    const settled = {
      settlementId: uuid(10),
      jurisdiction: 'JL',
      periodStart: '2026-01-01',
      periodEnd: '2026-03-31',
      totalFen: '1000',
      products: [uuid(11)],
      parties: [{ partyId: uuid(12), partyKind: 'OPERATOR' }],
      shares: { product: [0], party: [0], amountFen: ['1000'] },
    };
    expect(payloadProblem('SettlementCompleted', 2, settled)).toBeNull();
    expect(payloadProblem('SettlementCompleted', 2, { ...settled, totalFen: 10.5 })).toMatch(/totalFen/);
    expect(payloadProblem('SettlementCompleted', 2, { ...settled, shares: { product: [0, 0], party: [0], amountFen: ['1000'] } })).toMatch(/different lengths/);
    expect(payloadProblem('SettlementCompleted', 2, { ...settled, shares: { product: [1], party: [0], amountFen: ['1000'] } })).toMatch(/missing product/);
    // Version 1 is still read (queued before an upgrade), with its own shape.
    const v1 = { ...settled, shares: [{ partyId: uuid(12), partyKind: 'OPERATOR', productId: uuid(11), amountFen: '1000' }] };
    expect(payloadProblem('SettlementCompleted', 1, v1)).toBeNull();
    expect(payloadProblem('SettlementCompleted', 1, settled)).toMatch(/shares/);
  });

  it('refuses unknown events and versions', () => {
    expect(payloadProblem('ResourceVanished', 1, {})).toMatch(/unknown event/);
    expect(payloadProblem('PriceSet' satisfies EventName, 7, {})).toMatch(/no version 7/);
  });
});
