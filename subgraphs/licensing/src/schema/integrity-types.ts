import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Connection, LocalDateScalar } from '@pdo/platform';

/** Persons behind a company, integrity records, and the evaluations a re-application's reviewers read. */
export enum OrganizationPersonRole { LEGAL_REPRESENTATIVE = 'LEGAL_REPRESENTATIVE', EXECUTIVE = 'EXECUTIVE', CONTROLLING_SHAREHOLDER = 'CONTROLLING_SHAREHOLDER' }
registerEnumType(OrganizationPersonRole, {
  name: 'OrganizationPersonRole',
  description: '企业相关人员身份 | Who a person is to the company',
  valuesConfig: {
    LEGAL_REPRESENTATIVE: { description: '法定代表人 | Legal representative' },
    EXECUTIVE: { description: '高级管理人员、负责人 | Executive or person in charge' },
    CONTROLLING_SHAREHOLDER: { description: '控股股东、实际控制人 | Controlling shareholder or actual controller' },
  },
});

export enum IntegrityRecordKind { DISHONEST_DEBTOR = 'DISHONEST_DEBTOR', MAJOR_TAX_VIOLATION = 'MAJOR_TAX_VIOLATION', SERIOUS_DISHONESTY = 'SERIOUS_DISHONESTY', SERIOUS_PENALTY = 'SERIOUS_PENALTY', CRIMINAL_RECORD = 'CRIMINAL_RECORD' }
registerEnumType(IntegrityRecordKind, {
  name: 'IntegrityRecordKind',
  description: '信用记录类型 | Kind of integrity record',
  valuesConfig: {
    DISHONEST_DEBTOR: { description: '失信被执行人 | Dishonest judgment debtor' },
    MAJOR_TAX_VIOLATION: { description: '重大税收违法案件当事人 | Party to a major tax violation case' },
    SERIOUS_DISHONESTY: { description: '严重违法失信 | Serious illegality and dishonesty' },
    SERIOUS_PENALTY: { description: '重大（严重）行政处罚 | Serious administrative penalty' },
    CRIMINAL_RECORD: { description: '违法犯罪记录 | Criminal record' },
  },
});

@ObjectType({ description: '企业相关人员（现登记）| A person on record behind a company' })
export class OrganizationPerson {
  @Field(() => ID, { description: '记录标识 | Id of the entry' }) id!: string;
  @Field(() => OrganizationPersonRole, { description: '身份 | Role' }) role!: string;
  @Field(() => String, { description: '姓名或名称 | Name' }) name!: string;
  @Field(() => String, { description: '依据文件 | Document it was recorded from' }) documentRef!: string;
  @Field(() => LocalDateScalar, { description: '文件日期 | Date of the document' }) documentDate!: string;
  @Field(() => Date, { description: '登记时间 | When it was recorded' }) recordedAt!: Date;
}

@InputType({ description: '企业相关人员 | A person behind a company' })
export class OrganizationPersonInput {
  @Field(() => OrganizationPersonRole, { description: '身份 | Role' }) role!: 'LEGAL_REPRESENTATIVE' | 'EXECUTIVE' | 'CONTROLLING_SHAREHOLDER';
  @Field(() => String, { description: '姓名或名称 | Name' }) name!: string;
  @Field(() => String, { description: '身份证号码或统一社会信用代码（只存摘要）| Identity number or credit code (only its digest is kept)' }) identifier!: string;
}

@InputType({ description: '登记企业相关人员（替换现有登记）| Record the persons behind a company (replaces the current set)' })
export class RecordOrganizationPersonsInput {
  @Field(() => ID, { description: '企业 | The company' }) organizationId!: string;
  @Field(() => [OrganizationPersonInput], { description: '人员 | The persons' }) persons!: OrganizationPersonInput[];
  @Field(() => String, { description: '依据文件（营业执照、登记信息等）| Document (business licence, register extract)' }) documentRef!: string;
  @Field(() => LocalDateScalar, { description: '文件日期 | Date of the document' }) documentDate!: string;
}

@ObjectType({ description: '信用记录（主管部门载入）| Integrity record loaded by the authority' })
export class IntegrityRecord {
  @Field(() => ID, { description: '记录标识 | Id of the record' }) id!: string;
  @Field(() => String, { description: '所属辖区 | Jurisdiction' }) jurisdiction!: string;
  @Field(() => String, { description: '当事人姓名或名称 | Name of the subject' }) subjectName!: string;
  @Field(() => IntegrityRecordKind, { description: '记录类型 | Kind' }) kind!: string;
  @Field(() => LocalDateScalar, { description: '生效（列入、处罚决定）日 | Day it took effect' }) effectiveOn!: string;
  @Field(() => String, { description: '来源（名单、决定书文号）| Source (list, decision number)' }) source!: string;
  @Field(() => LocalDateScalar, { description: '来源日期 | Date of the source' }) sourceDate!: string;
  @Field(() => String, { nullable: true, description: '说明 | Note' }) note!: string | null;
  @Field(() => Date, { description: '载入时间 | When it was loaded' }) recordedAt!: Date;
  @Field(() => LocalDateScalar, { nullable: true, description: '解除（移出名单）日 | Day it was lifted' }) liftedOn!: string | null;
}
@ObjectType({ description: '信用记录分页列表 | Page of integrity records' })
export class IntegrityRecordConnection extends Connection(IntegrityRecord) {}

@InputType({ description: '载入信用记录 | Load an integrity record' })
export class RecordIntegrityInput {
  @Field(() => String, { description: '辖区 | Jurisdiction' }) jurisdiction!: string;
  @Field(() => String, { description: '当事人姓名或名称 | Name of the subject' }) subjectName!: string;
  @Field(() => String, { description: '身份证号码或统一社会信用代码（只存摘要）| Identity number or credit code (only its digest is kept)' }) identifier!: string;
  @Field(() => IntegrityRecordKind, { description: '记录类型 | Kind' }) kind!: string;
  @Field(() => LocalDateScalar, { description: '生效日 | Day it took effect' }) effectiveOn!: string;
  @Field(() => String, { description: '来源（名单、决定书文号）| Source (list, decision number)' }) source!: string;
  @Field(() => LocalDateScalar, { description: '来源日期 | Date of the source' }) sourceDate!: string;
  @Field(() => String, { nullable: true, description: '说明 | Note' }) note?: string | null;
}

@ObjectType({ description: '运营评估结果（评估子图定稿）| A finalized operator evaluation, as evaluation published it' })
export class OperatorEvaluationSummary {
  @Field(() => ID, { description: '评估标识 | Id of the evaluation' }) evaluationId!: string;
  @Field(() => Int, { description: '评估年度 | Year evaluated' }) year!: number;
  @Field(() => String, { description: '总分 | Total' }) total!: string;
  @Field(() => String, { description: '结论 | Conclusion' }) conclusion!: string;
  @Field(() => ID, { nullable: true, description: '所评协议 | Agreement evaluated' }) agreementId!: string | null;
  @Field(() => Date, { description: '定稿时间 | When it was finalized' }) finalizedAt!: Date;
}

@InputType({ description: '逐项评分 | Score of one criterion' })
export class CriterionScoreInput {
  @Field(() => String, { description: '评分项（公告评分规则之一）| Criterion, one of the call\'s scoring rules' }) criterion!: string;
  @Field(() => String, { description: '得分（0–100，最多两位小数）| Score 0–100, at most 2 decimals' }) score!: string;
}
