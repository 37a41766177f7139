/**
 * The public schema for download (gateway/src/public-schema.ts): GET /schema.graphql is the API as
 * clients see it, without federation internals, and equals both the checked-in
 * gateway/schema.graphql and a fresh generation from the subgraphs (run `pnpm compose` after a
 * schema change). Also the explorer's page at GET /graphql, and both switched off in production.
 */
import { existsSync, readFileSync } from 'node:fs';
import { buildSchema } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONSOLE_DIST } from '../src/console.js';
import { composeSupergraph, gatewayConfig, gatewayEnv, PUBLIC_SCHEMA_FILE, publicSchemaSdl, startGateway, type RunningGateway } from '../src/index.js';
import { raw } from './http-raw.js';

/** Names that belong to federation's machinery, never to the client's API. */
const INTERNALS = [/\b_entities\b/, /\b_service\b/, /\b_Any\b/, /\b_Entity\b/, /\bFieldSet\b/, /\bjoin__/, /\blink__/, /@key\b/, /@link\b/, /@join__/, /@inaccessible\b/, /@shareable\b/, /@external\b/, /@requires\b/, /@provides\b/];

let dev: RunningGateway;
let prod: RunningGateway;
const base = (g: RunningGateway) => `http://127.0.0.1:${g.port}`;

beforeAll(async () => {
  // No subgraph needs to run: the gateway plans from the supergraph file and calls none here.
  [dev, prod] = await Promise.all([
    startGateway({ port: 0, gatewayHost: '127.0.0.1', explorerEnabled: true }),
    startGateway({ port: 0, gatewayHost: '127.0.0.1', explorerEnabled: false }),
  ]);
}, 60_000);
afterAll(async () => Promise.all([dev?.stop(), prod?.stop()]));

describe('EXPLORER_ENABLED', () => {
  it('is on in development, can be switched off, and refuses a value that is not 0 or 1, naming the variable', () => {
    expect(gatewayConfig({ NODE_ENV: 'development' }).explorerEnabled).toBe(true);
    expect(gatewayConfig({ NODE_ENV: 'development', EXPLORER_ENABLED: '0' }).explorerEnabled).toBe(false);
    expect(() => gatewayEnv({ EXPLORER_ENABLED: 'yes' })).toThrow(/EXPLORER_ENABLED/);
  });
});

describe('GET /schema.graphql', () => {
  it('serves the public schema without federation internals', async () => {
    const r = await raw(`${base(dev)}/schema.graphql`);
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toMatch(/^text\/plain/);
    const sdl = r.body.toString('utf8');
    for (const internal of INTERNALS) expect(sdl, String(internal)).not.toMatch(internal);
    const schema = buildSchema(sdl);
    expect(Object.keys(schema.getQueryType()!.getFields())).toEqual(expect.arrayContaining(['productMarketplace', 'catalogSearch', 'disclosures']));
    expect(schema.getMutationType()!.getFields().applyForProductUsage).toBeDefined();
  });

  it('the served schema, the checked-in gateway/schema.graphql and a fresh generation are the same (run `pnpm compose` after a schema change)', async () => {
    const served = (await raw(`${base(dev)}/schema.graphql`)).body.toString('utf8');
    const checkedIn = readFileSync(PUBLIC_SCHEMA_FILE, 'utf8');
    const fresh = publicSchemaSdl(await composeSupergraph());
    expect(checkedIn).toBe(fresh);
    expect(served).toBe(checkedIn);
  }, 60_000);

  it('is not served when the explorer is off (production default)', async () => {
    expect((await raw(`${base(prod)}/schema.graphql`)).status).toBe(404);
  });
});

describe.runIf(existsSync(`${CONSOLE_DIST}/explorer.html`))('GET /graphql from a browser', () => {
  it('answers the bundled GraphiQL page, with scripts from this origin only', async () => {
    const r = await raw(`${base(dev)}/graphql`, { headers: { accept: 'text/html,application/xhtml+xml' } });
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toMatch(/^text\/html/);
    const html = r.body.toString('utf8');
    expect(html).toMatch(/src="\/console\/assets\/explorer-[\w-]+\.js"/);
    // No CDN, no inline script: every <script> has a same-origin src.
    expect(html).not.toMatch(/https?:\/\//);
    for (const tag of html.match(/<script[^>]*>/g) ?? []) expect(tag).toMatch(/src="\/console\//);
    const csp = String(r.headers['content-security-policy']);
    const directive = (name: string) => csp.split(';').map((d) => d.trim()).find((d) => d.startsWith(`${name} `));
    expect(directive('script-src')).toBe("script-src 'self'");
    expect(directive('connect-src')).toBe("connect-src 'self'");
    expect(csp).not.toMatch(/unsafe-eval|https?:|\*/);
    expect(r.headers['cache-control']).toBe('no-cache');
  });

  it('is off in production (no page; not even under /console/)', async () => {
    const r = await raw(`${base(prod)}/graphql`, { headers: { accept: 'text/html' } });
    expect(r.headers['content-type'] ?? '').not.toMatch(/text\/html/);
    expect(r.body.toString('utf8')).not.toContain('explorer-');
    expect((await raw(`${base(prod)}/console/explorer.html`)).status).toBe(404);
  });

  it('never serves Apollo\'s CDN landing page', async () => {
    const r = await raw(`${base(prod)}/graphql`, { headers: { accept: 'text/html' } });
    expect(r.body.toString('utf8')).not.toMatch(/apollographql\.com|embeddable-sandbox/);
  });
});
