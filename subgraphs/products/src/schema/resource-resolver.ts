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
 * A reference products holds no snapshot for yet is its id alone (for `DataResource.products`): an empty name, as
 * `Organization.name` answers an organization not yet projected, and no sector or source unit (the gateway reports
 * the missing value). The planner asks products for them only where products returned the resource.
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
