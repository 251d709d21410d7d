import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { freePort, isPortFree } from '../../lib/db/embedded';
import { processTree, startApp, stillRunning } from '../app-process';

const BOUNDARY = 'latchkey-e2e-boundary';

const unescapeHtml = (s: string) =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

/**
 * The sign-in form as a browser without JavaScript posts it: the form's hidden fields (Next's
 * action reference) and the identifier and password, as multipart.
 */
async function signInBody(url: string, identifier: string, password: string): Promise<string> {
  const html = await (await fetch(`${url}/login`)).text();
  const form = html.slice(html.indexOf('<form'), html.indexOf('</form>'));
  const fields = [...form.matchAll(/<input type="hidden" name="([^"]+)"(?: value="([^"]*)")?/g)].map(
    ([, name, value = '']) => [name, unescapeHtml(value)],
  );
  fields.push(['identifier', identifier], ['password', password]);
  const parts = fields.map(
    ([name, value]) => `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
  );
  return `${parts.join('')}--${BOUNDARY}--\r\n`;
}

/**
 * Posts `body` in two halves with `between` run in the gap: the request is in flight meanwhile.
 * `Expect: 100-continue` makes the server say when it has the request and has begun to handle it;
 * only then is the first half sent (before, the server would see an idle connection, not a request).
 */
function postInTwoHalves(url: string, body: string, between: () => Promise<void>) {
  return new Promise<{ status: number; html: string }>((resolve, reject) => {
    const req = httpRequest(`${url}/login`, {
      method: 'POST',
      headers: {
        'Content-Type': `multipart/form-data; boundary=${BOUNDARY}`,
        Origin: url,
        Expect: '100-continue',
      },
    });
    req.on('error', reject);
    req.on('response', (res) => {
      let html = '';
      res.on('data', (chunk: Buffer) => (html += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, html }));
    });
    req.on('continue', () => {
      req.write(body.slice(0, body.length / 2));
      between().then(
        () => req.end(body.slice(body.length / 2)),
        (error) => {
          // Give up the half-sent request, or the server would wait for the rest of it.
          req.destroy();
          reject(error);
        },
      );
    });
    req.flushHeaders();
  });
}

/**
 * Whether a new connection is taken. A fresh socket each time: fetch() would reuse a kept-alive
 * one, and a server that stopped listening still serves the connections it has.
 */
function newConnection(url: string): Promise<'answered' | 'refused'> {
  return new Promise((resolve) => {
    const req = httpRequest(`${url}/healthz`, { agent: false }, (res) => {
      res.resume();
      resolve('answered');
    });
    req.on('error', () => resolve('refused'));
    req.end();
  });
}

const formError = (html: string) => /data-testid="form-error"[^>]*>(?:<p>)?([^<]+)</.exec(html)?.[1];

test('stopping npm start finishes the sign-in in flight, then leaves no process behind', async () => {
  test.setTimeout(150_000);
  const dataDir = mkdtempSync(path.join(tmpdir(), 'latchkey-stop-'));
  chmodSync(dataDir, 0o711); // reachable by the postgres user, so the cluster stays inside it
  const [port, pgPort] = [await freePort(), await freePort()];
  const app = await startApp(port, {
    NODE_ENV: 'production',
    APP_URL: `http://127.0.0.1:${port}`,
    AUTH_SECRET: randomBytes(32).toString('base64'),
    APP_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    LATCHKEY_INSECURE_HTTP: '1',
    DATABASE_URL: '',
    LATCHKEY_DATA_DIR: dataDir,
    LATCHKEY_PG_PORT: String(pgPort),
  });
  const started = processTree(app.pid);
  try {
    expect(started.some((p) => p.command.startsWith('latchkey-server'))).toBe(true);
    expect(started.some((p) => /\/postgres -D /.test(p.command))).toBe(true);

    // What a user sees after a wrong password, asked while the app is up and nothing is stopping.
    const body = await signInBody(app.url, 'nobody@example.com', 'not the password at all');
    const before = await postInTwoHalves(app.url, body, async () => {});
    const wrongPassword = formError(before.html);
    expect(wrongPassword).toBeTruthy();

    const during = await postInTwoHalves(
      app.url,
      await signInBody(app.url, 'nobody@example.com', 'nor this one'),
      async () => {
        process.kill(app.pid, 'SIGTERM');
        // Stopping means no new connections...
        await expect.poll(() => newConnection(app.url)).toBe('refused');
      },
    );
    // ...but the sign-in already in flight is answered in full, database included.
    expect(during.status).toBe(200);
    expect(formError(during.html)).toBe(wrongPassword);

    await app.exited;
    expect(stillRunning(started)).toEqual([]);
    expect(await isPortFree(port)).toBe(true);
    expect(await isPortFree(pgPort)).toBe(true);
  } finally {
    await app.stop();
    // After a failure, what npm left behind must not outlive the test run.
    for (const leftover of stillRunning(started)) {
      try {
        process.kill(leftover.pid, 'SIGTERM');
      } catch {
        // It ended meanwhile.
      }
    }
    rmSync(dataDir, { recursive: true, force: true });
  }
});
