import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { DomainError, encodeBody, sendBody, sendJson, type ContentEncoding } from '@pdo/platform';
import { DEMO_USERS } from '@pdo/demo';
import { mintToken } from './auth.js';
import type { GatewayConfig } from './config.js';

/** Where `pnpm --filter @pdo/console build` writes the web console (override: CONSOLE_DIR). */
export const CONSOLE_DIST = fileURLToPath(new URL('../../packages/console/dist', import.meta.url));
export const CONSOLE_PREFIX = '/console';
/** The GraphiQL page of the console build (packages/console/explorer.html). */
export const EXPLORER_PAGE = 'explorer.html';

/**
 * The explorer page's policy: the gateway's own (scripts, workers, fonts, fetches: this origin
 * only; no inline script, no eval), plus inline styles, which the Monaco editor sets at run time, and GraphiQL's fonts, embedded in its
 * stylesheet as data: URIs.
 */
export const EXPLORER_CSP = "default-src 'self'; script-src 'self'; worker-src 'self'; connect-src 'self'; img-src 'self' data:; font-src 'self' data:; style-src 'self' 'unsafe-inline'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

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
  '.ttf': 'font/ttf',
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
    const rel = decodeSafe(path.slice(CONSOLE_PREFIX.length + 1));
    // The explorer's page is served at /graphql only, under its own policy, and only when enabled.
    if (rel === EXPLORER_PAGE) {
      sendJson(res, 404, { error: 'not found' });
      return true;
    }
    await serveStatic(root, rel, req, res);
    return true;
  };
}

/**
 * GET /graphql from a browser (Accept: text/html, no query in the URL): the bundled GraphiQL page
 * when the explorer is enabled (EXPLORER_ENABLED; on in development). Returns true when it answered.
 */
export function createExplorerRoute(config: GatewayConfig, options: ConsoleOptions = {}) {
  const root = resolve(options.dir ?? config.consoleDir ?? CONSOLE_DIST);
  return async function explorerRoute(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    if (!config.explorerEnabled || (req.method !== 'GET' && req.method !== 'HEAD')) return false;
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname !== '/graphql' || url.searchParams.has('query') || !String(req.headers.accept ?? '').includes('text/html')) return false;
    res.setHeader('content-security-policy', EXPLORER_CSP);
    await serveStatic(root, EXPLORER_PAGE, req, res);
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
  let info: { mtimeMs: number; size: number } | null = null;
  try {
    body = await readFile(file);
    info = await stat(file);
  } catch {
    res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
    res.end('控制台尚未构建：请运行 pnpm --filter @pdo/console build | The console is not built: run pnpm --filter @pdo/console build\n');
    return;
  }
  const hashed = file.startsWith(join(root, 'assets') + sep);
  const version = `${file}\n${info?.mtimeMs}\n${info?.size}`;
  await sendBody(
    req,
    res,
    200,
    {
      'content-type': CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
      // Vite names assets by content hash: cache them for good; the HTML that points at them must be fresh.
      'cache-control': hashed ? 'public, max-age=31536000, immutable' : 'no-cache',
    },
    body,
    { encoded: (encoding) => encodedFile(version, file, body, encoding) },
  );
}

/**
 * Each static file is compressed once per encoding and kept (the build is a fixed set of files):
 * the console build writes `<file>.br` and `<file>.gz` next to each file (vite.config.ts); without
 * them the gateway compresses the file itself. A rebuilt file (new mtime or size) starts over.
 */
const encodedFiles = new Map<string, Promise<Buffer>>();
const SUFFIX = { br: '.br', gzip: '.gz' } as const;
function encodedFile(version: string, file: string, body: Buffer, encoding: Exclude<ContentEncoding, 'identity'>): Promise<Buffer> {
  const key = `${encoding}\n${version}`;
  let p = encodedFiles.get(key);
  if (!p) {
    p = (async () => {
      const [pre, fileInfo] = await Promise.all([stat(file + SUFFIX[encoding]).catch(() => null), stat(file)]);
      if (pre?.isFile() && pre.mtimeMs >= fileInfo.mtimeMs) return readFile(file + SUFFIX[encoding]);
      return encodeBody(body, encoding, 'best');
    })();
    encodedFiles.set(key, p);
    p.catch(() => encodedFiles.delete(key));
  }
  return p;
}
