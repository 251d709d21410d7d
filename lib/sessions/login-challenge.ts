import { and, eq, gt, isNotNull } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { loginChallenges, users } from '../db/schema';
import { hashToken, newToken } from '../crypto/tokens';
import { LOGIN_CHALLENGE_LIFETIME_MS } from '../limits';

/**
 * Records that a user proved their password. When no second factor applies the challenge is
 * born passed; otherwise a second factor must pass it. Returns the token for the httpOnly cookie.
 */
export async function createLoginChallenge(
  db: DbOrTx,
  input: { userId: string; factorRequired: boolean; ip?: string | null; now?: Date },
): Promise<string> {
  return (await openLoginChallenge(db, input)).token;
}

/** Like createLoginChallenge, also returning the row's id (to attach an SMS/email code to it). */
export async function openLoginChallenge(
  db: DbOrTx,
  input: { userId: string; factorRequired: boolean; ip?: string | null; now?: Date },
): Promise<{ id: string; token: string }> {
  const now = input.now ?? new Date();
  const token = newToken();
  const [row] = await db
    .insert(loginChallenges)
    .values({
      tokenHash: hashToken(token),
      userId: input.userId,
      factorRequired: input.factorRequired,
      passedAt: input.factorRequired ? null : now,
      ip: input.ip ?? null,
      createdAt: now,
      expiresAt: new Date(now.getTime() + LOGIN_CHALLENGE_LIFETIME_MS),
    })
    .returning({ id: loginChallenges.id });
  return { id: row.id, token };
}

/**
 * Exchanges a passed, unexpired challenge for the right to a session, exactly once: the row is
 * deleted in the same statement that reads it, so a second exchange finds nothing.
 */
export async function redeemLoginChallenge(
  db: DbOrTx,
  token: string,
  now = new Date(),
): Promise<{ userId: string; companyId: string; secondFactor: boolean } | null> {
  const [row] = await db
    .delete(loginChallenges)
    .where(
      and(
        eq(loginChallenges.tokenHash, hashToken(token)),
        isNotNull(loginChallenges.passedAt),
        gt(loginChallenges.expiresAt, now),
      ),
    )
    .returning({ userId: loginChallenges.userId, secondFactor: loginChallenges.factorRequired });
  if (!row) return null;
  const [user] = await db.select({ companyId: users.companyId }).from(users).where(eq(users.id, row.userId));
  return user ? { ...row, companyId: user.companyId } : null;
}
