import { keyedHash } from '../crypto/keyed-hash';
import { API_CREDENTIAL_CACHE_MAX_ENTRIES, apiCredentialCacheSeconds } from '../limits';

/**
 * Basic credentials this process verified with argon2 lately, so an integration's next calls cost
 * a lookup instead of a hash. An entry says "this identifier and password matched this user's
 * password hash": the caller must check on every hit that the user still has that very hash (a
 * password change or rotation writes a new one, salt and all) and may still use the API. Nothing
 * here is trusted on its own, so no instance ever needs telling about a change.
 *
 * Only right passwords are remembered. The key is an HMAC (under a key derived from
 * APP_ENCRYPTION_KEY) of the identifier and the password, never the password itself: a wrong guess
 * can never hit, and a memory dump yields no fast hash to crack offline.
 */
export type RememberedCredential = { userId: string; passwordHash: string };

type Entry = RememberedCredential & { expiresAt: number };
const entries = new Map<string, Entry>();

/** The identifier as sign-in matches it (findAccount): trimmed, case-folded. */
export const normalizeIdentifier = (identifier: string) => identifier.trim().toLowerCase();

/** True when the cache is on (LATCHKEY_API_CREDENTIAL_CACHE_SECONDS is not 0). */
export const credentialCacheEnabled = () => apiCredentialCacheSeconds() > 0;

/** The cache key of a credential: a keyed hash of both parts, unambiguous whatever they contain. */
export function credentialCacheKey(identifier: string, password: string): string {
  return keyedHash('api-basic-credential', JSON.stringify([normalizeIdentifier(identifier), password]));
}

/** The remembered credential under `key`, unless it expired. */
export function recallCredential(key: string, now: number): RememberedCredential | null {
  const entry = entries.get(key);
  if (!entry) return null;
  if (entry.expiresAt <= now) {
    entries.delete(key);
    return null;
  }
  return { userId: entry.userId, passwordHash: entry.passwordHash };
}

/** Remembers a credential just verified against `passwordHash`; the oldest entry makes room when full. */
export function rememberCredential(key: string, credential: RememberedCredential, now: number): void {
  const seconds = apiCredentialCacheSeconds();
  if (seconds <= 0) return;
  entries.delete(key); // re-inserted last: Map order is age order
  while (entries.size >= API_CREDENTIAL_CACHE_MAX_ENTRIES) entries.delete(entries.keys().next().value!);
  entries.set(key, { ...credential, expiresAt: now + seconds * 1000 });
}

/** Forgets a credential whose account changed since it was verified. */
export function forgetCredential(key: string): void {
  entries.delete(key);
}

/** How many credentials are remembered (for tests of the size bound). */
export const rememberedCount = () => entries.size;
