import { describe, expect, it } from 'vitest';
import { resolvePolicy, type PolicyInput } from './policy';

const company = (over: Partial<PolicyInput['company']> = {}) => ({
  twoFactorRequired: false,
  allowTotp: true,
  allowDuo: false,
  twoFactorEnforcedFrom: null,
  strongMethodsOnly: false,
  ...over,
});
const user = (over: Partial<PolicyInput['user']> = {}) => ({
  isApiAccount: false,
  preferredMethod: null,
  mobile: null,
  hasTotp: false,
  ...over,
});

const NOW = new Date('2026-11-26T12:00:00Z');
const AHEAD = new Date('2026-12-01T00:00:00Z');
const PASSED = new Date('2026-11-01T00:00:00Z');

describe('resolvePolicy', () => {
  it.each([
    // company on/off × own authenticator × TOTP allowed × preference → required, methods
    ['off, no app', company(), user(), false, []],
    ['off, own app', company(), user({ hasTotp: true }), true, ['totp', 'backup']],
    [
      'off, own app, TOTP disallowed (irrelevant while off)',
      company({ allowTotp: false }),
      user({ hasTotp: true }),
      true,
      ['totp', 'backup'],
    ],
    ['on, no app', company({ twoFactorRequired: true }), user(), true, ['otp']],
    ['on, app allowed', company({ twoFactorRequired: true }), user({ hasTotp: true }), true, ['totp', 'otp', 'backup']],
    [
      'on, app allowed, prefers codes',
      company({ twoFactorRequired: true }),
      user({ hasTotp: true, preferredMethod: 'otp' }),
      true,
      ['otp', 'totp', 'backup'],
    ],
    [
      'on, app disallowed: falls back to SMS/email',
      company({ twoFactorRequired: true, allowTotp: false }),
      user({ hasTotp: true, preferredMethod: 'totp' }),
      true,
      ['otp'],
    ],
    [
      'on, prefers Duo, Duo allowed: Duo first, SMS/email as the fallback',
      company({ twoFactorRequired: true, allowDuo: true }),
      user({ preferredMethod: 'duo' }),
      true,
      ['duo', 'otp'],
    ],
    [
      'on, prefers Duo, Duo not allowed',
      company({ twoFactorRequired: true, allowDuo: false }),
      user({ preferredMethod: 'duo' }),
      true,
      ['otp'],
    ],
    ['on, API account', company({ twoFactorRequired: true }), user({ isApiAccount: true, hasTotp: true }), false, []],
    // strong methods only: no SMS/email for a user with a strong method, whatever they prefer
    [
      'strong only, no app: keeps SMS/email',
      company({ twoFactorRequired: true, strongMethodsOnly: true }),
      user(),
      true,
      ['otp'],
    ],
    [
      'strong only, app',
      company({ twoFactorRequired: true, strongMethodsOnly: true }),
      user({ hasTotp: true }),
      true,
      ['totp', 'backup'],
    ],
    [
      'strong only, app, prefers codes: no codes',
      company({ twoFactorRequired: true, strongMethodsOnly: true }),
      user({ hasTotp: true, preferredMethod: 'otp' }),
      true,
      ['totp', 'backup'],
    ],
    [
      'strong only, app disallowed: not strong here, keeps SMS/email',
      company({ twoFactorRequired: true, strongMethodsOnly: true, allowTotp: false }),
      user({ hasTotp: true }),
      true,
      ['otp'],
    ],
    [
      'strong only, Duo: no SMS/email fallback',
      company({ twoFactorRequired: true, strongMethodsOnly: true, allowDuo: true }),
      user({ preferredMethod: 'duo' }),
      true,
      ['duo'],
    ],
    [
      'strong only, Duo and app',
      company({ twoFactorRequired: true, strongMethodsOnly: true, allowDuo: true }),
      user({ preferredMethod: 'duo', hasTotp: true }),
      true,
      ['duo', 'totp', 'backup'],
    ],
    [
      'strong only while off: own app as before',
      company({ strongMethodsOnly: true }),
      user({ hasTotp: true }),
      true,
      ['totp', 'backup'],
    ],
    // an enforcement date still ahead: as if the switch were off; passed: as today
    [
      'on from a date ahead, no app: password only',
      company({ twoFactorRequired: true, twoFactorEnforcedFrom: AHEAD }),
      user(),
      false,
      [],
    ],
    [
      'on from a date ahead, own app: still asked',
      company({ twoFactorRequired: true, twoFactorEnforcedFrom: AHEAD }),
      user({ hasTotp: true }),
      true,
      ['totp', 'backup'],
    ],
    [
      'on from a date passed',
      company({ twoFactorRequired: true, twoFactorEnforcedFrom: PASSED }),
      user(),
      true,
      ['otp'],
    ],
    [
      'on from a date ahead, strong only: own app, no codes either way',
      company({ twoFactorRequired: true, twoFactorEnforcedFrom: AHEAD, strongMethodsOnly: true }),
      user({ hasTotp: true, preferredMethod: 'otp' }),
      true,
      ['totp', 'backup'],
    ],
  ] as const)('%s', (_name, c, u, required, methods) => {
    const policy = resolvePolicy({ company: c, user: u, now: NOW });
    expect(policy.required).toBe(required);
    expect(policy.methods).toEqual(methods);
  });

  it('sends codes by SMS when the profile has a mobile number, otherwise by email', () => {
    expect(
      resolvePolicy({ company: company({ twoFactorRequired: true }), user: user({ mobile: '+447700900123' }) })
        .otpChannel,
    ).toBe('sms');
    expect(resolvePolicy({ company: company({ twoFactorRequired: true }), user: user() }).otpChannel).toBe('email');
  });
});

describe('resolvePolicy with a passkey', () => {
  const allowed = (over: Partial<PolicyInput['company']> = {}) => company({ allowPasskeys: true, ...over });
  it.each([
    ['off, passkey only', allowed(), user({ hasPasskey: true }), true, ['passkey']],
    [
      'off, passkey and app, passkey preferred',
      allowed(),
      user({ hasPasskey: true, hasTotp: true, preferredMethod: 'passkey' }),
      true,
      ['passkey', 'totp', 'backup'],
    ],
    [
      'off, passkey and app, app preferred since',
      allowed(),
      user({ hasPasskey: true, hasTotp: true, preferredMethod: 'totp' }),
      true,
      ['totp', 'passkey', 'backup'],
    ],
    ['off, passkey disallowed', company({ allowPasskeys: false }), user({ hasPasskey: true }), false, []],
    [
      'on, passkey first',
      allowed({ twoFactorRequired: true }),
      user({ hasPasskey: true, hasTotp: true, preferredMethod: 'passkey' }),
      true,
      ['passkey', 'totp', 'otp', 'backup'],
    ],
    [
      'on, passkey disallowed: SMS/email',
      company({ twoFactorRequired: true, allowPasskeys: false }),
      user({ hasPasskey: true }),
      true,
      ['otp'],
    ],
    [
      'on, Duo preferred: passkey second',
      allowed({ twoFactorRequired: true, allowDuo: true }),
      user({ hasPasskey: true, preferredMethod: 'duo' }),
      true,
      ['duo', 'passkey', 'otp'],
    ],
  ] as const)('%s', (_name, c, u, required, methods) => {
    const policy = resolvePolicy({ company: c, user: u });
    expect(policy.required).toBe(required);
    expect(policy.methods).toEqual(methods);
  });
});
