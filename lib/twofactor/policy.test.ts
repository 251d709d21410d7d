import { describe, expect, it } from 'vitest';
import { resolvePolicy, type PolicyInput } from './policy';

const company = (over: Partial<PolicyInput['company']> = {}) => ({
  twoFactorRequired: false,
  allowTotp: true,
  allowDuo: false,
  ...over,
});
const user = (over: Partial<PolicyInput['user']> = {}) => ({
  isApiAccount: false,
  preferredMethod: null,
  mobile: null,
  hasTotp: false,
  ...over,
});

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
  ] as const)('%s', (_name, c, u, required, methods) => {
    const policy = resolvePolicy({ company: c, user: u });
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
