import { eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { rateLimits, roles, users, type User } from '../db/schema';
import { limitKeys } from '../rate-limit/limit-keys';
import { checkPassword } from '../sign-in/check-password';
import { refuse, type ApiAuth } from './api-principal';
import {
  credentialCacheEnabled,
  credentialCacheKey,
  forgetCredential,
  normalizeIdentifier,
  recallCredential,
  rememberCredential,
  type RememberedCredential,
} from './credential-cache';

/** One answer for a wrong password, an unknown account and a regular user's right password. */
export const WRONG_PASSWORD_MESSAGE = 'Wrong email or password, or not an API Account.';

/**
 * An API call with Basic credentials. A credential this process verified lately costs one query
 * (the account, its role and its lockout state) instead of an argon2 hash; anything else, or any
 * change to the account since, takes the full check of sign-in (lib/sign-in/check-password.ts),
 * counted against the per-account and per-IP limits.
 */
export async function authenticatePassword(
  db: DbOrTx,
  input: { identifier: string; password: string; ip: string; now: Date },
): Promise<ApiAuth> {
  const cacheKey = credentialCacheEnabled() ? credentialCacheKey(input.identifier, input.password) : null;
  const remembered = cacheKey ? recallCredential(cacheKey, input.now.getTime()) : null;
  if (cacheKey && remembered) {
    const principal = await stillValid(db, { ...input, remembered });
    if (principal) return principal;
    forgetCredential(cacheKey);
  }
  return fullCheck(db, { ...input, cacheKey });
}

/**
 * The account behind a remembered credential, if nothing that matters changed: the same password
 * hash (a change or rotation writes a new one), still an API account, not disabled, the identifier
 * still its own, and not locked out. A lockout (too many wrong passwords for the account) stops
 * remembered calls too, as it stops fresh ones: otherwise an instance that happened to remember the
 * password would answer while the others refuse, and the lock would not mean what it says.
 */
async function stillValid(
  db: DbOrTx,
  input: { identifier: string; remembered: RememberedCredential; now: Date },
): Promise<ApiAuth | null> {
  const { userId, passwordHash } = input.remembered;
  const [row] = await db
    .select({ user: users, role: roles, locked: lockedSql(userId, input.now) })
    .from(users)
    .innerJoin(roles, eq(roles.id, users.roleId))
    .where(eq(users.id, userId));
  if (!row || row.locked || row.user.passwordHash !== passwordHash) return null;
  if (!row.user.isApiAccount || row.user.disabled || !identifies(row.user, input.identifier)) return null;
  return { ok: true, data: { user: row.user, role: row.role, via: 'password', keyId: null } };
}

/** True when the account's next password check would be refused (its counters are at their limits). */
function lockedSql(userId: string, now: Date) {
  const atLimit = limitKeys
    .password(userId)
    .map((c) => sql`(${rateLimits.key} = ${c.key} and ${rateLimits.count} >= ${c.limit})`);
  return sql<boolean>`exists (select 1 from ${rateLimits} where (${sql.join(atLimit, sql` or `)})
    and ${rateLimits.windowEndsAt} > ${now.toISOString()}::timestamptz)`;
}

const identifies = (user: User, identifier: string) => {
  const typed = normalizeIdentifier(identifier);
  return user.email.toLowerCase() === typed || user.username?.toLowerCase() === typed;
};

async function fullCheck(
  db: DbOrTx,
  input: { identifier: string; password: string; ip: string; now: Date; cacheKey: string | null },
): Promise<ApiAuth> {
  const check = await checkPassword(db, {
    identifier: input.identifier,
    password: input.password,
    ip: input.ip,
    now: input.now,
    onSuccess: 'refund',
  });
  // Locked out, or every hash slot busy: either way the caller learns when to come back.
  if (!check.ok && check.retryAfterSeconds) return refuse(429, check.error, check.retryAfterSeconds);
  // A regular user's right password gets the same answer as a wrong one: the API must not become
  // a quiet oracle for passwords of users who have a second factor.
  if (!check.ok || !check.data.user.isApiAccount) return refuse(401, WRONG_PASSWORD_MESSAGE);
  const { user } = check.data;
  const [role] = await db.select().from(roles).where(eq(roles.id, user.roleId));
  // The hash the password was verified against, as read then: if it changed meanwhile, the next
  // call sees a different one and checks again.
  if (input.cacheKey && user.passwordHash)
    rememberCredential(input.cacheKey, { userId: user.id, passwordHash: user.passwordHash }, input.now.getTime());
  return { ok: true, data: { user, role, via: 'password', keyId: null } };
}
