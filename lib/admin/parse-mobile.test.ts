import { describe, expect, it } from 'vitest';
import { parseMobile } from './parse-mobile';

describe('parseMobile', () => {
  it('accepts mobiles (and US "fixed line or mobile") and stores them as E.164', () => {
    expect(parseMobile(' +44 7911 123456 ')).toEqual({ ok: true, data: '+447911123456' });
    expect(parseMobile('+33 6 12 34 56 78')).toEqual({ ok: true, data: '+33612345678' });
    expect(parseMobile('+1 (415) 555-2671')).toEqual({ ok: true, data: '+14155552671' });
  });

  it('an empty field clears the number', () => {
    expect(parseMobile('  ')).toEqual({ ok: true, data: null });
  });

  it('refuses landlines and garbage with a message saying what to enter', () => {
    expect(parseMobile('+44 20 7946 0958')).toMatchObject({ ok: false, error: expect.stringMatching(/landline/) });
    expect(parseMobile('+33 1 23 45 67 89')).toMatchObject({ ok: false, error: expect.stringMatching(/landline/) });
    expect(parseMobile('call me maybe')).toMatchObject({ ok: false, error: expect.stringMatching(/country code/) });
    expect(parseMobile('+44 12')).toMatchObject({ ok: false });
  });
});
