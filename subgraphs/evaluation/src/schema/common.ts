import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** Licensing's Organization, referenced by id only. */
@ObjectType({ description: '主体（由 licensing 子图提供）| Organization (owned by licensing)' })
@Directive('@key(fields: "id", resolvable: false)')
export class Organization {
  @Field(() => ID, { description: '主体标识 | Id of the organization' }) id!: string;
}

export const orgRef = (id: string | null | undefined) => (id ? { id } : null);
