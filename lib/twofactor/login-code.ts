import { randomInt } from 'node:crypto';
import { keyedHash, keyedHashes } from '../crypto/keyed-hash';

const PURPOSE = 'login-code';

/** A uniformly random 6-digit code. */
export function generateLoginCode(): string {
  return randomInt(0, 1_000_000).toString().padStart(6, '0');
}

/** The stored form: bound to its challenge, so a code is worthless for any other sign-in. */
export function hashLoginCode(challengeId: string, code: string): string {
  return keyedHash(PURPOSE, `${challengeId}:${code}`);
}

export function loginCodeHashCandidates(challengeId: string, code: string): string[] {
  return keyedHashes(PURPOSE, `${challengeId}:${code}`);
}
