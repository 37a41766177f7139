import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { composeSupergraph, SUPERGRAPH_FILE } from '../src/index.js';

describe('supergraph', () => {
  it('the checked-in gateway/supergraph.graphql equals a fresh composition (run `pnpm compose` after a schema change)', async () => {
    const fresh = await composeSupergraph();
    expect(readFileSync(SUPERGRAPH_FILE, 'utf8')).toBe(fresh);
  });
});
