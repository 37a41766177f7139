import { pino, type Logger } from 'pino';

/** Structured JSON logs. LOG_LEVEL sets the level; every request log line carries its requestId. */
export function createLogger(name: string): Logger {
  return pino({
    name,
    level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === 'test' || process.env.VITEST ? 'silent' : 'info'),
    base: { service: name },
    redact: ['req.headers.authorization', 'headers.authorization'],
  });
}
export type { Logger };
