import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '@pdo/platform';
import { ExportFile, ExportFormat, ExportLanguage, RevenuePartyKind, RevenueShareFilter, RevenueSummaryGroup, RevenueSummaryRow } from './types.js';
import { settlementExport, statementChargesExport, statementExport, summaryFile } from '../services/exports.js';
import { shareSummary } from '../services/shares.js';
import { jurisdictionName } from '../domain/rules.js';
import type { Loaders } from '../loaders/index.js';

type Ctx = RequestContext<Loaders>;
const FORMAT = { nullable: true, defaultValue: ExportFormat.XLSX, description: 'XLSX（默认）或 CSV | XLSX (default) or CSV' } as const;
const LANGUAGE = { nullable: true, defaultValue: ExportLanguage.ZH, description: '表头语言，默认中文 | Header language, Chinese by default' } as const;

/**
 * The name of what a summary row's key identifies, through the request's loaders: every row of a page is answered by
 * one statement on the organisation (or product) projection, however many rows there are.
 */
async function summaryRowName(ctx: Ctx, r: { key: string; partyKind: string | null; group: RevenueSummaryGroup | string }): Promise<string | null> {
  switch (r.group) {
    case RevenueSummaryGroup.PARTY:
      return r.partyKind === RevenuePartyKind.JURISDICTION ? jurisdictionName(r.key) : ctx.loaders.orgNameById.load(r.key);
    case RevenueSummaryGroup.OPERATOR:
      return ctx.loaders.orgNameById.load(r.key);
    case RevenueSummaryGroup.PRODUCT:
      return (await ctx.loaders.productById.load(r.key))?.nameZh ?? null;
    case RevenueSummaryGroup.JURISDICTION:
      return jurisdictionName(r.key);
    default:
      return null;
  }
}

/**
 * Exports (subgraphs/revenue/README.md, "Exports"). Each follows the access rule of the data it carries
 * (services/exports.ts): a statement's export is the statement's; a whole settlement is finance's; the summary is
 * scoped like `revenueShareSummary`; the charges behind a statement like `charges`.
 */
@Resolver(() => RevenueSummaryRow)
export class ExportResolver {
  @FieldResolver(() => String, { nullable: true, description: '名称：分配方、运营机构、产品或辖区的名称（期间为空）| Name of what the key identifies (none for a period)' })
  async name(@Root() r: RevenueSummaryRow, @Ctx() ctx: Ctx) {
    return summaryRowName(ctx, r);
  }

  @Query(() => ExportFile, { description: '对账单导出（XLSX/CSV）| One party\'s statement as a file' })
  async revenueStatementExport(
    @Arg('settlementId', () => ID, { description: '结算标识 | Id of the settlement' }) settlementId: string,
    @Arg('partyId', () => String, { description: '分配方标识 | Id of the party' }) partyId: string,
    @Ctx() ctx: Ctx,
    @Arg('partyKind', () => RevenuePartyKind, { nullable: true, description: '分配方类型（标识可能重复时指定）| Kind of party, when the id alone is ambiguous' }) partyKind?: RevenuePartyKind,
    @Arg('format', () => ExportFormat, FORMAT) format: ExportFormat = ExportFormat.XLSX,
    @Arg('language', () => ExportLanguage, LANGUAGE) language: ExportLanguage = ExportLanguage.ZH,
  ) {
    return statementExport(ctx, settlementId, partyId, partyKind, { format, language });
  }

  @Query(() => ExportFile, { description: '整个结算导出：全部分配方的分成、汇总与费用（FINANCE/AUTHORITY）| A whole settlement, every party, as a file' })
  async settlementExport(
    @Arg('settlementId', () => ID, { description: '结算标识 | Id of the settlement' }) settlementId: string,
    @Ctx() ctx: Ctx,
    @Arg('format', () => ExportFormat, FORMAT) format: ExportFormat = ExportFormat.XLSX,
    @Arg('language', () => ExportLanguage, LANGUAGE) language: ExportLanguage = ExportLanguage.ZH,
  ) {
    return settlementExport(ctx, settlementId, { format, language });
  }

  @Query(() => ExportFile, { description: '收益汇总导出（按分配方/产品/运营机构/辖区/期间）| The revenue share summary as a file' })
  async revenueShareSummaryExport(
    @Arg('groupBy', () => RevenueSummaryGroup, { description: '汇总维度 | Grouping' }) groupBy: RevenueSummaryGroup,
    @Ctx() ctx: Ctx,
    @Arg('filter', () => RevenueShareFilter, { nullable: true, description: '筛选条件 | Filter' }) filter?: RevenueShareFilter,
    @Arg('format', () => ExportFormat, FORMAT) format: ExportFormat = ExportFormat.XLSX,
    @Arg('language', () => ExportLanguage, LANGUAGE) language: ExportLanguage = ExportLanguage.ZH,
  ) {
    const rows = await shareSummary(ctx, groupBy, filter);
    const named = await Promise.all(
      rows.map(async (r) => ({
        ...r,
        name: await summaryRowName(ctx, r),
        code: groupBy === RevenueSummaryGroup.PRODUCT ? ((await ctx.loaders.productById.load(r.key))?.code ?? null) : null,
      })),
    );
    return summaryFile(groupBy, named, format, language, ctx.now);
  }

  @Query(() => ExportFile, { description: '对账单背后的费用明细（时间为北京时间）| The charges behind a statement, as a file' })
  async revenueStatementChargesExport(
    @Arg('settlementId', () => ID, { description: '结算标识 | Id of the settlement' }) settlementId: string,
    @Arg('partyId', () => String, { description: '分配方标识 | Id of the party' }) partyId: string,
    @Ctx() ctx: Ctx,
    @Arg('partyKind', () => RevenuePartyKind, { nullable: true, description: '分配方类型（标识可能重复时指定）| Kind of party, when the id alone is ambiguous' }) partyKind?: RevenuePartyKind,
    @Arg('productId', () => ID, { nullable: true, description: '只看该产品的费用 | Only this product\'s charges' }) productId?: string,
    @Arg('format', () => ExportFormat, FORMAT) format: ExportFormat = ExportFormat.XLSX,
    @Arg('language', () => ExportLanguage, LANGUAGE) language: ExportLanguage = ExportLanguage.ZH,
  ) {
    return statementChargesExport(ctx, settlementId, partyId, partyKind, productId ?? null, { format, language });
  }
}
