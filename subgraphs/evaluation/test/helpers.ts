import { EventPublisher, sql } from '@pdo/platform';
import type { EventName, SubgraphName } from '@pdo/events';
import type { TestStack } from '@pdo/testing';

/** Publishes another subgraph's event into the bus, as that subgraph would, and returns its envelope. */
export async function emit(stack: TestStack, producer: SubgraphName, name: EventName, payload: object, jurisdiction: string | null = null) {
  const rt = stack.runtimes.evaluation!;
  const pub = new EventPublisher(rt.boss, producer);
  return rt.orm.em.fork().transactional((tx) => pub.publish(tx, name, payload, jurisdiction));
}

/** Events evaluation published to a consumer's inbox (payloads), oldest first. */
export async function published(stack: TestStack, name: EventName, consumer: SubgraphName): Promise<any[]> {
  const rows = await sql<{ data: { payload: unknown } }>(
    stack.em('evaluation'),
    `select data from pgboss.job where name = $1 and data->>'name' = $2 order by created_on`,
    [`inbox_${consumer}`, name],
  );
  return rows.map((r) => r.data.payload);
}

export async function count(stack: TestStack, table: string, where = 'true', params: unknown[] = []): Promise<number> {
  const r = await sql<{ n: number }>(stack.em('evaluation'), `select count(*)::int as n from ${table} where ${where}`, params);
  return r[0]!.n;
}

export const code = (res: { errors?: { extensions?: Record<string, any> }[] }) => res.errors?.[0]?.extensions?.code;

/**
 * Waits until evaluation's own inbox is drained. (stack.settle() waits for every inbox, and the
 * other subgraphs are not running in these tests, so their inboxes never drain.)
 */
export async function settle(stack: TestStack, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [r] = await sql<{ pending: number; failed: number }>(
      stack.em('evaluation'),
      `select count(*) filter (where state in ('created','retry','active'))::int as pending, count(*) filter (where state = 'failed')::int as failed
         from pgboss.job where name = 'inbox_evaluation'`,
    );
    if (r!.failed > 0) {
      const errs = await sql(stack.em('evaluation'), `select data->>'name' as name, output from pgboss.job where name = 'inbox_evaluation' and state = 'failed' limit 3`);
      throw new Error(`evaluation failed to apply events: ${JSON.stringify(errs)}`);
    }
    if (r!.pending === 0) return;
    if (Date.now() > deadline) throw new Error(`${r!.pending} evaluation events still pending`);
    await new Promise((res) => setTimeout(res, 100));
  }
}
