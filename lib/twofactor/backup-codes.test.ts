import { describe, expect, it } from 'vitest';
import { backupCodeHashCandidates, generateBackupCodes, hashBackupCode, normalizeBackupCode } from './backup-codes';

describe('backup codes', () => {
  it('ten distinct codes of ten Crockford base32 characters (50 bits each)', () => {
    const codes = generateBackupCodes();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/);
  });

  it('input is forgiving about case, spaces, dashes and look-alike letters', () => {
    expect(normalizeBackupCode(' 7kq2m x9pda ')).toBe('7KQ2MX9PDA');
    expect(normalizeBackupCode('7KQ2M-X9PDA')).toBe('7KQ2MX9PDA');
    expect(normalizeBackupCode('OIL2M-X9PDA')).toBe('0112MX9PDA');
    expect(normalizeBackupCode('7KQ2M-X9PD')).toBeNull();
    expect(normalizeBackupCode('7KQ2M-X9PD!')).toBeNull();
  });

  it('stores a keyed hash, never the code', () => {
    const hash = hashBackupCode('7KQ2MX9PDA');
    expect(hash).not.toContain('7KQ2MX9PDA');
    expect(hash).toMatch(/^[0-9a-f]{8}:[A-Za-z0-9_-]{43}$/);
    expect(hashBackupCode('7KQ2MX9PDA')).toBe(hash);
    expect(hashBackupCode('7KQ2MX9PDB')).not.toBe(hash);
  });

  it('codes hashed before a key rotation still match', () => {
    const before = hashBackupCode('7KQ2MX9PDA');
    const oldKey = process.env.APP_ENCRYPTION_KEY!;
    process.env.APP_ENCRYPTION_KEY = Buffer.alloc(32, 9).toString('base64');
    process.env.APP_ENCRYPTION_KEY_PREVIOUS = oldKey;
    try {
      expect(backupCodeHashCandidates('7KQ2MX9PDA')).toContain(before);
      expect(hashBackupCode('7KQ2MX9PDA')).not.toBe(before);
    } finally {
      process.env.APP_ENCRYPTION_KEY = oldKey;
      delete process.env.APP_ENCRYPTION_KEY_PREVIOUS;
    }
  });
});
