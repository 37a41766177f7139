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
import { CLOCK_HEADER, REQUEST_ID_HEADER, signIdentityHeaders, ANONYMOUS, type Identity } from '@pdo/platform';

export interface SubgraphReply {
  status: number;
  contentType: string;
  text: string;
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
   * anything; that one case is sent again on a fresh socket (Node's documented keep-alive retry).
   */
  async post(url: URL, body: string, headers: Record<string, string>): Promise<SubgraphReply> {
    try {
      return await this.once(url, body, headers);
    } catch (e) {
      if ((e as { reusedSocket?: boolean }).reusedSocket && (e as NodeJS.ErrnoException).code === 'ECONNRESET') return this.once(url, body, headers);
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
 * The signed identity headers of a caller, re-signed at most once a second: the signature
 * carries a timestamp the subgraphs accept within their skew window, so one signature serves
 * every subgraph call of the same caller in that second instead of one HMAC per call.
 */
export class IdentitySigner {
  private readonly cache = new Map<string, { at: number; headers: Record<string, string> }>();

  constructor(private readonly secret: string, private readonly reuseMs = 1000) {}

  headers(identity: Identity, now = Date.now()): Record<string, string> {
    const key = `${identity.sub}\u0000${identity.role}\u0000${identity.org ?? ''}\u0000${identity.jurisdiction ?? ''}`;
    const hit = this.cache.get(key);
    if (hit && now - hit.at < this.reuseMs && now >= hit.at) return hit.headers;
    if (this.cache.size > 10_000) this.cache.clear();
    const headers = signIdentityHeaders(identity, this.secret, now);
    this.cache.set(key, { at: now, headers });
    return headers;
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

  constructor(
    url: string,
    private readonly service: string,
    private readonly transport: SubgraphTransport,
    private readonly signer: IdentitySigner,
  ) {
    this.url = new URL(url);
  }

  async process(options: GraphQLDataSourceProcessOptions<C>) {
    const { request, context } = options;
    const headers: Record<string, string> = { ...this.signer.headers(context.identity ?? ANONYMOUS) };
    if (context.requestId) headers[REQUEST_ID_HEADER] = context.requestId;
    if (context.clock) headers[CLOCK_HEADER] = context.clock;
    const body = JSON.stringify({ query: request.query, variables: request.variables, operationName: request.operationName, extensions: request.extensions });
    let reply: SubgraphReply;
    try {
      reply = await this.transport.post(this.url, body, headers);
    } catch (e) {
      throw new Error(`service "${this.service}" fetch failed: ${(e as Error).name}`);
    }
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
