/**
 * Pure rules of a raw-data load (数据归集): which declared field types can be loaded, how a value
 * of each type must look, and the table a resource's data lives in. No SQL, no I/O.
 */

/** Column types of the raw store (the only ones its table function accepts). */
export type RawType = 'bigint' | 'numeric' | 'text' | 'date' | 'boolean' | 'timestamptz';

/** A declared field as the catalog publishes it (ResourceSnapshot.fields). */
export interface DeclaredField {
  name: string;
  type: string;
  required: boolean;
  personalInformation: boolean;
  sensitive: boolean;
}

/** A declared field resolved to its raw-store column. */
export interface RawColumn {
  name: string;
  type: RawType;
  required: boolean;
}

/** Catalogued type names (free text in the catalog) → raw-store column type. */
const TYPE_NAMES: Record<string, RawType> = {
  string: 'text', text: 'text', varchar: 'text', char: 'text', enum: 'text', code: 'text',
  int: 'bigint', integer: 'bigint', bigint: 'bigint', long: 'bigint', smallint: 'bigint',
  numeric: 'numeric', decimal: 'numeric', number: 'numeric', float: 'numeric', double: 'numeric', money: 'numeric',
  date: 'date',
  datetime: 'timestamptz', timestamp: 'timestamptz', timestamptz: 'timestamptz', time_stamp: 'timestamptz',
  boolean: 'boolean', bool: 'boolean',
};

export const rawTypeOf = (declared: string): RawType | null => TYPE_NAMES[declared.trim().toLowerCase()] ?? null;

/** A field name usable as a raw column: letters, digits, underscore; at most 63 bytes (PostgreSQL's limit). */
export const isLoadableFieldName = (name: string): boolean =>
  /^[\p{L}\p{N}_]{1,63}$/u.test(name) && Buffer.byteLength(name, 'utf8') <= 63 && name !== 'batch_no' && name !== 'line_no';

export type ColumnsProblem = { field: string; problem: 'UNSUPPORTED_TYPE' | 'UNLOADABLE_NAME' };

/** The raw columns of a field list, or the first field that cannot be loaded. */
export function rawColumnsOf(fields: readonly DeclaredField[]): { columns: RawColumn[] } | { problem: ColumnsProblem } {
  const columns: RawColumn[] = [];
  for (const f of fields) {
    if (!isLoadableFieldName(f.name)) return { problem: { field: f.name, problem: 'UNLOADABLE_NAME' } };
    const type = rawTypeOf(f.type);
    if (!type) return { problem: { field: f.name, problem: 'UNSUPPORTED_TYPE' } };
    columns.push({ name: f.name, type, required: !!f.required });
  }
  return { columns };
}

/** Identity of a data shape: a new raw table (schema revision) when and only when it changes. */
export const columnsSignature = (columns: readonly RawColumn[]): string => JSON.stringify(columns.map((c) => [c.name, c.type, c.required]));

/**
 * Raw table name of a resource's data at a schema revision: `r_<code>_v<rev>` in lower case with
 * every other character as `_` (codes are unique per jurisdiction; the jurisdiction is prefixed
 * when the code does not already start with it).
 */
export function rawTableName(jurisdiction: string, code: string, schemaRev: number): string {
  const j = jurisdiction.toLowerCase();
  let c = code.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '');
  if (!c.startsWith(`${j}_`)) c = `${j.replace(/[^a-z0-9]+/g, '_')}_${c}`;
  return `r_${c.slice(0, 48)}_v${schemaRev}`;
}

/** Why one value is refused (stable codes; messages in both languages below). */
export type ValueProblem = 'REQUIRED' | 'NOT_INTEGER' | 'NOT_NUMERIC' | 'NOT_DATE' | 'NOT_TIMESTAMP' | 'NOT_BOOLEAN' | 'NOT_TEXT' | 'TOO_LONG' | 'CONTROL_CHARACTER';

export const VALUE_PROBLEM_TEXT: Record<ValueProblem, [string, string]> = {
  REQUIRED: ['必填项为空', 'a required value is missing'],
  NOT_INTEGER: ['不是整数', 'not an integer'],
  NOT_NUMERIC: ['不是数值', 'not a number'],
  NOT_DATE: ['不是有效日期（YYYY-MM-DD）', 'not a valid date (YYYY-MM-DD)'],
  NOT_TIMESTAMP: ['不是带时区的有效时间（ISO 8601）', 'not a valid instant (ISO 8601 with offset)'],
  NOT_BOOLEAN: ['不是布尔值（true/false）', 'not a boolean (true/false)'],
  NOT_TEXT: ['不是文本', 'not text'],
  TOO_LONG: ['超过长度上限', 'too long'],
  CONTROL_CHARACTER: ['含有不允许的控制字符', 'contains a forbidden control character'],
};

export const MAX_TEXT_LENGTH = 10_000;
const INTEGER = /^[+-]?\d{1,18}$/;
const NUMERIC = /^[+-]?(\d{1,30}(\.\d{0,20})?|\.\d{1,20})([eE][+-]?\d{1,3})?$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const INSTANT = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(:(\d{2})(\.\d{1,6})?)?(Z|[+-]\d{2}(:?\d{2})?)$/i;
// NUL cannot be stored in PostgreSQL text; other C0 controls except tab, LF, CR are refused too.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

function validDate(y: number, m: number, d: number): boolean {
  if (y < 1 || m < 1 || m > 12 || d < 1) return false;
  const dt = new Date(Date.UTC(y, m - 1, d));
  return dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
}

/**
 * A value as the raw store will hold it (the text form COPY reads), null for "no value", or the
 * problem. `raw` is a CSV cell (string; empty = no value) or a JSON value (null/undefined = no
 * value; numbers and booleans allowed where the type wants them).
 */
export function normaliseValue(col: RawColumn, raw: unknown): { value: string | null } | { problem: ValueProblem } {
  if (raw === null || raw === undefined || raw === '') return col.required ? { problem: 'REQUIRED' } : { value: null };
  switch (col.type) {
    case 'text': {
      if (typeof raw !== 'string') return { problem: 'NOT_TEXT' };
      if (raw.length > MAX_TEXT_LENGTH) return { problem: 'TOO_LONG' };
      if (CONTROL.test(raw)) return { problem: 'CONTROL_CHARACTER' };
      return { value: raw };
    }
    case 'bigint': {
      const s = typeof raw === 'number' ? (Number.isSafeInteger(raw) ? String(raw) : '') : typeof raw === 'string' ? raw.trim() : '';
      return INTEGER.test(s) ? { value: String(BigInt(s)) } : { problem: 'NOT_INTEGER' };
    }
    case 'numeric': {
      const s = typeof raw === 'number' ? (Number.isFinite(raw) ? String(raw) : '') : typeof raw === 'string' ? raw.trim() : '';
      return NUMERIC.test(s) ? { value: s } : { problem: 'NOT_NUMERIC' };
    }
    case 'date': {
      const m = typeof raw === 'string' ? DATE.exec(raw.trim()) : null;
      return m && validDate(+m[1]!, +m[2]!, +m[3]!) ? { value: raw as string } : { problem: 'NOT_DATE' };
    }
    case 'timestamptz': {
      const s = typeof raw === 'string' ? raw.trim() : '';
      const m = INSTANT.exec(s);
      if (!m || !validDate(+m[1]!, +m[2]!, +m[3]!) || +m[4]! > 23 || +m[5]! > 59 || (m[7] !== undefined && +m[7] > 59)) return { problem: 'NOT_TIMESTAMP' };
      return { value: s };
    }
    case 'boolean': {
      if (typeof raw === 'boolean') return { value: raw ? 't' : 'f' };
      const s = typeof raw === 'string' ? raw.trim().toLowerCase() : '';
      if (s === 'true' || s === '1' || s === 't') return { value: 't' };
      if (s === 'false' || s === '0' || s === 'f') return { value: 'f' };
      return { problem: 'NOT_BOOLEAN' };
    }
  }
}

/** One value as a cell of COPY's CSV format: unquoted empty = NULL, everything else quoted. */
export const copyCell = (v: string | null): string => (v === null ? '' : `"${v.replace(/"/g, '""')}"`);

/** Null ratio as a 4-place decimal string, exact from the counts (no float arithmetic). */
export function ratio(nulls: number, rows: number): string {
  if (rows <= 0) return '0.0000';
  // Rounded half up on integers: 10^4 · nulls / rows.
  const scaled = (BigInt(nulls) * 20000n + BigInt(rows)) / (2n * BigInt(rows));
  const s = scaled.toString().padStart(5, '0');
  return `${s.slice(0, -4)}.${s.slice(-4)}`;
}

/**
 * The view over a resource's CURRENT batch in the raw store, `c_<code>` (migration 0003): what
 * recipes read and reader roles are granted. Stable across schema revisions, so a grant follows
 * every new load.
 */
export function currentViewName(jurisdiction: string, code: string): string {
  return rawTableName(jurisdiction, code, 1).replace(/^r_/, 'c_').replace(/_v1$/, '');
}

/** The declared field type as the recipe analyser knows it (timestamps compare like dates). */
export function recipeFieldType(declared: string): 'text' | 'integer' | 'numeric' | 'date' | 'boolean' | null {
  const t = rawTypeOf(declared);
  if (t === null) return null;
  return ({ bigint: 'integer', numeric: 'numeric', text: 'text', date: 'date', timestamptz: 'date', boolean: 'boolean' } as const)[t];
}
