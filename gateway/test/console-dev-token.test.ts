/**
 * Development sign-in tokens (gateway/src/console.ts) are served to this machine only: the
 * socket's peer must be loopback. A development gateway listens on 0.0.0.0, so anyone on the
 * network could otherwise ask it for an AUTHORITY token. X-Forwarded-For is not trusted.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { networkInterfaces } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConsoleRoutes, isLoopbackAddress } from '../src/console.js';
import { gatewayConfig } from '../src/config.js';

let server: Server;
let port: number;
/** The peer address the handler will see for the next request (undefined: the real one). */
let fakeRemote: string | undefined;

beforeAll(async () => {
  const routes = createConsoleRoutes(gatewayConfig({ NODE_ENV: 'development' }), { dir: '/nonexistent' });
  server = createServer(async (req: IncomingMessage, res) => {
    if (fakeRemote !== undefined) Object.defineProperty(req.socket, 'remoteAddress', { value: fakeRemote, configurable: true });
    if (!(await routes(req, res))) {
      res.statusCode = 404;
      res.end();
    }
  });
  // All interfaces, as a development gateway listens (GATEWAY_HOST=0.0.0.0).
  await new Promise<void>((resolve) => server.listen(0, '0.0.0.0', resolve));
  port = (server.address() as { port: number }).port;
});
afterAll(() => server?.close());

async function get(path: string, host = '127.0.0.1', headers: Record<string, string> = {}) {
  // A fresh connection per request: the fake address is set on the socket.
  const res = await fetch(`http://${host}:${port}${path}`, { headers: { connection: 'close', ...headers } });
  return { status: res.status, body: (await res.json()) as any };
}

describe('console dev tokens', () => {
  it('are served to a loopback client', async () => {
    fakeRemote = undefined;
    const r = await get('/console/dev-token?user=authority');
    expect(r.status).toBe(200);
    expect(r.body.token).toMatch(/^ey/);
    expect((await get('/console/dev-users')).status).toBe(200);
  });

  it('are refused (FORBIDDEN) to a client on another address, whatever X-Forwarded-For says', async () => {
    fakeRemote = '192.168.1.23';
    try {
      for (const path of ['/console/dev-token?user=authority', '/console/dev-users']) {
        const r = await get(path, '127.0.0.1', { 'x-forwarded-for': '127.0.0.1' });
        expect(r.status).toBe(403);
        expect(r.body.token).toBeUndefined();
        expect(r.body.errors[0].extensions.code).toBe('FORBIDDEN');
      }
    } finally {
      fakeRemote = undefined;
    }
  });

  const external = Object.values(networkInterfaces()).flat().find((i) => i && i.family === 'IPv4' && !i.internal)?.address;
  it.skipIf(!external)(`are refused over this machine's network address (${external ?? 'none'})`, async () => {
    fakeRemote = undefined;
    const r = await get('/console/dev-token?user=authority', external);
    expect(r.status).toBe(403);
    expect(r.body.token).toBeUndefined();
  });

  it('loopback means 127.0.0.0/8 and ::1, also IPv4-mapped', () => {
    for (const a of ['127.0.0.1', '127.1.2.3', '::1', '::ffff:127.0.0.1']) expect(isLoopbackAddress(a)).toBe(true);
    for (const a of ['10.0.0.1', '::ffff:10.0.0.1', '0.0.0.0', '::', '128.0.0.1', '127.0.0.1.evil', undefined]) expect(isLoopbackAddress(a)).toBe(false);
  });
});
