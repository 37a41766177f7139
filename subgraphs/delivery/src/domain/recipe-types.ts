/**
 * Types and stable violation codes of the recipe analyser (docs/operating-domain/recipes.md).
 * A code is an API: the console and the stored compliance evidence branch on it, so never rename.
 */

export type FieldType = 'text' | 'integer' | 'numeric' | 'date' | 'boolean';
export type OutputKind = 'AGGREGATE' | 'SCORE' | 'LABEL' | 'FLAG' | 'MASKED' | 'DERIVED';

export interface ResourceField {
  readonly name: string;
  readonly type: FieldType;
  /** Graded sensitive: may leave only aggregated, masked, or reduced to a predicate (FLAG/LABEL/SCORE). */
  readonly sensitive: boolean;
}

export interface AllowedResource {
  /** Qualified physical name in the operating-domain store, e.g. `raw.r_hn_market_enterprise`. */
  readonly physical: string;
  readonly fields: readonly ResourceField[];
  /** The column that identifies the data subject (person or enterprise); k counts distinct values of it. */
  readonly subjectField?: string;
}

export interface RecipeInput {
  readonly sql: string;
  /** Table name as the recipe writes it → the resource. */
  readonly resources: Readonly<Record<string, AllowedResource>>;
  /** Declared parameters in order: `$1` is the first. */
  readonly parameters: readonly { readonly name: string; readonly type: FieldType }[];
  /** Declared output schema: column name → kind. */
  readonly outputs: Readonly<Record<string, OutputKind>>;
  /** Minimum number of distinct subjects per released group. */
  readonly k: number;
  /** Most characters of one sensitive value that masking may expose in total (default 6). */
  readonly maxMaskedChars?: number;
}

export const VIOLATION_CODES = {
  PARSE_ERROR: ['SQL 无法解析', 'The SQL does not parse'],
  TOO_COMPLEX: ['配方过长或嵌套过深', 'The recipe is too long or nested too deeply'],
  EMPTY_RECIPE: ['配方为空', 'The recipe is empty'],
  MULTIPLE_STATEMENTS: ['配方只能包含一条语句', 'A recipe must be exactly one statement'],
  NOT_A_SELECT: ['配方只能是 SELECT 查询', 'A recipe must be a SELECT query'],
  WRITING_CTE: ['WITH 子句中不得含有写操作', 'A WITH clause must not write'],
  RECURSIVE_CTE: ['不允许递归 WITH', 'Recursive WITH is not allowed'],
  SELECT_INTO: ['不允许 SELECT INTO', 'SELECT INTO is not allowed'],
  LOCKING_CLAUSE: ['不允许 FOR UPDATE/SHARE 锁定子句', 'FOR UPDATE/SHARE is not allowed'],
  TABLE_NOT_ALLOWED: ['只能读取本产品授权的资源表', 'Only the product’s authorised resource tables may be read'],
  FUNCTION_IN_FROM: ['FROM 中不允许函数', 'A function in FROM is not allowed'],
  LATERAL_NOT_ALLOWED: ['不允许 LATERAL', 'LATERAL is not allowed'],
  FUNCTION_NOT_ALLOWED: ['函数不在允许清单内', 'Function is not on the allow-list'],
  OPERATOR_NOT_ALLOWED: ['运算符不在允许清单内', 'Operator is not on the allow-list'],
  CAST_NOT_ALLOWED: ['不允许转换为该类型', 'Cast to this type is not allowed'],
  WINDOW_NOT_ALLOWED: ['不允许窗口函数', 'Window functions are not allowed'],
  NODE_NOT_ALLOWED: ['不允许的 SQL 结构', 'SQL construct not allowed'],
  PARAMETER_NOT_DECLARED: ['参数未声明', 'Parameter is not declared'],
  SELECT_STAR: ['不允许 SELECT *，须逐列声明', 'SELECT * is not allowed; name every column'],
  UNKNOWN_COLUMN: ['列不存在于授权资源中', 'Column is not a field of an authorised resource'],
  AMBIGUOUS_COLUMN: ['列名有歧义，请加表别名', 'Ambiguous column name; qualify it with the table alias'],
  UNNAMED_OUTPUT: ['输出列必须命名', 'Every output column must be named'],
  UNDECLARED_OUTPUT: ['输出列未在输出模式中声明', 'Output column is not declared in the output schema'],
  DUPLICATE_OUTPUT: ['输出列重名', 'Output column name is duplicated'],
  RESERVED_OUTPUT: ['输出列名为保留名', 'Output column name is reserved'],
  OUTPUT_KIND_MISMATCH: ['输出列与声明的类别不符', 'Output column does not match its declared kind'],
  SENSITIVE_COLUMN_RAW: ['敏感字段只能在聚合或脱敏后输出', 'A sensitive field may leave only aggregated or masked'],
  MASK_TOO_WIDE: ['脱敏后暴露的字符过多', 'Masking exposes too many characters'],
  AGGREGATE_NOT_TOP_LEVEL: ['聚合结果只能由顶层分组查询输出', 'Aggregated values may leave only from a top-level grouped query'],
  AGGREGATE_FROM_NOT_TABLE: ['聚合查询的 FROM 只能是授权资源表', 'An aggregate query may read only resource tables in FROM'],
  SUBJECT_NOT_DECLARED: ['聚合所用资源未声明主体字段，无法执行 k 匿名', 'The aggregated resource declares no subject field; k cannot be enforced'],
  SUBJECT_FILTER: ['聚合查询不得按主体字段筛选或条件聚合', 'An aggregate query must not filter or condition on the subject field'],
  CONDITIONAL_AGGREGATE: ['聚合参数中不得含条件（FILTER、CASE、比较），请改用 WHERE 或 GROUP BY', 'No condition (FILTER, CASE, comparison) inside an aggregate; use WHERE or GROUP BY'],
  SUBQUERY_IN_OUTPUT: ['聚合查询的输出列不得含子查询', 'An output column of an aggregate query must not contain a subquery'],
  SET_OPERATION_AGGREGATE: ['集合运算（UNION 等）不能与聚合输出同用', 'Set operations (UNION …) cannot produce aggregate output'],
  K_REWRITE_FAILED: ['无法生成带 k 计数的执行语句', 'Could not build the executable statement with the k count'],
  INVALID_DECLARATION: ['产品声明无效', 'The product declaration is invalid'],
} as const satisfies Record<string, readonly [string, string]>;

export type ViolationCode = keyof typeof VIOLATION_CODES;

export interface Violation {
  readonly code: ViolationCode;
  readonly messageZh: string;
  readonly messageEn: string;
  /** Byte offset in the SQL text, when the parser gives one; never an echo of data. */
  readonly at?: number;
  /** The offending identifier (table, function, column, type), when there is one. */
  readonly subject?: string;
}

export function violation(code: ViolationCode, at?: number, subject?: string): Violation {
  const [messageZh, messageEn] = VIOLATION_CODES[code];
  return {
    code,
    messageZh: subject ? `${messageZh}：${subject}` : messageZh,
    messageEn: subject ? `${messageEn}: ${subject}` : messageEn,
    ...(at !== undefined && at >= 0 ? { at } : {}),
    ...(subject ? { subject } : {}),
  };
}

export interface AnalysedColumn {
  readonly name: string;
  readonly kind: OutputKind;
  /** Source fields as `table.field`, sorted. */
  readonly sources: readonly string[];
  readonly aggregated: boolean;
  readonly masked: boolean;
  /** Sensitive sources reduced to a predicate or a banding (CASE WHEN … THEN constant). */
  readonly reduced: readonly string[];
}

export interface RecipeAnalysis {
  readonly tables: readonly { readonly name: string; readonly physical: string }[];
  readonly columns: readonly AnalysedColumn[];
  /** Declared parameters the recipe uses, by number. */
  readonly parameters: readonly { readonly number: number; readonly name: string; readonly type: FieldType }[];
  readonly k: number;
  readonly aggregate: boolean;
  /** For aggregate recipes: the subject columns whose distinct count the runtime compares with k. */
  readonly subjects: readonly string[];
  /** The statement the runtime executes: tables qualified by the analyser; for aggregates with `__k`. */
  readonly executableSql: string;
  /** Name of the per-group distinct-subject count column in executableSql (aggregates only). */
  readonly kColumn?: string;
  /** Source fields that filter rows (WHERE, HAVING, JOIN ON), sorted: what a reviewer checks for differencing. */
  readonly filters: readonly string[];
  /** Facts a reviewer should see (differencing risks …); never a reason to accept a refused recipe. */
  readonly reviewNotes: readonly string[];
  readonly parserVersion: number;
  /** SHA-256 of the analysed recipe text: ties the stored evidence to the exact SQL. */
  readonly sqlSha256: string;
}

export type RecipeResult =
  | { readonly ok: true; readonly analysis: RecipeAnalysis }
  | { readonly ok: false; readonly violations: readonly Violation[] };

export const K_COLUMN = '__k';
