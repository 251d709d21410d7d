import { describe, expect, it } from 'vitest';
import { preferenceOptions } from './preference-options';

describe('preferenceOptions', () => {
  it('offers SMS/email always, TOTP once set up, and shows what is not ready yet', () => {
    const options = preferenceOptions({
      company: { allowTotp: true, allowDuo: true },
      policy: { methods: ['otp'], otpChannel: 'sms' },
      otpDestination: '••••0123',
    });
    expect(options.map((o) => [o.value, o.disabled])).toEqual([
      ['otp', false],
      ['totp', true],
      ['duo', true],
    ]);
    expect(options[0].label).toBe('A code by text message (••••0123)');
    expect(options[1].note).toMatch(/Set up your authenticator app above first/);
  });

  it('leaves out what the company does not allow', () => {
    const options = preferenceOptions({
      company: { allowTotp: false, allowDuo: false },
      policy: { methods: ['otp'], otpChannel: 'email' },
      otpDestination: 'a•••@example.com',
    });
    expect(options.map((o) => o.value)).toEqual(['otp']);
  });

  it('makes Duo choosable once Duo Setup has made it the method', () => {
    const options = preferenceOptions({
      company: { allowTotp: false, allowDuo: true },
      policy: { methods: ['otp'], otpChannel: 'email' },
      otpDestination: null,
      duoReady: true,
    });
    expect(options.map((o) => [o.value, o.disabled])).toEqual([
      ['otp', false],
      ['duo', false],
    ]);
  });

  it('disables codes when the company offers them no more (strong methods only)', () => {
    const options = preferenceOptions({
      company: { allowTotp: true, allowDuo: false },
      policy: { methods: ['totp', 'backup'], otpChannel: 'email', source: 'company' },
      otpDestination: 'a•••@example.com',
    });
    expect(options.map((o) => [o.value, o.disabled])).toEqual([
      ['otp', true],
      ['totp', false],
    ]);
    expect(options[0].note).toMatch(/only stronger methods/);
  });
});
