import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { generate } from '@graphql-codegen/cli';
import config from '../codegen';

/**
 * The console's operations are generated against the public schema (codegen.ts, run by `pnpm typecheck` and the
 * build): a schema change that breaks a console document must fail the generation, not a user's screen.
 */
const root = fileURLToPath(new URL('..', import.meta.url));
const schema = readFileSync(new URL('../../../gateway/schema.graphql', import.meta.url), 'utf8');
const withSchema = (sdl: string) => ({
  ...config,
  cwd: root,
  schema: sdl,
  generates: { 'src/gql/': { ...(config.generates as Record<string, object>)['src/gql/'] } },
});

describe('typed console operations', () => {
  it('generate from today\'s schema', async () => {
    const files = await generate(withSchema(schema) as never, false);
    expect(files.map((f: { filename: string }) => f.filename.replace(/\\/g, '/'))).toEqual(expect.arrayContaining([expect.stringMatching(/src\/gql\/graphql\.ts$/)]));
  }, 60_000);

  it('fail when the schema loses a field a console document reads', async () => {
    const broken = schema.replace(/\n\s*"""[^"]*"""\n\s*listingPrice: ProductListingPrice\n/, "\n");
    expect(broken).not.toBe(schema);
    await expect(generate(withSchema(broken) as never, false)).rejects.toThrow(/listingPrice/);
  }, 60_000);
});
