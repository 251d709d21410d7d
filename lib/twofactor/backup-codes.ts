import { randomInt } from 'node:crypto';
import { keyedHash, keyedHashes } from '../crypto/keyed-hash';
import { BACKUP_CODE_COUNT, BACKUP_CODE_LENGTH } from '../limits';

/** Crockford's base32: no I, L, O or U, so codes are hard to misread. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const HASH_PURPOSE = 'backup-code';

/** Ten new codes, formatted for people: "7KQ2M-X9PDA". */
export function generateBackupCodes(count = BACKUP_CODE_COUNT): string[] {
  return Array.from({ length: count }, () => {
    const raw = Array.from({ length: BACKUP_CODE_LENGTH }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
    return `${raw.slice(0, 5)}-${raw.slice(5)}`;
  });
}

/**
 * Forgiving input: case, spaces and dashes do not matter, and the letters people confuse with
 * digits are read as the digits (O→0, I/L→1). Null when it cannot be a backup code.
 */
export function normalizeBackupCode(input: string): string | null {
  const cleaned = input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (cleaned.length !== BACKUP_CODE_LENGTH) return null;
  return [...cleaned].every((c) => ALPHABET.includes(c)) ? cleaned : null;
}

/** The stored form of a code (already normalized). */
export function hashBackupCode(normalized: string): string {
  return keyedHash(HASH_PURPOSE, normalized);
}

/** Every stored form a code may have, across key rotations. */
export function backupCodeHashCandidates(normalized: string): string[] {
  return keyedHashes(HASH_PURPOSE, normalized);
}
