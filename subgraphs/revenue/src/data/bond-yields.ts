import type { EntityManager } from '@mikro-orm/postgresql';
import { badInput, sql, sqlOne, type Identity, type UnitOfWork } from '@pdo/platform';
import { Decimal } from '@pdo/policy';
import { uuidv7 } from '../domain/ids.js';
import type { BondYieldInForce } from '../domain/rules.js';
import type { BondYield, LoadBondYieldInput } from '../schema/types.js';

/**
 * The average 10-year government bond yield of each year (PN §3(1)), as reference data the
 * pricing authority loads with its source document. Each load is a new version of the
 * (jurisdiction, year); the highest version is in force, earlier ones stay as history.
 */
const COLS = `id, jurisdiction, year, version, yield_percent::text as yield_percent, source_document, illustrative, loaded_by, loaded_at`;
const MAX_PERCENT = Decimal.parse('20');
const MIN_YEAR = 1990;
/** numeric(7,4) as written: '1.7500' → '1.75', '2.0000' → '2'. */
const plain = (s: string) => (s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s);

const toBondYield = (r: any): BondYield => ({
  id: r.id,
  jurisdiction: r.jurisdiction,
  year: r.year,
  version: r.version,
  yieldPercent: plain(r.yield_percent),
  sourceDocument: r.source_document,
  illustrative: r.illustrative,
  loadedBy: r.loaded_by,
  loadedAt: new Date(r.loaded_at),
});

/** The yield in force for a year in a jurisdiction, or null when none has been loaded. */
export async function bondYieldInForce(em: EntityManager, jurisdiction: string, year: number): Promise<BondYieldInForce | null> {
  const r = await sqlOne<{ year: number; yield_percent: string; source_document: string; version: number; illustrative: boolean }>(
    em,
    `select year, yield_percent::text as yield_percent, source_document, version, illustrative from bond_yield where jurisdiction = $1 and year = $2 order by version desc limit 1`,
    [jurisdiction, year],
  );
  if (!r) return null;
  return { year: r.year, percent: plain(r.yield_percent), source: `${r.source_document} (bond_yield v${r.version}${r.illustrative ? ', illustrative' : ''})` };
}

/** Every version loaded in a jurisdiction (optionally of one year), newest year and version first. */
export async function bondYieldHistory(em: EntityManager, jurisdiction: string, year: number | null): Promise<BondYield[]> {
  const rows = await sql(em, `select ${COLS} from bond_yield where jurisdiction = $1 and ($2::int is null or year = $2) order by year desc, version desc`, [jurisdiction, year]);
  return rows.map(toBondYield);
}

/** Refuses a value that cannot be an annual average yield: non-positive, above 20 %, or over 4 decimals. */
function checkInput(input: LoadBondYieldInput, currentYear: number): { percent: Decimal; source: string } {
  if (!Number.isInteger(input.year) || input.year < MIN_YEAR || input.year > currentYear) {
    throw badInput(`年度须在 ${MIN_YEAR} 到 ${currentYear} 之间`, `The year must be between ${MIN_YEAR} and ${currentYear}`, { field: 'input.year', details: { reason: 'YEAR_OUT_OF_RANGE' } });
  }
  const p = input.yieldPercent;
  if (!p.gt(Decimal.ZERO)) {
    throw badInput('收益率必须为正数', 'The yield must be positive', { field: 'input.yieldPercent', details: { reason: 'YIELD_NOT_POSITIVE' } });
  }
  if (p.gt(MAX_PERCENT)) {
    throw badInput(`收益率 ${p.toString()}% 不合理（上限 20%）`, `A yield of ${p.toString()}% is implausible (at most 20%)`, { field: 'input.yieldPercent', details: { reason: 'YIELD_IMPLAUSIBLE', maxPercent: '20' } });
  }
  if (p.round(4).cmp(p) !== 0) {
    throw badInput('收益率最多四位小数', 'The yield has at most four decimals', { field: 'input.yieldPercent', details: { reason: 'YIELD_TOO_PRECISE' } });
  }
  const source = input.sourceDocument.trim();
  if (!source) throw badInput('须注明数据来源文件', 'The source document is required', { field: 'input.sourceDocument' });
  if (source.length > 500) throw badInput('来源说明过长（最多 500 字）', 'The source document is too long (at most 500 characters)', { field: 'input.sourceDocument' });
  return { percent: p, source };
}

/** Loads (or corrects) a year's yield: a new version, audited with the one it supersedes. */
export async function loadBondYield(uow: UnitOfWork, identity: Identity, jurisdiction: string, input: LoadBondYieldInput, now: Date, illustrative = false): Promise<BondYield> {
  const { tx } = uow;
  const currentYear = Number(now.toLocaleString('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }));
  const { percent, source } = checkInput(input, currentYear);
  await sql(tx, `select pg_advisory_xact_lock(hashtext('bond_yield:' || $1 || ':' || $2::text))`, [jurisdiction, input.year]);
  const prev = await sqlOne<{ version: number; yield_percent: string; source_document: string }>(
    tx,
    `select version, yield_percent::text as yield_percent, source_document from bond_yield where jurisdiction = $1 and year = $2 order by version desc limit 1`,
    [jurisdiction, input.year],
  );
  const id = uuidv7();
  const [row] = await sql(
    tx,
    `insert into bond_yield (id, jurisdiction, year, version, yield_percent, source_document, illustrative, loaded_by) values ($1, $2, $3, $4, $5::numeric, $6, $7, $8) returning ${COLS}`,
    [id, jurisdiction, input.year, (prev?.version ?? 0) + 1, percent.toString(), source, illustrative, identity.sub],
  );
  const y = toBondYield(row);
  uow.audit({
    entityType: 'BondYield',
    entityId: id,
    action: prev ? 'CORRECTED' : 'LOADED',
    changes: { jurisdiction, year: y.year, version: y.version, yieldPercent: y.yieldPercent, sourceDocument: source, ...(prev ? { previous: { version: prev.version, yieldPercent: plain(prev.yield_percent), sourceDocument: prev.source_document } } : {}) },
  });
  return y;
}
