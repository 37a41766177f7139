import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** Licensing's Organization, referenced by id only. */
@ObjectType()
@Directive('@key(fields: "id", resolvable: false)')
export class Organization {
  @Field(() => ID) id!: string;
}

export const orgRef = (id: string | null | undefined) => (id ? { id } : null);
