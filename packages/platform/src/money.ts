import { Directive, Field, ObjectType } from 'type-graphql';
import { formatYuan } from '@pdo/policy';

/**
 * Money on the wire, as output: a typed object, so that code generators give `fen` and `yuan` their string types
 * (a scalar carrying an object is typed `any`). Resolvers return a bigint of fen; `moneyFieldResolvers` (installed by
 * the platform on every subgraph that uses the type) turns it into both forms. Strings, never numbers: a float has no
 * place near money. Shareable: every subgraph that outputs money declares the same type.
 */
@ObjectType('Money', { description: '金额（分与元两种写法，均为字符串）| An amount of money, in fen and in yuan, both as strings' })
@Directive('@shareable')
export class Money {
  @Field(() => String, { description: '整数分，如 "1234" | Integer fen, e.g. "1234"' })
  fen!: string;

  @Field(() => String, { description: '元，两位小数，如 "12.34" | Yuan with two decimals, e.g. "12.34"' })
  yuan!: string;
}

const fenOf = (value: unknown): bigint => {
  if (typeof value !== 'bigint') throw new TypeError('Money must be resolved from a bigint of fen');
  return value;
};

/** The field resolvers of `Money` over a bigint of fen (packages/platform/src/server/subgraph.ts installs them). */
export const moneyFieldResolvers = {
  fen: (value: unknown) => fenOf(value).toString(),
  yuan: (value: unknown) => formatYuan(fenOf(value)),
};
