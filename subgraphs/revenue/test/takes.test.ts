import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { takesOf, type SettledPeriod } from '../src/domain/takes.js';

const Q1: SettledPeriod = { id: 'q1', start: '2026-01-01', end: '2026-03-31', watermark: 50n };
const Q3 = (watermark: bigint): SettledPeriod => ({ id: 'q3', start: '2026-07-01', end: '2026-09-30', watermark });
const Q4 = (watermark: bigint): SettledPeriod => ({ id: 'q4', start: '2026-10-01', end: '2026-12-31', watermark });

describe('which charges a settlement takes (watermark boxes)', () => {
  it('first settlement of a jurisdiction: every charge of its period up to its watermark', () => {
    expect(takesOf(Q3(100n), [])).toEqual([{ from: '2026-07-01', to: '2026-10-01', seqAfter: 0n, seqUpto: 100n, carriedFrom: null }]);
  });

  it('next quarter: its own charges, plus the previous quarter’s charges that arrived after that run’s watermark, carried from it', () => {
    expect(takesOf(Q4(150n), [Q3(100n)])).toEqual([
      { from: '2026-07-01', to: '2026-10-01', seqAfter: 100n, seqUpto: 150n, carriedFrom: 'q3' },
      { from: '2026-10-01', to: '2027-01-01', seqAfter: 0n, seqUpto: 150n, carriedFrom: null },
    ]);
  });

  it('a late charge is carried once: the run after the one that carried it takes only what arrived since', () => {
    // Q4 (watermark 150) carried Q3's charges 101–150; a later correction run of January sees up to 180.
    const jan: SettledPeriod = { id: 'jan', start: '2027-01-01', end: '2027-01-31', watermark: 180n };
    const takes = takesOf(jan, [Q3(100n), Q4(150n)]);
    expect(takes).toContainEqual({ from: '2026-07-01', to: '2026-10-01', seqAfter: 150n, seqUpto: 180n, carriedFrom: 'q3' });
    expect(takes).toContainEqual({ from: '2026-10-01', to: '2027-01-01', seqAfter: 150n, seqUpto: 180n, carriedFrom: 'q4' });
    expect(takes).toContainEqual({ from: '2027-01-01', to: '2027-02-01', seqAfter: 0n, seqUpto: 180n, carriedFrom: null });
  });

  it('takes nothing of a period no one settled (Q2 waits for its own run) and nothing when no charge arrived since', () => {
    const takes = takesOf(Q3(200n), [Q1]);
    expect(takes.some((t) => t.from >= '2026-04-01' && t.from < '2026-07-01')).toBe(false);
    expect(takes).toContainEqual({ from: '2026-01-01', to: '2026-04-01', seqAfter: 50n, seqUpto: 200n, carriedFrom: 'q1' });
    expect(takesOf(Q4(100n), [Q3(100n)])).toEqual([{ from: '2026-10-01', to: '2027-01-01', seqAfter: 0n, seqUpto: 100n, carriedFrom: null }]);
  });

  it('property: over any sequence of monthly runs, every charge is taken exactly once when its month has been settled', () => {
    const months = ['2026-01', '2026-02', '2026-03', '2026-04'];
    const lastDay = (m: string) => `${m}-${m === '2026-02' ? '28' : m === '2026-04' ? '30' : '31'}`;
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 3 })), { minLength: 1, maxLength: 8 }), (steps) => {
        // Charges arrive over time (seq), each in some month; runs happen in between, each of a month not yet settled.
        const charges: { seq: bigint; month: number }[] = [];
        const done: SettledPeriod[] = [];
        const takenBy = new Map<bigint, string>();
        let seq = 0n;
        for (const [arrive, month] of steps) {
          for (let i = 0; i < arrive + 1; i++) charges.push({ seq: ++seq, month: (month + i) % 4 });
          if (done.some((d) => d.start.startsWith(months[month]!))) continue;
          const run: SettledPeriod = { id: `run-${months[month]}`, start: `${months[month]}-01`, end: lastDay(months[month]!), watermark: seq };
          for (const t of takesOf(run, done)) {
            for (const c of charges) {
              const day = `${months[c.month]}-15`;
              if (day >= t.from && day < t.to && c.seq > t.seqAfter && c.seq <= t.seqUpto) {
                if (takenBy.has(c.seq)) return false;
                takenBy.set(c.seq, run.id);
              }
            }
          }
          done.push(run);
        }
        // Taken exactly when some run could: its own month's run, or a run completed after that one for a later
        // period (a carry), whose watermark had seen the charge. Charges of months never settled wait.
        for (const c of charges) {
          const hi = done.findIndex((d) => d.start.startsWith(months[c.month]!));
          const takeable = hi >= 0 && done.some((d, k) => k >= hi && (k === hi || d.start > done[hi]!.start) && d.watermark >= c.seq);
          if (takeable !== takenBy.has(c.seq)) return false;
        }
        return true;
      }),
      { numRuns: 300 },
    );
  });
});
