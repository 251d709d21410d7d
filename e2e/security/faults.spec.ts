/**
 * Issue #8, attack 14, over HTTP: the database is unreachable. Someone in the middle of signing in
 * (holding the challenge cookie) or signed in (holding a session cookie that decodes) must get a
 * clear 503 or a message saying the database is down, never a server error. What the database
 * holds after a stop in the middle of sign-in is tested at the lib level, where a test can own a
 * PostgreSQL: lib/sign-in/database-outage.attack.test.ts. The sign-in form itself:
 * e2e/account/database-down.spec.ts.
 *
 * These tests start a database-down server of their own (the same build, its database on a closed
 * port) rather than use the e2e config's: with its database gone a server answers only after
 * postgres.js's reconnect backoff, which its pool shares and which grows to 10–20 s after a few
 * failures, so a sweep of every page and action would slow down every other test of that server.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { expect, test } from '@playwright/test';
import { randomBytes, randomUUID } from 'node:crypto';
import { freePort } from '../../lib/db/embedded';
import { DATABASE_DOWN_MESSAGE } from '../../lib/result';
import { Attacker, eachLimited, fillPath, formFieldNames, resultOf, type Answer } from './attacker';
import { askRoute, exposureOf, isSkippedPrefetch, surface, urlFor } from './surface';

test.describe.configure({ mode: 'serial', timeout: 180_000 });
const slow = () => ({ signal: AbortSignal.timeout(90_000) });
const DOWN_AUTH_SECRET = randomBytes(32).toString('base64');

let server: { url: string; child: ChildProcess } | undefined;

test.beforeAll(async () => {
  const port = await freePort();
  const child = spawn('node_modules/.bin/next', ['start', '-p', String(port), '-H', '127.0.0.1'], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      DATABASE_URL: 'postgres://latchkey:down@127.0.0.1:9/latchkey',
      AUTH_SECRET: DOWN_AUTH_SECRET,
      APP_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      AUTH_TRUST_HOST: 'true',
      // Plain HTTP on loopback, so the API gets as far as its database.
      LATCHKEY_INSECURE_HTTP: '1',
    },
    stdio: 'ignore',
  });
  server = { url: `http://127.0.0.1:${port}`, child };
  await expect
    .poll(
      () =>
        fetch(`${server!.url}/healthz`).then(
          (r) => r.status,
          () => 0,
        ),
      { timeout: 60_000, intervals: [250] },
    )
    .toBe(200);
});

test.afterAll(async () => {
  const child = server?.child;
  if (!child || child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
  if (child.exitCode === null) child.kill('SIGKILL');
});

/** Someone mid-sign-in and signed in: a challenge cookie, and a session JWT the down server can decode. */
async function visitor(): Promise<Attacker> {
  const { encode } = await import('next-auth/jwt');
  const attacker = new Attacker(server!.url);
  attacker.jar.set('lk_challenge', randomBytes(32).toString('base64url'));
  attacker.jar.set(
    'authjs.session-token',
    await encode({
      token: { sid: randomUUID(), sub: randomUUID() },
      secret: DOWN_AUTH_SECRET,
      salt: 'authjs.session-token',
    }),
  );
  return attacker;
}

/** A clear outage answer: a 503, or a redirect to the 503 page. */
const isOutage = (answer: Answer) => answer.status === 503 || answer.redirect === '/unavailable';

test('mid-sign-in with the database down: the challenge pages answer a clear 503', async () => {
  const attacker = await visitor();
  const failures: string[] = [];
  const pages = surface().routes.filter((r) => r.kind === 'page' && exposureOf(r) === 'public');
  await eachLimited(pages, 4, async (route) => {
    const url = urlFor(route);
    const answer = await askRoute(attacker, route, url, slow());
    // A page that needs no database may render; one that does must say the database is down.
    if (answer.status >= 500 && answer.status !== 503) failures.push(`${route.path}: ${answer.status}`);
  });
  expect(failures.sort()).toEqual([]);
});

test('signed in with the database down: every protected page and route handler is a clear 503', async () => {
  const attacker = await visitor();
  await eachLimited(
    surface().routes.filter((r) => ['protected', 'api', 'outage'].includes(exposureOf(r))),
    4,
    async (route) => {
      const url = urlFor(route);
      const basic = 'Basic ' + Buffer.from('robot@example.com:their password').toString('base64');
      const answer = await askRoute(attacker, route, url, { headers: { Authorization: basic }, ...slow() });
      if (isSkippedPrefetch(answer)) return;
      expect(isOutage(answer), `${url}: ${answer.status} → ${answer.redirect}`).toBe(true);
      if (exposureOf(route) === 'api') expect(Number(answer.headers.get('retry-after')), url).toBeGreaterThan(0);
    },
  );
  const outage = await attacker.get('/unavailable', slow());
  expect(outage.status).toBe(503);
  expect(outage.text).toContain("can't reach our database");
});

test('every server action with the database down says so, and never answers a server error', async () => {
  const attacker = await visitor();
  const values: Record<string, string> = {
    identifier: 'someone@example.com',
    email: 'someone@example.com',
    password: 'quartz lantern orbit meadow 42',
    currentPassword: 'quartz lantern orbit meadow 42',
    newPassword: 'violet harbour compass 1987 kettle',
    confirm: 'quartz lantern orbit meadow 42',
    companyName: 'Outage Ltd',
    name: 'Outage',
    method: 'totp',
    code: '123456',
    channel: 'email',
    choice: 'push:DPFAKE0000000000000',
    answer: 'an answer',
    userId: randomUUID(),
    requestId: randomUUID(),
    checked: 'on',
    confirmed: 'on',
    role: randomUUID(),
    token: randomBytes(32).toString('base64url'),
    // A passkey's answer in the shape browsers send (its signature is never reached: no database).
    response: JSON.stringify({
      id: 'AAAA',
      rawId: 'AAAA',
      type: 'public-key',
      response: { clientDataJSON: 'AAAA', authenticatorData: 'AAAA', signature: 'AAAA' },
      clientExtensionResults: {},
    }),
  };
  const fields = Object.fromEntries(formFieldNames().map((name) => [name, values[name] ?? '']));
  await eachLimited(surface().actions, 4, async (action) => {
    const answer = await attacker.clone().action(action, fields, { path: fillPath(action.hosts[0]), ...slow() });
    const where = `${action.name}: ${answer.status} → ${answer.redirect} ${JSON.stringify(resultOf(answer))}`;
    expect(answer.status, where).toBeLessThan(500);
    // Either the guard sent the browser to the outage page, or the action said what happened.
    const result = resultOf(answer);
    if (result) expect(result, where).toMatchObject({ ok: false, error: DATABASE_DOWN_MESSAGE });
    else expect(isOutage(answer), where).toBe(true);
  });
});

// Last: an expected failure ends its worker, and with it this file's down server.
