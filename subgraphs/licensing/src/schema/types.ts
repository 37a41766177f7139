import { Directive, Field, ID, ObjectType } from 'type-graphql';

@ObjectType({ description: '主体 | Organization (every party)' })
@Directive('@key(fields: "id")')
export class Organization {
  @Field(() => ID) id!: string;
  @Field(() => String) jurisdiction!: string;
  @Field(() => String) name!: string;
  @Field(() => Date) createdAt!: Date;
}
