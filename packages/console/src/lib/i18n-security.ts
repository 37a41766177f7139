/** Console wording of the security duties (docs/policy/security-duties.md) and the roles added with them, zh-CN + en. */
type Entry = readonly [zh: string, en: string];

export const SECURITY_MESSAGES = {
  'sec.title': ['安全义务', 'Security duties'],
  'sec.due': ['逾期的安全义务', 'Overdue security duties'],
  'sec.noneDue': ['暂无逾期的安全义务', 'No security duty is overdue'],
  'sec.plans': ['应急处置预案与演练', 'Emergency plans and drills'],
  'sec.assessments': ['第三方安全评估', 'Third-party security assessments'],
  'sec.talks': ['约谈记录', 'Formal talks'],
  'sec.kind': ['义务', 'Duty'],
  'sec.org': ['单位', 'Organization'],
  'sec.rule': ['依据', 'Basis'],
  'sec.holder': ['制定单位', 'Holder'],
  'sec.version': ['现行版本', 'Current version'],
  'sec.nextDrill': ['下次演练截止', 'Next drill due'],
  'sec.lastDrill': ['最近演练', 'Last drill'],
  'sec.assessor': ['评估机构', 'Assessor'],
  'sec.risk': ['风险等级', 'Risk'],
  'sec.followUp': ['整改期限', 'Follow-up due'],
  'sec.reportDue': ['报告截止', 'Report due'],
  'sec.heldOn': ['约谈日期', 'Held on'],
  'sec.talkedWith': ['约谈对象', 'Talked with'],
  'sec.outcome': ['结果', 'Outcome'],
} as const satisfies Record<string, Entry>;

export const SECURITY_ENUM_LABELS: Record<string, Entry> = {
  DRILL_OVERDUE: ['应急演练逾期', 'Drill overdue'],
  COMMISSIONED: ['已委托', 'Commissioned'],
  ASSESSMENT_REPORT_OVERDUE: ['评估报告逾期', 'Assessment report overdue'],
  ASSESSMENT_FOLLOW_UP_OVERDUE: ['评估整改逾期', 'Assessment follow-up overdue'],
  EMERGENCY_PLAN_MISSING: ['授权缺少应急预案', 'Authorization without a plan'],
  SIGNIFICANT: ['较大', 'Significant'],
  FOLLOWED_UP: ['已完成整改评估', 'Followed up'],
  ASSESSMENT_RISK: ['评估发现较大风险', 'Risk found by an assessment'],
  MAJOR_RISK: ['重大安全风险', 'Major risk'],
  OVERDUE_RECTIFICATION: ['未按期整改', 'Rectification overdue'],
  DATA_DESTRUCTION: ['数据毁损', 'Data destruction'],
  PRICING_AUTHORITY: ['价格主管部门', 'Pricing authority'],
  INDUSTRY_DEPARTMENT: ['行业主管部门', 'Industry department'],
};
