/**
 * One HTTP request the way the load sends it: node:http, a new connection per request (each sign-in
 * is a different browser) bound to the virtual user's own loopback address, the whole answer read.
 */
import http from 'node:http';
import { gunzipSync, brotliDecompressSync } from 'node:zlib';

export type Reply = { status: number; headers: http.IncomingHttpHeaders; bytes: number; body?: Buffer };

const agent = new http.Agent({ keepAlive: false });

export function send(input: {
  url: string;
  method?: string;
  headers: Record<string, string>;
  body?: Buffer;
  localAddress?: string;
  /** Keep the body (for checks), always or when the headers say so; otherwise only its length is counted. */
  keepBody?: boolean | ((headers: http.IncomingHttpHeaders) => boolean);
}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const url = new URL(input.url);
    const body = input.body ?? Buffer.alloc(0);
    const request = http.request(
      {
        agent,
        host: url.hostname,
        port: url.port,
        path: `${url.pathname}${url.search}`,
        method: input.method ?? 'POST',
        localAddress: input.localAddress,
        headers: { ...input.headers, 'content-length': String(body.length) },
      },
      (response) => {
        const keep = typeof input.keepBody === 'function' ? input.keepBody(response.headers) : Boolean(input.keepBody);
        const chunks: Buffer[] = [];
        let bytes = 0;
        response.on('data', (chunk: Buffer) => {
          bytes += chunk.length;
          if (keep) chunks.push(chunk);
        });
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            bytes,
            body: keep ? Buffer.concat(chunks) : undefined,
          }),
        );
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

/** The body as text, undoing the content encoding the browser asked for. */
export function decodeBody(reply: Reply): string {
  const body = reply.body ?? Buffer.alloc(0);
  const encoding = reply.headers['content-encoding'];
  if (encoding === 'gzip') return gunzipSync(body).toString('utf8');
  if (encoding === 'br') return brotliDecompressSync(body).toString('utf8');
  return body.toString('utf8');
}

/** The value of cookie `name` among the reply's Set-Cookie headers. */
export function setCookieValue(reply: Reply, name: string): string | undefined {
  for (const line of reply.headers['set-cookie'] ?? []) {
    const [pair] = line.split(';');
    const at = pair.indexOf('=');
    if (pair.slice(0, at).trim() === name) return pair.slice(at + 1);
  }
  return undefined;
}
