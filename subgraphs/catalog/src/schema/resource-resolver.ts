import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { PageArgs, type RequestContext } from '@pdo/platform';
import type { ProhibitedReason } from '@pdo/policy';
import type { CatalogLoaders } from '../loaders/index.js';
import type { ResourceRow } from '../domain/resource.js';
import { computeAuthorizability } from '../domain/authorizability.js';
import { SECTORS, type Classification, type Grade, type Openness, type UpdateFrequency } from '../domain/taxonomy.js';
import { createDataResource, editDataResource, withdrawDataResource } from '../services/resources.js';
import { correctResourceOrigin } from '../services/resource-origin.js';
import type { ReturnedOrigin as Origin } from '../domain/resource.js';
import type { ResourceFieldsInput } from '../services/resource-input.js';
import { resourceByCode, resourceVersionOf, resourceVersions, searchCatalog, visibleResource, type CatalogFilter, type CatalogSort as Sort } from '../services/catalog-reads.js';
import {
  CatalogAuthorizability,
  CatalogQuality,
  CatalogSearchFilter,
  CatalogSearchResult,
  CatalogSectorInfo,
  CatalogSort,
  CreateDataResourceInput,
  DataResource,
  DataResourceConnection,
  DataResourcePatchInput,
  DataResourceVersion,
  DataResourceVersionConnection,
  EditDataResourceInput,
  Organization,
  ReturnedOriginInput,
} from './types.js';

type Ctx = RequestContext<CatalogLoaders>;

/** GraphQL input → service input (enums arrive as their stored values). */
export function patchOf(p: DataResourcePatchInput): ResourceFieldsInput {
  const out: ResourceFieldsInput = {};
  if (p.code != null) out.code = p.code;
  if (p.nameZh != null) out.nameZh = p.nameZh;
  if (p.descriptionZh != null) out.descriptionZh = p.descriptionZh;
  if (p.sector != null) out.sector = p.sector;
  if (p.fields != null) out.fields = p.fields;
  if (p.classification !== undefined) out.classification = p.classification as Classification | null;
  if (p.grade !== undefined) out.grade = p.grade as Grade | null;
  if (p.openness != null) out.openness = p.openness as Openness;
  if (p.prohibitedReason !== undefined) out.prohibitedReason = p.prohibitedReason as ProhibitedReason | null;
  if (p.sharedFromAgencyId !== undefined) out.sharedFromAgencyId = p.sharedFromAgencyId;
  if (p.sharingConsent != null) out.sharingConsent = p.sharingConsent;
  if (p.updateFrequency != null) out.updateFrequency = p.updateFrequency as UpdateFrequency;
  if (p.recordCount != null) out.recordCount = p.recordCount;
  if (p.lastDataUpdateAt !== undefined) out.lastDataUpdateAt = p.lastDataUpdateAt;
  if (p.quality) out.quality = p.quality;
  const origin = (p as CreateDataResourceInput).returnedOrigin;
  if (origin !== undefined) out.returnedOrigin = originOf(origin);
  return out;
}

const originOf = (o: ReturnedOriginInput | null): Origin | null => (o ? { level: o.level as Origin['level'], from: o.from, reference: o.reference ?? null } : null);

const filterOf = (f: CatalogSearchFilter | null | undefined): CatalogFilter => ({ ...(f ?? {}) });

@Resolver(() => DataResource)
export class DataResourceResolver {
  @Query(() => DataResource, { nullable: true, description: '按 ID 查询数据资源 | A resource by id' })
  dataResource(@Arg('id', () => ID, { description: '数据资源标识 | Id of the resource' }) id: string, @Ctx() ctx: Ctx) {
    return visibleResource(ctx, id);
  }

  @Query(() => DataResource, { nullable: true, description: '按辖区与编码查询 | A resource by jurisdiction and code' })
  dataResourceByCode(@Arg('jurisdiction', { description: '辖区代码 | Jurisdiction code' }) jurisdiction: string, @Arg('code', { description: '资源编码（辖区内唯一）| Resource code, unique in its jurisdiction' }) code: string, @Ctx() ctx: Ctx) {
    return resourceByCode(ctx, { jurisdiction, code });
  }

  @Query(() => CatalogSearchResult, { description: '公共数据资源目录检索（仅元数据）| Public catalog search (metadata only)' })
  async catalogSearch(
    @Args(() => PageArgs) page: PageArgs,
    @Arg('filter', () => CatalogSearchFilter, { nullable: true, description: '检索条件 | Search filter' }) filter: CatalogSearchFilter | null,
    @Arg('sort', () => CatalogSort, { nullable: true, description: '排序 | Sort order' }) sort: Sort | null,
    @Ctx() ctx: Ctx,
  ) {
    const f = filterOf(filter);
    // The facets field resolver (catalog-search-resolver.ts) counts over the same filter.
    return { ...(await searchCatalog(ctx, { filter: f, sort, page })), _filter: f };
  }

  @Query(() => DataResourceConnection, { description: '数据资源列表（同 catalogSearch，无分面）| Resource list' })
  dataResources(@Args(() => PageArgs) page: PageArgs, @Arg('filter', () => CatalogSearchFilter, { nullable: true, description: '检索条件 | Search filter' }) filter: CatalogSearchFilter | null, @Ctx() ctx: Ctx) {
    return searchCatalog(ctx, { filter: filterOf(filter), sort: 'NAME', page });
  }

  @Query(() => [CatalogSectorInfo], { description: '行业领域分类 | The sector taxonomy' })
  catalogSectors(): CatalogSectorInfo[] {
    return Object.entries(SECTORS).map(([code, nameZh]) => ({ code, nameZh }));
  }

  @Query(() => DataResourceVersionConnection, { description: '资源版本历史（新→旧）| Version history, newest first' })
  dataResourceVersions(@Arg('resourceId', () => ID, { description: '数据资源标识 | Id of the resource' }) resourceId: string, @Args(() => PageArgs) page: PageArgs, @Ctx() ctx: Ctx) {
    return resourceVersions(ctx, { resourceId, page });
  }

  @Query(() => DataResourceVersion, { nullable: true, description: '某一历史版本 | One past version' })
  dataResourceVersion(@Arg('resourceId', () => ID, { description: '数据资源标识 | Id of the resource' }) resourceId: string, @Arg('version', () => Int, { description: '版本号 | Version number' }) version: number, @Ctx() ctx: Ctx) {
    return resourceVersionOf(ctx, { resourceId, version });
  }

  @Mutation(() => DataResource, { description: '新建数据资源（数源单位或实施机构）| Create a resource' })
  createDataResource(@Arg('input', () => CreateDataResourceInput, { description: '新数据资源 | The resource to catalogue' }) input: CreateDataResourceInput, @Ctx() ctx: Ctx) {
    return createDataResource(ctx, {
      ...patchOf(input as DataResourcePatchInput),
      jurisdiction: input.jurisdiction ?? null,
      sourceUnitId: input.sourceAgencyId,
    } as Parameters<typeof createDataResource>[1]);
  }

  @Mutation(() => DataResource, { description: '修改数据资源（产生新版本）| Edit a resource (creates a version)' })
  editDataResource(@Arg('input', () => EditDataResourceInput, { description: '修改内容 | The edit' }) input: EditDataResourceInput, @Ctx() ctx: Ctx) {
    return editDataResource(ctx, { ...patchOf(input), id: input.id, expectedVersion: input.expectedVersion ?? null, note: input.note ?? null });
  }

  @Mutation(() => DataResource, { description: '撤回数据资源（被生效授权使用时拒绝）| Withdraw a resource' })
  withdrawDataResource(@Arg('id', () => ID, { description: '数据资源标识 | Id of the resource' }) id: string, @Arg('reason', { description: '撤回理由 | Reason for withdrawing it' }) reason: string, @Ctx() ctx: Ctx) {
    return withdrawDataResource(ctx, { id, reason });
  }

  @Mutation(() => DataResource, { description: '更正回流来源（数据主管部门或实施机构，产生新版本并留痕）| Correct where a resource\'s data came from: returned by a higher level, or own data (the data authority or the implementing agency; a new version, audited)' })
  correctResourceOrigin(
    @Arg('id', () => ID, { description: '数据资源标识 | Id of the resource' }) id: string,
    @Arg('returnedOrigin', () => ReturnedOriginInput, { nullable: true, description: '回流来源；为空表示本级数据 | Where the data came from; null for the jurisdiction\'s own data' }) returnedOrigin: ReturnedOriginInput | null,
    @Arg('note', { description: '更正依据（如省级回流清单文号）| The basis of the correction (e.g. the province\'s return list)' }) note: string,
    @Ctx() ctx: Ctx,
  ) {
    return correctResourceOrigin(ctx, { id, returnedOrigin: originOf(returnedOrigin), note });
  }

  // ── fields ──
  @FieldResolver(() => Organization, { description: '数源单位 | Source unit that holds the data' })
  sourceAgency(@Root() r: ResourceRow): Organization {
    return { id: r.sourceUnitId };
  }

  @FieldResolver(() => Organization, { nullable: true, description: '共享来源单位（数据经共享取得时）| Unit the data was shared from, when obtained by sharing' })
  sharedFromAgency(@Root() r: ResourceRow): Organization | null {
    return r.sharedFromAgencyId ? { id: r.sharedFromAgencyId } : null;
  }

  @FieldResolver(() => CatalogQuality, { description: '数据质量评分 | Data quality scores' })
  quality(@Root() r: ResourceRow): CatalogQuality {
    return { completeness: r.qualityCompleteness, consistency: r.qualityConsistency, accuracy: r.qualityAccuracy, timeliness: r.qualityTimeliness };
  }

  @FieldResolver(() => CatalogAuthorizability, { description: '是否可授权运营及原因 | Whether the resource may be authorized for operation, and why not' })
  async authorizability(@Root() r: ResourceRow, @Ctx() ctx: Ctx): Promise<CatalogAuthorizability> {
    return computeAuthorizability(r, await ctx.loaders.profile.load(r.jurisdiction));
  }

  @FieldResolver(() => Int, { description: '版本数 | Number of versions' })
  versionsCount(@Root() r: ResourceRow, @Ctx() ctx: Ctx) {
    return ctx.loaders.versionsCount.load(r.id);
  }

  @FieldResolver(() => Int, { description: '未答复的校核申请数 | Open correction requests (quality issues)' })
  openCorrectionsCount(@Root() r: ResourceRow, @Ctx() ctx: Ctx) {
    return ctx.loaders.openCorrectionsCount.load(r.id);
  }

  @FieldResolver(() => String, { description: '行业中文名 | Sector name' })
  sectorNameZh(@Root() r: ResourceRow): string {
    return SECTORS[r.sector as keyof typeof SECTORS] ?? r.sector;
  }
}
