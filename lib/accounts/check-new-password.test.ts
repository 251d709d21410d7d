import { describe, expect, it } from 'vitest';
import { checkNewPassword } from './check-new-password';

describe('checkNewPassword', () => {
  it('asks for at least 12 characters', () => {
    expect(checkNewPassword('Tr0ub4dor&3')).toBe('Use at least 12 characters.');
  });

  it('refuses common passwords with a reason and a suggestion', () => {
    const message = checkNewPassword('password1234');
    expect(message).toMatch(/too easy to guess/);
    expect(message).toMatch(/commonly used/);
  });

  it('refuses a password made of the user’s own details', () => {
    expect(checkNewPassword('ada.lovelace@acme.com', ['ada.lovelace@acme.com'])).toMatch(/too easy to guess/);
  });

  it('accepts a long passphrase', () => {
    expect(checkNewPassword('quartz lantern orbit meadow 42')).toBeNull();
  });
});
