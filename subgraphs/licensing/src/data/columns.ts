import { p } from '@mikro-orm/core';

/** Column declarations as the driver returns them: dates and instants as the server's text, arrays as arrays. */
export const date = () => p.string().columnType('date');
export const instant = () => p.string().columnType('timestamptz');
export const texts = () => p.array<string>().columnType('text[]');
export const uuids = () => p.array<string>().columnType('uuid[]');
