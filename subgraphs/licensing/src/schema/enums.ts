import { registerEnumType } from 'type-graphql';

/** The enums of licensing's schema, each value with its Chinese term. */
export enum OrgKind {
  AUTHORITY = 'AUTHORITY',
  IMPLEMENTING_AGENCY = 'IMPLEMENTING_AGENCY',
  SOURCE_AGENCY = 'SOURCE_AGENCY',
  OPERATOR = 'OPERATOR',
  DEVELOPER = 'DEVELOPER',
  SERVICE_PROVIDER = 'SERVICE_PROVIDER',
  EXPERT_BODY = 'EXPERT_BODY',
}
registerEnumType(OrgKind, {
  name: 'OrgKind',
  description: '主体类型 | Party kind',
  valuesConfig: {
    AUTHORITY: { description: '数据主管部门 | Data authority' },
    IMPLEMENTING_AGENCY: { description: '实施机构 | Implementing agency' },
    SOURCE_AGENCY: { description: '数源单位 | Source unit' },
    OPERATOR: { description: '授权运营主体 | Authorized operator' },
    DEVELOPER: { description: '二次开发者 | Secondary developer' },
    SERVICE_PROVIDER: { description: '服务商 | Service provider' },
    EXPERT_BODY: { description: '专家机构 | Expert body' },
  },
});

export enum AuthorizationModeKind { WHOLE = 'WHOLE', BY_DOMAIN = 'BY_DOMAIN', BY_SCENARIO = 'BY_SCENARIO' }
registerEnumType(AuthorizationModeKind, {
  name: 'AuthorizationModeKind',
  description: '授权方式 | Authorization mode',
  valuesConfig: { WHOLE: { description: '整体授权 | Whole scope' }, BY_DOMAIN: { description: '分领域授权 | By domain' }, BY_SCENARIO: { description: '依场景授权 | By scenario' } },
});

export enum OperatorSelectionMethod { OPEN_TENDER = 'OPEN_TENDER', INVITED_TENDER = 'INVITED_TENDER', NEGOTIATION = 'NEGOTIATION', EXPERT_REVIEW = 'EXPERT_REVIEW' }
registerEnumType(OperatorSelectionMethod, {
  name: 'OperatorSelectionMethod',
  description: '遴选方式 | Selection method',
  valuesConfig: { OPEN_TENDER: { description: '公开招标 | Open tender' }, INVITED_TENDER: { description: '邀请招标 | Invited tender' }, NEGOTIATION: { description: '竞争性谈判/磋商 | Negotiation' }, EXPERT_REVIEW: { description: '专家评审 | Expert review' } },
});

export enum OperatorApplicationStatus {
  SUBMITTED = 'SUBMITTED', SUPPLEMENT_REQUESTED = 'SUPPLEMENT_REQUESTED', EXPERT_REVIEW = 'EXPERT_REVIEW', PUBLICITY = 'PUBLICITY', FILED = 'FILED', APPROVED = 'APPROVED', SIGNED = 'SIGNED', REJECTED = 'REJECTED',
}
registerEnumType(OperatorApplicationStatus, {
  name: 'OperatorApplicationStatus',
  description: '运营主体申请状态 | Operator application status',
  valuesConfig: {
    SUBMITTED: { description: '已申请/预审中 | Submitted, in pre-check' },
    SUPPLEMENT_REQUESTED: { description: '待补正 | Supplement requested' },
    EXPERT_REVIEW: { description: '专家评审 | Expert review' },
    PUBLICITY: { description: '公示 | Publicity' },
    FILED: { description: '已报备 | Filed with the government' },
    APPROVED: { description: '三重一大已批准 | Major decision approved' },
    SIGNED: { description: '已签约 | Signed' },
    REJECTED: { description: '未通过 | Rejected' },
  },
});

export enum AuthorizationAgreementStatus { SIGNED = 'SIGNED', ACTIVE = 'ACTIVE', SUSPENDED = 'SUSPENDED', TERMINATED = 'TERMINATED', EXPIRED = 'EXPIRED', EXITED = 'EXITED' }
registerEnumType(AuthorizationAgreementStatus, {
  name: 'AuthorizationAgreementStatus',
  description: '授权协议状态 | Agreement status',
  valuesConfig: {
    SIGNED: { description: '已签署 | Signed' }, ACTIVE: { description: '生效 | Active' }, SUSPENDED: { description: '暂停（整改） | Suspended for rectification' },
    TERMINATED: { description: '终止 | Terminated' }, EXPIRED: { description: '到期 | Expired' }, EXITED: { description: '已退出 | Exited' },
  },
});

export enum ReadinessKind { TRAINING = 'TRAINING', SECURITY_REVIEW = 'SECURITY_REVIEW', EMERGENCY_PLAN = 'EMERGENCY_PLAN' }
registerEnumType(ReadinessKind, { name: 'ReadinessKind', description: '准入条件记录类型：岗前培训、安全审查、应急预案 | Training, security review, emergency plan', valuesConfig: { TRAINING: { description: '岗前培训 | Staff training before operation' }, SECURITY_REVIEW: { description: '安全审查 | Security review' }, EMERGENCY_PLAN: { description: '应急预案 | Emergency plan' } } });
/**
 * What a readiness record may be declared for. Emergency plans are not declared to licensing: they come from
 * evaluation's plans (`EmergencyPlanChanged`, ZJC §五(四) 一授权一预案), so the input cannot ask for one.
 */
export enum RecordableReadinessKind { TRAINING = 'TRAINING', SECURITY_REVIEW = 'SECURITY_REVIEW' }
registerEnumType(RecordableReadinessKind, { name: 'RecordableReadinessKind', description: '可登记的准入条件类型：岗前培训、安全审查（应急预案在安全职责中登记）| Readiness conditions that are recorded here: training, security review (emergency plans are filed with the security duties)', valuesConfig: { TRAINING: { description: '岗前培训 | Staff training before operation' }, SECURITY_REVIEW: { description: '安全审查 | Security review' } } });

export enum RectificationCause {
  SECURITY_DUTIES_NOT_PERFORMED = 'SECURITY_DUTIES_NOT_PERFORMED', UNLAWFUL_USE_CAUSING_LOSS = 'UNLAWFUL_USE_CAUSING_LOSS', MAJOR_RISK = 'MAJOR_RISK',
  USE_OUTSIDE_SCOPE = 'USE_OUTSIDE_SCOPE', OTHER_BREACH = 'OTHER_BREACH', EVALUATION_FINDING = 'EVALUATION_FINDING', SECURITY_ASSESSMENT = 'SECURITY_ASSESSMENT',
}
registerEnumType(RectificationCause, { name: 'RectificationCause', description: '整改事由（泰州第29条等） | Rectification cause (TZ Art 29, evaluation, security assessment)', valuesConfig: { SECURITY_DUTIES_NOT_PERFORMED: { description: '未履行安全保障义务 | Security duties not performed' }, UNLAWFUL_USE_CAUSING_LOSS: { description: '违法使用数据造成损失 | Unlawful use causing loss' }, MAJOR_RISK: { description: '存在重大风险隐患 | Major risk found' }, USE_OUTSIDE_SCOPE: { description: '超出授权范围使用 | Use outside the authorized scope' }, OTHER_BREACH: { description: '其他违约情形 | Other breach of the agreement' }, EVALUATION_FINDING: { description: '运营评价发现的问题 | Finding of an operator evaluation' }, SECURITY_ASSESSMENT: { description: '安全评估发现的问题 | Finding of a security assessment' } } });

export enum RectificationStatus { OPEN = 'OPEN', PLAN_SUBMITTED = 'PLAN_SUBMITTED', PASSED = 'PASSED', FAILED = 'FAILED' }
registerEnumType(RectificationStatus, { name: 'RectificationStatus', description: '整改状态 | Rectification status', valuesConfig: { OPEN: { description: '待提交整改方案 | Open, plan awaited' }, PLAN_SUBMITTED: { description: '已提交方案 | Plan submitted' }, PASSED: { description: '验收通过 | Passed' }, FAILED: { description: '验收未通过 | Failed' } } });

export enum RenewalRequestStatus { PENDING = 'PENDING', APPROVED = 'APPROVED', REFUSED = 'REFUSED' }
registerEnumType(RenewalRequestStatus, { name: 'RenewalRequestStatus', description: '续期申请状态 | Renewal request status', valuesConfig: { PENDING: { description: '待决定 | Awaiting a decision' }, APPROVED: { description: '同意续期 | Approved' }, REFUSED: { description: '不同意续期 | Refused' } } });

export enum DataScenarioCategory { PUBLIC_WELFARE = 'PUBLIC_WELFARE', INDUSTRY = 'INDUSTRY' }
registerEnumType(DataScenarioCategory, {
  name: 'DataScenarioCategory',
  description: '场景类别 | Scenario category',
  valuesConfig: { PUBLIC_WELFARE: { description: '公共治理、公益事业（免费） | Public governance / welfare (free)' }, INDUSTRY: { description: '产业、行业发展（有偿） | Industry / sector development (paid)' } },
});

export enum DataScenarioStatus { SUBMITTED = 'SUBMITTED', APPROVED = 'APPROVED', REFUSED = 'REFUSED' }
registerEnumType(DataScenarioStatus, { name: 'DataScenarioStatus', description: '场景审核状态 | Scenario review status', valuesConfig: { SUBMITTED: { description: '审核中 | Submitted, under review' }, APPROVED: { description: '已通过 | Approved' }, REFUSED: { description: '未通过 | Refused' } } });

export enum ScenarioResourceDecision { PENDING = 'PENDING', APPROVED = 'APPROVED', REFUSED = 'REFUSED' }
registerEnumType(ScenarioResourceDecision, { name: 'ScenarioResourceDecision', description: '数源单位审核意见 | Source unit decision', valuesConfig: { PENDING: { description: '待数源单位审核 | Awaiting the source unit' }, APPROVED: { description: '同意 | Approved' }, REFUSED: { description: '不同意 | Refused' } } });

export enum AccessGrantStatus { ACTIVE = 'ACTIVE', PAUSED = 'PAUSED', REVOKED = 'REVOKED' }
registerEnumType(AccessGrantStatus, { name: 'AccessGrantStatus', description: '访问授权状态 | Access grant status', valuesConfig: { ACTIVE: { description: '有效 | Active' }, PAUSED: { description: '暂停 | Paused' }, REVOKED: { description: '撤销 | Revoked' } } });

export enum PenaltySeverity { MINOR = 'MINOR', SERIOUS = 'SERIOUS' }
registerEnumType(PenaltySeverity, { name: 'PenaltySeverity', description: '行政处罚严重程度 | Penalty severity', valuesConfig: { MINOR: { description: '一般 | Minor' }, SERIOUS: { description: '较重 | Serious' } } });
export enum OrgIncidentSeverity { MINOR = 'MINOR', MAJOR = 'MAJOR' }
registerEnumType(OrgIncidentSeverity, { name: 'OrgIncidentSeverity', description: '安全事件影响程度 | Incident severity (MAJOR: relatively large impact)', valuesConfig: { MINOR: { description: '一般 | Minor' }, MAJOR: { description: '影响较大 | Relatively large impact' } } });
export enum AssetDispositionKind { TRANSFER = 'TRANSFER', DESTROY = 'DESTROY' }
registerEnumType(AssetDispositionKind, { name: 'AssetDispositionKind', description: '资产处置：移交或销毁 | Asset disposition: transfer or destroy', valuesConfig: { TRANSFER: { description: '移交承接主体 | Transfer to a successor' }, DESTROY: { description: '销毁 | Destroy' } } });
