import { operationFromDocument, Supergraph } from '@apollo/federation-internals';
import { QueryPlanner, type PlanNode, type QueryPlan } from '@apollo/query-planner';
import { parse } from 'graphql';

/**
 * The subgraph calls a federation gateway makes for one operation, read from the query plan of the supergraph
 * (@apollo/query-planner, the planner of our gateway and of plain @apollo/gateway): one entry per fetch, in the
 * plan's order. Each call costs a subgraph ≈ 2–3 ms of CPU whatever it asks (README, "Where an uncached listing's
 * time goes"), so this count is what the pages' fixed cost grows with.
 */
export function subgraphCalls(supergraphSdl: string, query: string): string[] {
  const supergraph = Supergraph.build(supergraphSdl);
  const operation = operationFromDocument(supergraph.schema.toAPISchema(), parse(query));
  return fetchesOf(new QueryPlanner(supergraph).buildQueryPlan(operation));
}

function fetchesOf(plan: QueryPlan): string[] {
  const out: string[] = [];
  const walk = (n: PlanNode | undefined): void => {
    if (!n) return;
    switch (n.kind) {
      case 'Fetch':
        out.push(n.serviceName);
        return;
      case 'Sequence':
      case 'Parallel':
        n.nodes.forEach(walk);
        return;
      case 'Flatten':
        walk(n.node);
        return;
      case 'Defer':
        walk(n.primary.node);
        n.deferred.forEach((d) => walk(d.node));
        return;
      case 'Condition':
        walk(n.ifClause);
        walk(n.elseClause);
        return;
    }
  };
  const root = plan.node;
  if (root?.kind === 'Subscription') {
    walk(root.primary);
    walk(root.rest);
  } else walk(root);
  return out;
}
