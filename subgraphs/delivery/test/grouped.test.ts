import { describe, expect, it } from 'vitest';
import { Grouped } from '../src/services/grouped.js';

/** A statement the test completes by hand: each run records its items and waits for `finish`. */
function manual() {
  const runs: { items: number[]; finish: (fail?: Error) => void }[] = [];
  const grouped = new Grouped<number, string>(
    (items) => new Promise<string[]>((resolve, reject) => runs.push({ items, finish: (fail) => (fail ? reject(fail) : resolve(items.map((i) => `r${i}`))) })),
    3,
  );
  return { grouped, runs };
}
const tick = () => new Promise((r) => setImmediate(r));

describe('Grouped: calls arriving while a statement is in flight go together in the next', () => {
  it('a lone call runs at once, alone; the calls behind it wait and go as one group, each answered with its own result', async () => {
    const { grouped, runs } = manual();
    const first = grouped.submit(1);
    expect(runs.map((r) => r.items)).toEqual([[1]]);
    const later = [grouped.submit(2), grouped.submit(3)];
    await tick();
    expect(runs).toHaveLength(1); // nothing starts while the first is in flight
    runs[0]!.finish();
    expect(await first).toBe('r1');
    await tick();
    expect(runs.map((r) => r.items)).toEqual([[1], [2, 3]]);
    runs[1]!.finish();
    expect(await Promise.all(later)).toEqual(['r2', 'r3']);
    expect(grouped.stats).toEqual({ statements: 2, items: 3 });
  });

  it('a group holds at most `max` calls, in arrival order; the rest go in the following statements', async () => {
    const { grouped, runs } = manual();
    const all = [1, 2, 3, 4, 5, 6, 7, 8].map((i) => grouped.submit(i));
    for (let i = 0; i < 4; i++) {
      await tick();
      runs[i]!.finish();
    }
    expect(await Promise.all(all)).toEqual(['r1', 'r2', 'r3', 'r4', 'r5', 'r6', 'r7', 'r8']);
    expect(runs.map((r) => r.items)).toEqual([[1], [2, 3, 4], [5, 6, 7], [8]]);
  });

  it('a failed statement fails each call of its group and no other; the next group still runs', async () => {
    const { grouped, runs } = manual();
    const first = grouped.submit(1);
    const failing = [grouped.submit(2), grouped.submit(3)].map((p) => p.then(() => 'ok', (e: Error) => e.message));
    runs[0]!.finish();
    await first;
    await tick();
    const after = grouped.submit(4);
    runs[1]!.finish(new Error('statement failed'));
    expect(await Promise.all(failing)).toEqual(['statement failed', 'statement failed']);
    await tick();
    runs[2]!.finish();
    expect(await after).toBe('r4');
    expect(grouped.stats).toEqual({ statements: 2, items: 2 });
  });

  it('a statement answering a wrong number of results fails its group instead of answering a call with another call\'s result', async () => {
    const grouped = new Grouped<number, number>(async (items) => items.slice(1));
    await expect(grouped.submit(1)).rejects.toThrow(/0 results for 1 calls/);
  });
});
