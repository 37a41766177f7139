import { GraphQLScalarType, Kind, type ValueNode } from 'graphql';
import { formatYuan, parseFen, parseLocalDate, parseYuan, Decimal } from '@pdo/policy';
import { badInput } from './errors.js';

/**
 * Money as input: a yuan decimal string ("12.34"), or an object with a `fen` or a `yuan` string. A JSON number is
 * refused: a float has no place near money. Internally money is a bigint of fen. Output uses the `Money` object
 * type (money.ts), so clients and code generators see typed `fen` and `yuan` fields.
 */
export const MoneyAmountScalar = new GraphQLScalarType<bigint, string>({
  name: 'MoneyAmount',
  description: '金额输入：元的字符串（如 "12.34"，最多两位小数），或 {"fen":"整数分"} / {"yuan":"元"}；不接受数字。 | A money input: a yuan string (e.g. "12.34", at most two decimals), or {"fen"} / {"yuan"} of strings; numbers are refused.',
  serialize(value) {
    if (typeof value !== 'bigint') throw new TypeError('MoneyAmount must be serialized from a bigint of fen');
    return formatYuan(value);
  },
  parseValue(value) {
    return parseMoneyInput(value);
  },
  parseLiteral(ast) {
    return parseMoneyInput(literalToJs(ast));
  },
});

function literalToJs(ast: ValueNode): unknown {
  switch (ast.kind) {
    case Kind.STRING:
      return ast.value;
    case Kind.INT:
    case Kind.FLOAT:
      return Number(ast.value);
    case Kind.OBJECT:
      return Object.fromEntries(ast.fields.map((f) => [f.name.value, literalToJs(f.value)]));
    default:
      return undefined;
  }
}

/**
 * The largest amount one Money input may carry, either sign: 10^12 fen = ¥10,000,000,000.00
 * (100 亿元), far above any price, cap, cost item or ledger line of a city's or province's
 * authorised operation. It is chosen so that sums cannot overflow where they are stored: a
 * PostgreSQL bigint holds 9,223,372,036,854,775,807 fen, so at least 9,223,372 amounts of the
 * maximum (more than nine million ledger lines of ¥10 billion each) are needed before a balance,
 * an entry's Σ debit or a settlement total could leave it. Revenue's migration 0008 enforces the
 * same bound in the database on the amounts it stores from input.
 */
export const MONEY_MAX_FEN = 1_000_000_000_000n;

export function parseMoneyInput(value: unknown): bigint {
  let fen: bigint | undefined;
  try {
    if (typeof value === 'string') fen = parseYuan(value);
    else if (value && typeof value === 'object') {
      const o = value as Record<string, unknown>;
      if (typeof o.fen === 'string' && o.yuan === undefined) fen = parseFen(o.fen);
      else if (typeof o.yuan === 'string' && o.fen === undefined) fen = parseYuan(o.yuan);
    }
  } catch {
    // fall through to the coded error below: the policy error names no field
  }
  if (fen !== undefined) {
    if (fen > MONEY_MAX_FEN || fen < -MONEY_MAX_FEN) {
      throw badInput(
        `金额超出上限：单笔金额的绝对值不得超过 ${formatYuan(MONEY_MAX_FEN)} 元（${MONEY_MAX_FEN} 分）`,
        `Amount out of range: a single amount may not exceed ${formatYuan(MONEY_MAX_FEN)} yuan (${MONEY_MAX_FEN} fen) either way`,
        { details: { reason: 'MONEY_OUT_OF_RANGE', maxFen: MONEY_MAX_FEN.toString() } },
      );
    }
    return fen;
  }
  throw badInput(
    '金额格式错误：请用元的字符串（最多两位小数）或整数分字符串，不能用数字或不足一分的金额',
    'Invalid money: use a yuan string with at most 2 decimals or an integer fen string; numbers and fractions of a fen are refused',
  );
}

export const DecimalScalar = new GraphQLScalarType<Decimal, string>({
  name: 'Decimal',
  description: '精确小数（字符串），如 "7.75" | Exact decimal as a string, e.g. "7.75"',
  serialize(value) {
    if (value instanceof Decimal) return value.toString();
    if (typeof value === 'string') return Decimal.parse(value).toString();
    throw new TypeError('Decimal must be serialized from a Decimal or decimal string');
  },
  parseValue(value) {
    return parseDecimalInput(value);
  },
  parseLiteral(ast) {
    return parseDecimalInput(ast.kind === Kind.STRING ? ast.value : undefined);
  },
});

function parseDecimalInput(value: unknown): Decimal {
  if (typeof value === 'string') {
    try {
      return Decimal.parse(value);
    } catch {
      /* coded error below */
    }
  }
  throw badInput('小数格式错误，请用字符串如 "7.75"', 'Invalid decimal: use a string such as "7.75"');
}

/** A calendar day in the jurisdiction's zone (Asia/Shanghai), "YYYY-MM-DD". */
export const LocalDateScalar = new GraphQLScalarType<string, string>({
  name: 'LocalDate',
  description: '日历日期（北京时间），YYYY-MM-DD | Calendar date in Asia/Shanghai, YYYY-MM-DD',
  serialize(value) {
    if (typeof value !== 'string') throw new TypeError('LocalDate must be a YYYY-MM-DD string');
    return value;
  },
  parseValue(value) {
    return parseLocalDateInput(value);
  },
  parseLiteral(ast) {
    return parseLocalDateInput(ast.kind === Kind.STRING ? ast.value : undefined);
  },
});

function parseLocalDateInput(value: unknown): string {
  if (typeof value === 'string') {
    try {
      return parseLocalDate(value);
    } catch {
      /* coded error below */
    }
  }
  throw badInput('日期格式错误，请用 YYYY-MM-DD', 'Invalid date: use YYYY-MM-DD');
}

const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** An instant, ISO 8601 with an offset. */
export const DateTimeScalar = new GraphQLScalarType<Date, string>({
  name: 'DateTime',
  description: '时间点，ISO 8601 含时区 | An instant, ISO 8601 with offset',
  serialize(value) {
    const d = value instanceof Date ? value : new Date(value as string);
    if (Number.isNaN(d.getTime())) throw new TypeError('Invalid DateTime');
    return d.toISOString();
  },
  parseValue(value) {
    return parseDateTimeInput(value);
  },
  parseLiteral(ast) {
    return parseDateTimeInput(ast.kind === Kind.STRING ? ast.value : undefined);
  },
});

function parseDateTimeInput(value: unknown): Date {
  if (typeof value === 'string' && ISO_WITH_ZONE.test(value)) {
    const d = new Date(value);
    if (!Number.isNaN(d.getTime())) return d;
  }
  throw badInput('时间格式错误，请用含时区的 ISO 8601', 'Invalid DateTime: use ISO 8601 with an offset');
}

export const scalarsMap = [
  { type: Date, scalar: DateTimeScalar },
];
