/** Console wording of the persons behind a company and the officials' queue of proposed changes, zh-CN + en. */
type Entry = readonly [zh: string, en: string];

export const PARTY_MESSAGES = {
  'persons.title': ['本单位法定代表人等人员', 'Legal representative and other persons of your company'],
  'persons.role': ['身份', 'Role'],
  'persons.name': ['姓名或名称', 'Name'],
  'persons.identifier': ['身份证号码或统一社会信用代码（18 位）', 'Identity number or credit code (18 characters)'],
  'persons.document': ['依据文件', 'Document'],
  'persons.documentRef': ['依据文件（营业执照、登记信息等）', 'Document (business licence, register extract)'],
  'persons.documentDate': ['文件日期', 'Date of the document'],
  'persons.missing': ['本辖区在申请和签约时核查{roles}的信用记录，本单位尚未登记{roles}，申请将被拒绝。', 'Here applications and signatures check the integrity records of the {roles}; no {roles} is on record for your company, so an application would be refused.'],
  'persons.onRecord': ['本辖区在申请和签约时核查{roles}的信用记录；已登记。', 'Here applications and signatures check the integrity records of the {roles}; on record.'],
  'persons.none': ['尚未登记法定代表人等人员。', 'No legal representative or other person is on record.'],
  'persons.recordHint': [
    '请在下方登记本单位的法定代表人（吉林还须登记高级管理人员、控股股东或实际控制人），附营业执照等依据，经本辖区实施机构或数据主管部门核验后生效。',
    'Record your legal representative below (in Jilin also executives and controlling shareholders or actual controllers) with the business licence or another document; it takes effect once an official of your jurisdiction has verified it.',
  ],
  'persons.formHint': [
    '提交后由本辖区实施机构或数据主管部门核验，核验通过后替换现有登记。身份证号码只用于信用核查，平台只保存其摘要。',
    'An official of your jurisdiction verifies the proposal; once accepted it replaces what is on record. Identity numbers serve the integrity checks only; the platform keeps only their digest.',
  ],
  'persons.pending': ['{d} 提交的人员登记申请待核验', 'Proposal of {d} awaiting verification'],
  'persons.sent': ['已提交，待本辖区实施机构或数据主管部门核验。', 'Sent: an official of your jurisdiction will verify it.'],
  'persons.propose': ['提交人员登记申请', 'Propose these persons'],
  'persons.add': ['添加人员', 'Add a person'],
  'persons.remove': ['删除', 'Remove'],
  'persons.row': ['第 {n} 行：', 'Row {n}: '],
  'persons.err.name': ['请填写姓名或名称', 'Give the name'],
  'persons.err.identifier': ['须为 18 位身份证号码或统一社会信用代码', 'An 18-character identity number or credit code is required'],
  'persons.err.duplicate': ['同一人不能重复登记为同一身份', 'The same person is listed twice in one role'],
  'persons.err.legalRep': ['须登记且只能登记一名法定代表人', 'Name exactly one legal representative'],
  'persons.err.documentRef': ['请填写依据文件', 'Name the document'],
  'persons.err.documentDate': ['文件日期须为有效日期且不晚于今天', 'The document date must be a valid date, not in the future'],
  'proposals.title': ['主体信息变更申请', 'Proposed changes of parties\' records'],
  'proposals.org': ['主体', 'Party'],
  'proposals.what': ['申请内容', 'Proposed'],
  'proposals.evidence': ['证明材料', 'Evidence'],
  'proposals.accept': ['核验通过', 'Accept'],
  'proposals.reject': ['驳回', 'Reject'],
  'proposals.reason': ['驳回理由', 'Reason for rejecting'],
  'proposals.needReason': ['驳回须说明理由', 'Give the reason for rejecting'],
  'proposals.facts': ['事实变更：', 'Facts: '],
} as const satisfies Record<string, Entry>;

export const PARTY_ENUM_LABELS: Record<string, Entry> = {
  LEGAL_REPRESENTATIVE: ['法定代表人', 'Legal representative'],
  EXECUTIVE: ['高级管理人员', 'Executive'],
  CONTROLLING_SHAREHOLDER: ['控股股东或实际控制人', 'Controlling shareholder or actual controller'],
};
