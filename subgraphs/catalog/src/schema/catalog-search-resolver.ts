import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '@pdo/platform';
import type { CatalogLoaders } from '../loaders/index.js';
import { SECTORS } from '../domain/taxonomy.js';
import { catalogFacets, type CatalogFilter } from '../services/catalog-reads.js';
import { CatalogFacets, CatalogSearchResult } from './types.js';

type Ctx = RequestContext<CatalogLoaders>;

const LABELS: Record<string, Record<string, string>> = {
  sector: SECTORS,
  openness: { UNCONDITIONAL: '无条件开放', CONDITIONAL: '有条件开放', PROHIBITED: '禁止开放' },
  grade: { UNGRADED: '未分级' },
  authorizable: { true: '可授权', false: '不可授权' },
};

@Resolver(() => CatalogSearchResult)
export class CatalogSearchResolver {
  /** Facets are computed only when asked for: one grouping-sets statement. */
  @FieldResolver(() => CatalogFacets, { description: '按同一检索条件统计的分面计数 | Facet counts over the same search filter' })
  async facets(@Root() root: { _filter: CatalogFilter }, @Ctx() ctx: Ctx): Promise<CatalogFacets> {
    const f = await catalogFacets(ctx, root._filter);
    const label = (dim: string) => (b: { value: string; count: number }) => ({ ...b, labelZh: LABELS[dim]?.[b.value] ?? null });
    return {
      sector: f.sector.map(label('sector')),
      sourceAgency: f.sourceAgency.map(label('sourceAgency')),
      grade: f.grade.map(label('grade')),
      openness: f.openness.map(label('openness')),
      updateFrequency: f.updateFrequency.map(label('updateFrequency')),
      authorizable: f.authorizable.map(label('authorizable')),
      jurisdiction: f.jurisdiction.map(label('jurisdiction')),
    };
  }
}
