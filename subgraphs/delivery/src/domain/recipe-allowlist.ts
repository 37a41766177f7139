/**
 * What a recipe may call: functions, operators and cast targets (docs/operating-domain/recipes.md).
 * Everything not listed here is refused; the lists are deliberately short.
 */

/** Aggregates whose result no longer shows one subject's value (count, sum, avg). */
export const CLEARING_AGGREGATES = new Set(['count', 'sum', 'avg']);
/** Aggregates that return one of the input values (so a sensitive input stays sensitive). */
export const PASS_THROUGH_AGGREGATES = new Set(['min', 'max', 'percentile_cont']);
/** Masking functions: they expose a bounded number of characters when the bounds are constants. */
export const MASKING_FUNCTIONS = new Set(['left', 'right', 'substr', 'substring']);
/** Scalar functions: the result carries the sensitivity of its arguments. */
export const SCALAR_FUNCTIONS = new Set([
  'round', 'abs', 'floor', 'ceil', 'ceiling', 'trunc',
  'lower', 'upper', 'length', 'char_length',
  'date_trunc', 'extract', 'date_part',
]);

export function isAggregate(name: string): boolean {
  return CLEARING_AGGREGATES.has(name) || PASS_THROUGH_AGGREGATES.has(name);
}

export function isAllowedFunction(name: string): boolean {
  return isAggregate(name) || MASKING_FUNCTIONS.has(name) || SCALAR_FUNCTIONS.has(name);
}

/** Comparison operators: the result is a boolean (a predicate). */
export const COMPARISON_OPERATORS = new Set(['=', '<>', '<', '>', '<=', '>=', '~~', '!~~', '~~*', '!~~*']);
/** Arithmetic and concatenation: the result carries its operands' values. */
export const VALUE_OPERATORS = new Set(['+', '-', '*', '/', '%', '||']);

/** A_Expr kinds the analyser understands; SIMILAR TO (regular expressions), ANY/ALL over arrays are not among them. */
export const PREDICATE_EXPR_KINDS = new Set([
  'AEXPR_DISTINCT', 'AEXPR_NOT_DISTINCT', 'AEXPR_IN', 'AEXPR_LIKE', 'AEXPR_ILIKE',
  'AEXPR_BETWEEN', 'AEXPR_NOT_BETWEEN', 'AEXPR_BETWEEN_SYM', 'AEXPR_NOT_BETWEEN_SYM',
]);

/** Cast targets: the basic types of the resource fields and of parameters; never reg*, oid, xml … */
export const CAST_TYPES = new Set([
  'text', 'varchar', 'bpchar', 'char',
  'int2', 'int4', 'int8', 'smallint', 'integer', 'int', 'bigint',
  'numeric', 'decimal', 'float4', 'float8', 'real',
  'bool', 'boolean', 'date', 'timestamp', 'timestamptz', 'interval',
]);

/** SQL value functions allowed (dates only; current_user, current_schema … reveal the execution context). */
export const SQL_VALUE_FUNCTIONS = new Set([
  'SVFOP_CURRENT_DATE', 'SVFOP_CURRENT_TIMESTAMP', 'SVFOP_CURRENT_TIMESTAMP_N',
  'SVFOP_LOCALTIMESTAMP', 'SVFOP_LOCALTIMESTAMP_N',
]);
