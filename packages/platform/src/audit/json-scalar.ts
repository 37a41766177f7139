import { GraphQLScalarType } from 'graphql';
import { GraphQLJSON as JSONScalar } from 'graphql-scalars';

/** graphql-scalars' JSON, with the house's bilingual description (clients see it in the schema). */
const GraphQLJSON = new GraphQLScalarType({
  ...JSONScalar.toConfig(),
  description: '任意 JSON 值（结构见所在字段的说明）| Any JSON value; the field using it says what it holds',
});
export default GraphQLJSON;
