import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { appKeys, deriveKey } from './keys';

const VERSION = 'v1';

/**
 * AES-256-GCM with a random 96-bit IV. `context` is bound as associated data (e.g. "totp:<user id>"),
 * so a ciphertext copied onto another row does not decrypt. Output: v1.<key id>.<iv>.<tag>.<data>.
 */
export function encrypt(plaintext: string, context: string): string {
  const [current] = appKeys();
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', deriveKey(current, 'encryption'), iv);
  cipher.setAAD(Buffer.from(context));
  const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return [
    VERSION,
    current.id,
    iv.toString('base64url'),
    cipher.getAuthTag().toString('base64url'),
    data.toString('base64url'),
  ].join('.');
}

/** Decrypts what `encrypt` produced with the same context; throws if it was tampered with. */
export function decrypt(blob: string, context: string): string {
  const [version, keyId, iv, tag, data] = blob.split('.');
  if (version !== VERSION) throw new Error('Unknown ciphertext version');
  const key = appKeys().find((k) => k.id === keyId);
  if (!key) throw new Error(`No key ${keyId} to decrypt with: set APP_ENCRYPTION_KEY_PREVIOUS to the retired key.`);
  const decipher = createDecipheriv('aes-256-gcm', deriveKey(key, 'encryption'), Buffer.from(iv, 'base64url'));
  decipher.setAAD(Buffer.from(context));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
}
