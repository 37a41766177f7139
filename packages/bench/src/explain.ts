/**
 * What each SQL statement of one listing page costs PostgreSQL: the subgraphs the page calls run
 * in this process on the generated database, the statements they send for one direct listing
 * journey are recorded from the pg driver (text and parameters), and each is then run again under
 * EXPLAIN (ANALYZE, BUFFERS) in its subgraph's schema. Prints per statement: the subgraph, the
 * execution and planning time, buffers hit/read, rows, and the statement's first words.
 */
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Server } from 'node:http';
import pg from 'pg';
import { ANONYMOUS, createSubgraphRuntime, platformConfig, serveSubgraph, signIdentityHeaders, startBoss, type SubgraphRuntime } from '@pdo/platform';
import type { SubgraphName } from '@pdo/events';
import { DEFINITIONS } from './stack.js';
import { directListing, subgraphOf } from './direct.js';
import { keepAliveAgent } from './http.js';
import { ROOT } from './procs.js';
import { SEARCH_TERM } from './generate.js';

export interface StatementCost {
  subgraph: string;
  sql: string;
  executionMs: number;
  planningMs: number;
  sharedHit: number;
  sharedRead: number;
  rows: number;
}

interface Captured {
  schema: string;
  text: string;
  values: unknown[];
}

type QueryFn = (this: { connectionParameters?: { options?: string } }, ...args: unknown[]) => unknown;

/** Every copy of `pg` in the install (the ORM's may differ from the bench's): each Client's query is wrapped while recording. */
function pgClients(): { prototype: { query: QueryFn } }[] {
  const dir = join(ROOT, 'node_modules/.pnpm');
  return readdirSync(dir)
    .filter((d) => /^pg@\d/.test(d))
    .map((d) => createRequire(join(dir, d, 'node_modules/pg/package.json'))('pg').Client);
}

/**
 * Wraps every Client's query from the start (the platform's pool guard keeps the query function a
 * client had at its first checkout); statements are kept only while `on` is set.
 */
function recorder(): { captured: Captured[]; on: boolean; restore(): void } {
  const r = { captured: [] as Captured[], on: false, restore: () => {} };
  const restore: (() => void)[] = [];
  for (const Client of pgClients()) {
    const original = Client.prototype.query;
    Client.prototype.query = function (this: { connectionParameters?: { options?: string } }, ...args: unknown[]) {
      if (r.on) {
        const [q, v] = args as [string | { text: string; values?: unknown[] }, unknown[] | undefined];
        const text = typeof q === 'string' ? q : q?.text;
        const schema = /search_path=([a-z_]+)/.exec(this.connectionParameters?.options ?? '')?.[1] ?? 'public';
        if (text) r.captured.push({ schema, text, values: (typeof q === 'object' ? q.values : v) ?? [] });
      }
      return original.apply(this, args);
    };
    restore.push(() => void (Client.prototype.query = original));
  }
  r.restore = () => restore.forEach((x) => x());
  return r;
}

const SKIP = /^\s*(begin|commit|rollback|set |select 1\b|savepoint|release)/i;

export async function explainListing(databaseUrl: string): Promise<StatementCost[]> {
  const rec = recorder();
  const boss = await startBoss(databaseUrl);
  const names: SubgraphName[] = ['catalog', 'licensing', 'products', 'evaluation'];
  const runtimes: SubgraphRuntime<unknown>[] = [];
  const servers: Server[] = [];
  const agent = keepAliveAgent(8);
  const owner = new pg.Client({ connectionString: databaseUrl });
  await owner.connect();
  try {
    const urls: Record<string, string> = {};
    for (const n of names) {
      const rt = await createSubgraphRuntime(DEFINITIONS[n], { databaseUrl, boss, consume: false, migrate: false });
      runtimes.push(rt);
      const s = await serveSubgraph(rt, 0);
      servers.push(s.server);
      urls[n] = `http://127.0.0.1:${s.port}/graphql`;
    }
    const secret = platformConfig().gatewaySecret;
    const target = { urls, agent, headers: (url: string, body: string) => signIdentityHeaders(ANONYMOUS, secret, { audience: subgraphOf(urls, url), method: 'POST', path: new URL(url).pathname, body }) };
    await directListing(target, { search: SEARCH_TERM, first: 20 }); // warms the pools and PostgreSQL's cache
    rec.on = true;
    await directListing(target, { search: SEARCH_TERM, first: 20 });
    rec.on = false;
    const out: StatementCost[] = [];
    const explain = async (c: Captured, label = '') => {
      const { rows } = await owner.query(`explain (analyze, buffers, format json) ${c.text}`, c.values);
      const plan = (rows[0]['QUERY PLAN'] as any[])[0];
      out.push({
        subgraph: c.schema,
        sql: label + c.text.replace(/\s+/g, ' ').trim().slice(0, 90 - label.length),
        executionMs: Math.round(plan['Execution Time'] * 100) / 100,
        planningMs: Math.round(plan['Planning Time'] * 100) / 100,
        sharedHit: plan.Plan['Shared Hit Blocks'] ?? 0,
        sharedRead: plan.Plan['Shared Read Blocks'] ?? 0,
        rows: plan.Plan['Actual Rows'] ?? 0,
      });
    };
    for (const c of rec.captured.filter((x) => !SKIP.test(x.text))) {
      await owner.query(`set search_path to ${c.schema}, public`);
      // Twice: the first plan in this session also loads the catalog caches a subgraph's long-lived connection has warm.
      await owner.query(`explain (analyze, buffers, format json) ${c.text}`, c.values);
      await explain(c);
      // The marketplace's facets statement answers a repeated search from the row kept for it (products migration
      // 0014); its cost when nothing is kept (the first request after a listing change) is measured too, rolled back.
      if (/insert into market_search/.test(c.text)) {
        await owner.query('begin');
        try {
          await owner.query('delete from market_search');
          await explain(c, '(nothing kept) ');
        } finally {
          await owner.query('rollback');
        }
      }
    }
    return out;
  } finally {
    rec.restore();
    agent.destroy();
    await owner.end().catch(() => {});
    for (const s of servers) s.close();
    for (const rt of runtimes) await rt.orm.close().catch(() => {});
    await boss.stop({ graceful: false, timeout: 1000 } as never).catch(() => {});
  }
}
