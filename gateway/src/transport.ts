/**
 * How the gateway talks to its subgraphs: plain node:http over a keep-alive pool, one per
 * gateway. The stock data source builds a node-fetch Request and a WHATWG fetch with an abort
 * signal for every subgraph call — on the listing page that machinery cost more CPU than the
 * query plan's own work (measured with `BENCH_CPU_PROF`). Here a call is one JSON body out and
 * one JSON body back.
 */
import http from 'node:http';
import { GraphQLError } from 'graphql';
import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { CLOCK_HEADER, REQUEST_ID_HEADER, SpanKind, injectTraceHeaders, signIdentityHeaders, tracingEnabled, withSpan, ANONYMOUS, type Identity, type SignedRequest } from '@pdo/platform';

/** Told of every subgraph call: which subgraph, how long, and `ok`, `http_<status>` or `unreachable`. */
export type SubgraphCallObserver = (subgraph: string, seconds: number, outcome: string) => void;

export interface SubgraphReply {
  status: number;
  contentType: string;
  text: string;
  /** The reply's headers (the data plane passes a few on: Retry-After, Idempotent-Replayed). */
  headers?: http.IncomingHttpHeaders;
}

export interface TransportOptions {
  timeoutMs: number;
  /** Sockets per subgraph; requests beyond it queue in the agent. */
  maxSockets: number;
}

export class SubgraphTransport {
  readonly agent: http.Agent;

  constructor(private readonly options: TransportOptions) {
    this.agent = new http.Agent({ keepAlive: true, maxSockets: options.maxSockets, maxFreeSockets: options.maxSockets, scheduling: 'lifo' });
  }

  /**
   * POSTs a JSON body; rejects on transport failure or timeout, never on an HTTP status. A pooled
   * socket the subgraph closed while idle fails the write with ECONNRESET before the subgraph read
   * anything; that one case is sent again on a fresh socket (Node's documented keep-alive retry),
   * with fresh headers when `headers` is a function (a signature's nonce is good for one request).
   */
  async post(url: URL, body: string, headers: Record<string, string> | (() => Record<string, string>)): Promise<SubgraphReply> {
    const make = typeof headers === 'function' ? headers : () => headers;
    try {
      return await this.once(url, body, make());
    } catch (e) {
      if ((e as { reusedSocket?: boolean }).reusedSocket && (e as NodeJS.ErrnoException).code === 'ECONNRESET') return this.once(url, body, make());
      throw e;
    }
  }

  private once(url: URL, body: string, headers: Record<string, string>): Promise<SubgraphReply> {
    return new Promise((resolve, reject) => {
      const req = http.request(
        {
          agent: this.agent,
          protocol: url.protocol,
          hostname: url.hostname,
          port: url.port,
          path: url.pathname + url.search,
          method: 'POST',
          headers: { ...headers, 'content-type': 'application/json', accept: 'application/json', 'content-length': Buffer.byteLength(body) },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('error', reject);
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              contentType: res.headers['content-type'] ?? '',
              text: chunks.length === 1 ? chunks[0]!.toString('utf8') : Buffer.concat(chunks).toString('utf8'),
              headers: res.headers,
            }),
          );
        },
      );
      req.setTimeout(this.options.timeoutMs, () => req.destroy(Object.assign(new Error('timeout'), { name: 'TimeoutError' })));
      req.on('error', (e) => reject(Object.assign(e, { reusedSocket: req.reusedSocket })));
      req.end(body);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

/**
 * Signs every subgraph call: the caller's identity bound to this request (method, path, SHA-256 of
 * the body) with a fresh nonce (packages/platform/src/identity.ts). A signature is never reused:
 * the subgraph refuses a nonce it has seen, and a captured header set does not fit another body.
 */
export class IdentitySigner {
  constructor(private readonly secret: string) {}

  headers(identity: Identity, request: SignedRequest, now = Date.now()): Record<string, string> {
    return signIdentityHeaders(identity, this.secret, request, now);
  }
}

export interface SubgraphCallContext {
  identity?: Identity;
  requestId?: string;
  clock?: string;
}

/**
 * The gateway's data source for one subgraph. A subgraph answers a bad variable with HTTP 400
 * and a GraphQL body (BAD_USER_INPUT): that body is its answer, not a failed call. A call that
 * cannot reach the subgraph names the service (the gateway's error formatter turns it into
 * SERVICE_UNAVAILABLE), never its host or port.
 */
export class SubgraphDataSource<C extends SubgraphCallContext> implements GraphQLDataSource<C> {
  private readonly url: URL;
  /** The request line's path, as SubgraphTransport sends it and the signature covers it. */
  private readonly path: string;

  constructor(
    url: string,
    private readonly service: string,
    private readonly transport: SubgraphTransport,
    private readonly signer: IdentitySigner,
    private readonly observe?: SubgraphCallObserver,
  ) {
    this.url = new URL(url);
    this.path = this.url.pathname + this.url.search;
  }

  process(options: GraphQLDataSourceProcessOptions<C>) {
    if (!tracingEnabled()) return this.call(options);
    // A CLIENT span per subgraph call; its W3C traceparent goes with the request (not covered by
    // the signature, which binds method, path and body: packages/platform/src/identity.ts).
    return withSpan(`subgraph ${this.service}`, { 'pdo.subgraph': this.service, 'http.request.method': 'POST', 'url.path': this.path }, () => this.call(options), SpanKind.CLIENT);
  }

  private async call(options: GraphQLDataSourceProcessOptions<C>) {
    const { request, context } = options;
    const body = JSON.stringify({ query: request.query, variables: request.variables, operationName: request.operationName, extensions: request.extensions });
    const traceHeaders = injectTraceHeaders({});
    const headers = () => {
      const h: Record<string, string> = this.signer.headers(context.identity ?? ANONYMOUS, { audience: this.service, method: 'POST', path: this.path, body });
      if (context.requestId) h[REQUEST_ID_HEADER] = context.requestId;
      if (context.clock) h[CLOCK_HEADER] = context.clock;
      for (const k in traceHeaders) h[k] = traceHeaders[k]!;
      return h;
    };
    let reply: SubgraphReply;
    const started = this.observe ? performance.now() : 0;
    try {
      reply = await this.transport.post(this.url, body, headers);
    } catch (e) {
      this.observe?.(this.service, (performance.now() - started) / 1000, 'unreachable');
      throw new Error(`service "${this.service}" fetch failed: ${(e as Error).name}`);
    }
    this.observe?.(this.service, (performance.now() - started) / 1000, reply.status === 200 ? 'ok' : `http_${reply.status}`);
    const json = reply.contentType.includes('json');
    if (json && (reply.status === 200 || reply.status === 400)) {
      const parsed = JSON.parse(reply.text) as unknown;
      if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error(`service "${this.service}" answered with a non-object body`);
      return parsed as { data?: Record<string, unknown> | null; errors?: GraphQLError[]; extensions?: Record<string, unknown> };
    }
    const code = reply.status === 401 ? 'UNAUTHENTICATED' : reply.status === 403 ? 'FORBIDDEN' : undefined;
    throw new GraphQLError(`${reply.status}: ${http.STATUS_CODES[reply.status] ?? 'error'}`, {
      extensions: { ...(code ? { code } : {}), response: { status: reply.status, body: json ? JSON.parse(reply.text) : reply.text } },
    });
  }
}
