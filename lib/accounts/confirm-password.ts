import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { users } from '../db/schema';
import { verifyPassword } from '../crypto/password';
import { firstRefusal, formatWait, hitRateLimits, resetRateLimits } from '../rate-limit/hit';
import { fail, ok, type Result } from '../result';
import { limitKeys } from '../rate-limit/limit-keys';

/**
 * Asks a signed-in user for their password again before a security change (enable, disable,
 * regenerate, security question). Failures are limited per account, so a stolen session cannot
 * be used to guess the password, and they count toward the account's consecutive-failure cap
 * shared with sign-in (NIST SP 800-63B: 100 at most, re-authentication included).
 */
export async function confirmPassword(
  db: DbOrTx,
  input: { userId: string; password: string; now?: Date },
): Promise<Result> {
  const now = input.now ?? new Date();
  const claims = [limitKeys.reauth(input.userId), limitKeys.password(input.userId)[1]];
  // Counted before the check, in one upsert: parallel guesses cannot slip past the limits.
  const refused = firstRefusal(await hitRateLimits(db, claims, now));
  if (refused)
    return fail(`Too many wrong passwords. Try again in ${formatWait(refused.retryAfterSeconds)}.`, {
      retryAfterSeconds: refused.retryAfterSeconds,
    });
  const [user] = await db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, input.userId));
  if (await verifyPassword(user?.passwordHash, input.password)) {
    // The right password ends the run of failures, here as at sign-in.
    await resetRateLimits(
      db,
      claims.map((c) => c.key),
    );
    return ok();
  }
  return fail('That password is not right. Enter the password you sign in with.');
}
