import { describe, expect, it } from 'vitest';
import { policyFor, totpState, type TotpState } from './totp-state';

const USER = '00000000-0000-4000-8000-000000000001';
const ADMIN = '00000000-0000-4000-8000-000000000002';
const OTHER_ADMIN = '00000000-0000-4000-8000-000000000003';
const CONFIRMED = new Date('2026-01-02T03:04:05Z');

const row = (over: { confirmedAt?: Date | null; startedBy?: string | null } = {}) => ({
  userId: USER,
  confirmedAt: null,
  startedBy: USER,
  ...over,
});

describe('totpState', () => {
  it.each<[string, ReturnType<typeof row> | null | undefined, string, TotpState]>([
    // credential row × viewer → state
    ['no row, the user', null, USER, 'off'],
    ['no row, an admin', undefined, ADMIN, 'off'],
    ['active, the user', row({ confirmedAt: CONFIRMED }), USER, 'on'],
    ['active, an admin', row({ confirmedAt: CONFIRMED }), ADMIN, 'on'],
    ['active, set up by an admin, the user', row({ confirmedAt: CONFIRMED, startedBy: ADMIN }), USER, 'on'],
    ['pending, started by the user, the user', row(), USER, 'pending'],
    ['pending, started by the user, an admin', row(), ADMIN, 'off'],
    ['pending, started by an admin, that admin', row({ startedBy: ADMIN }), ADMIN, 'pending'],
    ['pending, started by an admin, the user', row({ startedBy: ADMIN }), USER, 'off'],
    ['pending, started by an admin, another admin', row({ startedBy: ADMIN }), OTHER_ADMIN, 'off'],
    ['pending from before starters were kept, the user', row({ startedBy: null }), USER, 'pending'],
    ['pending from before starters were kept, an admin', row({ startedBy: null }), ADMIN, 'off'],
  ])('%s', (_name, credential, viewer, expected) => {
    expect(totpState(credential, viewer)).toBe(expected);
  });
});

describe('policyFor', () => {
  const user = { isApiAccount: false, preferredMethod: null, mobile: null };
  const required = {
    twoFactorRequired: true,
    allowTotp: true,
    allowDuo: false,
    twoFactorEnforcedFrom: null,
    strongMethodsOnly: false,
  };
  const optional = { ...required, twoFactorRequired: false };

  it.each<[string, typeof required, TotpState, string[]]>([
    // only an active authenticator counts, whatever the viewer saw
    ['company off, on', optional, 'on', ['totp', 'backup']],
    ['company off, pending', optional, 'pending', []],
    ['company off, off', optional, 'off', []],
    ['company on, on', required, 'on', ['totp', 'otp', 'backup']],
    ['company on, pending', required, 'pending', ['otp']],
    ['company on, TOTP not allowed, on', { ...required, allowTotp: false }, 'on', ['otp']],
  ])('%s', (_name, company, totp, methods) => {
    expect(policyFor({ company, user, totp }).methods).toEqual(methods);
  });
});
