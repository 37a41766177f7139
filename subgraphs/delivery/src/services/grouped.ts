/**
 * Group commit for the data plane's hot statements (docs/operating-domain/data-plane.md, "Metering"): a call's
 * statement runs at once when none of its kind is in flight; the calls that arrive while one is in flight wait for
 * it and then go together, as one statement. Nothing waits on a timer, so an idle process pays no delay; under load
 * each statement carries the calls that queued behind the previous one, and PostgreSQL sees one round trip per
 * group instead of one per call. A waiting call only ever joins a statement that starts after it arrived, so it
 * reads nothing older than a statement of its own would have. A failed statement fails each call of its group.
 */
export class Grouped<I, O> {
  private queue: { item: I; resolve: (o: O) => void; reject: (e: unknown) => void }[] = [];
  private running = false;
  /** Statements run and the calls they carried (calls per statement, for the bench). */
  readonly stats = { statements: 0, items: 0 };

  /** `run` answers one result per item, in order. */
  constructor(
    private readonly run: (items: I[]) => Promise<O[]>,
    private readonly max = 500,
  ) {}

  submit(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      if (!this.running) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.running = true;
    try {
      while (this.queue.length > 0) {
        const group = this.queue.splice(0, this.max);
        try {
          const out = await this.run(group.map((g) => g.item));
          if (out.length !== group.length) throw new Error(`a grouped statement answered ${out.length} results for ${group.length} calls`);
          this.stats.statements += 1;
          this.stats.items += group.length;
          group.forEach((g, i) => g.resolve(out[i]!));
        } catch (err) {
          for (const g of group) g.reject(err);
        }
      }
    } finally {
      this.running = false;
    }
  }
}
