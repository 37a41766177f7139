/**
 * Whether a risky data linkage (数据间隐含关系和规律可能危害国家安全、公共利益，或侵害个人隐私、个人信息、商业秘密)
 * stops processing at once, and to whom the risk is reported (docs/policy/security-duties.md, "Risky linkage").
 * HN Art 18 and ZJC §三(五)6 say so; JL, QHD, TZ and the national texts do not, so there the value is "not regulated":
 * the incident is recorded and reported within the platform and stops nothing by itself (an official still pauses
 * grants by the existing means).
 */
export interface LinkageStop {
  /** Processing in the affected scope stops when the risk is found. */
  stopsProcessing: boolean;
  /** The bodies the risk is reported to (中文 | English); empty where no text names one. */
  reportTo: string[];
}

type Sourced<T> = { value: T; source: string };
const s = (value: LinkageStop, source: string): Sourced<LinkageStop> => ({ value, source });

/** The national value and each seed's own (null: the seed sets nothing, the national value applies). */
export const LINKAGE_STOP = {
  NATIONAL: s({ stopsProcessing: false, reportTo: [] }, 'platform default: not regulated'),
  HN: s(
    { stopsProcessing: true, reportTo: ['实施机构 | the implementing agency', '本级公共数据主管部门 | the public data authority at the same level'] },
    'HN Art 18: 发现数据间隐含关系和规律可能存在…风险隐患的，应当立即停止数据处理和运营活动，采取保护措施，及时向实施机构和本级公共数据主管部门报告风险情况',
  ),
  JL: null,
  QHD: null,
  TZ: null,
  ZJC: s(
    { stopsProcessing: true, reportTo: ['公共数据主管部门 | the public data authority'] },
    'ZJC §三(五)6: 发现数据间隐含关系与规律可能危害国家安全、公共利益，或侵犯个人信息、商业秘密或保密商务信息的，应立即停止数据处理活动，及时向公共数据主管部门报告风险情况',
  ),
} satisfies Record<string, Sourced<LinkageStop> | null>;

/** Shape of an authority's edit; the name of the bad field, or null. A stop names whom the risk is reported to. */
export function invalidLinkageStop(v: unknown): string | null {
  const x = v as Partial<LinkageStop> | null;
  if (!x || typeof x !== 'object' || typeof x.stopsProcessing !== 'boolean') return 'linkageStop.stopsProcessing';
  const to = x.reportTo;
  if (!Array.isArray(to) || to.some((b) => typeof b !== 'string' || !b.trim()) || new Set(to).size !== to.length) return 'linkageStop.reportTo';
  if (x.stopsProcessing && to.length === 0) return 'linkageStop.reportTo';
  return null;
}
