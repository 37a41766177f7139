import { describe, expect, it } from 'vitest';
import { graphql } from 'graphql';
import { Arg, Int, Mutation, Query, Resolver } from 'type-graphql';
import { buildFederatedSchema, type Identity } from '../src/index.js';

@Resolver()
class ShelfResolver {
  @Query(() => Int) shelfSize(): number {
    return 3;
  }
  @Mutation(() => Int) addToShelf(@Arg('n', () => Int) n: number): number {
    if (n < 0) throw new Error('should never be reached for a refused role');
    return n;
  }
}

const call = async (schema: Awaited<ReturnType<typeof buildFederatedSchema>>['schema'], source: string, identity: Identity) =>
  graphql({ schema, source, contextValue: { identity } });

describe('declared access rules', () => {
  it('refuses a wrong role before the resolver runs, whatever the arguments', async () => {
    const { schema } = await buildFederatedSchema({
      name: 'catalog',
      resolvers: [ShelfResolver],
      access: { shelfSize: 'PUBLIC', addToShelf: ['AGENCY'] },
    });
    const anon = await call(schema, 'mutation { addToShelf(n: -1) }', { sub: 'a', role: 'ANONYMOUS', org: null, jurisdiction: null });
    expect(anon.errors?.[0]?.message).toMatch(/登录|sign in|authenticat/i);
    const dev = await call(schema, 'mutation { addToShelf(n: -1) }', { sub: 'd', role: 'DEVELOPER', org: 'o', jurisdiction: 'HN' });
    expect(dev.errors?.[0]?.message).toContain('AGENCY');
    const agency = await call(schema, 'mutation { addToShelf(n: 2) }', { sub: 'g', role: 'AGENCY', org: 'o', jurisdiction: 'HN' });
    expect(agency.data).toEqual({ addToShelf: 2 });
    const pub = await call(schema, '{ shelfSize }', { sub: 'a', role: 'ANONYMOUS', org: null, jurisdiction: null });
    expect(pub.data).toEqual({ shelfSize: 3 });
  });

  it('refuses to build a subgraph with a root field that has no rule', async () => {
    await expect(buildFederatedSchema({ name: 'catalog', resolvers: [ShelfResolver], access: { shelfSize: 'PUBLIC' } })).rejects.toThrow(/addToShelf has no access rule/);
  });
});
