import { forbidden, type RequestContext } from '@pdo/platform';
import { isFinance, requireFinance } from '../access.js';
import { completedSettlement, requireCompleted, settlementFile, statementChargesFile, statementFile, type ExportFormat, type ExportLanguage } from './export-files.js';
import { statement, type StatementPartyKind } from './statements.js';

export { summaryFile } from './export-files.js';

type Ctx = RequestContext<unknown>;
export interface ExportOptions {
  format: ExportFormat;
  language: ExportLanguage;
}

/** One party's statement as a file: the statement's own access rule (the party itself, or finance of the jurisdiction). */
export async function statementExport(ctx: Ctx, settlementId: string, partyId: string, kind: StatementPartyKind | null | undefined, o: ExportOptions) {
  const st = await statement(ctx.em, ctx.identity, settlementId, partyId, kind);
  return statementFile(st, o.format, o.language, ctx.now);
}

/** A whole completed settlement, every party, as a file: finance of its jurisdiction. */
export async function settlementExport(ctx: Ctx, settlementId: string, o: ExportOptions) {
  const s = await completedSettlement(ctx.em, settlementId);
  requireFinance(ctx.identity, s.jurisdiction);
  requireCompleted(s);
  return settlementFile(ctx.em, s, o.format, o.language, ctx.now);
}

/**
 * The charges behind a statement, scoped as the `charges` query scopes them: finance its jurisdiction's (a developer's
 * statement: that developer's), a developer its own, an operator its own products'; a source unit or the implementing agency none.
 */
export async function statementChargesExport(ctx: Ctx, settlementId: string, partyId: string, kind: StatementPartyKind | null | undefined, productId: string | null, o: ExportOptions) {
  const st = await statement(ctx.em, ctx.identity, settlementId, partyId, kind);
  const id = ctx.identity;
  let scope: { developerId: string | null; operatorId: string | null };
  if (isFinance(id)) scope = { developerId: st.partyKind === 'DEVELOPER' ? st.partyId : null, operatorId: null };
  else if (id.role === 'DEVELOPER' && st.partyKind === 'DEVELOPER') scope = { developerId: id.org, operatorId: null };
  else if (id.role === 'OPERATOR' && st.partyKind !== 'DEVELOPER') scope = { developerId: null, operatorId: id.org };
  else throw forbidden('只能导出本单位的费用', 'You may only export your own charges');
  return statementChargesFile(ctx.em, st, { ...scope, productId }, o.format, o.language, ctx.now);
}
