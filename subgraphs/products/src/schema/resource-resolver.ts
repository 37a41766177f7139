import { Kind, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';
import { FieldResolver, Resolver, Root } from 'type-graphql';
import type { ResourceFacts } from '../loaders/index.js';
import { CatalogSector, DataResource, Organization } from './types.js';

/** A resource as products returns it: its projected facts (a product's resources, a reference), or its id alone. */
type Resource = Partial<ResourceFacts> & { id: string };

/**
 * The catalog's name, sector and source unit of a resource, shared (`@shareable` in both subgraphs): the gateway asks
 * products for them wherever products returned the resource (a product's resources), so the listing and the product
 * page do not call the catalog. Answered from products' resource_projection, which the catalog's snapshots keep; the
 * resources the catalog would hide from the caller never reach these fields (services/product-queries.ts, access.ts).
 * A reference to a resource products holds no snapshot for resolves as the catalog resolves an id it does not know
 * (null) when the gateway asks for these fields, and to its id alone when it asks only for `DataResource.products`
 * (asksSharedFacts).
 */
@Resolver(() => DataResource)
export class DataResourceFactsResolver {
  @FieldResolver(() => String, { description: '名称 | Name (Chinese)' })
  nameZh(@Root() r: Resource): string {
    return r.nameZh ?? '';
  }

  @FieldResolver(() => CatalogSector, { description: '所属领域 | Sector' })
  sector(@Root() r: Resource): string | null {
    return r.sector ?? null;
  }

  @FieldResolver(() => Organization, { description: '数源单位 | The source unit that owns the resource' })
  sourceAgency(@Root() r: Resource): Organization | null {
    return r.sourceAgencyId ? { id: r.sourceAgencyId } : null;
  }
}

const SHARED = new Set(['nameZh', 'sector', 'sourceAgency']);

/** Whether an `_entities` call asks any of the shared facts of a DataResource (the gateway asks with inline fragments). */
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
