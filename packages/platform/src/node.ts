/**
 * Relay's object identification across the federation (docs/api/node.md). Every main entity
 * implements `interface Node { nodeId: ID! }`; `nodeId` is the global id, base64url of
 * `Type:uuid`, opaque to clients, and `Query.node(id:)`/`nodes(ids:)` fetch any of them. `id` keeps
 * its meaning (the entity's UUID, the federation key everyone already uses): the global id is the
 * separate `nodeId` field — the shape PostGraphile made familiar, which Relay's compiler accepts
 * with `nodeInterfaceIdField: "nodeId"`.
 *
 * Federation: the owner of each type adds `implements Node`, the `nodeId` field and a second key
 * `@key(fields: "nodeId")` (its reference resolver decodes the id, then runs the type's usual
 * access rule and loader). One subgraph (NODE_ROOT) serves `node`/`nodes`: it declares every other
 * owner's node type as a stub keyed by `nodeId`, answers `{ __typename, nodeId }` from the id
 * alone, and the router fetches the rest from the owner by that key — where the owner's access rule
 * answers null for what the caller may not see, exactly as for any reference. Both our gateway and
 * Hive Gateway plan it as any entity jump. The SDL is changed here, when a subgraph's schema is
 * built, so no subgraph repeats the wiring.
 */
import { Kind, type DefinitionNode, type DocumentNode, type FieldDefinitionNode, type ObjectTypeDefinitionNode, type StringValueNode } from 'graphql';
import type { SubgraphName } from '@pdo/events';

/** Node types and the subgraph that owns each (the resolvable entities with a UUID `id`). */
export const NODE_TYPES: Readonly<Record<string, SubgraphName>> = {
  DataResource: 'catalog',
  Organization: 'licensing',
  AuthorizationAgreement: 'licensing',
  AccessGrant: 'licensing',
  DataScenario: 'licensing',
  DataProduct: 'products',
  UsageRecord: 'products',
  CostSurvey: 'revenue',
  Disclosure: 'evaluation',
};

/** The subgraph that serves `Query.node` and `Query.nodes`. */
export const NODE_ROOT: SubgraphName = 'licensing';

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function encodeNodeId(type: string, id: string): string {
  return Buffer.from(`${type}:${id.toLowerCase()}`, 'utf8').toString('base64url');
}

/** The type and UUID a global id names, or null when it names no node type of the platform. */
export function decodeNodeId(nodeId: unknown): { type: string; id: string } | null {
  if (typeof nodeId !== 'string' || nodeId.length > 200) return null;
  const text = Buffer.from(nodeId, 'base64url').toString('utf8');
  const sep = text.indexOf(':');
  const type = text.slice(0, sep);
  const id = text.slice(sep + 1);
  if (sep < 1 || !Object.hasOwn(NODE_TYPES, type) || !UUID_RE.test(id)) return null;
  return { type, id: id.toLowerCase() };
}

const desc = (value: string): StringValueNode => ({ kind: Kind.STRING, value, block: false });
const name = (value: string) => ({ kind: Kind.NAME, value }) as const;
const idType = { kind: Kind.NON_NULL_TYPE, type: { kind: Kind.NAMED_TYPE, name: name('ID') } } as const;

const NODE_ID_FIELD: FieldDefinitionNode = {
  kind: Kind.FIELD_DEFINITION,
  name: name('nodeId'),
  description: desc('全局标识（含类型，不透明），可用于 node(id:) 查询 | Global id (carries the type; opaque): fetch it again with node(id:)'),
  type: idType,
  arguments: [],
  directives: [],
};

const keyDirective = (fields: string, resolvable: boolean) => ({
  kind: Kind.DIRECTIVE,
  name: name('key'),
  arguments: [
    { kind: Kind.ARGUMENT, name: name('fields'), value: { kind: Kind.STRING, value: fields } },
    ...(resolvable ? [] : [{ kind: Kind.ARGUMENT, name: name('resolvable'), value: { kind: Kind.BOOLEAN, value: false } }]),
  ],
}) as NonNullable<ObjectTypeDefinitionNode['directives']>[number];

function asNode(def: ObjectTypeDefinitionNode, resolvable: boolean): ObjectTypeDefinitionNode {
  return {
    ...def,
    interfaces: [...(def.interfaces ?? []), { kind: Kind.NAMED_TYPE, name: name('Node') }],
    fields: [...(def.fields ?? []).filter((f) => f.name.value !== 'nodeId'), NODE_ID_FIELD],
    directives: [...(def.directives ?? []), keyDirective('nodeId', resolvable)],
  };
}

const NODE_INTERFACE: DefinitionNode = {
  kind: Kind.INTERFACE_TYPE_DEFINITION,
  name: name('Node'),
  description: desc('可按全局标识获取的对象（Relay 约定）| An object fetched again by its global id (Relay convention)'),
  interfaces: [],
  directives: [],
  fields: [NODE_ID_FIELD],
};

const ROOT_FIELDS: FieldDefinitionNode[] = [
  {
    kind: Kind.FIELD_DEFINITION,
    name: name('node'),
    description: desc('按全局标识获取对象；无权查看或不存在时为空 | The object with this global id; null when it does not exist or is not visible to the caller'),
    arguments: [{ kind: Kind.INPUT_VALUE_DEFINITION, name: name('id'), description: desc('全局标识（nodeId）| The global id (nodeId)'), type: idType, directives: [] }],
    type: { kind: Kind.NAMED_TYPE, name: name('Node') },
    directives: [],
  },
  {
    kind: Kind.FIELD_DEFINITION,
    name: name('nodes'),
    description: desc('按全局标识批量获取对象，顺序与参数一致 | The objects with these global ids, in the same order (null where not visible)'),
    arguments: [{
      kind: Kind.INPUT_VALUE_DEFINITION, name: name('ids'), description: desc('全局标识列表（最多 100 个）| Global ids (at most 100)'),
      type: { kind: Kind.NON_NULL_TYPE, type: { kind: Kind.LIST_TYPE, type: idType } }, directives: [],
    }],
    type: { kind: Kind.NON_NULL_TYPE, type: { kind: Kind.LIST_TYPE, type: { kind: Kind.NAMED_TYPE, name: name('Node') } } },
    directives: [],
  },
];

/** Whether this subgraph takes part: it owns a node type, or it is the root. */
export function nodeTypesOf(subgraph: string): string[] {
  return Object.entries(NODE_TYPES).filter(([, owner]) => owner === subgraph).map(([t]) => t);
}

/** The subgraph's SDL with the Node interface, its own types as nodes and, at the root, the stubs and root fields. */
export function withNodeInterface(doc: DocumentNode, subgraph: string): DocumentNode {
  const own = new Set(nodeTypesOf(subgraph));
  const root = subgraph === NODE_ROOT;
  if (own.size === 0 && !root) return doc;
  const seen = new Set<string>();
  const definitions: DefinitionNode[] = doc.definitions.map((d) => {
    if (d.kind === Kind.OBJECT_TYPE_DEFINITION && Object.hasOwn(NODE_TYPES, d.name.value) && (own.has(d.name.value) || root)) {
      seen.add(d.name.value);
      return asNode(d, own.has(d.name.value));
    }
    if (root && d.kind === Kind.OBJECT_TYPE_DEFINITION && d.name.value === 'Query') return { ...d, fields: [...(d.fields ?? []), ...ROOT_FIELDS] };
    return d;
  });
  definitions.push(NODE_INTERFACE);
  if (root) {
    for (const [type, owner] of Object.entries(NODE_TYPES)) {
      if (seen.has(type) || owner === subgraph) continue;
      definitions.push(asNode({
        kind: Kind.OBJECT_TYPE_DEFINITION, name: name(type), description: desc(`${type}（由 ${owner} 子图提供）| ${type} (owned by ${owner})`),
        interfaces: [], directives: [], fields: [],
      }, false));
    }
  }
  return { ...doc, definitions };
}

/** Most ids `nodes(ids:)` takes at once. */
export const MAX_NODES = 100;
