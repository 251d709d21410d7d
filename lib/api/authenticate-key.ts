import { and, eq, gt, isNull, lt, or } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { apiKeys, roles, users, type ApiKey } from '../db/schema';
import { hashApiKey, looksLikeApiKey } from '../api-keys/key-format';
import { API_KEY_TOUCH_INTERVAL_MS } from '../limits';
import { refuse, type ApiAuth } from './api-principal';

/** One answer for every refused key: unknown, revoked, expired, or its account cannot use the API. */
export const WRONG_KEY_MESSAGE = 'This API key is wrong, revoked or expired, or its account can no longer use the API.';

/**
 * An API call with `Authorization: Bearer lk_…`. One query finds the key by its hash with its
 * account and role, and only if the key is live (not revoked, not expired) and the account is an
 * enabled API account: a revocation, an expiry, a deactivation or a role change counts on the very
 * next call, on every instance, since nothing about a key is remembered between calls.
 */
export async function authenticateKey(
  db: DbOrTx,
  input: { token: string; now: Date },
): Promise<ApiAuth & { key?: ApiKey }> {
  // A key is 256 random bits: its SHA-256 is looked up directly, and no limit on guesses is needed.
  if (!looksLikeApiKey(input.token)) return refuse(401, WRONG_KEY_MESSAGE);
  const [row] = await db
    .select({ key: apiKeys, user: users, role: roles })
    .from(apiKeys)
    .innerJoin(users, eq(users.id, apiKeys.userId))
    .innerJoin(roles, eq(roles.id, users.roleId))
    .where(
      and(
        eq(apiKeys.secretHash, hashApiKey(input.token)),
        isNull(apiKeys.revokedAt),
        or(isNull(apiKeys.expiresAt), gt(apiKeys.expiresAt, input.now)),
        eq(users.isApiAccount, true),
        eq(users.disabled, false),
      ),
    )
    .limit(1);
  if (!row) return refuse(401, WRONG_KEY_MESSAGE);
  return { ok: true, data: { user: row.user, role: row.role, via: 'key', keyId: row.key.id }, key: row.key };
}

/**
 * Records a key's last use (time and address) at most once a minute: conditional, so a burst of
 * calls on any number of instances writes once.
 */
export async function touchApiKey(db: DbOrTx, input: { key: ApiKey; ip: string; now: Date }): Promise<void> {
  const { key, now } = input;
  if (key.lastUsedAt && now.getTime() - key.lastUsedAt.getTime() < API_KEY_TOUCH_INTERVAL_MS) return;
  const staleBefore = new Date(now.getTime() - API_KEY_TOUCH_INTERVAL_MS);
  await db
    .update(apiKeys)
    .set({ lastUsedAt: now, lastUsedIp: input.ip })
    .where(and(eq(apiKeys.id, key.id), or(isNull(apiKeys.lastUsedAt), lt(apiKeys.lastUsedAt, staleBefore))));
}
