/**
 * The floor: a bare node:http server that, per request, calls the same lib functions as the app's
 * sign-in actions (through lib-calls.ts) on the same database, with no Next.js, no React and no
 * Auth.js around them. Run as its own process, like the app, by scripts/bench/floor.ts.
 *   POST /password  identifier=…&password=…   → 303 + lk_challenge cookie, or 401/429
 *   POST /verify    code=… (cookie lk_challenge) → 303 + session cookie, or 401
 *   GET /api/v1/me  (Authorization: Basic or Bearer) → the API account as JSON, or the API's refusal
 */
import http from 'node:http';
import { connect } from '../../lib/db/client';
import { apiMe, passwordStep, secondFactorStep } from './lib-calls';

const { db, close } = connect(process.env.DATABASE_URL!);

function readBody(request: http.IncomingMessage): Promise<URLSearchParams> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(new URLSearchParams(Buffer.concat(chunks).toString('utf8'))));
    request.on('error', reject);
  });
}

function cookie(request: http.IncomingMessage, name: string): string {
  const pair = (request.headers.cookie ?? '').split(/;\s*/).find((c) => c.startsWith(`${name}=`));
  return pair ? pair.slice(name.length + 1) : '';
}

async function handle(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
  const ip = request.socket.remoteAddress ?? 'unknown';
  if (request.method === 'GET' && request.url === '/api/v1/me') {
    const answer = await apiMe(db, { authorization: request.headers.authorization ?? null, ip });
    const wait = answer.retryAfterSeconds ? { 'retry-after': String(answer.retryAfterSeconds) } : {};
    response
      .writeHead(answer.status, { 'content-type': 'application/json', 'cache-control': 'no-store', ...wait })
      .end(JSON.stringify(answer.body));
    return;
  }
  const form = await readBody(request);
  if (request.url === '/password') {
    const result = await passwordStep(db, {
      identifier: form.get('identifier') ?? '',
      password: form.get('password') ?? '',
      ip,
    });
    if (!result.ok) {
      const wait = 'retryAfterSeconds' in result ? { 'retry-after': String(result.retryAfterSeconds) } : {};
      response.writeHead(result.reason === 'invalid' ? 401 : 429, wait).end(result.reason);
      return;
    }
    response
      .writeHead(303, {
        location: '/login/verify',
        'set-cookie': `lk_challenge=${result.token}; Path=/login; HttpOnly`,
      })
      .end();
    return;
  }
  if (request.url === '/verify') {
    const result = await secondFactorStep(db, {
      token: cookie(request, 'lk_challenge'),
      code: form.get('code') ?? '',
      userAgent: request.headers['user-agent'] ?? null,
      ip,
    });
    if (!result.ok) {
      response.writeHead(401).end(result.error);
      return;
    }
    response.writeHead(303, { location: '/', 'set-cookie': `session=${result.sessionId}; Path=/; HttpOnly` }).end();
    return;
  }
  response.writeHead(404).end();
}

const server = http.createServer((request, response) => {
  handle(request, response).catch((error: Error) => {
    console.error(error);
    if (!response.headersSent) response.writeHead(500);
    response.end(error.message);
  });
});

server.listen(Number(process.env.PORT), '127.0.0.1', () => console.log('floor ready'));

process.on('SIGTERM', () => {
  server.close();
  server.closeAllConnections();
  close().finally(() => process.exit(0));
});
