import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { inTransaction, notFound, PageArgs, pageRows, pageWindow, sqlOne, toConnection, type RequestContext } from '@pdo/platform';
import type { ProhibitedReason } from '@pdo/policy';
import type { CatalogLoaders } from '../loaders/index.js';
import type { ResourceRow } from '../data/resource-rows.js';
import { facetCounts, searchResources, type CatalogFilter, type CatalogSort as Sort } from '../data/search.js';
import { canSee } from '../domain/access.js';
import { computeAuthorizability } from '../domain/authorizability.js';
import { createResource, editResource, withdrawResource, type CreateResourceInput, type EditResourceInput, type ResourceFieldsInput } from '../domain/resource-service.js';
import { SECTORS, type Classification, type Grade, type Openness, type UpdateFrequency } from '../domain/taxonomy.js';
import {
  CatalogAuthorizability,
  CatalogFacets,
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
} from './types.js';

type Ctx = RequestContext<CatalogLoaders>;

/** GraphQL input → domain input (enums arrive as their stored values). */
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
  return out;
}

const visible = (ctx: Ctx, r: ResourceRow | null) => (r && canSee(ctx.identity, r) ? r : null);

export const filterOf = (f: CatalogSearchFilter | null | undefined): CatalogFilter => ({ ...(f ?? {}) });

@Resolver(() => DataResource)
export class DataResourceResolver {
  @Query(() => DataResource, { nullable: true, description: '按 ID 查询数据资源 | A resource by id' })
  async dataResource(@Arg('id', () => ID) id: string, @Ctx() ctx: Ctx) {
    return visible(ctx, await ctx.loaders.resourceById.load(id));
  }

  @Query(() => DataResource, { nullable: true, description: '按辖区与编码查询 | A resource by jurisdiction and code' })
  async dataResourceByCode(@Arg('jurisdiction') jurisdiction: string, @Arg('code') code: string, @Ctx() ctx: Ctx) {
    const row = await sqlOne<{ id: string }>(ctx.em, `select id from data_resource where jurisdiction = $1 and code = $2`, [jurisdiction, code.toUpperCase()]);
    return row ? visible(ctx, await ctx.loaders.resourceById.load(row.id)) : null;
  }

  @Query(() => CatalogSearchResult, { description: '公共数据资源目录检索（仅元数据）| Public catalog search (metadata only)' })
  async catalogSearch(
    @Args(() => PageArgs) page: PageArgs,
    @Arg('filter', () => CatalogSearchFilter, { nullable: true }) filter: CatalogSearchFilter | null,
    @Arg('sort', () => CatalogSort, { nullable: true }) sort: Sort | null,
    @Ctx() ctx: Ctx,
  ) {
    const win = pageWindow(page);
    const f = filterOf(filter);
    const { rows, total } = await searchResources(ctx.em, ctx.identity, f, sort, win);
    return { ...toConnection(rows, total, win), _filter: f };
  }

  @Query(() => DataResourceConnection, { description: '数据资源列表（同 catalogSearch，无分面）| Resource list' })
  async dataResources(@Args(() => PageArgs) page: PageArgs, @Arg('filter', () => CatalogSearchFilter, { nullable: true }) filter: CatalogSearchFilter | null, @Ctx() ctx: Ctx) {
    const win = pageWindow(page);
    const { rows, total } = await searchResources(ctx.em, ctx.identity, filterOf(filter), 'NAME', win);
    return toConnection(rows, total, win);
  }

  @Query(() => [CatalogSectorInfo], { description: '行业领域分类 | The sector taxonomy' })
  catalogSectors(): CatalogSectorInfo[] {
    return Object.entries(SECTORS).map(([code, nameZh]) => ({ code, nameZh }));
  }

  @Query(() => DataResourceVersionConnection, { description: '资源版本历史（新→旧）| Version history, newest first' })
  async dataResourceVersions(@Arg('resourceId', () => ID) resourceId: string, @Args(() => PageArgs) page: PageArgs, @Ctx() ctx: Ctx) {
    const r = visible(ctx, await ctx.loaders.resourceById.load(resourceId));
    if (!r) throw notFound('数据资源', 'Data resource', resourceId);
    const win = pageWindow(page);
    const { rows, totalCount } = await pageRows<DataResourceVersion>(
      ctx.em,
      {
        select: `id, resource_id as "resourceId", version, action, snapshot, changes, changed_by as "changedBy", changed_by_org as "changedByOrg", changed_at as "changedAt", note`,
        from: `data_resource_version where resource_id = $1`,
        orderBy: `version desc`,
        params: [resourceId],
      },
      win,
    );
    return toConnection(rows, totalCount, win);
  }

  @Query(() => DataResourceVersion, { nullable: true, description: '某一历史版本 | One past version' })
  async dataResourceVersion(@Arg('resourceId', () => ID) resourceId: string, @Arg('version', () => Int) version: number, @Ctx() ctx: Ctx) {
    const r = visible(ctx, await ctx.loaders.resourceById.load(resourceId));
    if (!r) return null;
    return sqlOne<DataResourceVersion>(
      ctx.em,
      `select id, resource_id as "resourceId", version, action, snapshot, changes, changed_by as "changedBy", changed_by_org as "changedByOrg", changed_at as "changedAt", note
         from data_resource_version where resource_id = $1 and version = $2`,
      [resourceId, version],
    );
  }

  @Mutation(() => DataResource, { description: '新建数据资源（数源单位或实施机构）| Create a resource' })
  async createDataResource(@Arg('input', () => CreateDataResourceInput) input: CreateDataResourceInput, @Ctx() ctx: Ctx) {
    return inTransaction(ctx, (uow) =>
      createResource(uow, ctx, {
        ...patchOf(input as DataResourcePatchInput),
        jurisdiction: input.jurisdiction ?? null,
        sourceAgencyId: input.sourceAgencyId,
      } as CreateResourceInput),
    );
  }

  @Mutation(() => DataResource, { description: '修改数据资源（产生新版本）| Edit a resource (creates a version)' })
  async editDataResource(@Arg('input', () => EditDataResourceInput) input: EditDataResourceInput, @Ctx() ctx: Ctx) {
    const edit: EditResourceInput = { ...patchOf(input), id: input.id, expectedVersion: input.expectedVersion ?? null, note: input.note ?? null };
    return inTransaction(ctx, async (uow) => (await editResource(uow, ctx, edit)).row);
  }

  @Mutation(() => DataResource, { description: '撤回数据资源（被生效授权使用时拒绝）| Withdraw a resource' })
  async withdrawDataResource(@Arg('id', () => ID) id: string, @Arg('reason') reason: string, @Ctx() ctx: Ctx) {
    return inTransaction(ctx, (uow) => withdrawResource(uow, ctx, id, reason));
  }

  // ── fields ──
  @FieldResolver(() => Organization)
  sourceAgency(@Root() r: ResourceRow): Organization {
    return { id: r.sourceAgencyId };
  }

  @FieldResolver(() => Organization, { nullable: true })
  sharedFromAgency(@Root() r: ResourceRow): Organization | null {
    return r.sharedFromAgencyId ? { id: r.sharedFromAgencyId } : null;
  }

  @FieldResolver(() => CatalogQuality)
  quality(@Root() r: ResourceRow): CatalogQuality {
    return { completeness: r.qualityCompleteness, consistency: r.qualityConsistency, accuracy: r.qualityAccuracy, timeliness: r.qualityTimeliness };
  }

  @FieldResolver(() => CatalogAuthorizability)
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

const LABELS: Record<string, Record<string, string>> = {
  sector: SECTORS,
  openness: { UNCONDITIONAL: '无条件开放', CONDITIONAL: '有条件开放', PROHIBITED: '禁止开放' },
  grade: { UNGRADED: '未分级' },
  authorizable: { true: '可授权', false: '不可授权' },
};

@Resolver(() => CatalogSearchResult)
export class CatalogSearchResolver {
  /** Facets are computed only when asked for: one grouping-sets statement. */
  @FieldResolver(() => CatalogFacets)
  async facets(@Root() root: { _filter: CatalogFilter }, @Ctx() ctx: Ctx): Promise<CatalogFacets> {
    const f = await facetCounts(ctx.em, ctx.identity, root._filter);
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
