/**
 * Builds a syntactically valid call of any root field from the composed schema, filling every
 * required argument with a plausible dummy value. The authorization matrix uses it to knock on
 * every door with every role: what matters is whether the door opens, not the payload.
 */
import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isCompositeType,
  isScalarType,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLOutputType,
} from 'graphql';

const DUMMY_ID = '00000000-0000-4000-8000-000000000000';

function literal(type: GraphQLInputType, depth = 0): string {
  if (isNonNullType(type)) return literal(type.ofType, depth);
  if (isListType(type)) return `[${literal(type.ofType, depth)}]`;
  if (isEnumType(type)) return type.getValues()[0]!.name;
  if (isInputObjectType(type)) {
    if (depth > 4) return '{}';
    const parts = Object.values(type.getFields())
      .filter((f) => isNonNullType(f.type) && f.defaultValue === undefined)
      .map((f) => `${f.name}: ${literal(f.type, depth + 1)}`);
    return `{ ${parts.join(', ')} }`;
  }
  if (isScalarType(type)) {
    switch (type.name) {
      case 'ID':
        return JSON.stringify(DUMMY_ID);
      case 'Int':
        return '1';
      case 'Float':
        return '1.0';
      case 'Boolean':
        return 'true';
      case 'LocalDate':
        return '"2026-06-01"';
      case 'DateTime':
        return '"2026-06-01T00:00:00Z"';
      case 'Money':
      case 'MoneyAmount':
      case 'Decimal':
        return '"1.00"';
      case 'JSON':
        return '{}';
      default:
        return '"x"';
    }
  }
  return 'null';
}

function selection(type: GraphQLOutputType): string {
  const named = getNamedType(type);
  if (!isCompositeType(named)) return '';
  // `__typename` is enough: we only care whether the field resolves or is refused.
  return ' { __typename }';
}

export function dummyCall(kind: 'query' | 'mutation', name: string, field: GraphQLField<unknown, unknown>): string {
  const args = field.args.filter((a) => isNonNullType(a.type) && a.defaultValue === undefined).map((a) => `${a.name}: ${literal(a.type)}`);
  return `${kind} { ${name}${args.length ? `(${args.join(', ')})` : ''}${selection(field.type)} }`;
}
