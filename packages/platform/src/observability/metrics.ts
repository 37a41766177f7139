/**
 * Prometheus metrics of one service (the gateway, or one subgraph): each has its own registry and
 * serves it on its own port at `/metrics` (docs/operations.md lists every metric and its labels).
 * In development the subgraphs share one Node process, so the process-level metrics (CPU, memory,
 * event loop) of each port describe that one process.
 *
 * Label values are bounded: operation names come from the schema (a request that never resolved to
 * an operation is `other`), error codes must look like codes, and any label stops taking new values
 * after a cap (then `other`), so no caller can grow the series without end.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { Kind, type OperationDefinitionNode } from 'graphql';

/** Request duration buckets, in seconds. */
const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
const SQL_BUCKETS = [0, 1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144];

/** A label whose values are limited to `cap` distinct ones (then `other`). */
export class BoundedLabel {
  private readonly seen = new Set<string>();
  constructor(
    private readonly cap: number,
    private readonly pattern: RegExp = /^[A-Za-z_][A-Za-z0-9_.]{0,80}$/,
  ) {}

  of(value: string | undefined | null): string {
    if (!value || !this.pattern.test(value)) return 'other';
    if (this.seen.has(value)) return value;
    if (this.seen.size >= this.cap) return 'other';
    this.seen.add(value);
    return value;
  }
}

/**
 * The operation label of a GraphQL operation: its root field when it selects one (`dataResources`,
 * `_entities`), `multiple` when it selects several, `introspection` for `__schema`/`__type` only.
 * Never the client's operation name, which anyone may choose. Called once the operation passed
 * validation, so every root field is a field of the schema.
 */
export function operationLabel(operation: OperationDefinitionNode | null | undefined): string {
  if (!operation) return 'other';
  const fields = new Set<string>();
  for (const sel of operation.selectionSet.selections) {
    if (sel.kind === Kind.FIELD) {
      if (sel.name.value !== '__typename') fields.add(sel.name.value);
    } else return 'multiple';
  }
  if (fields.size === 0) return 'introspection';
  if (fields.size > 1) return [...fields].every((f) => f.startsWith('__')) ? 'introspection' : 'multiple';
  const [only] = fields;
  return only!.startsWith('__') ? 'introspection' : only!;
}

/** What the access log and the metrics learn about one HTTP request. */
export interface RequestObservation {
  /** `graphql`, `healthz`, `readyz`, `metrics`, `console`, … (bounded by the server). */
  route: string;
  method: string;
  path: string;
  status: number;
  durationMs: number;
  requestId: string;
  /** Operation label (see operationLabel); undefined for non-GraphQL routes. */
  operation?: string;
  operationType?: string;
  role?: string;
  /** `extensions.code` of every error in the response. */
  errorCodes: string[];
  /** SQL statements this request ran (subgraphs). */
  sqlStatements?: number;
  cache?: 'HIT' | 'MISS';
}

export interface SettlementObservation {
  jurisdiction: string;
  outcome: 'COMPLETED' | 'FAILED';
  durationSeconds: number;
  /** Revenue shares written by the run (0 when it failed). */
  sharesWritten: number;
}

/**
 * Process metrics (CPU, memory, event loop, GC) once per process, whatever the number of services
 * in it: each service's `/metrics` shows them after its own. One set of monitors, not one per port.
 */
let processRegistry: Registry | null = null;
function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry, prefix: 'pdo_' });
  }
  return processRegistry;
}

export class ServiceMetrics {
  readonly registry = new Registry();
  private readonly operations = new BoundedLabel(500);
  private readonly codes = new BoundedLabel(64, /^[A-Z][A-Z0-9_]{0,40}$/);
  private readonly jurisdictions = new BoundedLabel(64, /^[A-Z0-9_]{1,16}$/);
  private readonly httpRequests: Counter<'route' | 'method' | 'status'>;
  private readonly requests: Counter<'operation' | 'type'>;
  private readonly duration: Histogram<'operation'>;
  private readonly errors: Counter<'operation' | 'code'>;
  private sqlPerRequest?: Histogram<'operation'>;
  private settlementDuration?: Gauge<'jurisdiction'>;
  private settlementRuns?: Counter<'jurisdiction' | 'outcome'>;
  private settlementShares?: Counter<'jurisdiction'>;
  private settlementLast?: Gauge<'jurisdiction'>;

  constructor(readonly service: string) {
    this.registry.setDefaultLabels({ service });
    processMetrics();
    const registers = [this.registry];
    this.httpRequests = new Counter({ name: 'pdo_http_requests_total', help: 'HTTP requests by route, method and status', labelNames: ['route', 'method', 'status'], registers });
    this.requests = new Counter({ name: 'pdo_graphql_requests_total', help: 'GraphQL requests by operation (root field from the schema) and type', labelNames: ['operation', 'type'], registers });
    this.duration = new Histogram({ name: 'pdo_graphql_request_duration_seconds', help: 'GraphQL request latency, from the first byte to the last', labelNames: ['operation'], buckets: DURATION_BUCKETS, registers });
    this.errors = new Counter({ name: 'pdo_graphql_errors_total', help: 'GraphQL errors by operation and extensions.code', labelNames: ['operation', 'code'], registers });
  }

  /** Subgraphs: SQL statements per request (packages/platform/src/db/orm.ts counts them). */
  withSqlStatements(): this {
    this.sqlPerRequest = new Histogram({ name: 'pdo_sql_statements_per_request', help: 'SQL statements one GraphQL request ran', labelNames: ['operation'], buckets: SQL_BUCKETS, registers: [this.registry] });
    return this;
  }

  /** A gauge computed when Prometheus scrapes (pool usage, queue depth). */
  gauge<L extends string>(name: string, help: string, labelNames: readonly L[], collect: (g: Gauge<L>) => void | Promise<void>): Gauge<L> {
    return new Gauge<L>({
      name,
      help,
      labelNames: labelNames as L[],
      registers: [this.registry],
      async collect() {
        await collect(this);
      },
    });
  }

  counter<L extends string>(name: string, help: string, labelNames: readonly L[]): Counter<L> {
    return new Counter<L>({ name, help, labelNames: labelNames as L[], registers: [this.registry] });
  }

  histogram<L extends string>(name: string, help: string, labelNames: readonly L[], buckets = DURATION_BUCKETS): Histogram<L> {
    return new Histogram<L>({ name, help, labelNames: labelNames as L[], buckets, registers: [this.registry] });
  }

  /** Records one finished HTTP request. */
  observe(o: RequestObservation): void {
    this.httpRequests.inc({ route: o.route, method: o.method === 'GET' || o.method === 'POST' ? o.method : 'other', status: String(o.status) });
    if (o.route !== 'graphql') return;
    const operation = o.operation === undefined ? 'other' : this.operations.of(o.operation);
    this.requests.inc({ operation, type: o.operationType === 'query' || o.operationType === 'mutation' ? o.operationType : 'other' });
    this.duration.observe({ operation }, o.durationMs / 1000);
    for (const code of o.errorCodes) this.errors.inc({ operation, code: this.codes.of(code) });
    if (this.sqlPerRequest && o.sqlStatements !== undefined) this.sqlPerRequest.observe({ operation }, o.sqlStatements);
  }

  /** The revenue subgraph's hook: one settlement run finished (subgraphs/revenue/src/services/settlement-runs.ts). */
  settlement(o: SettlementObservation): void {
    if (!this.settlementRuns) {
      const registers = [this.registry];
      this.settlementRuns = new Counter({ name: 'pdo_settlement_runs_total', help: 'Settlement runs by jurisdiction and outcome', labelNames: ['jurisdiction', 'outcome'], registers });
      this.settlementDuration = new Gauge({ name: 'pdo_settlement_last_duration_seconds', help: 'Duration of the last settlement run', labelNames: ['jurisdiction'], registers });
      this.settlementShares = new Counter({ name: 'pdo_settlement_shares_written_total', help: 'Revenue shares written by settlement runs', labelNames: ['jurisdiction'], registers });
      this.settlementLast = new Gauge({ name: 'pdo_settlement_last_completed_timestamp_seconds', help: 'When the last settlement run completed (Unix time)', labelNames: ['jurisdiction'], registers });
    }
    const jurisdiction = this.jurisdictions.of(o.jurisdiction);
    this.settlementRuns.inc({ jurisdiction, outcome: o.outcome });
    this.settlementDuration!.set({ jurisdiction }, o.durationSeconds);
    if (o.outcome === 'COMPLETED') {
      this.settlementShares!.inc({ jurisdiction }, o.sharesWritten);
      this.settlementLast!.set({ jurisdiction }, Date.now() / 1000);
    }
  }

  async text(): Promise<{ contentType: string; body: string }> {
    const [own, process] = await Promise.all([this.registry.metrics(), processMetrics().metrics()]);
    return { contentType: this.registry.contentType, body: `${own}\n${process}` };
  }
}
