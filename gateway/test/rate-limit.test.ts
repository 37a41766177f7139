import { describe, expect, it } from 'vitest';
import { parse } from 'graphql';
import { operationCost, rateLimitPlugin } from '../src/index.js';

const listing = parse('{ products(first: 20) { edges { node { name operator { name } } } } }');

async function attempt(plugin: ReturnType<typeof rateLimitPlugin>, sub: string) {
  const hooks = await plugin.requestDidStart!({} as never);
  const ctx = { identity: { sub, role: 'DEVELOPER', org: null, jurisdiction: null }, requestId: 'r' };
  return hooks!.didResolveOperation!({ document: listing, contextValue: ctx } as never).then(
    () => 'ok',
    (e: { extensions: { code: string } }) => e.extensions.code,
  );
}

describe('rate limiting by query cost', () => {
  it('prices a list by its page size', () => {
    expect(operationCost(parse('{ org(id: 1) { name } }'), 20)).toBe(1);
    expect(operationCost(listing, 20)).toBeGreaterThan(20);
  });
  it('lets an identity spend its budget, then refuses with RATE_LIMITED; others are unaffected', async () => {
    const cost = operationCost(listing, 20);
    const plugin = rateLimitPlugin({ costPerMinute: cost * 3, burst: cost * 3, defaultListSize: 20 }, (c) => c.identity.sub);
    expect([await attempt(plugin, 'a'), await attempt(plugin, 'a'), await attempt(plugin, 'a')]).toEqual(['ok', 'ok', 'ok']);
    expect(await attempt(plugin, 'a')).toBe('RATE_LIMITED');
    expect(await attempt(plugin, 'b')).toBe('ok');
  });
});
