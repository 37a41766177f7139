/**
 * Response compression (gzip and brotli, node:zlib) chosen by the request's Accept-Encoding.
 * Only text-like bodies of at least COMPRESS_MIN_BYTES are compressed; every response of a
 * compressible type says `Vary: Accept-Encoding`, so a shared cache never hands a brotli body to a
 * client that did not ask for one.
 */
import { brotliCompress, constants, gzip } from 'node:zlib';
import { promisify } from 'node:util';
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';

const brotli = promisify(brotliCompress);
const gz = promisify(gzip);

export type ContentEncoding = 'br' | 'gzip' | 'identity';

/** Bodies smaller than this go as they are: the headers would cost more than they save. */
export const COMPRESS_MIN_BYTES = 1024;

/**
 * The best encoding the client accepts (RFC 9110 §12.5.3): brotli, then gzip, else identity.
 * `q=0` refuses an encoding; `*` stands for any encoding not named.
 */
export function negotiateEncoding(header: string | string[] | undefined): ContentEncoding {
  const text = Array.isArray(header) ? header.join(',') : (header ?? '');
  const q = new Map<string, number>();
  for (const part of text.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    let weight = 1;
    for (const p of params) {
      const m = /^\s*q\s*=\s*([0-9.]+)\s*$/.exec(p);
      if (m) weight = Number(m[1]);
    }
    q.set(name === 'x-gzip' ? 'gzip' : name, Number.isFinite(weight) ? weight : 0);
  }
  const weight = (name: string) => q.get(name) ?? q.get('*') ?? 0;
  const br = weight('br');
  const gzipQ = weight('gzip');
  if (br > 0 && br >= gzipQ) return 'br';
  if (gzipQ > 0) return 'gzip';
  return 'identity';
}

export function isCompressible(contentType: string | undefined): boolean {
  if (!contentType) return false;
  const type = contentType.split(';')[0]!.trim().toLowerCase();
  return type.startsWith('text/') || type.endsWith('/json') || type.endsWith('+json') || type.endsWith('/javascript') || type.endsWith('/xml') || type === 'image/svg+xml' || type === 'font/ttf';
}

/**
 * `fast` for responses made per request (brotli quality 4, gzip level 6); `best` for files
 * compressed once and kept (brotli 11, gzip 9).
 */
export async function encodeBody(body: Buffer, encoding: ContentEncoding, level: 'fast' | 'best' = 'fast'): Promise<Buffer> {
  if (encoding === 'br') {
    return brotli(body, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: level === 'best' ? 11 : 4,
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
      },
    });
  }
  if (encoding === 'gzip') return gz(body, { level: level === 'best' ? 9 : 6 });
  return body;
}

/** Adds a token to the Vary header without dropping what is there (CORS sets `Vary: Origin`). */
export function appendVary(res: ServerResponse, token: string): void {
  const current = res.getHeader('vary');
  const list = (Array.isArray(current) ? current.join(',') : String(current ?? ''))
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (list.includes('*') || list.some((v) => v.toLowerCase() === token.toLowerCase())) return;
  list.push(token);
  res.setHeader('vary', list.join(', '));
}

export interface SendOptions {
  level?: 'fast' | 'best';
  /** Already-encoded variants of the same body (a static file compressed once). */
  encoded?: (encoding: Exclude<ContentEncoding, 'identity'>) => Promise<Buffer>;
}

/**
 * Writes a complete response, compressed when the client accepts it and the type is worth it.
 * `headers` must carry content-type; content-length and content-encoding are set here.
 */
export async function sendBody(req: IncomingMessage, res: ServerResponse, status: number, headers: OutgoingHttpHeaders, body: Buffer | string, options: SendOptions = {}): Promise<void> {
  let bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  const contentType = (headers['content-type'] as string | undefined) ?? (res.getHeader('content-type') as string | undefined);
  const out: OutgoingHttpHeaders = { ...headers };
  delete out['content-length'];
  if (isCompressible(contentType)) {
    appendVary(res, 'Accept-Encoding');
    const encoding = bytes.length >= COMPRESS_MIN_BYTES ? negotiateEncoding(req.headers['accept-encoding']) : 'identity';
    if (encoding !== 'identity') {
      bytes = options.encoded ? await options.encoded(encoding) : await encodeBody(bytes, encoding, options.level);
      out['content-encoding'] = encoding;
    }
  }
  out['content-length'] = bytes.length;
  res.writeHead(status, out);
  res.end(req.method === 'HEAD' ? undefined : bytes);
}
