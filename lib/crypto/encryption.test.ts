import { describe, expect, it } from 'vitest';
import { decrypt, encrypt } from './encryption';

describe('encryption at rest', () => {
  it('round-trips and never repeats a ciphertext', () => {
    const a = encrypt('JBSWY3DPEHPK3PXP', 'totp:u1');
    expect(a).not.toContain('JBSWY3DPEHPK3PXP');
    expect(encrypt('JBSWY3DPEHPK3PXP', 'totp:u1')).not.toBe(a);
    expect(decrypt(a, 'totp:u1')).toBe('JBSWY3DPEHPK3PXP');
  });

  it('refuses a ciphertext moved to another row', () => {
    expect(() => decrypt(encrypt('secret', 'totp:u1'), 'totp:u2')).toThrow();
  });

  it('refuses a tampered ciphertext', () => {
    const parts = encrypt('secret', 'totp:u1').split('.');
    parts[4] = Buffer.from('SECRET').toString('base64url');
    expect(() => decrypt(parts.join('.'), 'totp:u1')).toThrow();
  });

  it('decrypts with a retired key after rotation', () => {
    const old = encrypt('secret', 'ctx');
    const oldKey = process.env.APP_ENCRYPTION_KEY!;
    process.env.APP_ENCRYPTION_KEY = Buffer.alloc(32, 5).toString('base64');
    try {
      expect(() => decrypt(old, 'ctx')).toThrow(/APP_ENCRYPTION_KEY_PREVIOUS/);
      process.env.APP_ENCRYPTION_KEY_PREVIOUS = oldKey;
      expect(decrypt(old, 'ctx')).toBe('secret');
    } finally {
      process.env.APP_ENCRYPTION_KEY = oldKey;
      delete process.env.APP_ENCRYPTION_KEY_PREVIOUS;
    }
  });
});
