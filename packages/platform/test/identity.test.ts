import { describe, expect, it } from 'vitest';
import { signIdentityHeaders, verifyIdentityHeaders, DomainError, type Identity } from '../src/index.js';

const secret = 'test-secret';
const operator: Identity = { sub: 'u1', role: 'OPERATOR', org: '0190a0c2-0000-7000-8000-000000000001', jurisdiction: 'HN' };

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return e instanceof DomainError ? e.code : 'OTHER';
  }
  return undefined;
}

describe('gateway identity signature', () => {
  it('round-trips a signed identity', () => {
    const headers = signIdentityHeaders(operator, secret, 1_000_000);
    expect(verifyIdentityHeaders(headers, { secret, maxSkewMs: 30_000, now: 1_010_000 })).toEqual(operator);
  });

  it('refuses a request with no signature (a direct call to a subgraph)', () => {
    expect(codeOf(() => verifyIdentityHeaders({}, { secret, maxSkewMs: 30_000 }))).toBe('UNAUTHENTICATED');
  });

  it('refuses a forged identity: the role was changed after signing', () => {
    const headers = signIdentityHeaders(operator, secret);
    const forged = Buffer.from(JSON.stringify({ ...operator, role: 'AUTHORITY' })).toString('base64url');
    expect(codeOf(() => verifyIdentityHeaders({ ...headers, 'x-pdo-identity': forged }, { secret, maxSkewMs: 30_000 }))).toBe('UNAUTHENTICATED');
  });

  it('refuses a signature made with another secret', () => {
    const headers = signIdentityHeaders(operator, 'other');
    expect(codeOf(() => verifyIdentityHeaders(headers, { secret, maxSkewMs: 30_000 }))).toBe('UNAUTHENTICATED');
  });

  it('refuses a replay older than the window and accepts one just inside it', () => {
    const headers = signIdentityHeaders(operator, secret, 0);
    expect(codeOf(() => verifyIdentityHeaders(headers, { secret, maxSkewMs: 30_000, now: 30_001 }))).toBe('UNAUTHENTICATED');
    expect(codeOf(() => verifyIdentityHeaders(headers, { secret, maxSkewMs: 30_000, now: 30_000 }))).toBeUndefined();
  });
});
