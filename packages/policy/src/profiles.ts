import { PolicyInputError } from './errors.js';
import { dayOfWeek, isLocalDate } from './dates.js';
import { calendarById, type WorkingDayCalendar } from './calendar.js';
import { invalidSecurityDuties, SECURITY_DUTIES, type SecurityDuties } from './security-duties.js';
import { PRICING_AUTHORITY_PART, type PricingAuthorityPart } from './pricing-authority.js';
import { INDUSTRY_DEPARTMENT_PART, type IndustryDepartmentPart } from './industry-departments.js';
import { CYBERSPACE_NOTICE, invalidCyberspaceNotice, type CyberspaceNotice } from './incident-notices.js';
import { invalidLinkageStop, LINKAGE_STOP, type LinkageStop } from './linkage-stop.js';

/** A setting's value with the document and article it comes from. */
export interface Sourced<T> {
  value: T;
  source: string;
}

export type JurisdictionCode = 'NATIONAL' | 'HN' | 'JL' | 'QHD' | 'TZ' | 'ZJC';
export type AuthorizationMode = 'WHOLE' | 'BY_DOMAIN' | 'BY_SCENARIO';
export type SelectionMethod = 'OPEN_TENDER' | 'INVITED_TENDER' | 'NEGOTIATION' | 'EXPERT_REVIEW';
export type ReportKind = 'QUARTERLY_OPERATING' | 'ANNUAL_SUMMARY' | 'BUSINESS_REPORT' | 'ANNUAL' | 'SECURITY_HALF_YEARLY';
export type ProhibitedReason =
  | 'STATE_SECRET'
  | 'PUBLIC_SECURITY'
  | 'PERSONAL_INFORMATION_WITHOUT_CONSENT'
  | 'BARRED_BY_LAW'
  | 'BARRED_BY_INDUSTRY_AUTHORITY'
  | 'TRADE_SECRET'
  | 'NATIONAL_SECURITY';

export interface ReportRule {
  kind: ReportKind;
  /** Human-readable due rule. */
  due: string;
  /**
   * `anchor`: CALENDAR periods (quarters, half-years, years of the calendar) or AGREEMENT years counted from the
   * agreement's first day (ZJC: annual "after the first full year"). A due date only where the text gives one
   * (`dueMonthDay` of the following year, or `dueMonthsAfterPeriod`); without one the report has no deadline.
   */
  dueRule: { cadence: 'QUARTER' | 'HALF_YEAR' | 'YEAR'; anchor?: 'CALENDAR' | 'AGREEMENT'; dueMonthsAfterPeriod?: number; dueMonthDay?: string };
}

export interface ProfileSettings {
  authorizationModes: AuthorizationMode[];
  singleOperator: boolean;
  agreementTerm: { maxMonths: number; fixed: boolean; trialMaxMonths: number | null };
  renewalWindow: { kind: 'ANY_TIME_BEFORE_EXPIRY' | 'ONLY_WITHIN_LAST_MONTHS' | 'AT_LEAST_MONTHS_BEFORE'; months: number | null };
  earlyTermination: { noticeMonths: number; consentRequired: boolean };
  selectionMethods: SelectionMethod[];
  correctionAnswerWorkingDays: number | null;
  /** Working days for the review of a submitted scenario; null where no text sets one. */
  scenarioReviewWorkingDays: number | null;
  logRetentionMonthsAfterExit: number;
  securityReviewValidityMonths: number | null;
  training: { required: boolean; filingRequired: boolean };
  /**
   * Which official performs each step of the authorization lifecycle: the major-decision approval (三重一大) of an
   * application and the signing of the agreement — the data authority or the implementing agency.
   */
  lifecycleRoles: { majorDecision: LifecycleRole; signAgreement: LifecycleRole };
  /**
   * What a rectification (整改) does to the operator's access. `accessWhileRectifying`: CLOSED (every grant paused
   * until the outcome), OPEN_UNLESS_MAJOR_RISK (paused only when the cause is a major risk) or OPEN. `onOverdue`:
   * SUSPEND when the deadline passes unrectified, or NONE. `onFailure`: TERMINATE the authorization, SUSPEND access
   * (until a later rectification passes or the authority ends it), or NONE (the authority decides explicitly).
   */
  rectification: { accessWhileRectifying: 'CLOSED' | 'OPEN_UNLESS_MAJOR_RISK' | 'OPEN'; onOverdue: 'SUSPEND' | 'NONE'; onFailure: 'TERMINATE' | 'SUSPEND' | 'NONE' };
  /** Documents an operator's application must carry (kinds from APPLICATION_DOCUMENT_KINDS); empty where no text lists any. */
  applicationDocuments: ApplicationDocumentKind[];
  emergencyPlanPerAuthorization: boolean;
  /**
   * Integrity checks (信用审查) against the records an authority loads (dishonesty lists, penalties, criminal records):
   * each rule names whose records are checked — the APPLICANT itself, its LEGAL_REPRESENTATIVE, EXECUTIVEs, and
   * CONTROLLING_SHAREHOLDERs (控股股东、实际控制人) — which kinds of record bar, and within how many years (null: a
   * record in force on the day, or ever for a penalty). Run at application and again at signing.
   */
  integrityChecks: IntegrityCheckRule[];
  /**
   * Publicity (公示) of a selection result: `required` where a text makes the result public, `minWorkingDays` where a
   * text gives the period (none of the shipped texts does: the call then states its own period).
   */
  selectionPublicity: { required: boolean; minWorkingDays: number | null };
  /**
   * What renewal is: a RENEWAL_REQUEST that extends the agreement when approved, or a REAPPLICATION (重新申请) that
   * goes through review again and, approved, is signed as a successor agreement from the day after the old end.
   */
  renewalProcedure: 'RENEWAL_REQUEST' | 'REAPPLICATION';
  /** Emergency plans, drills, third-party assessments, formal talks (security-duties.ts). */
  securityDuties: SecurityDuties;
  /** Which incidents are also reported to the cyberspace (网信) authority (incident-notices.ts). */
  cyberspaceNotice: CyberspaceNotice;
  /** Whether risky data linkage stops processing, and to whom it is reported (linkage-stop.ts). */
  linkageStop: LinkageStop;
  /**
   * Whether a closed security incident's summary (operator, type, severity, what was done) is published in the public
   * disclosure feed. The disclosure duties the texts state (NS Art 18, 19; HN Art 17; QHD §三(三)6; JL §八(四)) name
   * authorizations, products, resource use and prices; none names incidents (docs/policy/security-duties.md).
   */
  incidentSummaryDisclosure: boolean;
  /** What the pricing authority (价格主管部门) sets (pricing-authority.ts). */
  pricingAuthority: PricingAuthorityPart;
  /** Whether industry departments (行业主管部门) give an opinion in the review of a data request (industry-departments.ts). */
  industryDepartments: IndustryDepartmentPart;
  eligibility: {
    minYearsInBusiness: number | null;
    allowedTaxGrades: string[] | null;
    seriousPenaltyWindowYears: number | null;
    dishonestListBars: boolean;
    securityIncidentWindowYears: number | null;
    majorIncidentOnly: boolean;
    requireMlps3AndCrypto: boolean;
    requireSecurityDepartment: boolean;
  };
  pricing: { maxMarkupPp: string; markupFixed: boolean; deviationBandPercent: string; evaluationCycleMaxYears: number };
  reports: ReportRule[];
  registration: {
    applyWithinWorkingDays: number;
    legacyOperationsCutoff: string;
    legacyApplyWorkingDays: number;
    acceptanceWorkingDays: number;
    formalReviewWorkingDays: number;
    publicNoticeWorkingDays: number;
    cancellationWorkingDays: number;
    validityYears: number;
    renewalWindowDays: number;
    renewalTermYears: number;
  };
  catalogRegistrationRequiredForAuthorization: boolean;
  revenueRightForJurisdiction: boolean;
  /**
   * Who is paid the revenue right's share (where `revenueRightForJurisdiction` grants one): the JURISDICTION of the
   * agreement, or the SUPPLYING_UNITS — the units (of the cities) whose data the product is made from, by the
   * resources each supplies.
   */
  revenueRightPayee: 'JURISDICTION' | 'SUPPLYING_UNITS';
  /**
   * Which uses are free although metered: a usage whose declared purpose is one of `purposes` (and, where
   * `nonProfitRequired`, that is non-profit; where `publicBodyRequired`, by a public body — an authority, implementing
   * agency or source unit — not a company), or — where `sourceUnitOwnProducts` — a usage by a source unit of a
   * product made from its own data. The charge is written at 0 fen with this basis; the usage still counts.
   */
  freeUse: { purposes: UsePurpose[]; nonProfitRequired: boolean; publicBodyRequired: boolean; sourceUnitOwnProducts: boolean };
  /** Whether a cap in force on the day of use bounds the unit price charged (a lowered cap binds from its effective date). */
  capBoundsCharges: boolean;
  /** Whether caps set on a cost survey of less than a full year of operation are trial caps (试行价格), to be re-set once a full year is surveyed. */
  trialPriceFirstYear: boolean;
  /** The source units' weights a distribution plan uses when it does not choose: RESOURCE_USAGE (resources supplied) or CONTRIBUTION (the period's scores). */
  defaultSourceBasis: 'RESOURCE_USAGE' | 'CONTRIBUTION';
  prohibitedOpennessReasons: ProhibitedReason[];
  /**
   * The operating domain (运营域): `minGroupSize` is k, the least number of distinct data subjects
   * in any aggregate group that leaves the domain (a product may only raise it); `sandboxEpsilon`
   * the differential-privacy budget of one usage agreement per calendar month, in millionths of ε;
   * `outputReviewer` who releases sandbox results (成果审核): the product's OPERATOR or the AGENCY.
   */
  operatingDomain: { minGroupSize: number; sandboxEpsilonMicroPerMonth: number; outputReviewer: 'OPERATOR' | 'AGENCY' };
  /**
   * The implementation plan (实施方案): `required` — an agreement is signed only under an approved plan in force;
   * `drafters` — who drafts it; `approvalBody` — whose collective decision (三重一大) approves it; `majorChangeGrounds`
   * — the changes the text names as major, each needing approval again (null: the text names none, the official
   * declares a change major); `filingWith` — where the approved plan is filed (备案), null where no text says.
   */
  implementationPlan: { required: boolean; drafters: LifecycleRole[]; approvalBody: string; majorChangeGrounds: PlanChangeGround[] | null; filingWith: string | null };
  /**
   * What an exit must finish before it is complete (退出): the checklist `items`, each confirmed by an official with
   * evidence; the filing item (EXIT_FILED) comes last, with `filingWith`.
   */
  exitDuties: { items: ExitDutyItem[]; filingWith: string | null };
  /**
   * Where approved products trade: `required` — a listing names the designated exchange or zone (`venue`) and its
   * listing reference; otherwise listing there is at most encouraged.
   */
  designatedExchange: { required: boolean; venue: string | null };
  /**
   * Data a higher level returned to the jurisdiction (回流数据, e.g. 省回流数据 from the provincial platform): where
   * `required`, access to such a resource is granted only under a consent of `consentingBody` in force on the day
   * (docs/policy/returned-data.md); otherwise returned data is granted like any other resource.
   */
  returnedDataConsent: { required: boolean; consentingBody: string | null };
  calendarId: string;
  /**
   * Holiday notices (节假日安排) the authority loaded on top of the built-in calendar: the State
   * Council's yearly notice once published, or a local holiday. A notice replaces its year.
   */
  calendarNotices: CalendarNotice[];
  timeZone: 'Asia/Shanghai';
}

export interface CalendarNotice {
  year: number;
  /** Days off that would otherwise be working days (and weekend days inside a holiday block). */
  holidays: string[];
  /** Weekend days that are working days (调休上班). */
  makeupWorkdays: string[];
  /** The notice, e.g. 国办发明电〔2026〕N号. */
  source: string;
}

export const APPLICATION_DOCUMENT_KINDS = ['APPLICATION_FORM', 'AUDIT_AND_FINANCIAL_REPORT', 'SECURITY_COMMITMENT', 'RISK_SELF_ASSESSMENT'] as const;
export type ApplicationDocumentKind = (typeof APPLICATION_DOCUMENT_KINDS)[number];

export type LifecycleRole = 'AUTHORITY' | 'AGENCY';

/** Changes to an implementation plan QHD names as major (QHD §三(三)3(1)). */
export const PLAN_CHANGE_GROUNDS = ['SCENARIOS', 'RESOURCE_SCALE', 'OPERATOR_CRITERIA', 'ACCOUNTING', 'REVENUE_DISTRIBUTION', 'OTHER'] as const;
export type PlanChangeGround = (typeof PLAN_CHANGE_GROUNDS)[number];

/** Exit checklist items: permissions closed, retained data deleted, transfer to the successor, destruction of what cannot be transferred, filing. */
export const EXIT_DUTY_ITEMS = ['PERMISSIONS_CLOSED', 'RETAINED_DATA_DELETED', 'TRANSFERRED_TO_SUCCESSOR', 'UNTRANSFERABLE_DESTROYED', 'EXIT_FILED'] as const;
export type ExitDutyItem = (typeof EXIT_DUTY_ITEMS)[number];
/** Whose integrity records are checked: the applicant, or a person (or company) standing behind it. */
export const INTEGRITY_SUBJECTS = ['APPLICANT', 'LEGAL_REPRESENTATIVE', 'EXECUTIVE', 'CONTROLLING_SHAREHOLDER'] as const;
export type IntegritySubject = (typeof INTEGRITY_SUBJECTS)[number];
/**
 * Kinds of integrity record: DISHONEST_DEBTOR (失信被执行人), MAJOR_TAX_VIOLATION (重大税收违法案件当事人),
 * SERIOUS_DISHONESTY (严重违法失信), SERIOUS_PENALTY (重大/严重行政处罚), CRIMINAL_RECORD (违法犯罪记录).
 */
export const INTEGRITY_RECORD_KINDS = ['DISHONEST_DEBTOR', 'MAJOR_TAX_VIOLATION', 'SERIOUS_DISHONESTY', 'SERIOUS_PENALTY', 'CRIMINAL_RECORD'] as const;
export type IntegrityRecordKind = (typeof INTEGRITY_RECORD_KINDS)[number];
export interface IntegrityCheckRule {
  subjects: IntegritySubject[];
  records: IntegrityRecordKind[];
  withinYears: number | null;
}

/** The purpose a usage declares: public governance (公共治理), public welfare (公益事业), or industry (产业、行业发展). */
export const USE_PURPOSES = ['PUBLIC_GOVERNANCE', 'PUBLIC_WELFARE', 'INDUSTRY'] as const;
export type UsePurpose = (typeof USE_PURPOSES)[number];

export type SettingName = keyof ProfileSettings;
/** A jurisdiction's own settings; null means the document sets nothing (fall back to national). */
export type PolicyProfile = { [K in SettingName]: Sourced<ProfileSettings[K]> | null };
export type EffectiveProfile = { code: JurisdictionCode; nameZh: string; nameEn: string; settings: { [K in SettingName]: Sourced<ProfileSettings[K]> } } & {
  [K in SettingName]: Sourced<ProfileSettings[K]>;
};

export const JURISDICTIONS: { code: JurisdictionCode; nameZh: string; nameEn: string; level: 'NATIONAL' | 'PROVINCE' | 'CITY' | 'COUNTY' }[] = [
  { code: 'NATIONAL', nameZh: '国家（默认）', nameEn: 'National default', level: 'NATIONAL' },
  { code: 'HN', nameZh: '河南省', nameEn: 'Henan Province', level: 'PROVINCE' },
  { code: 'JL', nameZh: '吉林市', nameEn: 'Jilin City', level: 'CITY' },
  { code: 'QHD', nameZh: '秦皇岛市', nameEn: 'Qinhuangdao City', level: 'CITY' },
  { code: 'TZ', nameZh: '泰州市', nameEn: 'Taizhou City', level: 'CITY' },
  { code: 'ZJC', nameZh: '新昌县（浙江）', nameEn: 'Xinchang County (Zhejiang)', level: 'COUNTY' },
];

export const isJurisdictionCode = (c: unknown): c is JurisdictionCode => typeof c === 'string' && JURISDICTIONS.some((j) => j.code === c);

const s = <T>(value: T, source: string): Sourced<T> => ({ value, source });
const PLATFORM_DEFAULT = 'platform default: not regulated';

/** National profile: NS (发改数据规〔2025〕27号), PN (发改价格〔2025〕65号), RG (发改数据规〔2025〕26号). */
const NATIONAL_PROFILE: { [K in SettingName]: Sourced<ProfileSettings[K]> } = {
  authorizationModes: s(['WHOLE', 'BY_DOMAIN', 'BY_SCENARIO'], 'NS Art 9(4)'),
  singleOperator: s(false, PLATFORM_DEFAULT),
  agreementTerm: s({ maxMonths: 60, fixed: false, trialMaxMonths: null }, 'NS Art 14(2): in principle ≤ 5 years'),
  renewalWindow: s({ kind: 'ANY_TIME_BEFORE_EXPIRY', months: null }, PLATFORM_DEFAULT),
  earlyTermination: s({ noticeMonths: 0, consentRequired: false }, PLATFORM_DEFAULT),
  selectionMethods: s(['OPEN_TENDER', 'INVITED_TENDER', 'NEGOTIATION'], 'NS Art 12'),
  // Only HN states a correction deadline (HN Art 16); no national text does, so none is invented here.
  correctionAnswerWorkingDays: s(null, PLATFORM_DEFAULT),
  // No seed sets a deadline for scenario review; an authority that sets one by notice edits it in.
  scenarioReviewWorkingDays: s(null, PLATFORM_DEFAULT),
  logRetentionMonthsAfterExit: s(0, PLATFORM_DEFAULT),
  securityReviewValidityMonths: s(null, PLATFORM_DEFAULT),
  training: s({ required: false, filingRequired: false }, PLATFORM_DEFAULT),
  applicationDocuments: s([], PLATFORM_DEFAULT),
  // NS Art 13 names the procedure (三重一大), not the body; the data authority by default.
  lifecycleRoles: s({ majorDecision: 'AUTHORITY', signAgreement: 'AUTHORITY' }, PLATFORM_DEFAULT),
  // No automatic consequence where no text sets one: the authority suspends or terminates explicitly.
  rectification: s({ accessWhileRectifying: 'OPEN', onOverdue: 'NONE', onFailure: 'NONE' }, PLATFORM_DEFAULT),
  emergencyPlanPerAuthorization: s(false, PLATFORM_DEFAULT),
  // NS Art 12 asks for a good credit standing of the operator, and names no list or person to check.
  integrityChecks: s([], PLATFORM_DEFAULT),
  // NS Art 12 requires fair competition; it neither requires publicity of the result nor gives a period.
  selectionPublicity: s({ required: false, minWorkingDays: null }, PLATFORM_DEFAULT),
  renewalProcedure: s('RENEWAL_REQUEST', 'NS Art 14(9): renewal (续约) is a term of the agreement'),
  securityDuties: SECURITY_DUTIES.NATIONAL,
  cyberspaceNotice: CYBERSPACE_NOTICE.NATIONAL,
  linkageStop: LINKAGE_STOP.NATIONAL,
  // No disclosure duty of a text names security incidents: an authority that publishes them switches this on.
  incidentSummaryDisclosure: s(false, PLATFORM_DEFAULT),
  pricingAuthority: PRICING_AUTHORITY_PART.NATIONAL,
  industryDepartments: INDUSTRY_DEPARTMENT_PART.NATIONAL,
  eligibility: s(
    { minYearsInBusiness: null, allowedTaxGrades: null, seriousPenaltyWindowYears: null, dishonestListBars: false, securityIncidentWindowYears: null, majorIncidentOnly: false, requireMlps3AndCrypto: false, requireSecurityDepartment: false },
    PLATFORM_DEFAULT,
  ),
  pricing: s({ maxMarkupPp: '6', markupFixed: false, deviationBandPercent: '10', evaluationCycleMaxYears: 3 }, 'PN §3(1) (+ not more than 6 pp), PN §4 (10% band, cycle ≤ 3 years)'),
  reports: s([{ kind: 'BUSINESS_REPORT', due: 'by 31 March of the following year', dueRule: { cadence: 'YEAR', dueMonthDay: '03-31' } }], 'PN §5'),
  registration: s(
    { applyWithinWorkingDays: 20, legacyOperationsCutoff: '2025-03-01', legacyApplyWorkingDays: 30, acceptanceWorkingDays: 3, formalReviewWorkingDays: 20, publicNoticeWorkingDays: 10, cancellationWorkingDays: 10, validityYears: 3, renewalWindowDays: 60, renewalTermYears: 3 },
    'RG Arts 9–12, 15',
  ),
  catalogRegistrationRequiredForAuthorization: s(false, PLATFORM_DEFAULT),
  revenueRightForJurisdiction: s(false, PLATFORM_DEFAULT),
  revenueRightPayee: s('JURISDICTION', PLATFORM_DEFAULT),
  freeUse: s({ purposes: ['PUBLIC_GOVERNANCE', 'PUBLIC_WELFARE'], nonProfitRequired: false, publicBodyRequired: false, sourceUnitOwnProducts: false }, 'PN §1: 用于公共治理、公益事业的，免费提供'),
  capBoundsCharges: s(true, 'PN §2(3): the operator prices at or below the cap (上限收费标准) in force'),
  trialPriceFirstYear: s(true, 'PN §2: without a full year of operation a trial price standard (试行价格) applies'),
  // The seeds use contribution evaluation for budgets and project approval (TZ Art 21; ZJC §三(五); HN Art 22), not as
  // revenue weights: a plan may choose it, none gets it by default.
  defaultSourceBasis: s('RESOURCE_USAGE', PLATFORM_DEFAULT),
  prohibitedOpennessReasons: s(['NATIONAL_SECURITY', 'TRADE_SECRET', 'PERSONAL_INFORMATION_WITHOUT_CONSENT', 'STATE_SECRET', 'PUBLIC_SECURITY'], 'NS Art 5'),
  // No seed or national text states a number for k or ε: HN Art 15 and TZ Art 20 require that raw
  // data not leave the domain, not how. 5 subjects per group and ε = 1 per agreement and month are
  // the platform's documented defaults (docs/operating-domain/recipes.md); an authority edits them.
  operatingDomain: s({ minGroupSize: 5, sandboxEpsilonMicroPerMonth: 1_000_000, outputReviewer: 'OPERATOR' }, 'platform default: no seed states a minimum group size or privacy budget (HN Art 15, TZ Art 20 require only that raw data stay in the domain)'),
  implementationPlan: s(
    { required: true, drafters: ['AUTHORITY', 'AGENCY'], approvalBody: '本级人民政府（“三重一大”决策）| the people\'s government at the same level (collective decision)', majorChangeGrounds: null, filingWith: '省级数据管理部门 | the provincial data authority' },
    'NS Art 8 (the data authority drafts or guides the implementing agency), Art 11 (三重一大 approval; a major change (较大变更) is approved again; provincial filing), Art 12 (operators are selected under the approved plan)',
  ),
  // NS Art 14(9) leaves exit to the agreement: no checklist is imposed where no text lists one.
  exitDuties: s({ items: [], filingWith: null }, PLATFORM_DEFAULT),
  designatedExchange: s({ required: false, venue: null }, PLATFORM_DEFAULT),
  // No national text conditions returned data (NS Art 5 lists prohibited data only); ZJC does.
  returnedDataConsent: s({ required: false, consentingBody: null }, PLATFORM_DEFAULT),
  calendarId: s('CN_MAINLAND', '国务院办公厅节假日安排通知'),
  calendarNotices: s([], 'none loaded: the built-in calendar'),
  timeZone: s('Asia/Shanghai', PLATFORM_DEFAULT),
};

const none = (): PolicyProfile => Object.fromEntries(Object.keys(NATIONAL_PROFILE).map((k) => [k, null])) as PolicyProfile;
const withOverrides = (o: Partial<PolicyProfile>): PolicyProfile => ({ ...none(), ...o });

/** The local documents' own settings (docs/policy/profile-settings.md). */
export const PROFILES: Record<JurisdictionCode, PolicyProfile> = {
  NATIONAL: NATIONAL_PROFILE as PolicyProfile,
  HN: withOverrides({
    authorizationModes: s(['WHOLE', 'BY_SCENARIO'], 'HN Art 3: a province-level primary developer with secondary developers'),
    agreementTerm: s({ maxMonths: 36, fixed: false, trialMaxMonths: null }, 'HN Art 14(2): ≤ 3 years'),
    correctionAnswerWorkingDays: s(7, 'HN Art 16: result within 7 working days'),
    lifecycleRoles: s({ majorDecision: 'AGENCY', signAgreement: 'AGENCY' }, 'HN Arts 4, 13: the implementing agency signs the agreement after its own collective decision (三重一大)'),
    rectification: s({ accessWhileRectifying: 'OPEN_UNLESS_MAJOR_RISK', onOverdue: 'SUSPEND', onFailure: 'SUSPEND' }, 'HN Art 22: rectification first; operations suspended on a major risk or an overdue rectification'),
    reports: s(
      [
        { kind: 'QUARTERLY_OPERATING', due: 'each quarter (HN Art 22 sets no deadline)', dueRule: { cadence: 'QUARTER' } },
        { kind: 'ANNUAL_SUMMARY', due: 'in Q1 of the following year (by 31 March)', dueRule: { cadence: 'YEAR', dueMonthDay: '03-31' } },
        { kind: 'BUSINESS_REPORT', due: 'by 31 March of the following year', dueRule: { cadence: 'YEAR', dueMonthDay: '03-31' } },
      ],
      'HN Art 22; PN §5',
    ),
    catalogRegistrationRequiredForAuthorization: s(true, 'HN Art 10'),
    implementationPlan: s(
      { required: true, drafters: ['AGENCY'], approvalBody: '本级政府（“三重一大”决策）| the government at the same level (collective decision)', majorChangeGrounds: null, filingWith: '省行政审批政务信息管理局和省级行业主管部门 | the provincial administrative-approval and government-information bureau and the provincial industry departments' },
      'HN Art 11: the data authority has the implementing agency draft the plan, approved by the government at the same level under 三重一大; cities file it with the province; HN Art 12 (contents); NS Art 11 (major change)',
    ),
    designatedExchange: s({ required: false, venue: '数据交易场所 | a data exchange' }, 'HN Art 15: trading through a data exchange is encouraged (鼓励), not required'),
    revenueRightForJurisdiction: s(true, 'HN Art 21'),
    securityDuties: SECURITY_DUTIES.HN,
    cyberspaceNotice: CYBERSPACE_NOTICE.HN,
    linkageStop: LINKAGE_STOP.HN,
    pricingAuthority: PRICING_AUTHORITY_PART.HN,
    revenueRightPayee: s('SUPPLYING_UNITS', 'HN Art 21: 各省辖市对其提供公共数据资源形成的…产品和服务享有收益权 (the supplying city, not the province)'),
    freeUse: s({ purposes: ['PUBLIC_GOVERNANCE', 'PUBLIC_WELFARE'], nonProfitRequired: true, publicBodyRequired: true, sourceUnitOwnProducts: false }, 'PN §1; HN Art 21: 各省辖市基于公共治理、公益事业等非营利性业务需要，可无偿使用'),
    prohibitedOpennessReasons: s(['NATIONAL_SECURITY', 'TRADE_SECRET', 'PERSONAL_INFORMATION_WITHOUT_CONSENT', 'STATE_SECRET', 'PUBLIC_SECURITY', 'BARRED_BY_INDUSTRY_AUTHORITY', 'BARRED_BY_LAW'], 'NS Art 5; HN Art 6'),
  }),
  JL: withOverrides({
    authorizationModes: s(['WHOLE', 'BY_SCENARIO'], 'JL §四'),
    agreementTerm: s({ maxMonths: 36, fixed: true, trialMaxMonths: null }, 'JL §五: 3 years'),
    renewalWindow: s({ kind: 'ANY_TIME_BEFORE_EXPIRY', months: null }, 'JL §六: renewal before expiry'),
    exitDuties: s({ items: ['PERMISSIONS_CLOSED', 'RETAINED_DATA_DELETED'], filingWith: null }, 'JL §六7: the implementing agency closes the operator\'s platform permissions and deletes the retained data'),
    renewalProcedure: s('RENEWAL_REQUEST', 'JL §六9: 授权运营期限届满前，经运营机构申请，符合授权运营协议规定条件的，可以续约'),
    selectionPublicity: s({ required: true, minWorkingDays: null }, 'JL §六3: 选定运营机构，并向社会公开 (no period stated)'),
    integrityChecks: s(
      [
        { subjects: ['APPLICANT'], records: ['DISHONEST_DEBTOR', 'MAJOR_TAX_VIOLATION', 'SERIOUS_DISHONESTY'], withinYears: null },
        { subjects: ['LEGAL_REPRESENTATIVE', 'EXECUTIVE', 'CONTROLLING_SHAREHOLDER'], records: ['SERIOUS_PENALTY', 'SERIOUS_DISHONESTY', 'CRIMINAL_RECORD'], withinYears: null },
      ],
      'JL §三(二): 未被列入失信被执行人名单、重大税收违法案件当事人名单、严重违法失信企业名单；企业法人、高管或者法定代表人、负责人、实控人不存在重大行政处罚、严重失信等记录，没有违法犯罪记录',
    ),
    securityDuties: SECURITY_DUTIES.JL,
    pricingAuthority: PRICING_AUTHORITY_PART.JL,
    industryDepartments: INDUSTRY_DEPARTMENT_PART.JL,
    eligibility: s(
      { minYearsInBusiness: 2, allowedTaxGrades: ['A', 'B'], seriousPenaltyWindowYears: 3, dishonestListBars: true, securityIncidentWindowYears: null, majorIncidentOnly: false, requireMlps3AndCrypto: true, requireSecurityDepartment: false },
      'JL §三(一)–(二): > 2 years, prior-year tax grade B or above, no serious penalty within 3 years, not on dishonesty lists, MLPS level 3 + commercial cryptography',
    ),
  }),
  QHD: withOverrides({
    authorizationModes: s(['WHOLE'], 'QHD §三(二): whole-scope authorization to one legal person'),
    singleOperator: s(true, 'QHD §三(二)'),
    pricingAuthority: PRICING_AUTHORITY_PART.QHD,
    lifecycleRoles: s({ majorDecision: 'AGENCY', signAgreement: 'AGENCY' }, 'QHD §三(二): the implementing agency signs the agreement after its collective decision'),
    agreementTerm: s({ maxMonths: 36, fixed: true, trialMaxMonths: null }, 'QHD §三(二): 3 years'),
    renewalWindow: s({ kind: 'ONLY_WITHIN_LAST_MONTHS', months: 3 }, 'QHD §三(二): apply within 3 months before expiry (届满前3个月内)'),
    earlyTermination: s({ noticeMonths: 3, consentRequired: true }, 'QHD §三(二): written notice ≥ 3 months ahead and consent'),
    selectionMethods: s(['INVITED_TENDER'], 'QHD §三(二): invited tender'),
    implementationPlan: s(
      { required: true, drafters: ['AUTHORITY'], approvalBody: '市政府（“三重一大”决策）| the city government (collective decision)', majorChangeGrounds: ['SCENARIOS', 'RESOURCE_SCALE', 'OPERATOR_CRITERIA', 'ACCOUNTING', 'REVENUE_DISTRIBUTION'], filingWith: '省级数据管理部门 | the provincial data authority' },
      'QHD §三(三)3(1): approved under the city government\'s 三重一大; a major change of scenarios, resource scale, operator criteria, cost and revenue accounting or revenue distribution is approved again; drafted by the city data bureau (QHD notice); NS Art 11 (filing)',
    ),
    exitDuties: s(
      { items: ['PERMISSIONS_CLOSED', 'TRANSFERRED_TO_SUCCESSOR', 'UNTRANSFERABLE_DESTROYED', 'EXIT_FILED'], filingWith: '省数政局 | the provincial data bureau' },
      'QHD §三(二)3: all permissions taken back; permissions, data and public assets transferred to the new operator; models and products that cannot be transferred destroyed; filed with the provincial data bureau',
    ),
    designatedExchange: s({ required: true, venue: '数据交易机构 | a data trading institution' }, 'QHD §三(一)2: delivered products that circulate are traded at a data trading institution'),
    renewalProcedure: s('RENEWAL_REQUEST', 'QHD §三(二)3: 在期限届满前3个月内，向数据主管部门申请'),
    selectionPublicity: s({ required: true, minWorkingDays: null }, 'QHD §三(二)2: 授权运营主体确定后将面向社会公示 (no period stated)'),
    integrityChecks: s([{ subjects: ['APPLICANT'], records: ['SERIOUS_DISHONESTY'], withinYears: null }], 'QHD §三(二)1(1): 信用记录良好，无严重违法失信记录'),
    eligibility: s(
      { minYearsInBusiness: null, allowedTaxGrades: null, seriousPenaltyWindowYears: null, dishonestListBars: true, securityIncidentWindowYears: null, majorIncidentOnly: true, requireMlps3AndCrypto: false, requireSecurityDepartment: false },
      'QHD §三(二)1(1), (4): no serious dishonesty record; no security incident with a relatively large impact (no window given)',
    ),
    pricing: s({ maxMarkupPp: '6', markupFixed: true, deviationBandPercent: '10', evaluationCycleMaxYears: 3 }, 'QHD §三(三)3(2): bond yield + 6 pp; PN §4'),
    prohibitedOpennessReasons: s(['NATIONAL_SECURITY', 'TRADE_SECRET', 'PERSONAL_INFORMATION_WITHOUT_CONSENT', 'STATE_SECRET', 'PUBLIC_SECURITY'], 'NS Art 5; QHD: classified data'),
  }),
  TZ: withOverrides({
    authorizationModes: s(['BY_SCENARIO'], 'TZ Art 8: no scenario, no authorization (无场景不授权)'),
    agreementTerm: s({ maxMonths: 36, fixed: false, trialMaxMonths: null }, 'TZ Art 16: generally ≤ 3 years'),
    renewalWindow: s({ kind: 'AT_LEAST_MONTHS_BEFORE', months: 6 }, 'TZ Art 17: re-apply at least 6 months before expiry'),
    renewalProcedure: s('REAPPLICATION', 'TZ Art 17: 重新申請公共數據授權運營; Art 28: 年度評估結果作為再次申請授權依據'),
    selectionPublicity: s({ required: true, minWorkingDays: null }, 'TZ Art 15: 向社會公開…對異議及時答復和處理 (no period stated)'),
    integrityChecks: s([{ subjects: ['APPLICANT', 'LEGAL_REPRESENTATIVE'], records: ['DISHONEST_DEBTOR', 'MAJOR_TAX_VIOLATION'], withinYears: null }], 'TZ Art 12(3): 企業及其法定代表人未被列入失信被執行人名單、重大稅收違法案件當事人名單'),
    selectionMethods: s(['EXPERT_REVIEW', 'OPEN_TENDER', 'NEGOTIATION'], 'TZ Art 14: expert review; NS Art 12'),
    correctionAnswerWorkingDays: null,
    training: s({ required: true, filingRequired: true }, 'TZ Art 18: pre-job training, filed'),
    securityDuties: SECURITY_DUTIES.TZ,
    rectification: s({ accessWhileRectifying: 'CLOSED', onOverdue: 'NONE', onFailure: 'SUSPEND' }, 'TZ Art 29: operating-domain access closed while rectifying; a failed rectification stops access (temporarily)'),
    applicationDocuments: s(['APPLICATION_FORM', 'AUDIT_AND_FINANCIAL_REPORT', 'SECURITY_COMMITMENT', 'RISK_SELF_ASSESSMENT'], "TZ Art 12: application form, last year's audit and financial statements, security commitment, risk self-assessment"),
    // TZ Art 12 bars serious dishonesty, not administrative penalties within a window: no penalty bar here.
    eligibility: s(
      { minYearsInBusiness: null, allowedTaxGrades: null, seriousPenaltyWindowYears: null, dishonestListBars: true, securityIncidentWindowYears: 3, majorIncidentOnly: false, requireMlps3AndCrypto: true, requireSecurityDepartment: true },
      'TZ Art 12(3)–(5): no serious dishonesty, named security department and head, no security incident in 3 years',
    ),
    reports: s([{ kind: 'ANNUAL', due: 'yearly, with sales, cost and net profit (TZ Art 22 sets no deadline)', dueRule: { cadence: 'YEAR' } }], 'TZ Art 22'),
    prohibitedOpennessReasons: s(['NATIONAL_SECURITY', 'TRADE_SECRET', 'PERSONAL_INFORMATION_WITHOUT_CONSENT', 'STATE_SECRET', 'PUBLIC_SECURITY', 'BARRED_BY_LAW'], 'NS Art 5; TZ Art 9'),
  }),
  ZJC: withOverrides({
    authorizationModes: s(['BY_SCENARIO'], 'ZJC §三(四): 一场景一清单一审核'),
    agreementTerm: s({ maxMonths: 24, fixed: false, trialMaxMonths: 6 }, 'ZJC §三(四): 2 years plus a trial of ≤ 6 months'),
    renewalWindow: s({ kind: 'AT_LEAST_MONTHS_BEFORE', months: 3 }, 'ZJC §三(四): re-apply at least 3 months before expiry'),
    renewalProcedure: s('REAPPLICATION', 'ZJC §三(四)3(2): 应在协议期限届满3个月前按程序重新申请'),
    selectionPublicity: s({ required: true, minWorkingDays: null }, 'ZJC §三(四)3(4): 授权运营主体及其授权运营领域应用场景向社会公开 (no period stated)'),
    logRetentionMonthsAfterExit: s(6, 'ZJC §三(四)3(6): keep network logs ≥ 6 months'),
    exitDuties: s({ items: ['PERMISSIONS_CLOSED', 'RETAINED_DATA_DELETED'], filingWith: null }, 'ZJC §三(四)3(6): platform permissions closed and the retained data deleted (logs kept: logRetentionMonthsAfterExit)'),
    designatedExchange: s({ required: true, venue: '浙江大数据交易服务平台新昌专区 | the Xinchang zone of the Zhejiang big-data trading service platform' }, 'ZJC §三(五)4: approved products are in principle (原则上) registered and traded in the Xinchang zone'),
    securityReviewValidityMonths: s(24, 'ZJC §三(五): basic and technical security reviews valid 2 years'),
    returnedDataConsent: s({ required: true, consentingBody: '省公共数据主管部门 | the provincial public data authority' }, 'ZJC §三(五)2: 涉及省回流数据的，应经省公共数据主管部门同意'),
    training: s({ required: true, filingRequired: false }, 'ZJC §三(五): pre-job training'),
    emergencyPlanPerAuthorization: s(true, 'ZJC §五(四): 一授权一预案; §三(四)3(3): no emergency plan, no operation'),
    securityDuties: SECURITY_DUTIES.ZJC,
    linkageStop: LINKAGE_STOP.ZJC,
    pricingAuthority: PRICING_AUTHORITY_PART.ZJC,
    freeUse: s({ purposes: ['PUBLIC_GOVERNANCE', 'PUBLIC_WELFARE'], nonProfitRequired: false, publicBodyRequired: false, sourceUnitOwnProducts: true }, 'PN §1; ZJC §三(五)5: 授权运营主体通过无偿使用公共数据所产生的数据产品和服务，数据提供单位有权无偿使用'),
    rectification: s({ accessWhileRectifying: 'CLOSED', onOverdue: 'NONE', onFailure: 'TERMINATE' }, 'ZJC §三(五): a correction order closes access temporarily; uncorrected, the authorization ends'),
    eligibility: s(
      { minYearsInBusiness: null, allowedTaxGrades: null, seriousPenaltyWindowYears: null, dishonestListBars: false, securityIncidentWindowYears: 3, majorIncidentOnly: false, requireMlps3AndCrypto: true, requireSecurityDepartment: false },
      'ZJ (浙政办发〔2023〕44号) via ZJC: no security incident in 3 years; MLPS 3',
    ),
    reports: s(
      [
        { kind: 'ANNUAL', due: 'each full year of operation, from the first (no deadline stated)', dueRule: { cadence: 'YEAR', anchor: 'AGREEMENT' } },
        { kind: 'SECURITY_HALF_YEARLY', due: 'each half-year (no deadline stated)', dueRule: { cadence: 'HALF_YEAR' } },
      ],
      'ZJC §三(五)6–8',
    ),
    prohibitedOpennessReasons: s(['NATIONAL_SECURITY', 'TRADE_SECRET', 'PERSONAL_INFORMATION_WITHOUT_CONSENT', 'STATE_SECRET', 'PUBLIC_SECURITY', 'BARRED_BY_LAW'], 'NS Art 5; ZJC: data prohibited from opening'),
  }),
};

/**
 * The effective settings of a jurisdiction: its own values, the national value where it sets
 * nothing, each with its source. `overrides` are an authority's audited edits (applied on top).
 */
export function resolveProfile(code: string, overrides: Partial<PolicyProfile> = {}): EffectiveProfile {
  if (!isJurisdictionCode(code)) throw new PolicyInputError('UNKNOWN_JURISDICTION', `Unknown jurisdiction ${code}`, `未知辖区：${code}`);
  const own = PROFILES[code];
  const settings = {} as { [K in SettingName]: Sourced<ProfileSettings[K]> };
  for (const key of Object.keys(NATIONAL_PROFILE) as SettingName[]) {
    (settings as Record<string, unknown>)[key] = overrides[key] ?? own[key] ?? NATIONAL_PROFILE[key];
  }
  const j = JURISDICTIONS.find((x) => x.code === code)!;
  return { code, nameZh: j.nameZh, nameEn: j.nameEn, settings, ...settings };
}

const nonNegInt = (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v >= 0;

/**
 * Validates an authority's partial edit (new values with the source the authority cites) and
 * returns the new overrides. Shape and ranges are checked per setting.
 */
export function applyProfileEdit(current: Partial<PolicyProfile>, patch: Partial<{ [K in SettingName]: Sourced<ProfileSettings[K]> }>): Partial<PolicyProfile> {
  const next: Partial<PolicyProfile> = { ...current };
  for (const [key, val] of Object.entries(patch) as [SettingName, Sourced<unknown>][]) {
    if (!(key in NATIONAL_PROFILE)) throw new PolicyInputError('UNKNOWN_SETTING', `Unknown setting ${key}`, `未知配置项：${key}`, key);
    if (!val || typeof val.source !== 'string' || !val.source.trim()) throw new PolicyInputError('SOURCE_REQUIRED', `A source is required for ${key}`, `修改配置须注明依据：${key}`, `${key}.source`);
    const bad = (path: string) => new PolicyInputError('INVALID_SETTING', `Invalid value for ${path}`, `配置值无效：${path}`, path);
    const v = val.value as Record<string, unknown>;
    const national = NATIONAL_PROFILE[key].value as unknown;
    if (typeof national === 'boolean' && typeof val.value !== 'boolean') throw bad(key);
    if (national !== null && typeof national === 'object' && !Array.isArray(national)) {
      if (!v || typeof v !== 'object') throw bad(key);
      for (const [k, nv] of Object.entries(national as Record<string, unknown>)) {
        const x = v[k];
        if (typeof nv === 'number' && !nonNegInt(x)) throw bad(`${key}.${k}`);
        if (typeof nv === 'boolean' && typeof x !== 'boolean') throw bad(`${key}.${k}`);
        if (typeof nv === 'string' && typeof x !== 'string') throw bad(`${key}.${k}`);
      }
    }
    if (key === 'correctionAnswerWorkingDays' || key === 'securityReviewValidityMonths' || key === 'scenarioReviewWorkingDays') {
      if (val.value !== null && !nonNegInt(val.value)) throw bad(key);
    }
    if (key === 'logRetentionMonthsAfterExit' && !nonNegInt(val.value)) throw bad(key);
    if (key === 'agreementTerm' && ((v.maxMonths as number) < 1 || (v.trialMaxMonths !== null && !nonNegInt(v.trialMaxMonths)))) throw bad('agreementTerm.maxMonths');
    if (key === 'authorizationModes' && (!Array.isArray(val.value) || val.value.length === 0 || val.value.some((m) => !['WHOLE', 'BY_DOMAIN', 'BY_SCENARIO'].includes(m as string)))) throw bad(key);
    if (key === 'selectionMethods' && (!Array.isArray(val.value) || val.value.length === 0 || val.value.some((m) => !['OPEN_TENDER', 'INVITED_TENDER', 'NEGOTIATION', 'EXPERT_REVIEW'].includes(m as string)))) throw bad(key);
    if (key === 'pricing' && !/^\d+(\.\d+)?$/.test(String(v.maxMarkupPp))) throw bad('pricing.maxMarkupPp');
    if (key === 'renewalWindow' && !['ANY_TIME_BEFORE_EXPIRY', 'ONLY_WITHIN_LAST_MONTHS', 'AT_LEAST_MONTHS_BEFORE'].includes(v.kind as string)) throw bad('renewalWindow.kind');
    if (key === 'calendarNotices') checkCalendarNotices(val.value, bad);
    if (key === 'rectification') {
      if (!['CLOSED', 'OPEN_UNLESS_MAJOR_RISK', 'OPEN'].includes(v.accessWhileRectifying as string)) throw bad('rectification.accessWhileRectifying');
      if (!['SUSPEND', 'NONE'].includes(v.onOverdue as string)) throw bad('rectification.onOverdue');
      if (!['TERMINATE', 'SUSPEND', 'NONE'].includes(v.onFailure as string)) throw bad('rectification.onFailure');
    }
    if (key === 'securityDuties') {
      const wrong = invalidSecurityDuties(val.value);
      if (wrong) throw bad(wrong);
    }
    if (key === 'cyberspaceNotice') {
      const wrong = invalidCyberspaceNotice(val.value);
      if (wrong) throw bad(wrong);
    }
    if (key === 'linkageStop') {
      const wrong = invalidLinkageStop(val.value);
      if (wrong) throw bad(wrong);
    }
    if (key === 'revenueRightPayee' && !['JURISDICTION', 'SUPPLYING_UNITS'].includes(val.value as string)) throw bad(key);
    if (key === 'defaultSourceBasis' && !['RESOURCE_USAGE', 'CONTRIBUTION'].includes(val.value as string)) throw bad(key);
    if (key === 'freeUse' && (!Array.isArray(v.purposes) || v.purposes.some((x) => !(USE_PURPOSES as readonly unknown[]).includes(x)) || new Set(v.purposes).size !== v.purposes.length)) throw bad('freeUse.purposes');
    if (key === 'operatingDomain') {
      // k below 2 would release single subjects; ε above 100 is no protection at all.
      if ((v.minGroupSize as number) < 2 || (v.minGroupSize as number) > 1000) throw bad('operatingDomain.minGroupSize');
      if ((v.sandboxEpsilonMicroPerMonth as number) > 100_000_000) throw bad('operatingDomain.sandboxEpsilonMicroPerMonth');
      if (!['OPERATOR', 'AGENCY'].includes(v.outputReviewer as string)) throw bad('operatingDomain.outputReviewer');
    }
    if (key === 'lifecycleRoles') for (const step of ['majorDecision', 'signAgreement']) if (!['AUTHORITY', 'AGENCY'].includes(v[step] as string)) throw bad(`lifecycleRoles.${step}`);
    if (key === 'implementationPlan') {
      if (!Array.isArray(v.drafters) || v.drafters.length === 0 || v.drafters.some((r) => !['AUTHORITY', 'AGENCY'].includes(r as string))) throw bad('implementationPlan.drafters');
      if (typeof v.approvalBody !== 'string' || !v.approvalBody.trim()) throw bad('implementationPlan.approvalBody');
      const g = v.majorChangeGrounds;
      if (g !== null && (!Array.isArray(g) || g.some((x) => !(PLAN_CHANGE_GROUNDS as readonly unknown[]).includes(x)))) throw bad('implementationPlan.majorChangeGrounds');
      if (v.filingWith !== null && typeof v.filingWith !== 'string') throw bad('implementationPlan.filingWith');
    }
    if (key === 'exitDuties') {
      const items = v.items;
      if (!Array.isArray(items) || items.some((x) => !(EXIT_DUTY_ITEMS as readonly unknown[]).includes(x)) || new Set(items).size !== items.length) throw bad('exitDuties.items');
      if (items.includes('EXIT_FILED') !== (typeof v.filingWith === 'string' && !!v.filingWith.trim())) throw bad('exitDuties.filingWith');
    }
    if (key === 'returnedDataConsent' && (v.consentingBody !== null && typeof v.consentingBody !== 'string' || v.required === true && (typeof v.consentingBody !== 'string' || !v.consentingBody.trim()))) throw bad('returnedDataConsent.consentingBody');
    if (key === 'designatedExchange' && v.required === true && (typeof v.venue !== 'string' || !v.venue.trim())) throw bad('designatedExchange.venue');
    if (key === 'integrityChecks') checkIntegrityRules(val.value, bad);
    if (key === 'selectionPublicity' && v.minWorkingDays !== null && !nonNegInt(v.minWorkingDays)) throw bad('selectionPublicity.minWorkingDays');
    if (key === 'renewalProcedure' && !['RENEWAL_REQUEST', 'REAPPLICATION'].includes(val.value as string)) throw bad(key);
    if (key === 'applicationDocuments' && (!Array.isArray(val.value) || val.value.some((k) => !(APPLICATION_DOCUMENT_KINDS as readonly unknown[]).includes(k)) || new Set(val.value).size !== val.value.length)) throw bad(key);
    (next as Record<string, unknown>)[key] = { value: val.value, source: val.source.trim() };
  }
  return next;
}

/** Each rule names at least one subject and one record kind, from the known ones; a window is a non-negative integer. */
function checkIntegrityRules(value: unknown, bad: (path: string) => PolicyInputError): void {
  if (!Array.isArray(value)) throw bad('integrityChecks');
  value.forEach((r: Partial<IntegrityCheckRule> | null, i) => {
    const at = `integrityChecks.${i}`;
    if (!r || typeof r !== 'object') throw bad(at);
    const known = (list: unknown, allowed: readonly string[]) => Array.isArray(list) && list.length > 0 && list.every((x) => allowed.includes(x as string)) && new Set(list).size === list.length;
    if (!known(r.subjects, INTEGRITY_SUBJECTS)) throw bad(`${at}.subjects`);
    if (!known(r.records, INTEGRITY_RECORD_KINDS)) throw bad(`${at}.records`);
    if (r.withinYears !== null && !(nonNegInt(r.withinYears) && r.withinYears! > 0)) throw bad(`${at}.withinYears`);
  });
}

/**
 * A list of holiday notices: one per year, every day a real date of its year, a day either off or
 * a make-up working day (never both), and make-up days on weekends (a weekday is a working day
 * already, so a notice naming one is mistyped).
 */
function checkCalendarNotices(value: unknown, bad: (path: string) => PolicyInputError): void {
  if (!Array.isArray(value)) throw bad('calendarNotices');
  const years = new Set<number>();
  value.forEach((n: Partial<CalendarNotice> | null, i) => {
    const at = `calendarNotices.${i}`;
    if (!n || typeof n !== 'object') throw bad(at);
    if (!Number.isInteger(n.year) || n.year! < 2000 || n.year! > 2100) throw bad(`${at}.year`);
    if (years.has(n.year!)) throw bad(`${at}.year`);
    years.add(n.year!);
    if (typeof n.source !== 'string' || !n.source.trim()) throw bad(`${at}.source`);
    const days = (list: unknown, field: string): string[] => {
      if (!Array.isArray(list)) throw bad(`${at}.${field}`);
      list.forEach((d, j) => {
        if (!isLocalDate(d) || !d.startsWith(`${n.year}-`)) throw bad(`${at}.${field}.${j}`);
      });
      if (new Set(list).size !== list.length) throw bad(`${at}.${field}`);
      return list as string[];
    };
    const off = new Set(days(n.holidays, 'holidays'));
    days(n.makeupWorkdays, 'makeupWorkdays').forEach((d, j) => {
      if (off.has(d)) throw bad(`${at}.makeupWorkdays.${j}`);
      const w = dayOfWeek(d);
      if (w !== 0 && w !== 6) throw bad(`${at}.makeupWorkdays.${j}`);
    });
  });
}

const profileCalendars = new Map<string, WorkingDayCalendar>();
/**
 * The working-day calendar a jurisdiction's deadlines run on: its built-in calendar with the
 * holiday notices its authority loaded. Memoized by content: profiles are re-read per request.
 */
export function calendarOfProfile(p: Pick<EffectiveProfile, 'calendarId' | 'calendarNotices'>): WorkingDayCalendar {
  const notices = p.calendarNotices?.value ?? [];
  const key = `${p.calendarId.value}|${JSON.stringify(notices)}`;
  let c = profileCalendars.get(key);
  if (!c) {
    c = notices.reduce((cal, n) => cal.withYear(n.year, n.holidays, n.makeupWorkdays, n.source), calendarById(p.calendarId.value));
    if (profileCalendars.size > 1000) profileCalendars.clear();
    profileCalendars.set(key, c);
  }
  return c;
}

/**
 * Illustrative annual averages of the 10-year government bond yield (%) for the demo seed only.
 * The figures in force are reference data the pricing authority loads with their source document
 * (revenue's `bond_yield` table, mutation `loadBondYield`; PN §3(1)); no computation reads these.
 */
export const ILLUSTRATIVE_BOND_YIELD_10Y_AVERAGE: Record<number, { value: string; source: string }> = {
  2023: { value: '2.70', source: 'illustrative average (observed range 2.553–2.976%), PN §3(1)' },
  2024: { value: '2.18', source: 'illustrative average (observed range 1.690–2.598%), PN §3(1)' },
  2025: { value: '1.75', source: 'illustrative average (low 1.596% on 2025-02-06; ~1.82–1.88% in March), PN §3(1)' },
};
