/** Payloads of events the platform publishes from every subgraph (owner: packages/platform). */
export interface AuditCheckpointSigned {
  /** The subgraph whose audit chain was signed. */
  subgraph: string;
  /** Sequence number of the chain's head at signing. */
  seq: string;
  /** Hash of that record. */
  headHash: string;
  /** ISO instant, exactly as signed. */
  signedAt: string;
  algorithm: 'Ed25519';
  /** base64 DER SPKI public key. */
  publicKey: string;
  /** base64 signature over `pdo-audit-checkpoint:v1|subgraph|seq|headHash|signedAt`. */
  signature: string;
}
