import {
  GraphQLError,
  Kind,
  type ASTVisitor,
  type FieldNode,
  type FragmentDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
  type ValueNode,
} from 'graphql';
import { gatewayEnv } from './config.js';

/** Query limits (OWASP GraphQL cheat sheet; graphql-armor defaults), each configurable. */
export interface QueryLimits {
  maxDepth: number;
  maxAliases: number;
  maxDirectives: number;
  maxTokens: number;
  maxCost: number;
  /** Assumed size of a list field when the query does not say `first`. */
  defaultListSize: number;
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
  };
}

function limitError(zh: string, en: string, limit: string, value: number, max: number): GraphQLError {
  return new GraphQLError(`${zh} | ${en}`, {
    extensions: { code: 'BAD_USER_INPUT', messageZh: zh, messageEn: en, details: { limit, value, max } },
  });
}

const INTROSPECTION = new Set(['__schema', '__type']);
const CONNECTION_WRAPPERS = new Set(['edges', 'node']);

/**
 * Walks each operation once, following fragments, to measure depth (the connection wrappers
 * `edges`/`node` do not count: they add no data, only shape), aliases, directives and a cost where a list field
 * multiplies the cost of what it selects by its `first` argument.
 */
export function queryLimitsRule(limits: QueryLimits): ValidationRule {
  return (context: ValidationContext): ASTVisitor => {
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const d of context.getDocument().definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
    let aliases = 0;
    let directives = 0;

    const firstArg = (field: FieldNode): number | null => {
      const arg = field.arguments?.find((a) => a.name.value === 'first' || a.name.value === 'last' || a.name.value === 'limit');
      if (!arg) return null;
      const v: ValueNode = arg.value;
      if (v.kind === Kind.INT) return Number(v.value);
      return limits.defaultListSize;
    };

    const measure = (set: SelectionSetNode, depth: number, seen: Set<string>): { depth: number; cost: number } => {
      let maxDepth = depth;
      let cost = 0;
      for (const sel of set.selections) {
        directives += sel.directives?.length ?? 0;
        if (sel.kind === Kind.FIELD) {
          if (INTROSPECTION.has(sel.name.value)) continue;
          if (sel.alias) aliases++;
          if (!sel.selectionSet) {
            cost += 0;
            continue;
          }
          const wrapper = CONNECTION_WRAPPERS.has(sel.name.value);
          const inner = measure(sel.selectionSet, wrapper ? depth : depth + 1, seen);
          maxDepth = Math.max(maxDepth, inner.depth);
          const n = firstArg(sel);
          cost += 1 + (n === null ? 1 : Math.max(n, 1)) * inner.cost;
        } else if (sel.kind === Kind.INLINE_FRAGMENT) {
          const inner = measure(sel.selectionSet, depth, seen);
          maxDepth = Math.max(maxDepth, inner.depth);
          cost += inner.cost;
        } else {
          const name = sel.name.value;
          const frag = fragments.get(name);
          if (!frag || seen.has(name)) continue;
          const inner = measure(frag.selectionSet, depth, new Set([...seen, name]));
          maxDepth = Math.max(maxDepth, inner.depth);
          cost += inner.cost;
        }
      }
      return { depth: maxDepth, cost };
    };

    return {
      OperationDefinition(op) {
        aliases = 0;
        directives = op.directives?.length ?? 0;
        const { depth, cost } = measure(op.selectionSet, 0, new Set());
        if (depth > limits.maxDepth) context.reportError(limitError(`查询嵌套过深（${depth} > ${limits.maxDepth}）`, `Query too deep (${depth} > ${limits.maxDepth})`, 'depth', depth, limits.maxDepth));
        if (aliases > limits.maxAliases) context.reportError(limitError(`别名过多（${aliases} > ${limits.maxAliases}）`, `Too many aliases (${aliases} > ${limits.maxAliases})`, 'aliases', aliases, limits.maxAliases));
        if (directives > limits.maxDirectives) context.reportError(limitError(`指令过多（${directives} > ${limits.maxDirectives}）`, `Too many directives (${directives} > ${limits.maxDirectives})`, 'directives', directives, limits.maxDirectives));
        if (cost > limits.maxCost) context.reportError(limitError(`查询代价过高（${cost} > ${limits.maxCost}）`, `Query cost too high (${cost} > ${limits.maxCost})`, 'cost', cost, limits.maxCost));
      },
    };
  };
}
