import { sql } from 'kysely';

/**
 * A value for a jsonb column. The driver would send a JS array as a PostgreSQL array literal, not as JSON, so jsonb
 * values always travel as their JSON text, cast.
 */
export const jsonb = <T>(value: T) => sql<T>`${JSON.stringify(value)}::jsonb`;
