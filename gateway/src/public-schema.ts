/**
 * The public schema (公开接口定义): the API as clients see it, derived from the supergraph — the
 * federation machinery (`_entities`, `_service`, `_Any`, `FieldSet`, `join__*`, `link__*`, `@key`,
 * `@join__*`, `@link`, inaccessible elements) removed by the same API-schema step the gateway uses
 * to plan queries. Served at GET /schema.graphql and checked in as gateway/schema.graphql (written
 * by `pnpm compose`; a test fails when either drifts from a fresh generation).
 */
import { fileURLToPath } from 'node:url';
import { Supergraph } from '@apollo/federation-internals';
import { printSchema } from 'graphql';

export const PUBLIC_SCHEMA_FILE = fileURLToPath(new URL('../schema.graphql', import.meta.url));

export function publicSchemaSdl(supergraphSdl: string): string {
  const api = Supergraph.build(supergraphSdl).apiSchema().toGraphQLJSSchema();
  return `${printSchema(api)}\n`;
}
