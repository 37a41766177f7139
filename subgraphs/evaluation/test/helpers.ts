import { getNamedType, isCompositeType, isEnumType, isInputObjectType, isListType, isNonNullType, isScalarType, type GraphQLInputType, type GraphQLOutputType } from 'graphql';
import { EventPublisher, sql } from '@pdo/platform';
import type { EventName, SubgraphName } from '@pdo/events';
import type { TestStack } from '@pdo/testing';

/** Publishes another subgraph's event into the bus, as that subgraph would, and returns its envelope. */
export async function emit(stack: TestStack, producer: SubgraphName, name: EventName, payload: object, jurisdiction: string | null = null) {
  const rt = stack.runtimes.evaluation!;
  const pub = new EventPublisher(rt.boss, producer);
  return rt.orm.em.fork().transactional((tx) => pub.publish(tx, name, payload, jurisdiction));
}

/** Events evaluation published to a consumer's inbox (payloads), oldest first. */
export async function published(stack: TestStack, name: EventName, consumer: SubgraphName): Promise<any[]> {
  const rows = await sql<{ data: { payload: unknown } }>(
    stack.em('evaluation'),
    `select data from pgboss.job where name = $1 and data->>'name' = $2 order by created_on`,
    [`inbox_${consumer}`, name],
  );
  return rows.map((r) => r.data.payload);
}

export async function count(stack: TestStack, table: string, where = 'true', params: unknown[] = []): Promise<number> {
  const r = await sql<{ n: number }>(stack.em('evaluation'), `select count(*)::int as n from ${table} where ${where}`, params);
  return r[0]!.n;
}

export const code = (res: { errors?: { extensions?: Record<string, any> }[] }) => res.errors?.[0]?.extensions?.code;

const DUMMY_ID = '00000000-0000-4000-8000-000000000000';
/** A syntactically valid literal of any input type (required fields only): to knock on every door. */
export function dummyArgs(type: GraphQLInputType, depth = 0): string {
  if (isNonNullType(type)) return dummyArgs(type.ofType, depth);
  if (isListType(type)) return `[${dummyArgs(type.ofType, depth)}]`;
  if (isEnumType(type)) return type.getValues()[0]!.name;
  if (isInputObjectType(type)) {
    if (depth > 4) return '{}';
    return `{ ${Object.values(type.getFields()).filter((f) => isNonNullType(f.type) && f.defaultValue === undefined).map((f) => `${f.name}: ${dummyArgs(f.type, depth + 1)}`).join(', ')} }`;
  }
  if (isScalarType(type)) {
    const byName: Record<string, string> = { ID: JSON.stringify(DUMMY_ID), Int: '1', Float: '1.0', Boolean: 'true', LocalDate: '"2026-06-01"', DateTime: '"2026-06-01T00:00:00Z"', Money: '"1.00"', Decimal: '"1.00"', JSON: '{}' };
    return byName[type.name] ?? '"x"';
  }
  return 'null';
}
/** `{ __typename }` for object results: only whether the field resolves or is refused matters. */
dummyArgs.selection = (type: GraphQLOutputType): string => (isCompositeType(getNamedType(type)) ? ' { __typename }' : '');
