/** The gateway's /console handler (gateway/src/console.ts): static files, SPA fallback, dev tokens. */
import { createServer, type Server } from 'node:http';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConsoleRoutes } from '../../../gateway/src/console.js';
import { gatewayConfig } from '../../../gateway/src/config.js';

const outer = mkdtempSync(join(tmpdir(), 'console-dist-'));
const dir = join(outer, 'dist');
mkdirSync(join(dir, 'assets'), { recursive: true });
writeFileSync(join(dir, 'index.html'), '<!doctype html><div id="root"></div>');
writeFileSync(join(dir, 'assets', 'index-abc123.js'), 'console.log(1)');
writeFileSync(join(dir, 'favicon.svg'), '<svg/>');
writeFileSync(join(outer, 'secret.txt'), 'secret');

function serve(env: NodeJS.ProcessEnv): Promise<{ server: Server; base: string }> {
  const routes = createConsoleRoutes(gatewayConfig(env), { dir });
  const server = createServer(async (req, res) => {
    if (!(await routes(req, res))) {
      res.statusCode = 404;
      res.end('fallthrough');
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, base: `http://127.0.0.1:${(server.address() as { port: number }).port}` })));
}

let dev: { server: Server; base: string };
let prod: { server: Server; base: string };
beforeAll(async () => {
  dev = await serve({ NODE_ENV: 'development' });
  prod = await serve({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40), GATEWAY_HMAC_SECRET: 'y'.repeat(40), JWT_ISSUER: 'pdo-prod', JWT_AUDIENCE: 'pdo-marketplace' });
});
afterAll(() => {
  dev.server.close();
  prod.server.close();
});

describe('console static files', () => {
  it('serves hashed assets for a year and index.html fresh, with content types', async () => {
    const js = await fetch(`${dev.base}/console/assets/index-abc123.js`);
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(js.headers.get('cache-control')).toContain('immutable');
    const svg = await fetch(`${dev.base}/console/favicon.svg`);
    expect(svg.headers.get('content-type')).toBe('image/svg+xml');
    const html = await fetch(`${dev.base}/console/`);
    expect(html.headers.get('content-type')).toMatch(/^text\/html/);
    expect(html.headers.get('cache-control')).toBe('no-cache');
  });
  it('answers client routes with index.html but a missing asset with 404', async () => {
    const route = await fetch(`${dev.base}/console/finance`);
    expect(route.status).toBe(200);
    expect(await route.text()).toContain('id="root"');
    expect((await fetch(`${dev.base}/console/assets/gone-123.js`)).status).toBe(404);
  });
  it('never leaves the build folder and leaves other paths alone', async () => {
    for (const p of ['/console/..%2fsecret.txt', '/console/%2e%2e/secret.txt', '/console/assets/..%2f..%2fsecret.txt']) {
      const r = await fetch(`${dev.base}${p}`);
      expect(await r.text(), p).not.toContain('secret');
    }
    expect(await (await fetch(`${dev.base}/graphql`)).text()).toBe('fallthrough');
    expect((await fetch(`${dev.base}/console/`, { method: 'POST' })).status).toBe(405);
  });
});

describe('development tokens', () => {
  it('lists demo users and mints a token for one in development', async () => {
    const users = (await (await fetch(`${dev.base}/console/dev-users`)).json()) as { users: Array<{ key: string; role: string }> };
    expect(users.users.find((u) => u.key === 'finance')?.role).toBe('FINANCE');
    const r = await fetch(`${dev.base}/console/dev-token?user=finance`);
    expect(r.headers.get('cache-control')).toBe('no-store');
    const { token } = (await r.json()) as { token: string };
    const claims = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as { role: string; jurisdiction: string };
    expect(claims).toMatchObject({ role: 'FINANCE', jurisdiction: 'HN' });
    expect((await fetch(`${dev.base}/console/dev-token?user=root`)).status).toBe(400);
  });
  it('refuses both in production', async () => {
    expect((await fetch(`${prod.base}/console/dev-users`)).status).toBe(404);
    expect((await fetch(`${prod.base}/console/dev-token?user=finance`)).status).toBe(404);
    expect((await fetch(`${prod.base}/console/`)).status).toBe(200);
  });
});
