import { createHash, hkdfSync } from 'node:crypto';

export type AppKey = { id: string; key: Buffer };

function parseKey(value: string, name: string): AppKey {
  const key = Buffer.from(value.trim(), 'base64');
  if (key.length !== 32) throw new Error(`${name} must be 32 random bytes in base64 (\`openssl rand -base64 32\`).`);
  return { id: createHash('sha256').update(key).digest('hex').slice(0, 8), key };
}

/**
 * The current key (APP_ENCRYPTION_KEY) first, then retired ones (APP_ENCRYPTION_KEY_PREVIOUS,
 * comma-separated) that still decrypt and verify old data while it is re-written with the new key.
 */
export function appKeys(): AppKey[] {
  const current = process.env.APP_ENCRYPTION_KEY;
  if (!current) throw new Error('APP_ENCRYPTION_KEY is not set.');
  const previous = (process.env.APP_ENCRYPTION_KEY_PREVIOUS ?? '').split(',').filter((v) => v.trim());
  return [parseKey(current, 'APP_ENCRYPTION_KEY'), ...previous.map((v) => parseKey(v, 'APP_ENCRYPTION_KEY_PREVIOUS'))];
}

const derived = new Map<string, Buffer>();

/** A sub-key for one purpose, so the encryption key is never used directly as an HMAC key. */
export function deriveKey(key: AppKey, purpose: string): Buffer {
  const cacheKey = `${key.id}:${purpose}`;
  let sub = derived.get(cacheKey);
  if (!sub) {
    sub = Buffer.from(hkdfSync('sha256', key.key, Buffer.alloc(0), `latchkey:${purpose}`, 32));
    derived.set(cacheKey, sub);
  }
  return sub;
}
