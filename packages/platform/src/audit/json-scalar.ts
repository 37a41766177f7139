import { GraphQLJSON } from 'graphql-scalars';
export default GraphQLJSON;
