import {
  GraphQLError,
  Kind,
  TypeInfo,
  ValidationContext,
  getNamedType,
  getVariableValues,
  isInterfaceType,
  isObjectType,
  visit,
  type ASTVisitor,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLFormattedError,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValidationRule,
} from 'graphql';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import type { GraphQLArmorRejectCallback } from '@escape.tech/graphql-armor-types';
import { DomainError } from '@pdo/platform';
import { CostRateLimiter, type CostLimiter, type RateLimitConfig } from './rate-limit.js';
import { gatewayEnv } from './config.js';

/**
 * What a query may ask of the gateway (OWASP GraphQL cheat sheet; graphql-armor defaults), each
 * configurable. One object for every limit, so one place turns the environment into them.
 */
export interface QueryLimits {
  /** Nesting of fields that select something; the connection wrappers `edges`/`node` do not count. */
  maxDepth: number;
  maxAliases: number;
  maxDirectives: number;
  /** Lexical tokens the parser reads before it gives up. */
  maxTokens: number;
  /** Cost of one operation, its variables applied (see `operationCost`). */
  maxCost: number;
  /** Page size assumed for a list field that takes `first` when the request gives none. */
  defaultListSize: number;
  /** Nesting of lists and objects in the request's variables. */
  maxVariableDepth: number;
  /** Elements of any one list (or entries of any one JSON object) in the request's variables. */
  maxVariableListLength: number;
  /** Per-identity budget of cost (token bucket); `costPerMinute` 0 turns it off. */
  rateLimit: RateLimitConfig;
}

/** The limits from the validated configuration (gateway/src/config.ts): a bad value refuses to start. */
export function queryLimitsFromEnv(env: NodeJS.ProcessEnv = process.env): QueryLimits {
  const v = gatewayEnv(env);
  return {
    maxDepth: v.QUERY_MAX_DEPTH,
    maxAliases: v.QUERY_MAX_ALIASES,
    maxDirectives: v.QUERY_MAX_DIRECTIVES,
    maxTokens: v.QUERY_MAX_TOKENS,
    maxCost: v.QUERY_MAX_COST,
    defaultListSize: v.QUERY_DEFAULT_LIST_SIZE,
    maxVariableDepth: v.QUERY_MAX_VARIABLE_DEPTH,
    maxVariableListLength: v.QUERY_MAX_VARIABLE_LIST_LENGTH,
    rateLimit: { costPerMinute: v.RATE_LIMIT_COST_PER_MINUTE, burst: v.RATE_LIMIT_BURST ?? v.RATE_LIMIT_COST_PER_MINUTE },
  };
}

/** The names a refusal carries in `extensions.details.limit`. */
export type LimitName = 'depth' | 'aliases' | 'directives' | 'tokens' | 'nesting' | 'complexity' | 'cost' | 'variableDepth' | 'variableListLength';
const LIMIT_NAMES = new Set<string>(['depth', 'aliases', 'directives', 'tokens', 'nesting', 'complexity', 'cost', 'variableDepth', 'variableListLength']);

/**
 * A query over a limit is the caller's input to fix: BAD_USER_INPUT, HTTP 400, with the limit's
 * name, the value found (when known) and the maximum in `details`. Nothing of it reaches a subgraph.
 */
export function limitRefusal(limit: LimitName, zh: string, en: string, value?: number, max?: number): GraphQLError {
  const e = new DomainError('BAD_USER_INPUT', zh, en, { details: { limit, ...(value === undefined ? {} : { value }), ...(max === undefined ? {} : { max }) } }).toGraphQLError();
  return new GraphQLError(e.message, { extensions: { ...e.extensions, http: { status: 400 } } });
}

const MESSAGES: Record<'depth' | 'aliases' | 'directives', [string, string]> = {
  depth: ['查询嵌套过深', 'Query too deep'],
  aliases: ['别名过多', 'Too many aliases'],
  directives: ['指令过多', 'Too many directives'],
};
const shapeRefusal = (limit: 'depth' | 'aliases' | 'directives', value: number | undefined, max: number) => {
  const [zh, en] = MESSAGES[limit];
  const shown = value === undefined ? `> ${max}` : `${value} > ${max}`;
  return limitRefusal(limit, `${zh}（${shown}）`, `${en} (${shown})`, value, max);
};

/** graphql-armor says what it found only in its message ("… exceeded, found 7."). */
const foundIn = (error: GraphQLError): number | undefined => {
  const m = /found (\d+)/.exec(error.message);
  return m ? Number(m[1]) : undefined;
};

/** Reports armor's rejection as our coded refusal; `offset` turns armor's count into ours. */
const reportAs = (limit: 'depth' | 'aliases' | 'directives', max: number, offset = 0): GraphQLArmorRejectCallback => (ctx, error) => {
  const found = foundIn(error);
  ctx?.reportError(shapeRefusal(limit, found === undefined ? undefined : found + offset, max));
};

const INTROSPECTION = new Set(['__schema', '__type']);
const CONNECTION_WRAPPERS = new Set(['edges', 'node']);

/**
 * The document as the depth limit measures it: a connection's `edges { node { … } }` wrappers add
 * shape, not data, so they become inline fragments (which armor, flattening fragments, does not
 * count); introspection (`__schema`, `__type`) is not measured, as it never was.
 */
function depthView(document: DocumentNode): DocumentNode {
  return visit(document, {
    Field(node) {
      if (INTROSPECTION.has(node.name.value)) return null;
      if (CONNECTION_WRAPPERS.has(node.name.value) && node.selectionSet) {
        return { kind: Kind.INLINE_FRAGMENT, directives: node.directives ?? [], selectionSet: node.selectionSet };
      }
      return undefined;
    },
  });
}

/**
 * graphql-armor's depth rule over `depthView`. Armor counts the leaf field as a level, so our
 * "6 levels of objects" is armor's 7; refusals report our count.
 */
function connectionAwareDepthRule(maxDepth: number): ValidationRule {
  const armorRule = maxDepthRule({
    n: maxDepth + 1,
    flattenFragments: true,
    ignoreIntrospection: true,
    exposeLimits: true,
    propagateOnRejection: false,
    onReject: [reportAs('depth', maxDepth, -1)],
  });
  return (context: ValidationContext): ASTVisitor => {
    const schema = context.getSchema();
    const view = depthView(context.getDocument());
    const inner = new ValidationContext(schema, view, new TypeInfo(schema), (error) => context.reportError(error));
    visit(view, armorRule(inner) as unknown as ASTVisitor);
    return {};
  };
}

/**
 * The shape limits, checked once per distinct query text (Apollo keeps validated documents):
 * aliases and directives by graphql-armor as it comes, depth by armor's rule on the
 * connection-aware view. Armor's own cost limit is off: it cannot see list sizes given as
 * variables; `operationCost` below replaces it. Its token limit is off too: its Apollo plugin
 * throws from `parsingDidStart`, which Apollo Server answers with HTTP 500; the parser's own
 * `maxTokens` (the same count) is set by `queryLimitParseOptions`.
 */
export function queryLimitsValidationRules(limits: QueryLimits): ValidationRule[] {
  const armor = new ApolloArmor({
    maxAliases: { n: limits.maxAliases, exposeLimits: true, propagateOnRejection: false, onReject: [reportAs('aliases', limits.maxAliases)] },
    maxDirectives: { n: limits.maxDirectives, exposeLimits: true, propagateOnRejection: false, onReject: [reportAs('directives', limits.maxDirectives)] },
    maxDepth: { enabled: false },
    costLimit: { enabled: false },
    maxTokens: { enabled: false },
    // Field suggestions are hidden in production by Apollo's hideSchemaDetailsFromClientErrors.
    blockFieldSuggestion: { enabled: false },
  }).protect();
  return [...armor.validationRules, connectionAwareDepthRule(limits.maxDepth)];
}

export function queryLimitParseOptions(limits: QueryLimits): { maxTokens: number } {
  return { maxTokens: limits.maxTokens };
}

const SIZE_ARGUMENTS = ['first', 'last', 'limit'];

/**
 * THE cost of an operation, used by the cost limit and by the rate limiter alike: every field
 * that selects something costs 1 plus what it selects, times its page size when it takes one
 * (`first`, `last` or `limit`: the literal, else the variable's value, else the argument's
 * default, else `defaultListSize`). Leaves and introspection cost nothing; an operation costs at
 * least 1. `variables` are the coerced values (see `coerceVariables`).
 */
export function operationCost(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode, variables: Record<string, unknown>, defaultListSize: number): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  // A fragment costs the same wherever it is spread: computed once (spreads of spreads would
  // otherwise make the walk exponential). A cycle (refused by validation anyway) costs nothing.
  const fragmentCost = new Map<string, number>();

  const pageSize = (field: GraphQLField<unknown, unknown> | undefined, node: FieldNode): number => {
    // An unknown field (validation refuses those) falls back to the argument names alone.
    const defs = field?.args.filter((a) => SIZE_ARGUMENTS.includes(a.name) && getNamedType(a.type).name === 'Int');
    if (defs && defs.length === 0) return 1;
    const names = defs ? defs.map((a) => a.name) : SIZE_ARGUMENTS;
    const given = node.arguments?.filter((a) => names.includes(a.name.value)) ?? [];
    if (!defs && given.length === 0) return 1;
    let size: number | null = null;
    for (const arg of given) {
      const v = arg.value.kind === Kind.INT ? Number(arg.value.value) : arg.value.kind === Kind.VARIABLE ? variables[arg.value.name.value] : null;
      if (typeof v === 'number' && Number.isFinite(v)) size = Math.max(size ?? 1, v);
    }
    for (const def of defs ?? []) {
      if (size === null && !given.some((a) => a.name.value === def.name) && typeof def.defaultValue === 'number') size = Math.max(1, def.defaultValue);
    }
    return Math.max(1, size ?? defaultListSize);
  };

  const fieldsOf = (type: GraphQLNamedType | undefined) => (type && (isObjectType(type) || isInterfaceType(type)) ? type.getFields() : undefined);

  const walk = (set: SelectionSetNode, parent: GraphQLNamedType | undefined, visiting: Set<string>): number => {
    let cost = 0;
    for (const sel of set.selections) {
      if (sel.kind === Kind.FIELD) {
        if (!sel.selectionSet || INTROSPECTION.has(sel.name.value)) continue;
        const field = fieldsOf(parent)?.[sel.name.value];
        const child = field ? getNamedType(field.type) : undefined;
        cost += 1 + pageSize(field, sel) * walk(sel.selectionSet, child, visiting);
      } else if (sel.kind === Kind.INLINE_FRAGMENT) {
        const type = sel.typeCondition ? schema.getType(sel.typeCondition.name.value) : parent;
        cost += walk(sel.selectionSet, type ?? undefined, visiting);
      } else {
        const name = sel.name.value;
        const known = fragmentCost.get(name);
        if (known !== undefined) {
          cost += known;
          continue;
        }
        const fragment = fragments.get(name);
        if (!fragment || visiting.has(name)) continue;
        visiting.add(name);
        const c = walk(fragment.selectionSet, schema.getType(fragment.typeCondition.name.value) ?? undefined, visiting);
        visiting.delete(name);
        fragmentCost.set(name, c);
        cost += c;
      }
    }
    return cost;
  };

  const root: GraphQLCompositeType | null | undefined = schema.getRootType(operation.operation);
  return Math.max(1, walk(operation.selectionSet, root ?? undefined, new Set()));
}

/**
 * Refuses variables nested deeper than `maxVariableDepth` or with a list (or a JSON object) of
 * more than `maxVariableListLength` entries, before anything else walks them (a JSON value nested 5,000 deep
 * overflowed the stack further in). Iterative: the check itself cannot overflow.
 */
export function checkVariables(variables: unknown, limits: Pick<QueryLimits, 'maxVariableDepth' | 'maxVariableListLength'>): void {
  if (variables === null || typeof variables !== 'object') return;
  const stack: [unknown, number][] = [[variables, 0]];
  while (stack.length) {
    const [value, depth] = stack.pop()!;
    if (value === null || typeof value !== 'object') continue;
    if (depth > limits.maxVariableDepth) {
      const max = limits.maxVariableDepth;
      throw limitRefusal('variableDepth', `变量嵌套过深（超过 ${max} 层）`, `Variables nested too deep (more than ${max} levels)`, undefined, max);
    }
    // A list, or a JSON object (a JSON scalar may carry any number of keys).
    const entries = Array.isArray(value) ? value : Object.values(value);
    if (entries.length > limits.maxVariableListLength) {
      const n = entries.length;
      const max = limits.maxVariableListLength;
      throw limitRefusal('variableListLength', `变量中的列表或对象过大（${n} > ${max} 项）`, `A list or object in the variables is too large (${n} > ${max} entries)`, n, max);
    }
    for (const v of entries) if (v !== null && typeof v === 'object') stack.push([v, depth + 1]);
  }
}

/** The operation's variables as execution will see them; a bad value is refused here already. */
export function coerceVariables(schema: GraphQLSchema, operation: OperationDefinitionNode, raw: Record<string, unknown> | undefined): Record<string, unknown> {
  const result = getVariableValues(schema, operation.variableDefinitions ?? [], raw ?? {}, { maxErrors: 10 });
  if (result.errors) {
    const text = result.errors.map((e) => e.message).join('; ');
    const e = new DomainError('BAD_USER_INPUT', `变量不合法：${text}`, `Invalid variables: ${text}`, { details: { reason: 'INVALID_VARIABLES' } }).toGraphQLError();
    throw new GraphQLError(e.message, { extensions: { ...e.extensions, http: { status: 400 } } });
  }
  return result.coerced;
}

/**
 * Runs once the operation is known, before anything is planned or sent to a subgraph: the
 * variables' shape, their coercion, the cost with them applied against `maxCost`, then the
 * caller's rate budget charged the same cost. A refused query spends no budget.
 */
export function queryLimitsPlugin<C extends BaseContext>(limits: QueryLimits, clientKey: (ctx: C) => string, limiter: CostLimiter = new CostRateLimiter(limits.rateLimit)): ApolloServerPlugin<C> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, schema, document, operation, contextValue }) {
          if (!operation) return;
          checkVariables(request.variables, limits);
          const variables = coerceVariables(schema, operation, request.variables);
          const cost = operationCost(schema, document, operation, variables, limits.defaultListSize);
          if (cost > limits.maxCost) {
            throw limitRefusal('cost', `查询代价过高（${cost} > ${limits.maxCost}）`, `Query cost too high (${cost} > ${limits.maxCost})`, cost, limits.maxCost);
          }
          await limiter.spend(clientKey(contextValue), cost);
        },
      };
    },
  };
}

/**
 * Apollo Server rewrites the code of every parse and validation error (GRAPHQL_PARSE_FAILED,
 * GRAPHQL_VALIDATION_FAILED). For `formatError`: gives our refusals their code back, and turns
 * graphql-js's own refusals into coded ones: the parser's token limit, a query text nested past
 * the parser's stack, and validation giving up on a query too complex to check (graphql-js
 * bounds the work of its overlapping-fields rule: a thousand copies of one field trip it).
 * Null for any other error.
 */
export function formatLimitRefusal(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError | null {
  const ext = (formatted.extensions ?? {}) as Record<string, unknown>;
  const details = ext.details as { limit?: unknown } | undefined;
  if (ext.code === 'GRAPHQL_VALIDATION_FAILED' && typeof details?.limit === 'string' && LIMIT_NAMES.has(details.limit) && typeof ext.messageZh === 'string') {
    return { ...formatted, extensions: { ...ext, code: 'BAD_USER_INPUT' } };
  }
  if (ext.code === 'GRAPHQL_VALIDATION_FAILED' && formatted.message === 'Validation aborted.') {
    return format(limitRefusal('complexity', '查询过于复杂，无法校验', 'Query too complex to validate'));
  }
  if (ext.code !== 'GRAPHQL_PARSE_FAILED') return null;
  const tokens = /Document contains more tha[nt] (\d+) tokens/.exec(formatted.message);
  if (tokens) {
    const max = Number(tokens[1]);
    return format(limitRefusal('tokens', `查询过长（超过 ${max} 个词法单元）`, `Query too large (more than ${max} tokens)`, undefined, max));
  }
  let original: unknown = error;
  while (original instanceof GraphQLError && original.originalError) original = original.originalError;
  if (original instanceof RangeError || /Maximum call stack/i.test(formatted.message)) {
    return format(limitRefusal('nesting', '查询文本嵌套过深', 'Query text nested too deep'));
  }
  return null;
}

function format(e: GraphQLError): GraphQLFormattedError {
  const { http: _http, ...extensions } = e.extensions as Record<string, unknown>;
  return { message: e.message, extensions };
}
