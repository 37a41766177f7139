import { createServer, type Server } from 'node:http';
import { Webhook } from 'standardwebhooks';

export interface Received {
  id: string;
  timestamp: string;
  signature: string;
  body: string;
  /** The body as the receiver's library verified it with the secret it holds (null: refused). */
  verified: unknown;
  verifiedWith: string[];
}

/**
 * A real HTTP receiver on loopback, as a developer would run one: it verifies each request with the
 * `standardwebhooks` library and the secrets it holds, and answers the status codes a test queues
 * (then 200).
 */
export async function startReceiver(): Promise<{ url: string; received: Received[]; secrets: Map<string, string>; answers: number[]; close(): Promise<void> }> {
  const received: Received[] = [];
  const secrets = new Map<string, string>();
  const answers: number[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const headers = { 'webhook-id': String(req.headers['webhook-id']), 'webhook-timestamp': String(req.headers['webhook-timestamp']), 'webhook-signature': String(req.headers['webhook-signature']) };
      let verified: unknown = null;
      const verifiedWith: string[] = [];
      for (const [name, secret] of secrets) {
        try {
          verified = new Webhook(secret).verify(body, headers);
          verifiedWith.push(name);
        } catch {
          /* not this secret */
        }
      }
      received.push({ id: headers['webhook-id'], timestamp: headers['webhook-timestamp'], signature: headers['webhook-signature'], body, verified, verifiedWith });
      res.statusCode = answers.shift() ?? 200;
      res.end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    received,
    secrets,
    answers,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
