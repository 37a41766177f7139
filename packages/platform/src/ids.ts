import { v7 } from 'uuid';

/**
 * The one id generator of the platform: UUID v7 (RFC 9562), time-ordered, so rows inserted together sit together in
 * the primary-key index and ids sort by creation time.
 */
export const newId = (): string => v7();
