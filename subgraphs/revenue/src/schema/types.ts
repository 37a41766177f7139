import { Directive, Field, ID, ObjectType } from 'type-graphql';

@ObjectType({ description: '成本调查 | Cost survey' })
@Directive('@key(fields: "id")')
export class CostSurvey {
  @Field(() => ID) id!: string;
  @Field(() => String) jurisdiction!: string;
  @Field(() => String) name!: string;
  @Field(() => Date) createdAt!: Date;
}
