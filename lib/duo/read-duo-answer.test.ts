import { describe, expect, it } from 'vitest';
import { readDuoAnswer, readDuoImage, type DuoAnswer } from './read-duo-answer';

const NOW = Date.parse('2026-01-02T03:04:05Z');
const answer = (status: number, body: unknown, more: Partial<DuoAnswer> = {}): DuoAnswer => ({
  status,
  contentType: 'application/json',
  date: new Date(NOW).toUTCString(),
  retryAfter: null,
  bytes: new TextEncoder().encode(typeof body === 'string' ? body : JSON.stringify(body)),
  ...more,
});
const failure = (code: number, message = 'Duo says no') => ({ stat: 'FAIL', code, message });
const read = (a: DuoAnswer) => readDuoAnswer(a, { host: 'api-1a2b3c4d.duosecurity.com', now: NOW });

describe("reading Duo's answers", () => {
  it('gives the response of stat OK', () => {
    expect(read(answer(200, { stat: 'OK', response: { time: 1 } }))).toEqual({ ok: true, data: { time: 1 } });
  });

  it.each([
    [401, failure(40101), 'credentials', /copy both again/],
    [401, failure(40102), 'credentials', /Integration Key/],
    [401, failure(40103), 'credentials', /Secret Key/],
    [401, failure(40104), 'clock', /clock/],
    [401, failure(40105), 'clock', /clock/],
    [403, failure(40301, 'Access forbidden'), 'forbidden', /"Auth API" application.*Access forbidden/],
    [
      400,
      { ...failure(40002, 'Invalid request parameters'), message_detail: 'username' },
      'bad-request',
      /\(username\)/,
    ],
    [404, failure(40401, 'Resource not found'), 'bad-request', /Resource not found/],
    [429, failure(42901, 'Too Many Requests'), 'rate-limited', /Try again in a minute/],
    [500, failure(50001, 'Internal error'), 'duo-error', /HTTP 500/],
    [502, '<html>Bad gateway</html>', 'duo-error', /HTTP 502/],
    [200, '<html>captive portal</html>', 'bad-response', /did not answer the way Duo does/],
    [200, { stat: 'OK' }, 'bad-response', /check the API hostname/],
    [401, 'Unauthorized', 'credentials', /copy both again/],
  ] as const)('%i %j → %s', (status, body, kind, message) => {
    const result = read(answer(status, body));
    expect(result).toMatchObject({
      ok: false,
      duo: { kind, httpStatus: status },
      error: expect.stringMatching(message),
    });
  });

  it("keeps Duo's code, message and detail for the audit log", () => {
    expect(
      read(answer(400, { ...failure(40002, 'Invalid request parameters'), message_detail: 'device' })),
    ).toMatchObject({
      duo: {
        code: 40002,
        message: 'Invalid request parameters',
        detail: 'device',
        host: 'api-1a2b3c4d.duosecurity.com',
      },
    });
  });

  it("reads a refused signature as a clock problem when Duo's Date is far from ours", () => {
    const late = new Date(NOW + 7 * 60_000).toUTCString();
    expect(read(answer(401, failure(40103), { date: late }))).toMatchObject({
      duo: { kind: 'clock' },
      error: expect.stringMatching(/differs from Duo's by about 7 minutes/),
    });
  });

  it('passes on Retry-After of a final 429, as seconds or an HTTP date', () => {
    expect(read(answer(429, failure(42901), { retryAfter: '30' }))).toMatchObject({ retryAfterSeconds: 30 });
    const at = new Date(NOW + 90_000).toUTCString();
    expect(read(answer(429, failure(42901), { retryAfter: at }))).toMatchObject({ retryAfterSeconds: 90 });
  });

  it('takes images only as images', () => {
    const png = answer(200, 'png', { contentType: 'image/png' });
    expect(readDuoImage(png, { host: 'h', now: NOW })).toMatchObject({ ok: true, data: { contentType: 'image/png' } });
    expect(readDuoImage(answer(200, { stat: 'OK', response: {} }), { host: 'h', now: NOW })).toMatchObject({
      ok: false,
      duo: { kind: 'bad-response' },
    });
  });
});
