import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { closedPort, FAKE_DUO, startDuoFake } from '../../tests/duo-fake';
import { DUO_RATE_LIMIT_RETRIES } from '../limits';
import type { DuoResult } from './types';

let duo: Awaited<ReturnType<typeof startDuoFake>>;
beforeAll(async () => {
  duo = await startDuoFake();
});
afterAll(() => duo.close());
beforeEach(() => duo.fake.script.reset());

/** The failure's kind, Duo's code and the message, or 'ok'. */
function outcome(result: DuoResult<unknown>) {
  return result.ok ? 'ok' : { kind: result.duo.kind, code: result.duo.code, error: result.error };
}

describe('check: keys, host and clock', () => {
  it('passes with the right keys, signed for the API host while sent to DUO_BASE_URL', async () => {
    const result = await duo.client().check();
    expect(result).toMatchObject({ ok: true, data: { time: expect.any(Number) } });
    expect(Math.abs((result.ok ? result.data.time : 0) - Date.now() / 1000)).toBeLessThan(5);
    expect(duo.fake.script.requests()).toEqual([{ method: 'GET', path: '/auth/v2/check', params: {}, status: 200 }]);
  });

  it('ping needs no signature', async () => {
    expect(await duo.client({ skey: 'wrong' }).ping()).toMatchObject({ ok: true, data: { time: expect.any(Number) } });
  });

  it('a wrong secret key: Duo refuses the signature (40103) and the message says to copy the Secret Key again', async () => {
    const result = await duo.client({ skey: 'x'.repeat(40) }).check();
    expect(outcome(result)).toMatchObject({
      kind: 'credentials',
      code: 40103,
      error: expect.stringMatching(/Secret Key/),
    });
    expect(result).toMatchObject({ duo: { httpStatus: 401, message: 'Invalid signature in request credentials' } });
  });

  it('an unknown integration key (40102)', async () => {
    const result = await duo.client({ ikey: 'DIUNKNOWN00000000000' }).check();
    expect(outcome(result)).toMatchObject({
      kind: 'credentials',
      code: 40102,
      error: expect.stringMatching(/does not recognise this Integration Key.*Auth API/),
    });
  });

  it('the wrong API hostname: the signature covers the host, so Duo refuses it', async () => {
    const result = await duo.client({ host: 'api-0ther000.duosecurity.com' }).check();
    expect(outcome(result)).toMatchObject({ kind: 'credentials', code: 40103 });
  });

  it("a clock 10 minutes off is reported as the server's clock, not the keys", async () => {
    const result = await duo.client({ now: () => Date.now() - 10 * 60_000 }).check();
    expect(outcome(result)).toMatchObject({
      kind: 'clock',
      error: expect.stringMatching(/clock differs.*about 10 minutes.*NTP/),
    });
  });

  it('a clock a little off (within tolerance) still passes', async () => {
    expect(outcome(await duo.client({ now: () => Date.now() + 90_000 }).check())).toBe('ok');
  });

  it('an unreachable host names the host and the cause', async () => {
    const port = await closedPort();
    const result = await duo.client({ baseUrl: `http://127.0.0.1:${port}` }).check();
    expect(outcome(result)).toMatchObject({
      kind: 'unreachable',
      error: `Latchkey could not reach 127.0.0.1:${port} (ECONNREFUSED). Check the API hostname, and that this server may make HTTPS connections to it.`,
    });
  });

  it('a slow answer times out', async () => {
    duo.fake.script.faults({ delay: { ms: 3_000, count: 1 } });
    const result = await duo.client({ timeoutMs: 200 }).check();
    expect(outcome(result)).toMatchObject({
      kind: 'timeout',
      error: expect.stringMatching(/did not answer within 200 milliseconds/),
    });
  });

  it('a secret key never appears in a failure', async () => {
    const skey = 'S3cretS3cretS3cretS3cretS3cretS3cretS3cr';
    const port = await closedPort();
    const failures = await Promise.all([
      duo.client({ skey }).check(),
      duo.client({ skey, now: () => 0 }).check(),
      duo.client({ skey, baseUrl: `http://127.0.0.1:${port}` }).check(),
    ]);
    expect(JSON.stringify(failures)).not.toContain(skey);
  });
});

describe('rate limits (429)', () => {
  it('retries after Retry-After and then succeeds', async () => {
    await duo.script('faults', { rateLimit: { count: 2, retryAfter: '0' } });
    expect(outcome(await duo.client().check())).toBe('ok');
    expect(duo.fake.script.requests().map((r) => r.status)).toEqual([429, 429, 200]);
  });

  it('backs off by itself when Duo gives no Retry-After', async () => {
    duo.fake.script.faults({ rateLimit: { count: 1 } });
    const started = Date.now();
    expect(outcome(await duo.client().check())).toBe('ok');
    expect(Date.now() - started).toBeGreaterThanOrEqual(450);
  });

  it(`gives up after ${DUO_RATE_LIMIT_RETRIES} retries`, async () => {
    duo.fake.script.faults({ rateLimit: { count: 100, retryAfter: '0' } });
    const result = await duo.client().check();
    expect(outcome(result)).toMatchObject({ kind: 'rate-limited', code: 42901 });
    expect(duo.fake.script.requests()).toHaveLength(DUO_RATE_LIMIT_RETRIES + 1);
  });

  it('does not wait out a long Retry-After: it says when to try again', async () => {
    duo.fake.script.faults({ rateLimit: { count: 1, retryAfter: '120' } });
    const result = await duo.client().check();
    expect(result).toMatchObject({
      ok: false,
      retryAfterSeconds: 120,
      error: expect.stringMatching(/Try again in 2 minutes/),
    });
    expect(duo.fake.script.requests()).toHaveLength(1);
  });

  it("a Duo server error says it is Duo's trouble", async () => {
    duo.fake.script.faults({ fail: { count: 1, status: 503 } });
    expect(outcome(await duo.client().check())).toMatchObject({
      kind: 'duo-error',
      error: expect.stringMatching(/HTTP 503/),
    });
  });
});

describe('the fake refuses what Duo refuses', () => {
  it('a parameter changed after signing (40103)', async () => {
    const tamper: typeof fetch = (input, init) =>
      fetch(input, { ...init, body: String(init?.body).replace('alice', 'mallory') });
    duo.fake.script.upsertUser({ username: 'alice' });
    duo.fake.script.upsertUser({ username: 'mallory' });
    const result = await duo.client({ fetch: tamper }).preauth({ username: 'alice' });
    expect(outcome(result)).toMatchObject({ kind: 'credentials', code: 40103 });
  });

  it('a request without credentials (40101) or without a Date', async () => {
    const bare = await fetch(`${duo.url}/auth/v2/check`);
    expect([bare.status, await bare.json()]).toEqual([
      401,
      { stat: 'FAIL', code: 40101, message: 'Missing request credentials' },
    ]);
    const undated = await fetch(`${duo.url}/auth/v2/check`, {
      headers: { Authorization: `Basic ${Buffer.from(`${FAKE_DUO.ikey}:00`).toString('base64')}` },
    });
    expect(undated.status).toBe(401);
  });

  it('accepts the v5 form (JSON body) as Duo does', async () => {
    duo.fake.script.upsertUser({ username: 'vera', status: 'allow' });
    const v5 = duo.client({ signatureVersion: 5 });
    expect(await v5.preauth({ username: 'vera' })).toMatchObject({ ok: true, data: { result: 'allow' } });
    expect(outcome(await v5.check())).toBe('ok');
  });
});
