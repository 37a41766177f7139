import { createHash } from 'node:crypto';
import type pg from 'pg';

/**
 * Sends a connection's parameterised statements as named prepared statements, so PostgreSQL parses and analyses
 * each distinct statement once per connection instead of on every execution, and may reuse its plan
 * (`plan_cache_mode`): under the benchmark, parsing and planning cost more than executing most of a page's
 * statements (packages/bench/README.md, "Prepared statements").
 *
 * Only statements with parameters: one without is sent on the simple protocol, which also carries the
 * multi-statement scripts of migrations and cannot be prepared. The name is a digest of the text, so the same text
 * always finds its statement. A connection keeps at most `max` of them (a text seen after that is sent unnamed):
 * texts that differ by their number of parameters (`in ($1, …, $n)`) would otherwise grow a backend's memory
 * without bound. `max` 0 turns naming off, for a pooler in transaction mode that cannot keep prepared statements
 * (`DB_PREPARED_STATEMENTS`, docs/operations-deploy.md "Connection poolers").
 */
export function namePreparedStatements(client: pg.ClientBase, max: number): void {
  if (max <= 0) return;
  const named = new Set<string>();
  const query = client.query;
  (client as { query: unknown }).query = function (this: pg.ClientBase, ...args: unknown[]) {
    const [text, values] = args as [unknown, unknown];
    if (typeof text === 'string' && Array.isArray(values) && values.length > 0 && typeof args[2] !== 'function') {
      const name = statementName('pdo_', text);
      if (named.has(name) || named.size < max) {
        named.add(name);
        return (query as (...a: unknown[]) => unknown).call(this, { name, text, values });
      }
    }
    return (query as (...a: unknown[]) => unknown).apply(this, args);
  };
}

/** Names already derived, by prefix and text; bounded, since texts that differ by their parameter count are many. */
const NAMES = new Map<string, string>();
const KEPT_NAMES = 1000;

/**
 * The prepared statement's name of a text: the prefix and a digest of the text, so the same text always finds its
 * statement in a session. Remembered per text, because a digest on every execution showed in the data plane's profile.
 */
export function statementName(prefix: string, text: string): string {
  const key = prefix + text;
  let name = NAMES.get(key);
  if (name === undefined) {
    if (NAMES.size >= KEPT_NAMES) NAMES.delete(NAMES.keys().next().value!);
    NAMES.set(key, (name = `${prefix}${createHash('sha256').update(text).digest('hex').slice(0, 32)}`));
  }
  return name;
}
