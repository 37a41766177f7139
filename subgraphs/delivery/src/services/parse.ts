import { Readable } from 'node:stream';
import { parse as csvParse, CsvError } from 'csv-parse';
import { badInput, type DomainError } from '@pdo/platform';
import { normaliseValue, VALUE_PROBLEM_TEXT, type RawColumn, type ValueProblem } from '../domain/load-rules.js';

export type LoadFormat = 'CSV' | 'JSONL';

/** Stable codes of a refused load (extensions.details.problem). */
export type LoadProblem =
  | ValueProblem
  | 'INVALID_UTF8'
  | 'INVALID_BASE64'
  | 'TOO_LARGE'
  | 'EMPTY'
  | 'WRONG_HEADER'
  | 'WRONG_COLUMN_COUNT'
  | 'MALFORMED_CSV'
  | 'MALFORMED_JSON'
  | 'NOT_AN_OBJECT'
  | 'UNKNOWN_FIELD'
  | 'TOO_MANY_ROWS';

const PROBLEM_TEXT: Partial<Record<LoadProblem, [string, string]>> = {
  INVALID_UTF8: ['不是有效的 UTF-8 编码', 'is not valid UTF-8'],
  WRONG_COLUMN_COUNT: ['列数与表头不一致', 'has a different number of columns than the header'],
  MALFORMED_CSV: ['CSV 格式错误', 'is malformed CSV'],
  MALFORMED_JSON: ['不是有效的 JSON', 'is not valid JSON'],
  NOT_AN_OBJECT: ['不是 JSON 对象', 'is not a JSON object'],
  UNKNOWN_FIELD: ['含有未声明的数据项', 'has a field the resource does not declare'],
};

/** The coded refusal of one line (and field): details { line, field, problem }; never the value itself. */
export function lineError(line: number, field: string | null, problem: LoadProblem): DomainError {
  const [zh, en] = (PROBLEM_TEXT[problem] ?? VALUE_PROBLEM_TEXT[problem as ValueProblem] ?? ['无效', 'invalid']) as [string, string];
  const where = field ? [`第 ${line} 行数据项“${field}”`, `Line ${line}, field "${field}"`] : [`第 ${line} 行`, `Line ${line}`];
  return badInput(`${where[0]}${zh}，本次归集未保存任何数据`, `${where[1]} ${en}; nothing of this load was kept`, { details: { line, field, problem } });
}

export function loadError(problem: LoadProblem, zh: string, en: string, extra: Record<string, unknown> = {}): DomainError {
  return badInput(`${zh}，本次归集未保存任何数据`, `${en}; nothing of this load was kept`, { details: { line: null, field: null, problem, ...extra } });
}

/**
 * Refuses bytes that are not UTF-8, naming the line. LF (0x0A) never occurs inside a multi-byte
 * UTF-8 sequence, so each line decodes on its own; nothing is kept but the current line.
 */
export function assertUtf8(bytes: Buffer): void {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let start = 0;
  let line = 1;
  while (start < bytes.length) {
    let end = bytes.indexOf(0x0a, start);
    if (end < 0) end = bytes.length;
    try {
      decoder.decode(bytes.subarray(start, end));
    } catch {
      throw lineError(line, null, 'INVALID_UTF8');
    }
    start = end + 1;
    line++;
  }
}

export interface ParsedRow {
  line: number;
  values: (string | null)[];
}

/** Per-field counts of a load, gathered as the rows stream by. */
export interface LoadStats {
  rows: number;
  nulls: number[];
}

const CHUNK = 64 * 1024;
const chunksOf = (bytes: Buffer) => Readable.from((function* () {
  for (let i = 0; i < bytes.length; i += CHUNK) yield bytes.subarray(i, i + CHUNK);
})(), { objectMode: false });

/**
 * The rows of a load, validated one at a time as they are parsed (a row is converted, counted and
 * handed on; no parsed copy of the file is kept). Throws the coded refusal of the first bad line.
 */
export async function* parseRows(bytes: Buffer, format: LoadFormat, columns: RawColumn[], stats: LoadStats, maxRows: number): AsyncGenerator<ParsedRow> {
  const source = format === 'CSV' ? csvRecords(bytes, columns) : jsonlRecords(bytes, columns);
  for await (const { line, cells } of source) {
    if (stats.rows >= maxRows) throw loadError('TOO_MANY_ROWS', `行数超过上限 ${maxRows}`, `More than ${maxRows} rows`);
    const values: (string | null)[] = [];
    for (let i = 0; i < columns.length; i++) {
      const col = columns[i]!;
      const v = normaliseValue(col, cells[i]);
      if ('problem' in v) throw lineError(line, col.name, v.problem);
      if (v.value === null) stats.nulls[i]!++;
      values.push(v.value);
    }
    stats.rows++;
    yield { line, values };
  }
  if (stats.rows === 0) throw loadError('EMPTY', '文件中没有数据行', 'The file has no data rows');
}

/** CSV: a header naming every declared field exactly once (any order), then one record per row. */
async function* csvRecords(bytes: Buffer, columns: RawColumn[]): AsyncGenerator<{ line: number; cells: unknown[] }> {
  const parser = chunksOf(bytes).pipe(csvParse({ bom: true, skip_empty_lines: true, info: true, relax_column_count: false, max_record_size: 1_000_000 }));
  let order: number[] | null = null;
  try {
    for await (const item of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      const { record, info } = item;
      if (!order) {
        order = headerOrder(record.map((h) => h.trim()), columns);
        continue;
      }
      yield { line: info.lines, cells: order.map((i) => record[i]) };
    }
  } catch (error) {
    if (error instanceof CsvError) {
      const line = Number((error as unknown as { lines?: number }).lines ?? 0) || 0;
      throw lineError(line, null, error.code === 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH' ? 'WRONG_COLUMN_COUNT' : 'MALFORMED_CSV');
    }
    throw error;
  } finally {
    parser.destroy();
  }
  if (!order) throw loadError('EMPTY', '文件为空', 'The file is empty');
}

function headerOrder(header: string[], columns: RawColumn[]): number[] {
  const names = columns.map((c) => c.name);
  const missing = names.filter((n) => !header.includes(n));
  const unknown = header.filter((h) => !names.includes(h));
  const duplicate = header.filter((h, i) => header.indexOf(h) !== i);
  if (missing.length || unknown.length || duplicate.length) {
    throw badInput(
      `表头与资源声明的数据项不一致（缺少：${missing.join('、') || '无'}；未声明：${unknown.join('、') || '无'}；重复：${duplicate.join('、') || '无'}），本次归集未保存任何数据`,
      `The header does not match the resource's fields (missing: ${missing.join(', ') || 'none'}; undeclared: ${unknown.join(', ') || 'none'}; duplicate: ${duplicate.join(', ') || 'none'}); nothing of this load was kept`,
      { details: { line: 1, field: missing[0] ?? unknown[0] ?? duplicate[0] ?? null, problem: 'WRONG_HEADER', missing, unknown, duplicate } },
    );
  }
  return names.map((n) => header.indexOf(n));
}

/** JSON Lines: one object per non-empty line, keys among the declared fields (a missing key is no value). */
async function* jsonlRecords(bytes: Buffer, columns: RawColumn[]): AsyncGenerator<{ line: number; cells: unknown[] }> {
  const index = new Map(columns.map((c, i) => [c.name, i]));
  let start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  let line = 1;
  while (start < bytes.length) {
    let end = bytes.indexOf(0x0a, start);
    if (end < 0) end = bytes.length;
    const text = bytes.toString('utf8', start, end).trim();
    if (text) {
      let obj: unknown;
      try {
        obj = JSON.parse(text);
      } catch {
        throw lineError(line, null, 'MALFORMED_JSON');
      }
      if (!obj || typeof obj !== 'object' || Array.isArray(obj)) throw lineError(line, null, 'NOT_AN_OBJECT');
      const cells: unknown[] = new Array(columns.length).fill(null);
      for (const [k, v] of Object.entries(obj)) {
        const i = index.get(k);
        if (i === undefined) throw lineError(line, k.slice(0, 64), 'UNKNOWN_FIELD');
        cells[i] = v;
      }
      yield { line, cells };
    }
    start = end + 1;
    line++;
  }
}
