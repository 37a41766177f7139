import { badInput, forbidden, inTransaction, newId, type Em, type Identity, type RequestContext, type UnitOfWork } from '@pdo/platform';
import { Decimal } from '@pdo/policy';
import type { BondYieldInForce } from '../domain/rules.js';
import { requirePricingPart } from '../access.js';
import { profileOf } from '../data/profile.js';
import { bondYieldHistory, insertBondYield, latestBondYield, serialiseLoads, type BondYieldRow } from '../data/bond-yields.js';

/**
 * The average 10-year government bond yield of each year (PN §3(1)), as reference data the pricing authority loads
 * with its source document. Each load is a new version of the (jurisdiction, year); the highest version is in force,
 * earlier ones stay as history.
 */
const MAX_PERCENT = Decimal.parse('20');
const MIN_YEAR = 1990;
/** numeric(7,4) as written: '1.7500' → '1.75', '2.0000' → '2'. */
export const plainPercent = (s: string) => (s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s);

export interface LoadBondYieldInput {
  year: number;
  yieldPercent: Decimal;
  sourceDocument: string;
}

const ownJurisdiction = (identity: Identity): string => {
  if (!identity.jurisdiction) throw forbidden('账号未关联辖区', 'Your account has no jurisdiction');
  return identity.jurisdiction;
};

/** The yield in force for a year in a jurisdiction, or null when none has been loaded. */
export async function bondYieldInForce(em: Em, jurisdiction: string, year: number): Promise<BondYieldInForce | null> {
  const r = await latestBondYield(em, jurisdiction, year);
  if (!r) return null;
  return { year: r.year, percent: plainPercent(r.yield_percent), source: `${r.source_document} (bond_yield v${r.version}${r.illustrative ? ', illustrative' : ''})` };
}

/** Every version loaded in the caller's jurisdiction (optionally of one year), newest year and version first. */
export function bondYields(ctx: RequestContext<unknown>, year: number | null): Promise<BondYieldRow[]> {
  return bondYieldHistory(ctx.em, ownJurisdiction(ctx.identity), year);
}

/** Refuses a value that cannot be an annual average yield: non-positive, above 20 %, or over 4 decimals. */
function checkInput(input: LoadBondYieldInput, currentYear: number): { percent: Decimal; source: string } {
  if (!Number.isInteger(input.year) || input.year < MIN_YEAR || input.year > currentYear) {
    throw badInput(`年度须在 ${MIN_YEAR} 到 ${currentYear} 之间`, `The year must be between ${MIN_YEAR} and ${currentYear}`, { field: 'input.year', details: { reason: 'YEAR_OUT_OF_RANGE' } });
  }
  const p = input.yieldPercent;
  if (!p.gt(Decimal.ZERO)) throw badInput('收益率必须为正数', 'The yield must be positive', { field: 'input.yieldPercent', details: { reason: 'YIELD_NOT_POSITIVE' } });
  if (p.gt(MAX_PERCENT)) {
    throw badInput(`收益率 ${p.toString()}% 不合理（上限 20%）`, `A yield of ${p.toString()}% is implausible (at most 20%)`, { field: 'input.yieldPercent', details: { reason: 'YIELD_IMPLAUSIBLE', maxPercent: '20' } });
  }
  if (p.round(4).cmp(p) !== 0) throw badInput('收益率最多四位小数', 'The yield has at most four decimals', { field: 'input.yieldPercent', details: { reason: 'YIELD_TOO_PRECISE' } });
  const source = input.sourceDocument.trim();
  if (!source) throw badInput('须注明数据来源文件', 'The source document is required', { field: 'input.sourceDocument' });
  if (source.length > 500) throw badInput('来源说明过长（最多 500 字）', 'The source document is too long (at most 500 characters)', { field: 'input.sourceDocument' });
  return { percent: p, source };
}

/** Loads (or corrects) a year's yield in the caller's jurisdiction: a new version, audited with the one it supersedes. */
export async function loadBondYield(ctx: RequestContext<unknown>, input: LoadBondYieldInput): Promise<BondYieldRow> {
  const jurisdiction = ownJurisdiction(ctx.identity);
  requirePricingPart(ctx.identity, jurisdiction, (await profileOf(ctx.em, jurisdiction)).pricingAuthority, 'designatesBondYield');
  return inTransaction(ctx, (uow) => loadBondYieldIn(uow, ctx.identity, jurisdiction, input, ctx.now));
}

/** The load as a step of a unit of work (also the demo seed's, with `illustrative`). */
export async function loadBondYieldIn(uow: UnitOfWork, identity: Identity, jurisdiction: string, input: LoadBondYieldInput, now: Date, illustrative = false): Promise<BondYieldRow> {
  const { tx } = uow;
  const currentYear = Number(now.toLocaleString('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }));
  const { percent, source } = checkInput(input, currentYear);
  await serialiseLoads(tx, jurisdiction, input.year);
  const prev = await latestBondYield(tx, jurisdiction, input.year);
  const id = newId();
  const y = (await insertBondYield(tx, { id, jurisdiction, year: input.year, version: (prev?.version ?? 0) + 1, yield_percent: percent.toString(), source_document: source, illustrative, loaded_by: identity.sub }))!;
  uow.audit({
    entityType: 'BondYield',
    entityId: id,
    action: prev ? 'CORRECTED' : 'LOADED',
    changes: { jurisdiction, year: y.year, version: y.version, yieldPercent: plainPercent(y.yield_percent), sourceDocument: source, ...(prev ? { previous: { version: prev.version, yieldPercent: plainPercent(prev.yield_percent), sourceDocument: prev.source_document } } : {}) },
  });
  return y;
}
