import { Directive, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';

export enum DisclosureKind {
  AUTHORIZATION = 'AUTHORIZATION',
  AUTHORIZATION_ENDED = 'AUTHORIZATION_ENDED',
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
registerEnumType(DisclosureKind, { name: 'DisclosureKind', description: '披露类别 | What kind of public fact' });

@ObjectType({ description: '披露事项 | One public fact of a disclosure' })
export class DisclosureFact {
  @Field(() => String) key!: string;
  @Field(() => String) value!: string;
}

@ObjectType({ description: '公开披露 | Public disclosure' })
@Directive('@key(fields: "id")')
export class Disclosure {
  @Field(() => ID) id!: string;
  @Field(() => String) jurisdiction!: string;
  @Field(() => String, { description: '标题 | Title' }) name!: string;
  @Field(() => DisclosureKind) kind!: string;
  @Field(() => ID, { nullable: true, description: '所披露对象 | The agreement, product, evaluation … disclosed' }) subjectId!: string | null;
  @Field(() => String, { nullable: true, description: '公开依据 | Rule that makes it public' }) rule!: string | null;
  @Field(() => [DisclosureFact]) facts!: DisclosureFact[];
  @Field(() => Date) publishedAt!: string;
  @Field(() => Date) createdAt!: string;
}

@ObjectType({ description: '产品用量统计（公开）| Public usage statistics of a product' })
export class PublicProductUsage {
  @Field(() => ID) productId!: string;
  @Field(() => String) productCode!: string;
  @Field(() => String) name!: string;
  @Field(() => String) category!: string;
  @Field(() => String, { description: '期内用量 | Units used in the period' }) usageUnits!: string;
  @Field(() => Int, { description: '应用方数 | Secondary developers using it' }) developers!: number;
}
