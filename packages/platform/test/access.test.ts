import { describe, expect, it } from 'vitest';
import { graphql } from 'graphql';
import { Arg, Directive, Field, ID, Int, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { assertInScope, buildFederatedSchema, inScope, scopeOf, scopeSql, SIGNED_IN_ROLES, SUPERVISOR_ROLES, type EntityAccessRule, type Identity } from '../src/index.js';

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

// ── object scope and entity references ──────────────────────────────────────────────────────

const who = (role: Identity['role'], jurisdiction: string | null, org: string | null = null): Identity => ({ sub: `${role}:${jurisdiction}`, role, org, jurisdiction });

@Directive('@key(fields: "id")')
@ObjectType('Ledger')
class Ledger {
  @Field(() => ID) id!: string;
  jurisdiction!: string;
  ownerId!: string;
}

@Directive('@key(fields: "id", resolvable: false)')
@ObjectType('Stub')
class Stub {
  @Field(() => ID) id!: string;
}

@Resolver(() => Ledger)
class LedgerResolver {
  @Query(() => Int) ledgerCount(): number {
    return 2;
  }
  @Query(() => Stub, { nullable: true }) someStub(): Stub | null {
    return null;
  }
}

const LEDGERS: Record<string, Ledger> = {
  hn: { id: 'hn', jurisdiction: 'HN', ownerId: 'org-a' },
  jl: { id: 'jl', jurisdiction: 'JL', ownerId: 'org-b' },
};
const ledgerRule: EntityAccessRule<Ledger> = { roles: ['AUTHORITY', 'OPERATOR'], officials: SUPERVISOR_ROLES, scope: (l) => ({ jurisdiction: l.jurisdiction, orgIds: [l.ownerId] }) };
const def = (entityAccess?: Record<string, EntityAccessRule>) => ({
  name: 'catalog' as const,
  resolvers: [LedgerResolver] as [Function],
  orphanedTypes: [Ledger, Stub],
  access: { ledgerCount: 'PUBLIC' as const, someStub: 'PUBLIC' as const },
  entityAccess,
  referenceResolvers: { Ledger: (ref: { id: string }) => LEDGERS[ref.id] ?? null },
});

describe('object scope (access/scope.ts)', () => {
  it('officials see their jurisdiction, parties their organization, the public what is public', () => {
    expect(scopeOf(who('AUTHORITY', 'HN', 'x'))).toEqual({ kind: 'JURISDICTION', jurisdiction: 'HN', org: 'x' });
    expect(scopeOf(who('OPERATOR', 'HN', 'op'))).toEqual({ kind: 'ORG', org: 'op' });
    expect(scopeOf(who('FINANCE', null, null))).toEqual({ kind: 'PUBLIC' });
    expect(scopeOf(who('AUTHORITY', 'NATIONAL'))).toMatchObject({ kind: 'JURISDICTION', jurisdiction: 'NATIONAL' });
    expect(scopeOf(who('AUTHORITY', 'NATIONAL'), { national: true })).toMatchObject({ kind: 'ALL' });
    expect(SIGNED_IN_ROLES).not.toContain('ANONYMOUS');
    const target = { jurisdiction: 'HN', orgIds: ['op'] };
    expect(inScope(who('AGENCY', 'HN'), target)).toBe(true);
    expect(inScope(who('AGENCY', 'JL'), target)).toBe(false);
    expect(inScope(who('OPERATOR', 'JL', 'op'), target)).toBe(true);
    expect(inScope(who('SOURCE_UNIT', 'HN', 's'), target, { officials: SUPERVISOR_ROLES })).toBe(false);
    expect(inScope(who('ANONYMOUS', null), { ...target, public: true })).toBe(true);
  });

  it('refuses the same way everywhere: another jurisdiction NOT_FOUND, the own one FORBIDDEN, the public UNAUTHENTICATED', () => {
    const target = { jurisdiction: 'HN', orgIds: ['dev-a'] };
    const code = (f: () => void) => {
      try {
        f();
        return 'OK';
      } catch (e) {
        return (e as { code: string }).code;
      }
    };
    expect(code(() => assertInScope(who('AUTHORITY', 'JL'), target))).toBe('NOT_FOUND');
    expect(code(() => assertInScope(who('DEVELOPER', 'HN', 'dev-b'), target))).toBe('FORBIDDEN');
    expect(code(() => assertInScope(who('ANONYMOUS', null), target))).toBe('UNAUTHENTICATED');
    expect(code(() => assertInScope(who('DEVELOPER', 'JL', 'dev-a'), target))).toBe('OK');
  });

  it('turns the scope into a SQL predicate with its parameters', () => {
    const cols = { jurisdiction: 't.jurisdiction', orgs: ['t.owner_id'], public: 't.listed' };
    const p1: unknown[] = [];
    expect(scopeSql(who('AGENCY', 'HN', 'g'), cols, p1)).toBe('(t.jurisdiction = $1 or t.owner_id = $2 or t.listed)');
    expect(p1).toEqual(['HN', 'g']);
    const p2: unknown[] = ['x'];
    expect(scopeSql(who('OPERATOR', 'HN', 'op'), { jurisdiction: 't.jurisdiction', orgs: ['t.owner_id'] }, p2)).toBe('t.owner_id = $2');
    expect(scopeSql(who('ANONYMOUS', null), { jurisdiction: 't.j' }, [])).toBe('false');
  });
});

describe('entity references (_entities)', () => {
  it('refuses to build a subgraph with a resolvable entity type without a reference access rule; stubs need none', async () => {
    await expect(buildFederatedSchema(def())).rejects.toThrow(/entity type Ledger has no reference access rule/);
    await expect(buildFederatedSchema(def({ Ledger: ledgerRule, Stub: { roles: 'PUBLIC', scope: 'PUBLIC' } }))).rejects.toThrow(/entityAccess\.Stub names no resolvable entity type/);
    await expect(buildFederatedSchema(def({ Ledger: ledgerRule }))).resolves.toBeDefined();
  });

  it('applies the role gate and the object scope to every representation', async () => {
    const { schema } = await buildFederatedSchema(def({ Ledger: ledgerRule }));
    const refs = async (identity: Identity) => {
      const res = await graphql({ schema, source: `{ _entities(representations: [{ __typename: "Ledger", id: "hn" }, { __typename: "Ledger", id: "jl" }]) { ... on Ledger { id } } }`, contextValue: { identity } });
      expect(res.errors).toBeUndefined();
      return (res.data as any)._entities.map((e: { id: string } | null) => e?.id ?? null);
    };
    expect(await refs(who('AUTHORITY', 'HN'))).toEqual(['hn', null]);
    expect(await refs(who('AUTHORITY', 'JL'))).toEqual([null, 'jl']);
    expect(await refs(who('OPERATOR', 'HN', 'org-b'))).toEqual([null, 'jl']);
    expect(await refs(who('AGENCY', 'HN'))).toEqual([null, null]); // not in the role gate
    expect(await refs(who('ANONYMOUS', null))).toEqual([null, null]);
  });
});
