import { useEffect, useRef } from 'react';

export interface UsageEvent {
  callId: string;
  usageAgreementId: string;
  usedUnits: string;
  quotaUnits: string | null;
  remainingUnits: string | null;
}

/**
 * Follows the developer's live usage feed (`GET /v1/feed/usage`, server-sent events; docs/live-feeds.md)
 * with fetch, because EventSource cannot send the bearer token. Reconnects after a drop, resuming
 * with Last-Event-ID; stops when the component goes away.
 */
export function useUsageFeed(token: string | null, onUsage: (e: UsageEvent) => void): void {
  const handler = useRef(onUsage);
  handler.current = onUsage;
  useEffect(() => {
    if (!token) return;
    const abort = new AbortController();
    let last: string | null = null;
    const run = async () => {
      while (!abort.signal.aborted) {
        try {
          const headers: Record<string, string> = { authorization: `Bearer ${token}`, accept: 'text/event-stream' };
          if (last) headers['last-event-id'] = last;
          const res = await fetch('/v1/feed/usage', { headers, signal: abort.signal });
          if (!res.ok || !res.body) return;
          const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
          let buf = '';
          for (;;) {
            const { value, done } = await reader.read();
            if (done) break;
            buf += value;
            let end;
            while ((end = buf.indexOf('\n\n')) >= 0) {
              const block = buf.slice(0, end);
              buf = buf.slice(end + 2);
              const lines = block.split('\n');
              const id = lines.find((l) => l.startsWith('id: '))?.slice(4);
              const data = lines.find((l) => l.startsWith('data: '))?.slice(6);
              if (id) last = id;
              if (data) handler.current(JSON.parse(data) as UsageEvent);
            }
          }
        } catch {
          if (abort.signal.aborted) return;
        }
        await new Promise((r) => setTimeout(r, 3000));
      }
    };
    void run();
    return () => abort.abort();
  }, [token]);
}
