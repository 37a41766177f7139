import { describe, expect, it } from 'vitest';
import { settlementShareColumns, settlementShareTable, type RevenueEvents } from '../src/index.js';

const P1 = '0190a0c2-0000-7000-8000-000000000001';
const P2 = '0190a0c2-0000-7000-8000-000000000002';
const OP = '0190a0c2-0000-7000-8000-00000000000a';
const AG = '0190a0c2-0000-7000-8000-00000000000b';
const head = { settlementId: 'S', jurisdiction: 'HN', periodStart: '2026-07-01', periodEnd: '2026-09-30', totalFen: '1000' };

describe('SettlementCompleted share table (version 2)', () => {
  const shares = [
    { productId: P1, partyId: OP, partyKind: 'OPERATOR' as const, amountFen: '500' },
    { productId: P1, partyId: AG, partyKind: 'SOURCE_AGENCY' as const, amountFen: '100' },
    { productId: P2, partyId: OP, partyKind: 'OPERATOR' as const, amountFen: '300' },
    { productId: P2, partyId: AG, partyKind: 'SOURCE_AGENCY' as const, amountFen: '100' },
  ];

  it('lists each product and party once and refers to them by index', () => {
    const t = settlementShareTable(shares);
    expect(t.products).toEqual([P1, P2]);
    expect(t.parties).toEqual([{ partyId: OP, partyKind: 'OPERATOR' }, { partyId: AG, partyKind: 'SOURCE_AGENCY' }]);
    expect(t.shares).toEqual({ product: [0, 0, 1, 1], party: [0, 1, 0, 1], amountFen: ['500', '100', '300', '100'] });
  });

  it('keeps a party that is two kinds apart (an id is unique only within its kind)', () => {
    const t = settlementShareTable([
      { productId: P1, partyId: 'HN', partyKind: 'JURISDICTION', amountFen: '1' },
      { productId: P1, partyId: 'HN', partyKind: 'OPERATOR', amountFen: '2' },
    ]);
    expect(t.parties).toHaveLength(2);
  });

  it('reads back to the same shares, fen for fen', () => {
    const c = settlementShareColumns({ ...head, ...settlementShareTable(shares) });
    expect(c.productId).toEqual([P1, P1, P2, P2]);
    expect(c.partyId).toEqual([OP, AG, OP, AG]);
    expect(c.partyKind).toEqual(['OPERATOR', 'SOURCE_AGENCY', 'OPERATOR', 'SOURCE_AGENCY']);
    expect(c.amountFen.reduce((a, x) => a + BigInt(x), 0n)).toBe(1000n);
  });

  it('still reads a version-1 payload (one object per share)', () => {
    const v1: RevenueEvents.SettlementCompletedV1 = { ...head, shares: shares.map((s) => ({ ...s })) };
    const c = settlementShareColumns(v1);
    expect(c.productId).toEqual([P1, P1, P2, P2]);
    expect(c.amountFen).toEqual(['500', '100', '300', '100']);
  });

  it('refuses a share that points outside its tables', () => {
    expect(() => settlementShareColumns({ ...head, products: [P1], parties: [], shares: { product: [0], party: [0], amountFen: ['5'] } })).toThrow(/missing product or party/);
    expect(() => settlementShareColumns({ ...head, products: [P1], parties: [{ partyId: OP, partyKind: 'OPERATOR' }], shares: { product: [0, 0], party: [0], amountFen: ['5'] } })).toThrow(/different lengths/);
  });
});
