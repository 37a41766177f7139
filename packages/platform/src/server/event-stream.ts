/**
 * Server-sent events (the live feeds, docs/live-feeds.md): one helper every feed uses, so each
 * stream behaves the same — `text/event-stream`, an `id:` per event that a reconnecting client
 * sends back as `Last-Event-ID`, a comment line as heartbeat, and the end of polling when the
 * client goes away.
 *
 * A feed polls its own table (any replica sees every commit; nothing is kept in one process but
 * the position of one connection). Rows are read a little behind the newest one seen (`lagMs`): a
 * transaction that started earlier may commit after a later one, and its row would otherwise be
 * skipped; rows seen inside that window are remembered by id and not sent twice.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

export interface StreamRow {
  /** Unique per feed; the SSE `id`. */
  id: string;
  /** Position of the row in the feed (a commit-ish time). */
  at: Date;
  /** SSE `event` name. */
  event: string;
  data: unknown;
}

export interface EventStreamOptions {
  /** Rows at or after `since`, oldest first, at most `limit`. */
  poll: (since: Date, limit: number) => Promise<StreamRow[]>;
  /** Where a client that sent `Last-Event-ID` left off (the row's `at`), or null when unknown. */
  resumeAt?: (lastEventId: string) => Promise<Date | null>;
  pollMs: number;
  lagMs?: number;
  heartbeatMs?: number;
  /** The stream's start when the client does not resume (default: now — only what happens from here). */
  now?: Date;
}

/**
 * Rows one poll reads. The lag window is read again at each tick, so a feed whose rows arrive
 * faster than LIMIT per lag window would stall: each feed picks a lag that fits its rate
 * (docs/live-feeds.md).
 */
const LIMIT = 1000;

export async function serveEventStream(req: IncomingMessage, res: ServerResponse, opts: EventStreamOptions): Promise<void> {
  const lag = opts.lagMs ?? 30_000;
  const last = req.headers['last-event-id'];
  const resumed = typeof last === 'string' && last && opts.resumeAt ? await opts.resumeAt(last).catch(() => null) : null;
  let since = resumed ?? opts.now ?? new Date();
  // Ids already sent whose `at` is inside the lag window (a resumed client has the one it named).
  const sent = new Map<string, number>();
  if (resumed && typeof last === 'string') sent.set(last, resumed.getTime());
  if (!resumed) {
    // A new client starts from now: what is already inside the lag window counts as sent.
    for (const row of await opts.poll(new Date(since.getTime() - lag), LIMIT).catch(() => [])) if (row.at <= since) sent.set(row.id, row.at.getTime());
  }

  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    connection: 'keep-alive',
    // Proxies (nginx) must not buffer the stream.
    'x-accel-buffering': 'no',
  });
  res.write(`retry: ${Math.max(1000, opts.pollMs)}\n: connected\n\n`);
  let open = true;
  let timer: NodeJS.Timeout | undefined;
  const heartbeat = setInterval(() => open && res.write(': keep-alive\n\n'), opts.heartbeatMs ?? 15_000);
  const close = () => {
    open = false;
    clearTimeout(timer);
    clearInterval(heartbeat);
  };
  req.on('close', close);
  res.on('close', close);

  const tick = async () => {
    if (!open) return;
    try {
      const from = new Date(since.getTime() - lag);
      const rows = await opts.poll(from, LIMIT);
      for (const row of rows) {
        if (sent.has(row.id)) continue;
        sent.set(row.id, row.at.getTime());
        if (row.at > since) since = row.at;
        res.write(`id: ${row.id}\nevent: ${row.event}\ndata: ${JSON.stringify(row.data)}\n\n`);
      }
      const floor = since.getTime() - lag;
      for (const [id, t] of sent) if (t < floor) sent.delete(id);
    } catch {
      // A failed poll (database restarting) is retried at the next tick; the client keeps its stream.
    }
    if (open) timer = setTimeout(tick, opts.pollMs);
  };
  await tick();
}

/** Writes an SSE-incompatible refusal as JSON (before any stream starts). */
export function refuseStream(res: ServerResponse, status: number, code: string, zh: string, en: string): void {
  const body = JSON.stringify({ errors: [{ message: `${zh} | ${en}`, extensions: { code, messageZh: zh, messageEn: en } }] });
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': String(Buffer.byteLength(body)) });
  res.end(body);
}
