/**
 * Security duties of a jurisdiction (docs/policy/security-duties.md): who keeps an emergency plan (应急处置预案),
 * whether drills (应急演练) and periodic third-party security assessments are required and how often, what grounds
 * a formal talk (约谈) and with whom (no seed provides for disclosing a talk: it is not), and what a data security incident obliges beyond reporting. Where a text states
 * nothing the value is "not regulated": no holder, no interval, no ground — the platform invents none.
 */
export const EMERGENCY_PLAN_HOLDERS = ['OPERATOR', 'SERVICE_PROVIDER'] as const;
export type EmergencyPlanHolder = (typeof EMERGENCY_PLAN_HOLDERS)[number];

/** Why a formal talk is held: a third-party assessment found a significant risk (TZ Art 27), an evaluation found a major risk, or a rectification is overdue (HN Art 22). */
export const FORMAL_TALK_GROUNDS = ['ASSESSMENT_RISK', 'MAJOR_RISK', 'OVERDUE_RECTIFICATION'] as const;
export type FormalTalkGround = (typeof FORMAL_TALK_GROUNDS)[number];

export interface SecurityDuties {
  /** Who must keep an emergency plan; empty where no text requires one. */
  emergencyPlanHolders: EmergencyPlanHolder[];
  /** Whether the authority must have the operators drill their plans. */
  drillsRequired: boolean;
  /** Months between drills where a text states them; null: none does, the plan's own schedule applies. */
  drillIntervalMonths: number | null;
  /** Whether the authority must commission third-party security assessments periodically. */
  thirdPartyAssessment: boolean;
  /** Months between assessments where a text states them; null: "periodically" without a number. */
  assessmentIntervalMonths: number | null;
  /** The grounds on which the text provides a formal talk; empty: not regulated (an authority may still record one, citing its own basis). */
  formalTalkGrounds: FormalTalkGround[];
  /** With whom the talk is held: the operator's principal (主要负责人) or the operator; null where not regulated. */
  formalTalkWith: 'PRINCIPAL' | 'OPERATOR' | null;
  /** Whether a leak, destruction (毁损) or loss obliges the holder to activate its emergency plan and report to the implementing agency. */
  incidentActivatesPlan: boolean;
}

type Sourced<T> = { value: T; source: string };
const s = (value: SecurityDuties, source: string): Sourced<SecurityDuties> => ({ value, source });

const NOT_REGULATED: SecurityDuties = {
  emergencyPlanHolders: [],
  drillsRequired: false,
  drillIntervalMonths: null,
  thirdPartyAssessment: false,
  assessmentIntervalMonths: null,
  formalTalkGrounds: [],
  formalTalkWith: null,
  incidentActivatesPlan: false,
};

/** The national value and each seed's own (null: the seed sets nothing, the national value applies). */
export const SECURITY_DUTIES = {
  NATIONAL: s(NOT_REGULATED, 'platform default: not regulated'),
  HN: s(
    { ...NOT_REGULATED, emergencyPlanHolders: ['OPERATOR'], formalTalkGrounds: ['MAJOR_RISK', 'OVERDUE_RECTIFICATION'], formalTalkWith: 'PRINCIPAL' },
    'HN Art 8(三): 一级开发主体制定安全事件应急处置预案; HN Art 22: 评价发现重大安全风险或未按期整改到位的…必要时约谈主要负责人',
  ),
  JL: s(
    { ...NOT_REGULATED, emergencyPlanHolders: ['OPERATOR', 'SERVICE_PROVIDER'], incidentActivatesPlan: true },
    'JL §八(三): 运营机构、数据服务商应当制定数据安全事件应急处置预案…发生数据泄露、毁损、丢失等数据安全事件时，应当立即启动…并向实施机构报告',
  ),
  QHD: null,
  TZ: s(
    { ...NOT_REGULATED, thirdPartyAssessment: true, formalTalkGrounds: ['ASSESSMENT_RISK'], formalTalkWith: 'OPERATOR' },
    'TZ Art 27: 定期委托第三方机构…开展数据安全检测评估…发现较大安全风险的，依法依规对授权运营单位进行约谈 (no interval stated)',
  ),
  ZJC: s(
    { ...NOT_REGULATED, emergencyPlanHolders: ['OPERATOR'], drillsRequired: true },
    'ZJC §五(四): 按照“一授权一预案”要求…制定应急预案，并组织授权运营主体开展应急演练 (no drill interval stated); ZJC §三(四)3(3): 未制定相关应急预案的，不得开展公共数据授权运营工作',
  ),
} satisfies Record<string, Sourced<SecurityDuties> | null>;

/** Shape and range of an authority's edit; the name of the first bad field, or null. */
export function invalidSecurityDuties(v: unknown): string | null {
  if (!v || typeof v !== 'object') return 'securityDuties';
  const d = v as Record<string, unknown>;
  const holders = d.emergencyPlanHolders;
  if (!Array.isArray(holders) || holders.some((h) => !(EMERGENCY_PLAN_HOLDERS as readonly unknown[]).includes(h)) || new Set(holders).size !== holders.length) return 'securityDuties.emergencyPlanHolders';
  const grounds = d.formalTalkGrounds;
  if (!Array.isArray(grounds) || grounds.some((g) => !(FORMAL_TALK_GROUNDS as readonly unknown[]).includes(g)) || new Set(grounds).size !== grounds.length) return 'securityDuties.formalTalkGrounds';
  for (const k of ['drillIntervalMonths', 'assessmentIntervalMonths'] as const) {
    const n = d[k];
    // A month is the shortest interval a drill or an assessment schedule is stated in; 10 years is no schedule.
    if (n !== null && !(typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= 120)) return `securityDuties.${k}`;
  }
  if (d.formalTalkWith !== null && d.formalTalkWith !== 'PRINCIPAL' && d.formalTalkWith !== 'OPERATOR') return 'securityDuties.formalTalkWith';
  return null;
}
