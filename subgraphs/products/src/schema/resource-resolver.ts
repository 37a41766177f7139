import { Kind, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

const SHARED = new Set(['nameZh', 'sector', 'sourceAgency']);

/**
 * The catalog's name, sector and source unit of a resource are shared (`@shareable` in both subgraphs): the gateway asks
 * products for them wherever products returned the resource (a product's resources), so the listing and the product
 * page do not call the catalog. Products answers them from its resource_projection as plain properties
 * (services/product-queries.ts: a type-graphql field resolver per field and resource cost products ≈ 2 ms per listing,
 * most of what the catalog call it replaces cost; packages/bench/README.md);
 * the resources the catalog would hide from the caller never reach them (access.ts, canSeeResource).
 *
 * Whether an `_entities` call asks any of these facts of a DataResource (the gateway asks with inline fragments): a
 * reference products holds no snapshot for then resolves to null, as the catalog resolves an id it does not know, and
 * to its id alone when only `DataResource.products` is asked.
 */
export function asksSharedFacts(info: GraphQLResolveInfo | undefined): boolean {
  if (!info) return true;
  const visit = (set: SelectionSetNode | undefined, onResource: boolean): boolean =>
    (set?.selections ?? []).some((s) => {
      if (s.kind === Kind.FIELD) return onResource && SHARED.has(s.name.value);
      if (s.kind === Kind.INLINE_FRAGMENT) return visit(s.selectionSet, s.typeCondition ? s.typeCondition.name.value === 'DataResource' : onResource);
      const f = info.fragments[s.name.value];
      return !!f && visit(f.selectionSet, f.typeCondition.name.value === 'DataResource');
    });
  return info.fieldNodes.some((n) => visit(n.selectionSet, false));
}
