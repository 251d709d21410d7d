import { describe, expect, it } from 'vitest';
import { recoveryPathFor } from './recovery-path';

describe('recoveryPathFor', () => {
  it.each([
    [['totp', 'backup'], 'email', { lost: 'authenticator', confirmByEmail: true }],
    [['otp', 'totp', 'backup'], 'sms', { lost: 'authenticator', confirmByEmail: true }],
    [['otp'], 'sms', { lost: 'sms', confirmByEmail: true }],
    // Codes go to the inbox: a link to it proves nothing and would be a dead end.
    [['otp'], 'email', { lost: 'email', confirmByEmail: false }],
  ] as const)('methods %j, codes by %s → %j', (methods, otpChannel, expected) => {
    expect(recoveryPathFor({ methods: [...methods], otpChannel })).toEqual(expected);
  });
});
