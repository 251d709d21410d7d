import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FAKE_DUO, startDuoFake } from '../../tests/duo-fake';
import type { DuoClient } from './client';

let duo: Awaited<ReturnType<typeof startDuoFake>>;
let client: DuoClient;
beforeAll(async () => {
  duo = await startDuoFake();
  client = duo.client();
});
afterAll(() => duo.close());
beforeEach(() => duo.fake.script.reset());

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47];

describe('preauth', () => {
  it('an unknown user must enrol', async () => {
    expect(await client.preauth({ username: 'nobody@example.com' })).toMatchObject({
      ok: true,
      data: { result: 'enroll', status_msg: expect.any(String) },
    });
  });

  it('a scripted user with a phone may authenticate, by username or user_id', async () => {
    const user = await duo.script('users', { username: 'ann@example.com' });
    const byName = await client.preauth({ username: 'ann@example.com', ipaddr: '203.0.113.9' });
    expect(byName).toMatchObject({
      ok: true,
      data: {
        result: 'auth',
        devices: [
          {
            device: expect.stringMatching(/^DP/),
            type: 'phone',
            capabilities: expect.arrayContaining(['push', 'phone', 'mobile_otp']),
          },
        ],
      },
    });
    expect(await client.preauth({ user_id: user.user_id })).toMatchObject({ ok: true, data: { result: 'auth' } });
  });

  it.each([
    ['allow', 'allow'],
    ['deny', 'deny'],
  ] as const)('a user Duo says to %s', async (status, result) => {
    duo.fake.script.upsertUser({ username: 'bo@example.com', status });
    expect(await client.preauth({ username: 'bo@example.com' })).toMatchObject({ ok: true, data: { result } });
  });

  it('without a username Duo refuses the parameters (40001), kept for the audit log', async () => {
    const result = await client.preauth({ username: undefined as unknown as string });
    expect(result).toMatchObject({ ok: false, duo: { kind: 'bad-request', code: 40001, detail: 'username' } });
  });
});

describe('auth with a passcode', () => {
  beforeEach(() => duo.fake.script.upsertUser({ username: 'pat@example.com', passcodes: ['123456', '654321'] }));

  it('accepts a passcode once', async () => {
    const first = await client.auth({ username: 'pat@example.com', factor: 'passcode', passcode: '123456' });
    expect(first).toMatchObject({ ok: true, data: { result: 'allow', status: 'allow' } });
    const again = await client.auth({ username: 'pat@example.com', factor: 'passcode', passcode: '123456' });
    expect(again).toMatchObject({
      ok: true,
      data: { result: 'deny', status_msg: expect.stringMatching(/Incorrect passcode/) },
    });
  });

  it('refuses a wrong passcode, and an unknown user as bad parameters', async () => {
    expect(await client.auth({ username: 'pat@example.com', factor: 'passcode', passcode: '000000' })).toMatchObject({
      ok: true,
      data: { result: 'deny' },
    });
    expect(await client.auth({ username: 'ghost@example.com', factor: 'passcode', passcode: '1' })).toMatchObject({
      ok: false,
      duo: { kind: 'bad-request', code: 40002, detail: 'username' },
    });
  });
});

describe('Duo Push', () => {
  beforeEach(() => duo.fake.script.upsertUser({ username: 'pia@example.com' }));
  const push = () =>
    client.auth({
      username: 'pia@example.com',
      factor: 'push',
      async: true,
      pushinfo: { from: 'Latchkey', ip: '203.0.113.9' },
      type: 'Sign-in',
      display_username: 'Pia',
    });

  it('sends the push, reports waiting, then the approval', async () => {
    const sent = await push();
    if (!sent.ok) throw new Error(sent.error);
    expect(sent.data.txid).toMatch(/^[0-9a-f]{32}$/);
    expect(duo.fake.script.requests().at(-1)?.params).toMatchObject({
      device: 'auto',
      async: '1',
      pushinfo: 'from=Latchkey&ip=203.0.113.9',
    });
    expect(await client.authStatus(sent.data.txid)).toMatchObject({
      ok: true,
      data: { result: 'waiting', status: 'pushed' },
    });
    await duo.script('push-outcome', { username: 'pia@example.com', outcome: 'allow', delayMs: 50 });
    expect(await client.authStatus(sent.data.txid)).toMatchObject({
      ok: true,
      data: { result: 'allow', status: 'allow' },
    });
  });

  it.each([
    ['deny', 'deny'],
    ['fraud', 'fraud'],
  ] as const)('a %s ends with result deny, status %s', async (outcome, status) => {
    duo.fake.script.pushOutcome({ username: 'pia@example.com', outcome, delayMs: 20 });
    const sent = await push();
    if (!sent.ok) throw new Error(sent.error);
    await client.authStatus(sent.data.txid); // pushed
    expect(await client.authStatus(sent.data.txid)).toMatchObject({ ok: true, data: { result: 'deny', status } });
  });

  it('a push nobody answers times out', async () => {
    duo.fake.script.setPushTimeout(100);
    const sent = await push();
    if (!sent.ok) throw new Error(sent.error);
    await client.authStatus(sent.data.txid);
    expect(await client.authStatus(sent.data.txid)).toMatchObject({
      ok: true,
      data: { result: 'deny', status: 'timeout', status_msg: 'Login timed out.' },
    });
  });

  it('a synchronous push waits for the answer', async () => {
    duo.fake.script.pushOutcome({ username: 'pia@example.com', outcome: 'allow', delayMs: 100 });
    expect(await client.auth({ username: 'pia@example.com', factor: 'push' })).toMatchObject({
      ok: true,
      data: { result: 'allow', status: 'allow' },
    });
  });

  it('an unknown device is refused', async () => {
    expect(
      await client.auth({ username: 'pia@example.com', factor: 'push', device: 'DPNOTHERE00000000000' }),
    ).toMatchObject({
      ok: false,
      duo: { kind: 'bad-request', code: 40002, detail: 'device' },
    });
  });
});

describe('enrolment (Duo Setup)', () => {
  it('enrols, serves the barcode through the base URL, waits, then succeeds once the phone scans it', async () => {
    const preauth = await client.preauth({ username: 'eve@example.com' });
    expect(preauth).toMatchObject({ ok: true, data: { result: 'enroll' } });
    const enrolled = await client.enroll({ username: 'eve@example.com', valid_secs: 600 });
    if (!enrolled.ok) throw new Error(enrolled.error);
    const { activation_barcode, activation_code, user_id, expiration } = enrolled.data;
    expect(new URL(activation_barcode).host).toBe(FAKE_DUO.host);
    expect(activation_code).toMatch(/^duo:\/\//);
    expect(expiration).toBeGreaterThan(Date.now() / 1000 + 590);

    const image = await client.activationBarcode(activation_barcode);
    if (!image.ok) throw new Error(image.error);
    expect(image.data.contentType).toBe('image/png');
    expect([...image.data.bytes.slice(0, 4)]).toEqual(PNG_SIGNATURE);

    expect(await client.enrollStatus({ user_id, activation_code })).toEqual({ ok: true, data: 'waiting' });
    await duo.script('activate', { username: 'eve@example.com' });
    expect(await client.enrollStatus({ user_id, activation_code })).toEqual({ ok: true, data: 'success' });
    expect(await client.preauth({ username: 'eve@example.com' })).toMatchObject({ ok: true, data: { result: 'auth' } });
  });

  it('a wrong or another user’s activation code is invalid', async () => {
    const first = await client.enroll({ username: 'one@example.com' });
    const second = await client.enroll({});
    if (!first.ok || !second.ok) throw new Error('enrol failed');
    expect(second.data.username).toMatch(/^[0-9a-f]{32}$/);
    expect(
      await client.enrollStatus({ user_id: second.data.user_id, activation_code: first.data.activation_code }),
    ).toEqual({
      ok: true,
      data: 'invalid',
    });
  });

  it('enrolling a username Duo already has is refused', async () => {
    duo.fake.script.upsertUser({ username: 'taken@example.com' });
    expect(await client.enroll({ username: 'taken@example.com' })).toMatchObject({ ok: false, duo: { code: 40002 } });
  });

  it('fetches only a barcode on the API host, never another URL', async () => {
    for (const url of [
      'https://evil.example/frame/qr?value=x',
      `http://${FAKE_DUO.host}/frame/qr?value=x`,
      `https://${FAKE_DUO.host}/auth/v2/check`,
      'not a url',
    ]) {
      expect(await client.activationBarcode(url)).toMatchObject({ ok: false, duo: { kind: 'bad-response' } });
    }
    expect(duo.fake.script.requests()).toEqual([]);
  });

  it('fetches the logo with a signed request', async () => {
    const logo = await client.logo();
    expect(logo).toMatchObject({ ok: true, data: { contentType: 'image/png' } });
    expect(duo.fake.script.requests()).toEqual([expect.objectContaining({ path: '/auth/v2/logo', status: 200 })]);
  });
});
