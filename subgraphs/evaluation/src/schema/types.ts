import { Directive, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';

export enum DisclosureKind {
  AUTHORIZATION = 'AUTHORIZATION',
  AUTHORIZATION_ENDED = 'AUTHORIZATION_ENDED',
  SELECTION_PUBLICITY = 'SELECTION_PUBLICITY',
  PRODUCT_LISTED = 'PRODUCT_LISTED',
  PRODUCT_DELISTED = 'PRODUCT_DELISTED',
  PRICE = 'PRICE',
  EVALUATION_RESULT = 'EVALUATION_RESULT',
  RECTIFICATION_CLOSED = 'RECTIFICATION_CLOSED',
  INCIDENT_SUMMARY = 'INCIDENT_SUMMARY',
  ANNUAL_DISCLOSURE = 'ANNUAL_DISCLOSURE',
  AUDIT_CHECKPOINT = 'AUDIT_CHECKPOINT',
  OTHER = 'OTHER',
}
registerEnumType(DisclosureKind, { name: 'DisclosureKind', description: '披露类别 | What kind of public fact', valuesConfig: { AUTHORIZATION: { description: '授权运营结果 | An authorization granted' }, AUTHORIZATION_ENDED: { description: '授权运营终止 | An authorization ended' }, SELECTION_PUBLICITY: { description: '遴选结果公示（公示期与异议渠道）| A selection result under publicity, with its period and how to object' }, PRODUCT_LISTED: { description: '产品挂牌 | A product listed' }, PRODUCT_DELISTED: { description: '产品摘牌 | A product delisted' }, PRICE: { description: '价格公示 | A price published' }, EVALUATION_RESULT: { description: '运营评价结果 | Result of an operator evaluation' }, RECTIFICATION_CLOSED: { description: '整改完成 | A rectification closed' }, INCIDENT_SUMMARY: { description: '安全事件处置情况 | Summary of a security incident' }, ANNUAL_DISCLOSURE: { description: '年度披露 | Annual disclosure' }, AUDIT_CHECKPOINT: { description: '审计链检查点 | Audit chain checkpoint' }, OTHER: { description: '其他 | Other' } } });

@ObjectType({ description: '披露事项 | One public fact of a disclosure' })
export class DisclosureFact {
  @Field(() => String, { description: '事项 | Fact' }) key!: string;
  @Field(() => String, { description: '内容 | Value' }) value!: string;
}

@ObjectType({ description: '公开披露 | Public disclosure' })
@Directive('@key(fields: "id")')
export class Disclosure {
  @Field(() => ID, { description: '披露标识 | Id of the disclosure' }) id!: string;
  @Field(() => String, { description: '辖区 | Jurisdiction' }) jurisdiction!: string;
  @Field(() => String, { description: '标题 | Title' }) name!: string;
  @Field(() => DisclosureKind, { description: '披露类型 | Kind of disclosure' }) kind!: string;
  @Field(() => ID, { nullable: true, description: '所披露对象 | The agreement, product, evaluation … disclosed' }) subjectId!: string | null;
  @Field(() => String, { nullable: true, description: '公开依据 | Rule that makes it public' }) rule!: string | null;
  @Field(() => [DisclosureFact], { description: '披露事项 | Facts disclosed' }) facts!: DisclosureFact[];
  @Field(() => Date, { description: '发布时间 | When published' }) publishedAt!: string;
  @Field(() => Date, { description: '记录时间 | When recorded' }) createdAt!: string;
}

@ObjectType({ description: '产品用量统计（公开）| Public usage statistics of a product' })
export class PublicProductUsage {
  @Field(() => ID, { description: '产品标识 | Id of the product' }) productId!: string;
  @Field(() => String, { description: '产品编码 | Product code' }) productCode!: string;
  @Field(() => String, { description: '产品名称 | Name' }) name!: string;
  @Field(() => String, { description: '产品类别（免费/收费）| Free or paid' }) category!: string;
  @Field(() => String, { description: '期内用量 | Units used in the period' }) usageUnits!: string;
  @Field(() => Int, { description: '应用方数 | Secondary developers using it' }) developers!: number;
}
