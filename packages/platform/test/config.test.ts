/** The platform's configuration schema (packages/platform/src/config.ts): every subgraph validates it whole at start. */
import { describe, expect, it } from 'vitest';
import { ConfigError, DEV_GATEWAY_SECRET, databaseUrls, migrationConfig, platformConfig, setting } from '../src/index.js';

function refusal(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ConfigError) return e;
    throw e;
  }
  throw new Error('configuration was accepted');
}

describe('platform configuration', () => {
  it('development defaults', () => {
    expect(platformConfig({})).toMatchObject({
      production: false,
      gatewaySecret: DEV_GATEWAY_SECRET,
      signatureMaxSkewMs: 30_000,
      dbPoolMax: 10,
      maxPageSize: 1000,
      host: '127.0.0.1',
      subgraphPorts: { catalog: 4001, evaluation: 4005 },
      seedDemo: false,
    });
  });

  it('a typo refuses, naming the variable and the value', () => {
    const e = refusal(() => platformConfig({ DB_POOL_MAX: 'ten', IDENTITY_MAX_SKEW_MS: '30s', CATALOG_PORT: '70000', LOG_LEVEL: 'verbose', DATABASE_URL: 'localhost:5432' }));
    expect(e.variables.sort()).toEqual(['CATALOG_PORT', 'DATABASE_URL', 'DB_POOL_MAX', 'IDENTITY_MAX_SKEW_MS', 'LOG_LEVEL']);
    expect(e.message).toContain('DB_POOL_MAX: must be a whole number (got "ten")');
  });

  it('production: GATEWAY_HMAC_SECRET required, at least 32 bytes, not the development one; test switches and the demo seed off', () => {
    expect(refusal(() => platformConfig({ NODE_ENV: 'production' })).variables).toEqual(['GATEWAY_HMAC_SECRET']);
    expect(refusal(() => platformConfig({ NODE_ENV: 'production', GATEWAY_HMAC_SECRET: 'b' })).message).toMatch(/GATEWAY_HMAC_SECRET: must be at least 32 bytes/);
    expect(refusal(() => platformConfig({ NODE_ENV: 'production', GATEWAY_HMAC_SECRET: DEV_GATEWAY_SECRET })).variables).toEqual(['GATEWAY_HMAC_SECRET']);
    const ok = { NODE_ENV: 'production', GATEWAY_HMAC_SECRET: 'k'.repeat(32) };
    expect(platformConfig(ok)).toMatchObject({ production: true, allowClockOverride: false, exposeSqlCount: false });
    expect(refusal(() => platformConfig({ ...ok, ALLOW_CLOCK_OVERRIDE: '1', EXPOSE_SQL_COUNT: 'true', SEED_DEMO: '1', ORM_DEBUG: '1' })).variables.sort()).toEqual([
      'ALLOW_CLOCK_OVERRIDE',
      'EXPOSE_SQL_COUNT',
      'ORM_DEBUG',
      'SEED_DEMO',
    ]);
  });

  it('settings read at use time go through the same declarations', () => {
    expect(setting('MAX_PAGE_SIZE', {})).toBe(1000);
    expect(setting('MAX_PAGE_SIZE', { MAX_PAGE_SIZE: '50' })).toBe(50);
    expect(() => setting('MAX_PAGE_SIZE', { MAX_PAGE_SIZE: 'lots' })).toThrow(/MAX_PAGE_SIZE/);
  });

  it('MIGRATE_ON_START=0: DATABASE_URL is the service\'s own role, no owner URL and no DB_ROLE_SECRET needed', () => {
    const service = 'postgres://pdo_catalog:pw@db:5432/pdo';
    const prod = { NODE_ENV: 'production', GATEWAY_HMAC_SECRET: 'k'.repeat(32), AUDIT_CHAIN_KEY: 'c'.repeat(32), AUDIT_SIGNING_KEY: 's'.repeat(44) };
    expect(platformConfig({ ...prod, DATABASE_URL: service, MIGRATE_ON_START: '0' })).toMatchObject({ migrateOnStart: false });
    // Migrating at start with DATABASE_URL as the owner still needs the secret the role passwords derive from.
    expect(refusal(() => platformConfig({ ...prod, DATABASE_URL: service })).variables).toEqual(['DB_ROLE_SECRET']);
    expect(databaseUrls('catalog', { DATABASE_URL: service, MIGRATE_ON_START: '0' })).toEqual({ migration: null, service, queue: service, queueRole: 'pdo_queue' });
    expect(platformConfig({})).toMatchObject({ migrateOnStart: true });
    expect(refusal(() => platformConfig({ MIGRATE_ON_START: 'no' })).variables).toEqual(['MIGRATE_ON_START']);
  });

  it('the migration step: needs none of the services\' keys in production, refuses a service URL naming another role', () => {
    const owner = 'postgres://owner:pw@db:5432/pdo';
    expect(migrationConfig({ NODE_ENV: 'production', MIGRATION_DATABASE_URL: owner })).toMatchObject({ production: true });
    expect(refusal(() => migrationConfig({ NODE_ENV: 'production', MIGRATION_DATABASE_URL: owner, AUDIT_CHAIN_KEY: 'short' })).variables).toEqual(['AUDIT_CHAIN_KEY']);
    const e = refusal(() => migrationConfig({ MIGRATION_DATABASE_URL: owner, CATALOG_DATABASE_URL: 'postgres://pdo_revenue:x@db/pdo', REVENUE_DATABASE_URL: 'postgres://pdo_revenue:x@db/pdo' }));
    expect(e.variables).toEqual(['CATALOG_DATABASE_URL']);
    expect(e.message).toContain('CATALOG_DATABASE_URL: its user must be pdo_catalog');
    // The services' own schema refuses it too.
    expect(refusal(() => platformConfig({ LICENSING_DATABASE_URL: 'postgres://postgres:x@db/pdo' })).variables).toEqual(['LICENSING_DATABASE_URL']);
  });
});
