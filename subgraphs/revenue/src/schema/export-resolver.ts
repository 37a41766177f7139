import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { forbidden, type RequestContext } from '@pdo/platform';
import { ExportFile, ExportFormat, ExportLanguage, RevenuePartyKind, RevenueShareFilter, RevenueSummaryGroup, RevenueSummaryRow } from './types.js';
import { statement } from '../data/statements.js';
import { completedSettlement, requireCompleted, settlementFile, statementChargesFile, statementFile, summaryFile } from '../data/exports.js';
import { shareSummary, summaryRowName } from '../data/share-summary.js';
import { isFinance, requireFinance } from '../domain/access.js';
import type { Loaders } from '../loaders/index.js';

type Ctx = RequestContext<Loaders>;
const FORMAT = { nullable: true, defaultValue: ExportFormat.XLSX, description: 'XLSX（默认）或 CSV | XLSX (default) or CSV' } as const;
const LANGUAGE = { nullable: true, defaultValue: ExportLanguage.ZH, description: '表头语言，默认中文 | Header language, Chinese by default' } as const;

/**
 * Exports (subgraphs/revenue/README.md, "Exports"). Each follows the access rule of the data it carries: a
 * statement's export is the statement's (the party itself, or FINANCE/AUTHORITY of the
 * jurisdiction); a whole settlement is finance's; the summary is scoped like `revenueShareSummary`;
 * the charges behind a statement are scoped like `charges` (a developer its own, an operator its own
 * products', finance its jurisdiction's).
 */
@Resolver(() => RevenueSummaryRow)
export class ExportResolver {
  @FieldResolver(() => String, { nullable: true })
  async name(@Root() r: RevenueSummaryRow, @Ctx() ctx: Ctx) {
    return summaryRowName(ctx, r);
  }

  @Query(() => ExportFile, { description: '对账单导出（XLSX/CSV）| One party\'s statement as a file' })
  async revenueStatementExport(
    @Arg('settlementId', () => ID) settlementId: string,
    @Arg('partyId', () => String) partyId: string,
    @Ctx() ctx: Ctx,
    @Arg('partyKind', () => RevenuePartyKind, { nullable: true }) partyKind?: RevenuePartyKind,
    @Arg('format', () => ExportFormat, FORMAT) format: ExportFormat = ExportFormat.XLSX,
    @Arg('language', () => ExportLanguage, LANGUAGE) language: ExportLanguage = ExportLanguage.ZH,
  ) {
    const st = await statement(ctx.em, ctx.identity, settlementId, partyId, partyKind);
    return statementFile(st, format, language, ctx.now);
  }

  @Query(() => ExportFile, { description: '整个结算导出：全部分配方的分成、汇总与费用（FINANCE/AUTHORITY）| A whole settlement, every party, as a file' })
  async settlementExport(
    @Arg('settlementId', () => ID) settlementId: string,
    @Ctx() ctx: Ctx,
    @Arg('format', () => ExportFormat, FORMAT) format: ExportFormat = ExportFormat.XLSX,
    @Arg('language', () => ExportLanguage, LANGUAGE) language: ExportLanguage = ExportLanguage.ZH,
  ) {
    const s = await completedSettlement(ctx.em, settlementId);
    requireFinance(ctx.identity, s.jurisdiction);
    requireCompleted(s);
    return settlementFile(ctx.em, s, format, language, ctx.now);
  }

  @Query(() => ExportFile, { description: '收益汇总导出（按分配方/产品/运营机构/辖区/期间）| The revenue share summary as a file' })
  async revenueShareSummaryExport(
    @Arg('groupBy', () => RevenueSummaryGroup) groupBy: RevenueSummaryGroup,
    @Ctx() ctx: Ctx,
    @Arg('filter', () => RevenueShareFilter, { nullable: true }) filter?: RevenueShareFilter,
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
    @Arg('settlementId', () => ID) settlementId: string,
    @Arg('partyId', () => String) partyId: string,
    @Ctx() ctx: Ctx,
    @Arg('partyKind', () => RevenuePartyKind, { nullable: true }) partyKind?: RevenuePartyKind,
    @Arg('productId', () => ID, { nullable: true, description: 'Only this product\'s charges' }) productId?: string,
    @Arg('format', () => ExportFormat, FORMAT) format: ExportFormat = ExportFormat.XLSX,
    @Arg('language', () => ExportLanguage, LANGUAGE) language: ExportLanguage = ExportLanguage.ZH,
  ) {
    const st = await statement(ctx.em, ctx.identity, settlementId, partyId, partyKind);
    const id = ctx.identity;
    // Charges are scoped as the `charges` query scopes them; a source agency or agency sees none.
    let scope: { developerId: string | null; operatorId: string | null };
    if (isFinance(id)) scope = { developerId: st.partyKind === RevenuePartyKind.DEVELOPER ? st.partyId : null, operatorId: null };
    else if (id.role === 'DEVELOPER' && st.partyKind === RevenuePartyKind.DEVELOPER) scope = { developerId: id.org, operatorId: null };
    else if (id.role === 'OPERATOR' && st.partyKind !== RevenuePartyKind.DEVELOPER) scope = { developerId: null, operatorId: id.org };
    else throw forbidden('只能导出本单位的费用', 'You may only export your own charges');
    return statementChargesFile(ctx.em, st, { ...scope, productId: productId ?? null }, format, language, ctx.now);
  }
}
