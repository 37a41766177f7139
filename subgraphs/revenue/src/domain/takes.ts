import { addDays, type LocalDate } from '@pdo/policy';

/** A completed settlement of the jurisdiction, as far as "which charges did it take" needs. */
export interface SettledPeriod {
  id: string;
  start: LocalDate;
  end: LocalDate;
  /** Highest charge seq it could see; runs of a jurisdiction are serialised, so this grows with completion order. */
  watermark: bigint;
}

/** Charges occurred in [from, to) (Shanghai days) with seq in (seqAfter, seqUpto]. */
export interface Take {
  from: LocalDate;
  to: LocalDate;
  seqAfter: bigint;
  seqUpto: bigint;
  /** The settlement of the period these late charges belong to; null for the run's own period. */
  carriedFrom: string | null;
}

const covers = (p: { start: LocalDate; end: LocalDate }, from: LocalDate) => p.start <= from && from <= p.end;
const byPeriod = (a: SettledPeriod, b: SettledPeriod) => (a.start < b.start ? -1 : a.start > b.start ? 1 : a.end < b.end ? -1 : a.end > b.end ? 1 : a.id < b.id ? -1 : 1);

/**
 * What the run `run` takes, given the jurisdiction's completed settlements. The rule it applies to
 * every charge (the one the per-charge bookkeeping applied): a charge is taken by the first
 * settlement, in completion order, that sees it (seq ≤ its watermark) and to which it is eligible —
 * it occurred in that settlement's period, or in the period of an earlier-completed settlement of
 * an earlier period (a late charge, carried). Eligibility depends only on which period boundaries
 * the charge's day falls between, so the timeline is cut at every boundary and each stretch is
 * walked once: the seq level already taken rises with each eligible settlement, and what lies
 * between that level and the run's watermark is the run's. Takes of different settlements are
 * therefore disjoint, and a charge whose seq is above a watermark stays for a later run.
 */
export function takesOf(run: SettledPeriod, completed: SettledPeriod[]): Take[] {
  const order = [...completed].sort((a, b) => (a.watermark < b.watermark ? -1 : a.watermark > b.watermark ? 1 : 0));
  const cuts = [...new Set([run, ...order].flatMap((p) => [p.start, addDays(p.end, 1)]))].sort();
  const earlier = order.filter((t) => t.start < run.start).sort(byPeriod);
  const out: Take[] = [];
  for (let i = 0; i + 1 < cuts.length; i++) {
    const from = cuts[i]!;
    const to = cuts[i + 1]!;
    const own = covers(run, from);
    const home = own ? null : earlier.find((t) => covers(t, from));
    if (!own && !home) continue;
    let level = 0n;
    for (const [k, x] of order.entries()) {
      const eligible = covers(x, from) || order.slice(0, k).some((t) => t.start < x.start && covers(t, from));
      if (eligible && x.watermark > level) level = x.watermark;
    }
    if (run.watermark <= level) continue;
    const carriedFrom = home?.id ?? null;
    const prev = out[out.length - 1];
    if (prev && prev.to === from && prev.seqAfter === level && prev.seqUpto === run.watermark && prev.carriedFrom === carriedFrom) prev.to = to;
    else out.push({ from, to, seqAfter: level, seqUpto: run.watermark, carriedFrom });
  }
  return out;
}
