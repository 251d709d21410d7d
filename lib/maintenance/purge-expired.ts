import { lt, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { loginChallenges, rateLimits, sessions } from '../db/schema';

/**
 * Deletes rows that can never be used again: expired sign-in challenges (with their codes),
 * sessions and rate-limit windows. Safe to run on every instance at any time.
 */
export async function purgeExpired(
  db: DbOrTx,
  now = new Date(),
): Promise<{ challenges: number; sessions: number; rateLimits: number }> {
  const at = sql`${now.toISOString()}::timestamptz`;
  const challenges = await db
    .delete(loginChallenges)
    .where(lt(loginChallenges.expiresAt, at))
    .returning({ id: loginChallenges.id });
  const ended = await db.delete(sessions).where(lt(sessions.expiresAt, at)).returning({ id: sessions.id });
  const windows = await db.delete(rateLimits).where(lt(rateLimits.windowEndsAt, at)).returning({ key: rateLimits.key });
  return { challenges: challenges.length, sessions: ended.length, rateLimits: windows.length };
}
