/** Payloads of events the platform publishes from every subgraph (owner: packages/platform). */
import { z } from 'zod';

export const AuditCheckpointSignedSchema = z.object({
  /** The subgraph whose audit chain was signed. */
  subgraph: z.string().min(1),
  /** Sequence number of the chain's head at signing. */
  seq: z.string().regex(/^\d+$/, 'must be a sequence number'),
  /** Hash of that record. */
  headHash: z.string().min(1),
  /** ISO instant, exactly as signed. */
  signedAt: z.string().min(1),
  algorithm: z.literal('Ed25519'),
  /** base64 DER SPKI public key. */
  publicKey: z.string().min(1),
  /** base64 signature over `pdo-audit-checkpoint:v1|subgraph|seq|headHash|signedAt`. */
  signature: z.string().min(1),
});
export type AuditCheckpointSigned = z.infer<typeof AuditCheckpointSignedSchema>;
