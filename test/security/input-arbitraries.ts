/**
 * fast-check arbitraries for any GraphQL input type of the composed schema: the hostile end of
 * what a client can send — wrong shapes inside the right types, boundary dates, huge strings,
 * unicode, negative and fractional money, ids that belong to someone else.
 */
import fc from 'fast-check';
import { isEnumType, isInputObjectType, isListType, isNonNullType, isScalarType, type GraphQLInputType } from 'graphql';
import { DEMO_ORGS } from '@pdo/demo';

const OTHER_ORG_IDS = DEMO_ORGS.map((o) => o.id);

const hostileString = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom('', ' ', '数据资源', "'; drop table data_resource; --", '<script>alert(1)</script>', '\u0000', '𠀀𠀁', '%s%n'),
  fc.integer({ min: 5_000, max: 60_000 }).map((n) => 'x'.repeat(n)),
);

const money = fc.constantFrom('-1.00', '-0.01', '0', '0.001', '0.5', '1e9', '12345678901234567890.12', 'abc', '1,000.00', ' 1.00 ', 'NaN', '-0');
const localDate = fc.constantFrom('2026-02-29', '2024-02-29', '2026-13-01', '2026-00-10', '0000-01-01', '9999-12-31', '2026-10-01', '2026-09-28', '26-1-1', '');
const dateTime = fc.constantFrom('2026-10-01T00:00:00Z', '1970-01-01T00:00:00Z', '9999-12-31T23:59:59Z', 'yesterday', '2026-02-30T00:00:00+08:00');
const id = fc.oneof(fc.uuid(), fc.constantFrom(...OTHER_ORG_IDS), fc.constantFrom('not-an-id', '', '0', '00000000-0000-0000-0000-000000000000'));
const int = fc.oneof(fc.integer({ min: -10, max: 10 }), fc.constantFrom(-2147483648, 2147483647, 0, -1));

export function arbitraryFor(type: GraphQLInputType, depth = 0): fc.Arbitrary<unknown> {
  if (isNonNullType(type)) return arbitraryFor(type.ofType, depth);
  const nullable = (a: fc.Arbitrary<unknown>) => fc.oneof({ weight: 9, arbitrary: a }, { weight: 1, arbitrary: fc.constant(null) });
  if (isListType(type)) return nullable(fc.array(arbitraryFor(type.ofType, depth + 1), { maxLength: depth > 1 ? 1 : 4 }));
  if (isEnumType(type)) return fc.constantFrom(...type.getValues().map((v) => v.name));
  if (isInputObjectType(type)) {
    const fields = Object.values(type.getFields());
    if (depth > 4) return fc.constant({});
    const record: Record<string, fc.Arbitrary<unknown>> = {};
    const required: string[] = [];
    for (const f of fields) {
      record[f.name] = arbitraryFor(f.type, depth + 1);
      if (isNonNullType(f.type)) required.push(f.name);
    }
    return fc.record(record, { requiredKeys: required as never });
  }
  if (isScalarType(type)) {
    switch (type.name) {
      case 'ID':
        return id;
      case 'Int':
        return int;
      case 'Float':
        return fc.double({ noNaN: true });
      case 'Boolean':
        return fc.boolean();
      case 'LocalDate':
        return localDate;
      case 'DateTime':
        return dateTime;
      case 'Money':
      case 'MoneyAmount':
        return fc.oneof(money, money.map((yuan) => ({ yuan })), fc.constantFrom({ fen: '-1' }, { fen: '1.5' }, { fen: '99999999999999999999999' }));
      case 'Decimal':
        return fc.constantFrom('-1', '0', '0.0000001', '1e3', '101', 'abc', '100.5');
      case 'JSON':
        return fc.oneof(fc.constant({}), fc.constant([]), fc.constant({ a: 'x'.repeat(1000) }), fc.jsonValue({ maxDepth: 2 }));
      default:
        return hostileString;
    }
  }
  return fc.constant(null);
}
