import { and, count, eq, gt, isNull, or, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { apiKeys, type ApiKey } from '../db/schema';
import { recordAudit } from '../audit/record';
import { findManagedUser, MANAGE_NEEDS, type ManagedUserInput } from '../api-accounts/managed-user';
import { API_KEY_MAX_LIFETIME_DAYS, API_KEY_NAME_MAX_LENGTH, API_KEYS_PER_ACCOUNT_MAX, DAY_MS } from '../limits';
import { fail, ok, type Result } from '../result';
import { generateApiKey } from './key-format';

export const NAME_REQUIRED = 'Name the key after what uses it, like “Nightly export”.';
export const NAME_TOO_LONG = `Use at most ${API_KEY_NAME_MAX_LENGTH} characters.`;
export const NAME_TAKEN =
  'This API Account already has a key with this name. Choose another name, or revoke that key first.';
export const EXPIRY_PAST = 'Choose an expiry date in the future, or leave it empty for a key that does not expire.';
export const EXPIRY_TOO_FAR = `Choose an expiry date at most ${API_KEY_MAX_LIFETIME_DAYS} days from today, or leave it empty.`;
export const TOO_MANY_KEYS = `This API Account already has ${API_KEYS_PER_ACCOUNT_MAX} active keys. Revoke one it no longer needs first.`;

const onField = (field: string, error: string) => fail(error, { fieldErrors: { [field]: error } });

/**
 * A new API key for an API Account of the admin's company: the token comes back once and is never
 * stored (only its SHA-256 and its shown prefix are). The account's row is locked while the name
 * and the number of active keys are checked, so two creations at once cannot pass both checks.
 */
export async function createApiKey(
  db: Db,
  input: ManagedUserInput & { name: string; expiresAt: Date | null; ip?: string | null; now?: Date },
): Promise<Result<{ token: string; key: ApiKey }>> {
  const now = input.now ?? new Date();
  const name = input.name.trim();
  if (!name) return onField('name', NAME_REQUIRED);
  if (name.length > API_KEY_NAME_MAX_LENGTH) return onField('name', NAME_TOO_LONG);
  const { expiresAt } = input;
  if (expiresAt && !(expiresAt.getTime() > now.getTime())) return onField('expiresAt', EXPIRY_PAST);
  if (expiresAt && expiresAt.getTime() > now.getTime() + API_KEY_MAX_LIFETIME_DAYS * DAY_MS)
    return onField('expiresAt', EXPIRY_TOO_FAR);
  return db.transaction(async (tx) => {
    const target = await findManagedUser(tx, input, { need: MANAGE_NEEDS, apiAccount: true, lock: true });
    if (!target.ok) return target;
    const userId = target.data.id;
    const unrevoked = and(eq(apiKeys.userId, userId), isNull(apiKeys.revokedAt));
    const [{ active }] = await tx
      .select({ active: count() })
      .from(apiKeys)
      .where(and(unrevoked, or(isNull(apiKeys.expiresAt), gt(apiKeys.expiresAt, now))));
    if (active >= API_KEYS_PER_ACCOUNT_MAX) return fail(TOO_MANY_KEYS);
    const [taken] = await tx
      .select({ id: apiKeys.id })
      .from(apiKeys)
      .where(and(unrevoked, sql`lower(${apiKeys.name}) = lower(${name})`));
    if (taken) return onField('name', NAME_TAKEN);
    const { token, prefix, secretHash } = generateApiKey();
    const [key] = await tx
      .insert(apiKeys)
      .values({ userId, name, prefix, secretHash, createdBy: input.actorUserId, createdAt: now, expiresAt })
      .returning();
    // Never the token: Activity shows the name and the prefix only.
    await recordAudit(tx, {
      type: 'api_key.created',
      companyId: input.companyId,
      actorUserId: input.actorUserId,
      targetUserId: userId,
      detail: { keyId: key.id, name, prefix, expiresAt: expiresAt?.toISOString() ?? null },
      ip: input.ip,
    });
    return ok({ token, key });
  });
}
