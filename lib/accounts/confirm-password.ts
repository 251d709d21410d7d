import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { users } from '../db/schema';
import { verifyPassword } from '../crypto/password';
import { formatWait, hitRateLimit, resetRateLimit, type RateLimitClaim } from '../rate-limit/hit';
import { PASSWORD_WINDOW_MS, REAUTH_FAILURES_PER_ACCOUNT } from '../limits';
import { fail, ok, type Result } from '../result';

/** Password re-confirmations of one signed-in user (Unlock clears it with the sign-in's counters). */
export const reauthLimit = (userId: string): RateLimitClaim => ({
  key: `reauth:${userId}`,
  limit: REAUTH_FAILURES_PER_ACCOUNT,
  windowMs: PASSWORD_WINDOW_MS,
});

/**
 * Asks a signed-in user for their password again before a security change (enable, disable,
 * regenerate, security question). Failures are limited per account, so a stolen session cannot
 * be used to guess the password.
 */
export async function confirmPassword(
  db: DbOrTx,
  input: { userId: string; password: string; now?: Date },
): Promise<Result> {
  const now = input.now ?? new Date();
  const claim = reauthLimit(input.userId);
  const key = claim.key;
  // Counted before the check, in one upsert: parallel guesses cannot slip past the limit.
  const limit = await hitRateLimit(db, { ...claim, now });
  if (!limit.allowed) return fail(`Too many wrong passwords. Try again in ${formatWait(limit.retryAfterSeconds)}.`);
  const [user] = await db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, input.userId));
  if (await verifyPassword(user?.passwordHash, input.password)) {
    await resetRateLimit(db, key);
    return ok();
  }
  return fail('That password is not right. Enter the password you sign in with.');
}
