import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { users } from '../db/schema';
import { verifyPassword } from '../crypto/password';
import { hitRateLimit, resetRateLimit } from '../rate-limit/hit';
import { rateLimits } from '../db/schema';
import { PASSWORD_WINDOW_MS, REAUTH_FAILURES_PER_ACCOUNT } from '../limits';

export type Reauth = { ok: true } | { ok: false; error: string };

/**
 * Asks a signed-in user for their password again before a security change (enable, disable,
 * regenerate, security question). Failures are limited per account, so a stolen session cannot
 * be used to guess the password.
 */
export async function confirmPassword(db: DbOrTx, input: { userId: string; password: string; now?: Date }): Promise<Reauth> {
  const now = input.now ?? new Date();
  const key = `reauth:${input.userId}`;
  const [failures] = await db.select().from(rateLimits).where(eq(rateLimits.key, key));
  if (failures && failures.windowEndsAt > now && failures.count >= REAUTH_FAILURES_PER_ACCOUNT) {
    const minutes = Math.ceil((failures.windowEndsAt.getTime() - now.getTime()) / 60_000);
    return { ok: false, error: `Too many wrong passwords. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.` };
  }
  const [user] = await db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, input.userId));
  if (await verifyPassword(user?.passwordHash, input.password)) {
    await resetRateLimit(db, key);
    return { ok: true };
  }
  await hitRateLimit(db, { key, limit: REAUTH_FAILURES_PER_ACCOUNT, windowMs: PASSWORD_WINDOW_MS, now });
  return { ok: false, error: 'That password is not right. Enter the password you sign in with.' };
}
