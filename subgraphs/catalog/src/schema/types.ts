import { Directive, Field, ID, ObjectType } from 'type-graphql';

@ObjectType({ description: '主体（由 licensing 子图提供）| Organization (owned by licensing)' })
@Directive('@key(fields: "id", resolvable: false)')
export class Organization {
  @Field(() => ID) id!: string;
}

@ObjectType({ description: '公共数据资源 | Public data resource' })
@Directive('@key(fields: "id")')
export class DataResource {
  @Field(() => ID) id!: string;
  @Field(() => String, { description: '辖区代码 | Jurisdiction code' }) jurisdiction!: string;
  @Field(() => String, { description: '资源编码（辖区内唯一）| Resource code, unique in its jurisdiction' }) code!: string;
  @Field(() => String, { description: '名称 | Name (Chinese)' }) nameZh!: string;
  @Field(() => String, { description: '描述 | Description (Chinese)' }) descriptionZh!: string;
  @Field(() => Organization, { description: '数源单位 | Owning source agency' }) sourceAgency!: Organization;
  @Field(() => Date) updatedAt!: Date;
}
