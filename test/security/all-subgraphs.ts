/** The six subgraph definitions and the merged access rules they declare. */
import { platformAccess, type AccessRule, type SubgraphDefinition } from '@pdo/platform';
import { definition as catalog } from '@pdo/catalog';
import { definition as licensing } from '@pdo/licensing';
import { definition as products } from '@pdo/products';
import { definition as revenue } from '@pdo/revenue';
import { definition as evaluation } from '@pdo/evaluation';
import { definition as delivery } from '@pdo/delivery';

export const DEFINITIONS: SubgraphDefinition<any>[] = [catalog, licensing, products, revenue, evaluation, delivery];

/** operation name → rule and the subgraph that declares it (a name declared twice is a defect). */
export function declaredAccess(): { rules: Map<string, AccessRule>; owners: Map<string, string[]> } {
  const rules = new Map<string, AccessRule>();
  const owners = new Map<string, string[]>();
  for (const d of DEFINITIONS) {
    for (const [op, rule] of Object.entries({ ...platformAccess(d.name), ...(d.access ?? {}) })) {
      rules.set(op, rule);
      owners.set(op, [...(owners.get(op) ?? []), d.name]);
    }
  }
  return { rules, owners };
}
