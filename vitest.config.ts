import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);
// graphql ships ESM and CJS builds; Apollo loads the CJS one. Point every import at that single
// copy, or a type from one realm is refused by the other ("another module or realm").
const graphqlCjs = require.resolve('graphql', { paths: [require.resolve('@apollo/subgraph', { paths: ['./packages/platform'] })] });

export default defineConfig({
  resolve: { alias: [{ find: /^graphql$/, replacement: graphqlCjs }] },
  test: {
    include: ['packages/*/test/**/*.test.ts', 'gateway/test/**/*.test.ts', 'subgraphs/*/test/**/*.test.ts', 'test/**/*.test.ts'],
    pool: 'forks',
    // Two cores: one PostgreSQL per file, two files at a time.
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fsModuleCache: false,
    env: { NODE_ENV: 'test', ALLOW_CLOCK_OVERRIDE: '1', EXPOSE_SQL_COUNT: '1' },
  },
});
