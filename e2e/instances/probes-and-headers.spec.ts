import { spawn } from 'node:child_process';
import { expect, test } from '@playwright/test';
import { freePort } from '../../lib/db/embedded';
import { APP_URL, DOWN_APP_PORT } from '../config';

const DOWN_URL = `http://127.0.0.1:${DOWN_APP_PORT}`;

test('a load balancer sees each instance live, and ready only while its database answers', async ({ request }) => {
  for (const url of [APP_URL, DOWN_URL]) {
    const live = await request.get(`${url}/healthz`, { maxRedirects: 0 });
    expect(live.status()).toBe(200);
    expect(await live.json()).toEqual({ status: 'ok' });
    expect(live.headers()['cache-control']).toBe('no-store');
  }
  const ready = await request.get(`${APP_URL}/readyz`, { maxRedirects: 0 });
  expect(ready.status()).toBe(200);
  expect(await ready.json()).toEqual({ status: 'ready' });
  expect(ready.headers()['cache-control']).toBe('no-store');

  const down = await request.get(`${DOWN_URL}/readyz`, { maxRedirects: 0 });
  expect(down.status()).toBe(503);
  expect(await down.json()).toEqual({ status: 'unavailable', reason: 'The database cannot be reached.' });
  expect(down.headers()['cache-control']).toBe('no-store');
});

test('HSTS follows LATCHKEY_INSECURE_HTTP as set at start, on pages, the API and static files', async ({ request }) => {
  // One build, two starts: the e2e server with LATCHKEY_INSECURE_HTTP=1, and a production start of
  // the same build without it (no database needed for headers).
  const port = await freePort();
  const secureUrl = `http://127.0.0.1:${port}`;
  const secureServer = spawn('node_modules/.bin/next', ['start', '-p', String(port)], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      LATCHKEY_INSECURE_HTTP: '',
      DATABASE_URL: 'postgres://latchkey:down@127.0.0.1:9/latchkey',
      AUTH_SECRET: 'e2e-only-secret-for-the-hsts-check',
      APP_ENCRYPTION_KEY: Buffer.alloc(32, 5).toString('base64'),
      AUTH_TRUST_HOST: 'true',
    },
    stdio: 'ignore',
  });
  try {
    await expect
      .poll(
        () =>
          fetch(`${secureUrl}/healthz`).then(
            (r) => r.status,
            () => 0,
          ),
        { timeout: 60_000 },
      )
      .toBe(200);
    const html = await (await request.get(`${APP_URL}/login`)).text();
    const script = /src="(\/_next\/static\/[^"]+\.js)"/.exec(html)![1];
    for (const path of ['/login', '/api/v1/me', '/healthz', script]) {
      const insecure = await request.get(`${APP_URL}${path}`, { maxRedirects: 0 });
      expect(insecure.headers()['strict-transport-security'], path).toBeUndefined();
      expect(insecure.headers()['x-content-type-options'], path).toBe('nosniff');
      const secure = await request.get(`${secureUrl}${path}`, { maxRedirects: 0 });
      expect(secure.headers()['strict-transport-security'], path).toBe('max-age=63072000; includeSubDomains');
      expect(secure.headers()['x-content-type-options'], path).toBe('nosniff');
    }
  } finally {
    secureServer.kill('SIGTERM');
  }
});

test("pages fetched as prefetches carry the CSP; a prefetched document's scripts carry its nonce", async ({
  request,
}) => {
  const document = await request.get(`${APP_URL}/login`, { headers: { Purpose: 'prefetch' } });
  const nonce = /'nonce-([^']+)'/.exec(document.headers()['content-security-policy'])![1];
  expect(await document.text()).toContain(`nonce="${nonce}"`);

  const router = await request.get(`${APP_URL}/login`, { headers: { 'Next-Router-Prefetch': '1', RSC: '1' } });
  expect(router.headers()['content-security-policy']).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
});
