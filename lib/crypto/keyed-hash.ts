import { createHmac } from 'node:crypto';
import { appKeys, deriveKey } from './keys';

/** HMAC-SHA-256 of `value` under the current key, for storing. */
export function keyedHash(purpose: string, value: string): string {
  return keyedHashes(purpose, value)[0];
}

/**
 * The value's HMAC under every known key, current first: a lookup matches any of them, so codes
 * stored before a key rotation keep working.
 */
export function keyedHashes(purpose: string, value: string): string[] {
  return appKeys().map(
    (key) =>
      `${key.id}:${createHmac('sha256', deriveKey(key, `hmac:${purpose}`))
        .update(value)
        .digest('base64url')}`,
  );
}
