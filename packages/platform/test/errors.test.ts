import { describe, expect, it } from 'vitest';
import { GraphQLError } from 'graphql';
import { policyViolation, toClientError } from '../src/index.js';

describe('client-safe errors', () => {
  it('keeps a domain error code, both languages and the rule citation', () => {
    const e = toClientError(policyViolation('HN Art 14(2)', '授权期限超过3年', 'Term exceeds 3 years'));
    expect(e.extensions).toMatchObject({ code: 'POLICY_VIOLATION', rule: 'HN Art 14(2)', messageZh: '授权期限超过3年', messageEn: 'Term exceeds 3 years' });
    expect(e.message).toBe('授权期限超过3年 | Term exceeds 3 years');
  });

  it('hides SQL, stack and host of an unexpected error', () => {
    const boom = new Error('relation "catalog.secret" does not exist at db.internal:5432');
    const e = toClientError(new GraphQLError(boom.message, { originalError: boom }));
    expect(e.extensions.code).toBe('INTERNAL_SERVER_ERROR');
    expect(e.message).not.toMatch(/relation|db\.internal|5432/);
    expect(JSON.stringify(e.toJSON())).not.toMatch(/stack|relation/);
  });

  it('turns a unique violation into CONFLICT', () => {
    const dup = Object.assign(new Error('duplicate key value violates unique constraint "x"'), { code: '23505' });
    expect(toClientError(dup).extensions.code).toBe('CONFLICT');
  });
});

describe('input errors raised by GraphQL itself', () => {
  it('stay BAD_USER_INPUT with the precise message, not INTERNAL_SERVER_ERROR', async () => {
    const { GraphQLError } = await import('graphql');
    const inner = new TypeError('Value "NOPE" does not exist in "CatalogSector" enum.');
    const wrapped = new GraphQLError('Variable "$s" got invalid value "NOPE"; Value "NOPE" does not exist in "CatalogSector" enum.', {
      originalError: inner,
      extensions: { code: 'BAD_USER_INPUT' },
    });
    const out = toClientError(wrapped);
    expect(out.extensions.code).toBe('BAD_USER_INPUT');
    expect(out.message).toContain('CatalogSector');
  });
});

describe('values PostgreSQL refuses', () => {
  it('are BAD_USER_INPUT (the transaction rolled back), never internal errors, and carry no SQL', () => {
    const pgError = Object.assign(new Error('invalid input syntax for type uuid: "not-an-id"'), { code: '22P02' });
    const out = toClientError(pgError);
    expect(out.extensions.code).toBe('BAD_USER_INPUT');
    expect(out.extensions.details).toEqual({ reason: 'MALFORMED_VALUE' });
    expect(out.message).not.toContain('uuid');
  });
});

describe('a database that went away', () => {
  it('is SERVICE_UNAVAILABLE: nothing was committed and a retry is the right move', () => {
    const shutdown = Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' });
    expect(toClientError(shutdown).extensions.code).toBe('SERVICE_UNAVAILABLE');
    expect(toClientError(new Error('Connection terminated unexpectedly')).extensions.code).toBe('SERVICE_UNAVAILABLE');
  });
});
