import http from 'node:http';

export interface GqlResponse<T = any> {
  data?: T;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
  extensions?: Record<string, any>;
}

/** Keep-alive client used by the direct-subgraph journey and the one-off checks. */
export function keepAliveAgent(maxSockets = 64): http.Agent {
  return new http.Agent({ keepAlive: true, maxSockets });
}

/** `headers` may be a function of the body's text (a signature bound to the body). */
export function postJson<T = any>(url: string, body: unknown, headers: Record<string, string> | ((text: string) => Record<string, string>) = {}, agent?: http.Agent): Promise<GqlResponse<T>> {
  const text = JSON.stringify(body);
  const payload = Buffer.from(text);
  if (typeof headers === 'function') headers = headers(text);
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: u.hostname, port: u.port, path: u.pathname, method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': String(payload.length), ...headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          try {
            resolve(JSON.parse(text) as GqlResponse<T>);
          } catch {
            reject(new Error(`${url} answered ${res.statusCode}: ${text.slice(0, 300)}`));
          }
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

/** JSON with object keys sorted: two responses are "identical" when these strings are equal. */
export function canonical(v: unknown): string {
  return JSON.stringify(v, (_k, x) => (x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : x));
}
