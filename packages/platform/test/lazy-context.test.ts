import { describe, expect, it, vi } from 'vitest';
import { ANONYMOUS, lazyRequestContext, type SubgraphRuntime } from '../src/index.js';

/** A runtime with just what a request's context is made from, counting what it makes. */
function fakeRuntime() {
  let forks = 0;
  const fork = vi.fn(() => ({ fork: ++forks }));
  const createLoaders = vi.fn((em: unknown) => ({ madeWith: em }));
  const child = vi.fn(() => ({ child: true }));
  const rt = { orm: { em: { fork } }, definition: { createLoaders }, log: { child }, events: {}, metrics: undefined } as unknown as SubgraphRuntime<{ madeWith: unknown }>;
  return { rt, fork, createLoaders, child };
}

describe('a request context made lazily (issue 22: the fixed cost of a subgraph call)', () => {
  it('makes no EntityManager fork, loaders or logger for a request that uses none', () => {
    const { rt, fork, createLoaders, child } = fakeRuntime();
    const ctx = lazyRequestContext(rt, ANONYMOUS, 'r1', new Date(0));
    expect(ctx.identity).toBe(ANONYMOUS);
    expect(ctx.requestId).toBe('r1');
    expect(fork).not.toHaveBeenCalled();
    expect(createLoaders).not.toHaveBeenCalled();
    expect(child).not.toHaveBeenCalled();
  });

  it('makes one fork per request, shared by the loaders, however often either is read', () => {
    const { rt, fork, createLoaders } = fakeRuntime();
    const ctx = lazyRequestContext(rt, ANONYMOUS, 'r1', new Date(0));
    const loaders = ctx.loaders;
    expect(ctx.loaders).toBe(loaders);
    expect(ctx.em).toBe(ctx.em);
    expect(loaders.madeWith).toBe(ctx.em);
    expect(fork).toHaveBeenCalledTimes(1);
    expect(createLoaders).toHaveBeenCalledTimes(1);
    expect(createLoaders).toHaveBeenCalledWith(ctx.em, ANONYMOUS);
  });

  it('gives two requests two forks', () => {
    const { rt } = fakeRuntime();
    const a = lazyRequestContext(rt, ANONYMOUS, 'a', new Date(0));
    const b = lazyRequestContext(rt, ANONYMOUS, 'b', new Date(0));
    expect(a.em).not.toBe(b.em);
  });

  it('copies like a plain object ({ ...ctx, em: tx }, as services do inside a transaction)', () => {
    const { rt } = fakeRuntime();
    const ctx = lazyRequestContext(rt, ANONYMOUS, 'r1', new Date(0));
    const tx = { tx: true } as never;
    const inTx = { ...ctx, em: tx };
    expect(inTx.em).toBe(tx);
    expect(inTx.identity).toBe(ANONYMOUS);
    expect(ctx.em).not.toBe(tx);
  });
});
