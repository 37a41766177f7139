import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Connection, GraphQLJSON, LocalDateScalar } from '@pdo/platform';

/** The implementation plan (实施方案) with its versions, and the exit checklist (退出清单) of an agreement. */
export enum ImplementationPlanStatus { DRAFTED = 'DRAFTED', APPROVED = 'APPROVED', SUPERSEDED = 'SUPERSEDED' }
registerEnumType(ImplementationPlanStatus, {
  name: 'ImplementationPlanStatus',
  description: '实施方案版本状态 | Where a version of the implementation plan stands',
  valuesConfig: {
    DRAFTED: { description: '草案，待审议 | Drafted, awaiting approval' },
    APPROVED: { description: '现行（审议通过）| In force (approved)' },
    SUPERSEDED: { description: '已被新版本取代 | Superseded by a later version' },
  },
});
export enum PlanChangeGround { SCENARIOS = 'SCENARIOS', RESOURCE_SCALE = 'RESOURCE_SCALE', OPERATOR_CRITERIA = 'OPERATOR_CRITERIA', ACCOUNTING = 'ACCOUNTING', REVENUE_DISTRIBUTION = 'REVENUE_DISTRIBUTION', OTHER = 'OTHER' }
registerEnumType(PlanChangeGround, {
  name: 'PlanChangeGround',
  description: '实施方案变更事由（秦皇岛列明的重大变化）| What a change of the plan changes (the grounds QHD §三(三)3(1) names as major)',
  valuesConfig: {
    SCENARIOS: { description: '应用场景 | Application scenarios' },
    RESOURCE_SCALE: { description: '公共数据资源规模 | Scale of the public data resources' },
    OPERATOR_CRITERIA: { description: '运营机构选择条件 | Criteria for choosing the operator' },
    ACCOUNTING: { description: '经营成本和收入等核算机制 | Cost and revenue accounting' },
    REVENUE_DISTRIBUTION: { description: '收益分配机制 | Revenue distribution' },
    OTHER: { description: '其他 | Something else' },
  },
});
export enum ExitDutyItem { PERMISSIONS_CLOSED = 'PERMISSIONS_CLOSED', RETAINED_DATA_DELETED = 'RETAINED_DATA_DELETED', TRANSFERRED_TO_SUCCESSOR = 'TRANSFERRED_TO_SUCCESSOR', UNTRANSFERABLE_DESTROYED = 'UNTRANSFERABLE_DESTROYED', EXIT_FILED = 'EXIT_FILED' }
registerEnumType(ExitDutyItem, {
  name: 'ExitDutyItem',
  description: '退出清单事项 | An item of the exit checklist',
  valuesConfig: {
    PERMISSIONS_CLOSED: { description: '收回（关闭）全部授权运营权限 | Every operating permission taken back (closed)' },
    RETAINED_DATA_DELETED: { description: '删除留存的相关数据 | Retained data deleted' },
    TRANSFERRED_TO_SUCCESSOR: { description: '业务权限、数据资源、公共资产移交新运营机构 | Permissions, data and public assets transferred to the successor operator' },
    UNTRANSFERABLE_DESTROYED: { description: '无法移交的场景模型、数据产品组织销毁 | Models and products that cannot be transferred destroyed' },
    EXIT_FILED: { description: '报上级备案 | Filed with the higher authority' },
  },
});

@ObjectType({ description: '授权运营实施方案（一个版本）| A version of the implementation plan (实施方案)' })
export class ImplementationPlan {
  @Field(() => ID, { description: '方案版本标识 | Id of the version' }) id!: string;
  @Field(() => String, { description: '所属辖区 | Jurisdiction' }) jurisdiction!: string;
  @Field(() => Int, { description: '版本号 | Version number' }) version!: number;
  @Field(() => String, { description: '方案名称 | Title' }) title!: string;
  @Field(() => String, { description: '方案摘要 | Summary' }) summary!: string;
  @Field(() => GraphQLJSON, { description: '方案内容（NS第9条、河南第12条各项）| Contents, item by item (NS Art 9; HN Art 12)' }) contents!: unknown;
  @Field(() => ImplementationPlanStatus, { description: '版本状态 | Where the version stands' }) status!: string;
  @Field(() => ID, { nullable: true, description: '所修改的前一现行版本 | The version in force it amends' }) amendsId!: string | null;
  @Field(() => [PlanChangeGround], { description: '变更事由 | What the change changes' }) changeGrounds!: string[];
  @Field(() => String, { nullable: true, description: '变更说明 | Note on the change' }) changeNote!: string | null;
  @Field(() => Boolean, { description: '是否须重新审议（首个版本或较大变更）| Whether it needs its own collective decision (a first plan or a major change)' }) majorChange!: boolean;
  @Field(() => String, { description: '起草角色 | Role of the drafter' }) draftedByRole!: string;
  @Field(() => LocalDateScalar, { description: '起草日 | Day drafted' }) draftedOn!: string;
  @Field(() => LocalDateScalar, { nullable: true, description: '集体决策日期 | Day of the collective decision' }) decidedOn!: string | null;
  @Field(() => String, { nullable: true, description: '决策机构 | Body that decided' }) decisionBody!: string | null;
  @Field(() => String, { nullable: true, description: '决策文号或纪要编号 | Reference of the decision (minutes)' }) decisionRef!: string | null;
  @Field(() => LocalDateScalar, { nullable: true, description: '生效（现行）日 | Day it came into force' }) approvedOn!: string | null;
  @Field(() => LocalDateScalar, { nullable: true, description: '备案日 | Day filed' }) filedOn!: string | null;
  @Field(() => String, { nullable: true, description: '备案机关 | Body it was filed with' }) filedWith!: string | null;
}
@ObjectType({ description: '实施方案版本分页列表 | Page of implementation plan versions' })
export class ImplementationPlanConnection extends Connection(ImplementationPlan) {}

@InputType({ description: '起草实施方案或其变更 | Draft a plan or a change of the plan in force' })
export class DraftImplementationPlanInput {
  @Field(() => String, { description: '辖区 | Jurisdiction' }) jurisdiction!: string;
  @Field(() => String, { description: '方案名称 | Title' }) title!: string;
  @Field(() => String, { description: '方案摘要 | Summary' }) summary!: string;
  @Field(() => GraphQLJSON, { nullable: true, description: '方案内容（条目 → 文本）| Contents: item → text' }) contents?: Record<string, string> | null;
  @Field(() => [PlanChangeGround], { nullable: true, description: '变更事由（修改现行方案时必填）| What it changes (required for a change of the plan in force)' }) changeGrounds?: PlanChangeGround[] | null;
  @Field(() => String, { nullable: true, description: '变更说明 | Note on the change' }) changeNote?: string | null;
  @Field(() => Boolean, { nullable: true, description: '起草方认定为较大变更（未列明事由的辖区）| The drafter declares the change major (where the profile names no grounds)' }) declaredMajor?: boolean | null;
}
@InputType({ description: '记录实施方案的审议通过 | Record the approval of a draft plan' })
export class ApproveImplementationPlanInput {
  @Field(() => ID, { description: '方案版本标识 | Id of the draft version' }) planId!: string;
  @Field(() => LocalDateScalar, { nullable: true, description: '集体决策日期（首个方案或较大变更必填）| Day of the collective decision (required for a first plan or a major change)' }) decidedOn?: string | null;
  @Field(() => String, { nullable: true, description: '决策机构 | Body that decided' }) decisionBody?: string | null;
  @Field(() => String, { nullable: true, description: '决策文号或纪要编号 | Reference of the decision' }) decisionRef?: string | null;
}

@ObjectType({ description: '退出事项的确认 | Confirmation of an exit item' })
export class ExitDutyConfirmation {
  @Field(() => ID, { description: '确认记录标识 | Id of the confirmation' }) id!: string;
  @Field(() => ExitDutyItem, { description: '事项 | Item' }) item!: string;
  @Field(() => LocalDateScalar, { description: '完成日 | Day done' }) doneOn!: string;
  @Field(() => String, { description: '完成凭证 | Evidence' }) evidence!: string;
  @Field(() => String, { nullable: true, description: '凭证文件 SHA-256 | SHA-256 of the evidence document' }) documentHash!: string | null;
  @Field(() => ID, { nullable: true, description: '承接的运营机构 | Successor operator' }) successorId!: string | null;
  @Field(() => String, { nullable: true, description: '备案机关 | Body filed with' }) filedWith!: string | null;
  @Field(() => String, { description: '确认人角色 | Role of who confirmed' }) confirmedByRole!: string;
}
@ObjectType({ description: '退出清单的一项（按协议所依政策配置）| An item of the agreement\'s exit checklist (its profile\'s)' })
export class ExitChecklistEntry {
  @Field(() => ExitDutyItem, { description: '事项 | Item' }) item!: string;
  @Field(() => String, { description: '依据 | Legal source' }) source!: string;
  @Field(() => ExitDutyConfirmation, { nullable: true, description: '确认记录（未完成为空）| Its confirmation, none while outstanding' }) confirmation!: ExitDutyConfirmation | null;
}
@InputType({ description: '确认一项退出事项 | Confirm an exit item' })
export class ConfirmExitDutyInput {
  @Field(() => ID, { description: '协议标识 | Id of the agreement' }) agreementId!: string;
  @Field(() => ExitDutyItem, { description: '事项 | Item' }) item!: ExitDutyItem;
  @Field(() => LocalDateScalar, { description: '完成日 | Day done' }) doneOn!: string;
  @Field(() => String, { description: '完成凭证（文件、记录）| Evidence: document or record' }) evidence!: string;
  @Field(() => String, { nullable: true, description: '凭证文件 SHA-256 | SHA-256 of the evidence document' }) documentHash?: string | null;
  @Field(() => ID, { nullable: true, description: '承接的运营机构（移交时）| Successor operator (for the transfer)' }) successorId?: string | null;
}
