import { z } from 'zod';

/**
 * Value shapes shared by the payload schemas. Payloads travel as JSON (pg-boss stores them as
 * JSONB): instants as ISO strings, calendar days as 'YYYY-MM-DD', money as integer-fen strings,
 * rates and scores as decimal strings (docs/architecture.md, Conventions).
 */
export const id = z.string().min(1);
export const jurisdiction = z.string().min(1);
/** An ISO instant (`Date.toISOString()` or any form `Date.parse` reads). */
export const instant = z.string().refine((v) => !Number.isNaN(Date.parse(v)), 'must be an ISO instant');
/** A calendar day in the jurisdiction's zone. */
export const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD');
/** Money: a whole number of fen, as a string (never a float). */
export const fen = z.string().regex(/^-?\d+$/, 'must be whole fen as a string');
/** A decimal as a string ("12.5", "0.0000"). */
export const decimal = z.string().regex(/^-?\d+(\.\d+)?$/, 'must be a decimal string');
export const count = z.number().int().nonnegative();
