import type { EventEnvelope } from '@pdo/events';
import type { Em } from '@pdo/platform';

/** An event handler: an idempotent write of the facts an event carries. */
export type H<P> = (em: Em, e: EventEnvelope<P>) => Promise<void>;
