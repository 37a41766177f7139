import { p } from '@mikro-orm/core';

/** Column kinds as the driver returns them (packages/platform/src/db/kysely.ts): dates and instants as text, arrays parsed. */
export const date = () => p.string().columnType('date');
export const instant = () => p.string().columnType('timestamptz');
export const uuids = () => p.array<string>().columnType('uuid[]');
export const texts = () => p.array<string>().columnType('text[]');
