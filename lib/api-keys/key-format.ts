import { createHash, randomBytes } from 'node:crypto';

/** `lk_` + 43 base64url characters (32 random bytes). */
export const API_KEY_PREFIX = 'lk_';
const SECRET_BYTES = 32;
/** How many characters of a key are kept in clear to tell keys apart ("lk_AbCdEfGh…"). */
const SHOWN_LENGTH = API_KEY_PREFIX.length + 8;
const KEY_PATTERN = /^lk_[A-Za-z0-9_-]{43}$/;

/** A new key: the token (shown once, never stored), its shown prefix and the hash that is stored. */
export function generateApiKey(): { token: string; prefix: string; secretHash: string } {
  const token = API_KEY_PREFIX + randomBytes(SECRET_BYTES).toString('base64url');
  return { token, prefix: token.slice(0, SHOWN_LENGTH), secretHash: hashApiKey(token) };
}

/** True when `token` has the shape of one of our keys (checked before any lookup). */
export function looksLikeApiKey(token: string): boolean {
  return KEY_PATTERN.test(token);
}

/**
 * SHA-256 of the whole key, hex. The secret has 256 bits of entropy, so a fast hash is as safe as
 * a slow one, and a lookup by it costs one index probe.
 */
export function hashApiKey(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
