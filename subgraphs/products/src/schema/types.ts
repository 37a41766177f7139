import { Directive, Field, ID, ObjectType } from 'type-graphql';

@ObjectType({ description: '数据产品 | Data product' })
@Directive('@key(fields: "id")')
export class DataProduct {
  @Field(() => ID) id!: string;
  @Field(() => String) jurisdiction!: string;
  @Field(() => String) name!: string;
  @Field(() => Date) createdAt!: Date;
}
