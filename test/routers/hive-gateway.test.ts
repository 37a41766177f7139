/**
 * A standard federation router can serve the supergraph (docs/operations-routers.md): Hive Gateway,
 * configured from deploy/hive-gateway.config.ts, in front of the subgraphs started with
 * SUBGRAPH_AUTH=both — once as the runtime in this process, once as the `hive-gateway` CLI in its
 * own process, exactly as an operator starts it. The README's journeys (the same blocks
 * test/journeys/readme-examples.test.ts runs) give the same answers through both as through our own
 * gateway, anonymous and signed in; a subgraph refuses a router call without the shared secret, a
 * forged or century-long JWT, and a DPoP-bound token without its proof or with a replayed one.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, generateKeyPairSync, randomUUID, sign as cryptoSign } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer as createNetServer } from 'node:net';
import { createServer, type Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGatewayRuntime } from '@graphql-hive/gateway-runtime';
import * as httpTransport from '@graphql-mesh/transport-http';
import { DEMO_USERS } from '@pdo/demo';
import { mintToken, platformConfig, signIdentityHeaders, ROUTER_SECRET_HEADER, IDENTITY_HEADER, type Identity } from '@pdo/platform';
import { startTestStack, type GqlResult, type TestStack } from '@pdo/testing';
import { DEFINITIONS } from '../security/all-subgraphs.js';

// The subgraphs of this file accept our gateway's signature and a router's credential.
const ROUTER_SECRET = 'router-shared-secret-for-the-hive-test-0123456789';
process.env.SUBGRAPH_AUTH = 'both';
process.env.ROUTER_SHARED_SECRET = ROUTER_SECRET;

const root = fileURLToPath(new URL('../../', import.meta.url));
const readme = readFileSync(`${root}README.md`, 'utf8');
const examples = [...readme.matchAll(/```graphql\n# as: ([\w-]+)(?: at ([0-9TZ:.-]+))?\n([\s\S]*?)```/g)].map((m) => ({ as: m[1]!, now: m[2], query: m[3]! }));

let stack: TestStack;
let hive: ReturnType<typeof createGatewayRuntime>;
let hiveServer: Server;
let hiveUrl: string;
const config = () => platformConfig();

beforeAll(async () => {
  stack = await startTestStack(DEFINITIONS, { gateway: true, seed: true });
  const { hiveGatewayConfig } = await import('../../deploy/hive-gateway.config.js');
  const env: NodeJS.ProcessEnv = { ROUTER_SHARED_SECRET: ROUTER_SECRET, SUPERGRAPH_PATH: `${root}gateway/supergraph.graphql` };
  for (const [name, url] of Object.entries(stack.urls)) env[`${name.toUpperCase()}_URL`] = url;
  hive = createGatewayRuntime({
    ...hiveGatewayConfig(env),
    // The runtime resolves transports by package name from its own folder, which pnpm keeps private: hand it over.
    transports: { http: httpTransport },
    logging: 'error',
  } as never);
  hiveServer = createServer(hive);
  await new Promise<void>((resolve) => hiveServer.listen(0, '127.0.0.1', resolve));
  const addr = hiveServer.address();
  hiveUrl = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}/graphql`;
}, 180_000);

afterAll(async () => {
  hiveServer?.closeAllConnections();
  hiveServer?.close();
  await hive?.dispose();
  await stack?.stop();
});

function identityOf(key: string): Identity | undefined {
  const user = DEMO_USERS.find((u) => u.key === key);
  if (key !== 'anonymous' && !user) throw new Error(`unknown demo user ${key}`);
  return user ? { sub: user.sub, role: user.role, org: user.org, jurisdiction: user.jurisdiction } : undefined;
}

async function tokenFor(as: Identity | undefined): Promise<string | undefined> {
  if (!as || as.role === 'ANONYMOUS') return undefined;
  return mintToken(config(), { sub: as.sub, role: as.role, org: as.org, jurisdiction: as.jurisdiction });
}

async function post(url: string, query: string, headers: Record<string, string> = {}): Promise<{ status: number; body: GqlResult }> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query }) });
  return { status: res.status, body: (await res.json()) as GqlResult };
}

async function viaHive(query: string, token?: string): Promise<GqlResult> {
  return (await post(hiveUrl, query, token ? { authorization: `Bearer ${token}` } : {})).body;
}

describe('Hive Gateway serves the supergraph (deploy/hive-gateway.config.ts)', () => {
  it('has README journeys to run, anonymous and signed in', () => {
    expect(examples.length).toBeGreaterThanOrEqual(5);
    expect(examples.some((e) => e.as === 'anonymous')).toBe(true);
    expect(examples.some((e) => e.as !== 'anonymous')).toBe(true);
    expect(examples.every((e) => !e.now)).toBe(true);
  });

  it.each(examples.map((e, i) => [i + 1, e.as, e] as const))('README journey %i (as %s) answers the same through Hive Gateway as through our gateway', async (_i, _as, e) => {
    const as = identityOf(e.as);
    const ours = await stack.gql(e.query, {}, { as });
    const theirs = await viaHive(e.query, await tokenFor(as));
    expect(ours.errors, e.query).toBeUndefined();
    expect(theirs.errors, e.query).toBeUndefined();
    expect(JSON.stringify(theirs.data)).not.toBe('{}');
    expect(theirs.data).toEqual(ours.data);
  });

  it('plans node(id:) across subgraphs like our gateway (docs/api/node.md): the same objects, and null where the owner\'s access rule refuses', async () => {
    const finance = await tokenFor(identityOf('finance'));
    const ids = await stack.gql('{ dataResources(first: 1) { edges { node { nodeId } } } costSurveys(first: 1) { edges { node { nodeId } } } }', {}, { as: identityOf('finance') });
    const resource = ids.data.dataResources.edges[0].node.nodeId;
    const survey = ids.data.costSurveys.edges[0].node.nodeId;
    const q = `{ nodes(ids: ["${resource}", "${survey}"]) { __typename nodeId ... on DataResource { id nameZh } ... on CostSurvey { id name } } }`;
    for (const as of ['finance', 'developer']) {
      const ours = await stack.gql(q, {}, { as: identityOf(as) });
      const theirs = await viaHive(q, as === 'finance' ? finance : await tokenFor(identityOf(as)));
      expect(ours.errors).toBeUndefined();
      // Where the owner refuses, Hive Gateway also reports the null it got for a non-null field
      // (masked: "Unexpected error"), at that node's path only; the data are the same.
      expect((theirs.errors ?? []).every((e) => JSON.stringify(e.path?.slice(0, 2)) === '["nodes",1]' && as === 'developer')).toBe(true);
      expect(theirs.data).toEqual(ours.data);
      expect(theirs.data.nodes[0].__typename).toBe('DataResource');
      if (as === 'developer') expect(theirs.data.nodes[1]).toBeNull();
      else expect(theirs.data.nodes[1].__typename).toBe('CostSurvey');
    }
  });

  it('a signed-in caller is that user at the subgraph (their own agreements), the anonymous caller is the public', async () => {
    const q = '{ usageAgreements(first: 5) { totalCount } }';
    const developer = await viaHive(q, await tokenFor(identityOf('developer')));
    expect(developer.errors).toBeUndefined();
    expect(developer.data.usageAgreements.totalCount).toBeGreaterThan(0);
    const anonymous = await viaHive(q);
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(anonymous.data?.usageAgreements ?? null).toBeNull();
  });

  it('a forged JWT is refused: through Hive Gateway, and at the subgraph with the right router secret', async () => {
    const developer = identityOf('developer')!;
    const forged = await mintToken({ ...config(), jwtSecret: 'another-key-the-attacker-holds-0123456789abcdef' }, { sub: developer.sub, role: 'AUTHORITY', org: developer.org, jurisdiction: 'HN' });
    const q = '{ usageAgreements(first: 5) { totalCount } }';
    const res = await viaHive(q, forged);
    expect(res.data?.usageAgreements ?? null).toBeNull();
    expect(JSON.stringify(res.errors)).toContain('UNAUTHENTICATED');
    const direct = await post(stack.urls.licensing!, '{ __typename }', { [ROUTER_SECRET_HEADER]: ROUTER_SECRET, authorization: `Bearer ${forged}` });
    expect(direct.status).toBe(401);
    expect(direct.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('a token valid for a century is refused by the subgraph (JWT_MAX_LIFETIME holds behind a router too)', async () => {
    const century = 100 * 365 * 86_400;
    const long = await mintToken({ ...config(), jwtMaxLifetimeSec: century }, { sub: 'x', role: 'AUTHORITY', jurisdiction: 'HN', ttlSec: century });
    const direct = await post(stack.urls.licensing!, '{ __typename }', { [ROUTER_SECRET_HEADER]: ROUTER_SECRET, authorization: `Bearer ${long}` });
    expect(direct.status).toBe(401);
    expect(direct.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('a subgraph refuses a call without the router secret, or with a wrong one, even with a valid JWT', async () => {
    const token = await tokenFor(identityOf('developer'));
    const url = stack.urls.products!;
    const accepted = await post(url, '{ __typename }', { [ROUTER_SECRET_HEADER]: ROUTER_SECRET, authorization: `Bearer ${token}` });
    expect(accepted.status).toBe(200);
    expect(accepted.body.data).toEqual({ __typename: 'Query' });
    const attempts: Record<string, string>[] = [{ authorization: `Bearer ${token}` }, { [ROUTER_SECRET_HEADER]: `${ROUTER_SECRET}x`, authorization: `Bearer ${token}` }, { [ROUTER_SECRET_HEADER]: '', authorization: `Bearer ${token}` }, {}];
    for (const headers of attempts) {
      const refused = await post(url, '{ __typename }', headers);
      expect(refused.status).toBe(401);
      expect(refused.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      expect(refused.body.data ?? null).toBeNull();
    }
  });

  it('unsigned identity headers next to the router secret grant nothing (they are checked as a gateway signature)', async () => {
    const authority = Buffer.from(JSON.stringify({ sub: 'x', role: 'AUTHORITY', org: null, jurisdiction: 'HN' })).toString('base64url');
    const refused = await post(stack.urls.licensing!, '{ __typename }', { [ROUTER_SECRET_HEADER]: ROUTER_SECRET, [IDENTITY_HEADER]: authority });
    expect(refused.status).toBe(401);
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('our gateway keeps its signed mode next to the router mode (SUBGRAPH_AUTH=both)', async () => {
    const signed = await stack.subgraph('products', '{ __typename }');
    expect(signed.data).toEqual({ __typename: 'Query' });
    const body = JSON.stringify({ query: '{ __typename }' });
    const headers = signIdentityHeaders({ sub: 'anonymous', role: 'ANONYMOUS', org: null, jurisdiction: null }, config().gatewaySecret, { audience: 'products', method: 'POST', path: '/graphql', body: 'something else' });
    const res = await fetch(stack.urls.products!, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
    expect(res.status).toBe(401);
  });
});

/** A client's DPoP key and proofs (RFC 9449), with node:crypto only: ES256 over P-256. */
function dpopClient() {
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const jwk = publicKey.export({ format: 'jwk' }) as { kty: string; crv: string; x: string; y: string };
  // RFC 7638: the thumbprint hashes the required members in lexicographic order.
  const jkt = createHash('sha256').update(JSON.stringify({ crv: jwk.crv, kty: jwk.kty, x: jwk.x, y: jwk.y })).digest('base64url');
  const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  return {
    jkt,
    proof(token: string, htu: string) {
      const input = `${b64({ alg: 'ES256', typ: 'dpop+jwt', jwk: { kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y } })}.${b64({ jti: randomUUID(), htm: 'POST', htu, iat: Math.floor(Date.now() / 1000), ath: createHash('sha256').update(token).digest('base64url') })}`;
      return `${input}.${cryptoSign('sha256', Buffer.from(input), { key: privateKey, dsaEncoding: 'ieee-p1363' }).toString('base64url')}`;
    },
  };
}

describe('router mode with DPoP-bound tokens: a replayed request is refused (auth/dpop.ts)', () => {
  const q = '{ usageAgreements(first: 5) { totalCount } }';

  it('a bound token with a fresh proof passes through Hive Gateway; the same request sent again is refused; no proof, no access', async () => {
    const client = dpopClient();
    const developer = identityOf('developer')!;
    const token = await mintToken(config(), { sub: developer.sub, role: developer.role as never, org: developer.org, jurisdiction: developer.jurisdiction, dpopJkt: client.jkt });
    const headers = { authorization: `DPoP ${token}`, dpop: client.proof(token, hiveUrl) };
    const first = await post(hiveUrl, q, headers);
    expect(first.body.errors).toBeUndefined();
    expect(first.body.data.usageAgreements.totalCount).toBeGreaterThan(0);
    // A captured request (token and proof) replayed within the window: the subgraph has seen this proof with this body.
    const replay = await post(hiveUrl, q, headers);
    expect(replay.body.data?.usageAgreements ?? null).toBeNull();
    expect(JSON.stringify(replay.body.errors)).toContain('UNAUTHENTICATED');
    const bare = await post(hiveUrl, q, { authorization: `Bearer ${token}` });
    expect(bare.body.data?.usageAgreements ?? null).toBeNull();
    expect(JSON.stringify(bare.body.errors)).toContain('UNAUTHENTICATED');
    // A new proof from the client's key: accepted again.
    const next = await post(hiveUrl, q, { authorization: `DPoP ${token}`, dpop: client.proof(token, hiveUrl) });
    expect(next.body.data.usageAgreements.totalCount).toBe(first.body.data.usageAgreements.totalCount);
  });
});

async function freePort(): Promise<number> {
  const probe = createNetServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const port = (probe.address() as { port: number }).port;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

describe('the Hive Gateway CLI (`hive-gateway supergraph … -c deploy/hive-gateway.config.ts`, its own process)', () => {
  let cli: ChildProcess | undefined;
  let cliUrl: string;
  const output: string[] = [];

  beforeAll(async () => {
    const port = await freePort();
    const env: NodeJS.ProcessEnv = { ...process.env, ROUTER_SHARED_SECRET: ROUTER_SECRET };
    for (const [name, url] of Object.entries(stack.urls)) env[`${name.toUpperCase()}_URL`] = url;
    // The package's own binary, from the directory an operator runs it in (the repository root).
    cli = spawn(`${root}test/node_modules/.bin/hive-gateway`, ['supergraph', 'gateway/supergraph.graphql', '-c', 'deploy/hive-gateway.config.ts', '-p', String(port), '-h', '127.0.0.1'], {
      cwd: root,
      env,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    cli.stdout!.on('data', (d) => output.push(String(d)));
    cli.stderr!.on('data', (d) => output.push(String(d)));
    cliUrl = `http://127.0.0.1:${port}/graphql`;
    const deadline = Date.now() + 30_000;
    for (;;) {
      const ready = await fetch(`http://127.0.0.1:${port}/readiness`).then((r) => r.ok, () => false);
      if (ready) break;
      if (cli.exitCode !== null || Date.now() > deadline) throw new Error(`hive-gateway did not become ready:\n${output.join('')}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }, 60_000);

  afterAll(() => {
    // Its process group: the CLI is a shell shim around node.
    if (cli?.pid && cli.exitCode === null) process.kill(-cli.pid, 'SIGTERM');
  });

  it.each(examples.map((e, i) => [i + 1, e.as, e] as const))('README journey %i (as %s) answers the same through the CLI as through our gateway', async (_i, _as, e) => {
    const as = identityOf(e.as);
    const token = await tokenFor(as);
    const ours = await stack.gql(e.query, {}, { as });
    const theirs = (await post(cliUrl, e.query, token ? { authorization: `Bearer ${token}` } : {})).body;
    expect(theirs.errors, e.query).toBeUndefined();
    expect(theirs.data).toEqual(ours.data);
  });

  it('without ROUTER_SHARED_SECRET the CLI refuses to start (the config throws)', async () => {
    const env: NodeJS.ProcessEnv = { ...process.env };
    delete env.ROUTER_SHARED_SECRET;
    const failed = spawn(`${root}test/node_modules/.bin/hive-gateway`, ['supergraph', 'gateway/supergraph.graphql', '-c', 'deploy/hive-gateway.config.ts', '-p', String(await freePort()), '-h', '127.0.0.1'], { cwd: root, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    const text: string[] = [];
    failed.stdout!.on('data', (d) => text.push(String(d)));
    failed.stderr!.on('data', (d) => text.push(String(d)));
    const code = await new Promise<number | null>((resolve) => {
      const timer = setTimeout(() => {
        process.kill(-failed.pid!, 'SIGTERM');
        resolve(null);
      }, 20_000);
      failed.on('exit', (c) => (clearTimeout(timer), resolve(c)));
    });
    expect(code).not.toBe(0);
    expect(text.join('')).toContain('ROUTER_SHARED_SECRET');
  }, 30_000);
});
