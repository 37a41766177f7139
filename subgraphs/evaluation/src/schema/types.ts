import { Directive, Field, ID, ObjectType } from 'type-graphql';

@ObjectType({ description: '公开披露 | Public disclosure' })
@Directive('@key(fields: "id")')
export class Disclosure {
  @Field(() => ID) id!: string;
  @Field(() => String) jurisdiction!: string;
  @Field(() => String) name!: string;
  @Field(() => Date) createdAt!: Date;
}
