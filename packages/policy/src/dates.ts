import { PolicyInputError } from './errors.js';

export type LocalDate = string;
export function parseLocalDate(s: string): LocalDate {
  const m = typeof s === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(s) : null;
  const d = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : null;
  if (!m || !d || d.toISOString().slice(0, 10) !== s) throw new PolicyInputError('INVALID_DATE', `Invalid date: ${s}`);
  return s;
}
