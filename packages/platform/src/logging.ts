import { pino, type Logger } from 'pino';
import { setting } from './config.js';

/**
 * Errors as pino's standard serializer gives them, without the `client` that pg attaches to a
 * connection's errors: a whole pg Client (its connection parameters, type parsers, socket state)
 * in every such line buried the message and told an operator nothing.
 */
function serializeError(e: unknown): unknown {
  if (!(e instanceof Error)) return e;
  const { client: _client, ...rest } = pino.stdSerializers.err(e) as Record<string, unknown>;
  return rest;
}

/** Structured JSON logs. LOG_LEVEL sets the level; every request log line carries its requestId. */
export function createLogger(name: string, opts: { level?: string; stream?: { write(line: string): void } } = {}): Logger {
  const options = {
    name,
    level: opts.level ?? setting('LOG_LEVEL') ?? (setting('NODE_ENV') === 'test' ? 'silent' : 'info'),
    base: { service: name },
    redact: ['req.headers.authorization', 'headers.authorization'],
    serializers: { err: serializeError },
  };
  return opts.stream ? pino(options, opts.stream) : pino(options);
}
export type { Logger };
