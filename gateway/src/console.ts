import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { DomainError, sendJson } from '@pdo/platform';
import { DEMO_USERS } from '@pdo/demo';
import { mintToken } from './auth.js';
import type { GatewayConfig } from './config.js';

/** Where `pnpm --filter @pdo/console build` writes the web console (override: CONSOLE_DIR). */
export const CONSOLE_DIST = fileURLToPath(new URL('../../packages/console/dist', import.meta.url));
export const CONSOLE_PREFIX = '/console';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

export interface ConsoleOptions {
  /** Built console folder (default packages/console/dist, or CONSOLE_DIR, validated in gateway/src/config.ts). */
  dir?: string;
}

/**
 * The web console at /console: static files of the Vite build, every unknown path under /console
 * answered with index.html (client-side routes), hashed assets cached for a year, index.html never.
 * In development only, /console/dev-users and /console/dev-token?user=<key> hand out tokens of the
 * demo users so a browser can sign in without a secret, and only to a client on this machine (the
 * socket's peer address is loopback; X-Forwarded-For and Host are not trusted): a development gateway
 * listens on 0.0.0.0, and anyone on the network must not get an AUTHORITY token from it. In
 * production both are 404.
 * Returns a `routes` handler for createGraphQLHttpServer: true when it answered the request.
 */
export function createConsoleRoutes(config: GatewayConfig, options: ConsoleOptions = {}) {
  const root = resolve(options.dir ?? config.consoleDir ?? CONSOLE_DIST);
  return async function consoleRoutes(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = url.pathname;
    if (path === '/' && (req.method === 'GET' || req.method === 'HEAD')) {
      res.writeHead(302, { location: `${CONSOLE_PREFIX}/` });
      res.end();
      return true;
    }
    if (path !== CONSOLE_PREFIX && !path.startsWith(`${CONSOLE_PREFIX}/`)) return false;
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      sendJson(res, 405, { error: 'method not allowed' }, { allow: 'GET, HEAD' });
      return true;
    }
    if (path === CONSOLE_PREFIX) {
      res.writeHead(301, { location: `${CONSOLE_PREFIX}/` });
      res.end();
      return true;
    }
    if (path === `${CONSOLE_PREFIX}/dev-users` || path === `${CONSOLE_PREFIX}/dev-token`) {
      await devTokens(config, path, url, req, res);
      return true;
    }
    await serveStatic(root, decodeSafe(path.slice(CONSOLE_PREFIX.length + 1)), req, res);
    return true;
  };
}

function decodeSafe(p: string): string | null {
  try {
    return decodeURIComponent(p);
  } catch {
    return null;
  }
}

/** 127.0.0.0/8 and ::1, also as IPv4-mapped IPv6 (::ffff:127.0.0.1). */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  const v4 = address.startsWith('::ffff:') ? address.slice(7) : address;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(v4) || address === '::1' || address === '0:0:0:0:0:0:0:1';
}

async function devTokens(config: GatewayConfig, path: string, url: URL, req: IncomingMessage, res: ServerResponse): Promise<void> {
  // Minting needs the HS256 secret; a production gateway (or one verifying via JWKS) never offers it.
  if (config.production || !config.jwtSecret) {
    sendJson(res, 404, { error: 'not found' });
    return;
  }
  const noStore = { 'cache-control': 'no-store' };
  if (!isLoopbackAddress(req.socket.remoteAddress)) {
    const e = new DomainError('FORBIDDEN', '演示令牌仅向本机提供', 'Demo tokens are served to this machine (loopback) only');
    sendJson(res, 403, { errors: [e.toGraphQLError()] }, noStore);
    return;
  }
  if (path.endsWith('/dev-users')) {
    sendJson(res, 200, { users: DEMO_USERS.map((u) => ({ key: u.key, nameZh: u.nameZh, role: u.role, org: u.org, jurisdiction: u.jurisdiction })) }, noStore);
    return;
  }
  const user = DEMO_USERS.find((u) => u.key === url.searchParams.get('user'));
  if (!user) {
    sendJson(res, 400, { error: `unknown demo user; known: ${DEMO_USERS.map((u) => u.key).join(', ')}` }, noStore);
    return;
  }
  const token = await mintToken(config, { sub: user.sub, role: user.role, org: user.org, jurisdiction: user.jurisdiction, name: user.nameZh });
  sendJson(res, 200, { token, user: { key: user.key, nameZh: user.nameZh, role: user.role, org: user.org, jurisdiction: user.jurisdiction } }, noStore);
}

async function serveStatic(root: string, rel: string | null, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const index = join(root, 'index.html');
  let file = index;
  if (rel && rel !== '') {
    const candidate = normalize(join(root, rel));
    // Path traversal (../, encoded or not) never leaves the build folder.
    if (candidate !== root && !candidate.startsWith(root + sep)) {
      sendJson(res, 404, { error: 'not found' });
      return;
    }
    const info = await stat(candidate).catch(() => null);
    if (info?.isFile()) file = candidate;
    else if (extname(rel) !== '' && rel.startsWith('assets/')) {
      // A missing hashed asset is a stale page; answering it with HTML would only hide that.
      sendJson(res, 404, { error: 'not found' });
      return;
    }
  }
  let body: Buffer;
  try {
    body = await readFile(file);
  } catch {
    res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
    res.end('控制台尚未构建：请运行 pnpm --filter @pdo/console build | The console is not built: run pnpm --filter @pdo/console build\n');
    return;
  }
  const hashed = file.startsWith(join(root, 'assets') + sep);
  res.writeHead(200, {
    'content-type': CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
    'content-length': body.length,
    // Vite names assets by content hash: cache them for good; the HTML that points at them must be fresh.
    'cache-control': hashed ? 'public, max-age=31536000, immutable' : 'no-cache',
  });
  res.end(req.method === 'HEAD' ? undefined : body);
}
