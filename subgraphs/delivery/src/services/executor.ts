/**
 * The executor of the operating domain (docs/operating-domain/runtime.md): runs an analysed
 * statement against the raw store and lets only the guarded result out (原始数据不出域; HN Art 15,
 * TZ Art 20). Layers, each one on its own enough to stop a stray read:
 * 1. the recipe analysis (domain/recipe-analysis.ts) decided what the statement may read and output;
 * 2. a separate READ ONLY transaction that `SET LOCAL ROLE`s to the product version's reader role,
 *    which holds SELECT on exactly the current-batch views of the version's resources while it may
 *    run and nothing otherwise (services/reader-roles.ts) — or, for a data-plane call, a session
 *    opened as that role, read only, with the same settings (services/reader-sessions.ts);
 * 3. `statement_timeout`, a row cap and `search_path = pg_catalog, pg_temp` pinned for the statement;
 * 4. parameters checked against the declared schema and bound as `$n`, never spliced;
 * 5. `guardOutput`: declared columns only, groups below k suppressed, a verification answers only
 *    its declared values, sandbox output aggregates only.
 * No database error text ever leaves: failures map to coded errors.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { DomainError, badInput, conflict, policyViolation, setting, statementName, transactionPgClient } from '@pdo/platform';
import { toShanghaiDate } from '@pdo/policy';
import { guardOutput, subjectCount, type Scalar } from '../domain/output-guard.js';
import { bindParameters } from '../domain/parameters.js';
import { STOP_MESSAGES, STOP_RULES, versionStop, type StopCode } from '../domain/call-rules.js';
import type { FieldType, OutputKind, RecipeAnalysis } from '../domain/recipe-types.js';
import { recipeById, runFacts } from '../data/recipes.js';
import { outputRefused } from './refusal.js';
import { readerSessions } from './reader-sessions.js';
import type pg from 'pg';

export interface ExecutionRequest {
  productId: string;
  version: number;
  /** The call's parameters by declared name (JSON object). */
  parameters: unknown;
  /** SANDBOX: aggregates only, for the output-review path. Default CALL. */
  mode?: 'CALL' | 'SANDBOX';
  /** Overrides of the platform settings EXEC_MAX_ROWS / EXEC_STATEMENT_TIMEOUT_MS (never above them). */
  maxRows?: number;
  timeoutMs?: number;
  /** The instant deciding term and authorization (default: now). */
  now?: Date;
}

export interface ExecutionResult {
  recipeId: string;
  sqlSha256: string;
  columns: { name: string; kind: OutputKind }[];
  rows: Record<string, Scalar>[];
  /** Rows the statement returned to the runtime (before suppression and the cap). */
  rowsRead: number;
  suppressedGroups: number;
  /** For aggregates: the distinct-subject count of each released row, in order (for output review; never sent to a caller of the data plane by this API's callers). */
  groupSizes: number[];
  truncated: boolean;
  durationMs: number;
}

/** What the runtime needs of a stored recipe to run it. */
export interface RunnableStatement {
  readerRole: string;
  analysis: Pick<RecipeAnalysis, 'executableSql' | 'columns' | 'aggregate' | 'k' | 'kColumn'>;
  parameters: readonly { name: string; type: FieldType }[];
  verification?: Readonly<Record<string, readonly Scalar[]>> | null;
}

export const stopRefused = (code: StopCode): DomainError =>
  policyViolation(STOP_RULES[code], STOP_MESSAGES[code][0], STOP_MESSAGES[code][1], { details: { code } });

const ROLE_RE = /^pdo_raw_reader_[0-9a-f]{24}$/;

/**
 * Runs the accepted recipe of a product version. Refuses (coded) when the version may not run,
 * the parameters do not fit, the statement times out, or the guard refuses the result.
 * Entitlement, quota and metering are the caller's (the data plane, the sandbox service).
 */
export async function executeRecipe(em: EntityManager, req: ExecutionRequest): Promise<ExecutionResult> {
  const now = req.now ?? new Date();
  const f = await runFacts(em, req.productId, req.version);
  const stop = f
    ? versionStop(
        { status: f.status, version: f.version },
        f.recipe_id !== null,
        f.listing_status === null ? undefined : { listingStatus: f.listing_status, listedVersion: f.listed_version },
        f.agreement_status === null ? undefined : { status: f.agreement_status, endDate: f.agreement_end_date! },
        toShanghaiDate(now),
      )
    : 'PRODUCT_NOT_RUNNABLE';
  if (stop) throw stopRefused(stop);
  const recipe = await recipeById(em, f!.recipe_id!);
  if (!recipe || !f!.role_name) throw stopRefused('RECIPE_NOT_ACCEPTED');
  const analysis = recipe.analysis as RecipeAnalysis;
  const result = await runStatement(em, {
    readerRole: f!.role_name,
    analysis,
    parameters: recipe.parameters as { name: string; type: FieldType }[],
    verification: (recipe.verification as Record<string, Scalar[]> | null) ?? null,
  }, req.parameters, { mode: req.mode, maxRows: req.maxRows, timeoutMs: req.timeoutMs });
  return { recipeId: recipe.id, sqlSha256: recipe.sql_sha256, ...result };
}

/** Runs one analysed statement as a reader role and guards its result (also the sandbox's path). */
export async function runStatement(
  em: EntityManager,
  s: RunnableStatement,
  input: unknown,
  opts: { mode?: 'CALL' | 'SANDBOX'; maxRows?: number; timeoutMs?: number; session?: boolean } = {},
): Promise<Omit<ExecutionResult, 'recipeId' | 'sqlSha256'>> {
  if (!ROLE_RE.test(s.readerRole)) throw new Error('not a reader role');
  const bound = bindParameters(s.parameters, input);
  if (!bound.ok) {
    const { problem, name } = bound.refusal;
    throw badInput(`参数不符合声明（${problem}${name ? `：${name}` : ''}）`, `The parameters do not match the declaration (${problem}${name ? `: ${name}` : ''})`, {
      field: name ? `parameters.${name}` : 'parameters',
      details: { code: 'PARAMETER_INVALID', problem, ...(name ? { parameter: name } : {}) },
    });
  }
  const maxRows = Math.min(opts.maxRows ?? setting('EXEC_MAX_ROWS'), setting('EXEC_MAX_ROWS'));
  const timeoutMs = Math.min(opts.timeoutMs ?? setting('EXEC_STATEMENT_TIMEOUT_MS'), setting('EXEC_STATEMENT_TIMEOUT_MS'));
  const started = performance.now();
  const fetched = await readAsRole(em, s.readerRole, s.analysis.executableSql, bound.values, maxRows, timeoutMs, opts.session === true);
  const guarded = guardOutput(s.analysis, fetched, { maxRows, sandbox: opts.mode === 'SANDBOX', ...(s.verification ? { verification: s.verification } : {}) });
  if (!guarded.ok) throw outputRefused(guarded.refusal);
  return {
    columns: s.analysis.columns.map((c) => ({ name: c.name, kind: c.kind })),
    rows: guarded.rows,
    rowsRead: fetched.length,
    suppressedGroups: guarded.suppressedGroups,
    groupSizes: s.analysis.aggregate && s.analysis.kColumn
      ? fetched.map((r) => subjectCount(r[s.analysis.kColumn!])).filter((n) => n >= s.analysis.k).slice(0, guarded.rows.length)
      : [],
    truncated: guarded.truncated || fetched.length > maxRows,
    durationMs: Math.round(performance.now() - started),
  };
}

/**
 * The statement in its own READ ONLY transaction as the reader role. The row cap is a LIMIT
 * around the analysed statement (one more row than the cap tells that more existed); the newline
 * before the closing parenthesis keeps a trailing `--` comment from swallowing it.
 */
async function readAsRole(em: EntityManager, role: string, executableSql: string, values: (string | null)[], maxRows: number, timeoutMs: number, session: boolean): Promise<Record<string, unknown>[]> {
  const statement = executableSql.trim().replace(/;\s*$/, '');
  const text = `select * from (\n${statement}\n) as __result limit ${maxRows + 1}`;
  const asObjects = (res: pg.QueryResult) => {
    const names = res.fields.map((x) => x.name);
    return (res.rows as unknown[][]).map((r) => Object.fromEntries(names.map((n, i) => [n, r[i]])));
  };
  try {
    // A data-plane call: one round trip on a session that already is the role, with the same limits (reader-sessions.ts).
    // Named after its text: a recipe's statement is planned once per session, not on every call.
    if (session) {
      const name = statementName('recipe_', text);
      return asObjects(await (await readerSessions(em, role, { timeoutMs })).query({ name, text, values, rowMode: 'array' as never }));
    }
    return await em.fork().transactional(async (tx) => {
      const client = await transactionPgClient(tx);
      await client.query(
        `set transaction read only; set local role ${role}; set local statement_timeout = ${Math.trunc(timeoutMs)}; ` +
          `set local search_path = pg_catalog, pg_temp; set local work_mem = '32MB'`,
      );
      const rows = asObjects(await client.query({ text, values, rowMode: 'array' as never }));
      // The read is done: nothing of the role or the settings outlives the transaction (SET LOCAL).
      await client.query('reset role');
      return rows;
    }, { readOnly: true });
  } catch (e) {
    throw executionError(e, timeoutMs);
  }
}

/** A database failure as a coded error; its text (which could echo data) never reaches the caller. */
function executionError(e: unknown, timeoutMs: number): Error {
  if (e instanceof DomainError) return e;
  const code = (e as { code?: string }).code ?? '';
  if (code === '57014') {
    return new DomainError('POLICY_VIOLATION', `执行超过 ${timeoutMs} 毫秒，已终止`, `The execution ran longer than ${timeoutMs} ms and was stopped`, { details: { code: 'EXECUTION_TIMEOUT', timeoutMs } });
  }
  if (code.startsWith('22')) return badInput('参数值无法用于该配方', 'A parameter value cannot be used by this recipe', { field: 'parameters', details: { code: 'PARAMETER_REJECTED' } });
  // A statement the analyser let through but PostgreSQL rejects on meaning (a column outside GROUP BY, a type mismatch).
  if (code.startsWith('42') && code !== '42501') return badInput('查询无法执行（语义错误）', 'The query cannot run (a semantic error)', { details: { code: 'QUERY_INVALID' } });
  if (code === '42501') return conflict('产品的读取角色当前没有读取权限', 'The product’s reader role holds no read grant right now', { details: { code: 'READER_NOT_GRANTED' } });
  if (code === '53200' || code === '54000' || code === '53400') return conflict('执行超出资源限制', 'The execution exceeded a resource limit', { details: { code: 'EXECUTION_RESOURCES' } });
  return new Error('execution failed');
}
