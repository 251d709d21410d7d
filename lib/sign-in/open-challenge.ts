import type { DbOrTx } from '../db/client';
import { loginChallenges } from '../db/schema';
import { hashToken, newToken } from '../crypto/tokens';
import { LOGIN_CHALLENGE_LIFETIME_MS } from '../limits';

/**
 * Records that a user proved their password. When no second factor applies the challenge is
 * born passed; otherwise a second factor (or a trusted browser) must pass it. Only the token's hash is stored; the token
 * goes to the browser in an httpOnly cookie.
 */
export async function openChallenge(
  db: DbOrTx,
  input: {
    userId: string;
    factorRequired: boolean;
    /** A trusted browser stands in for the second factor: the challenge is born passed by it. */
    passedMethod?: 'trusted_browser';
    ip?: string | null;
    now?: Date;
  },
): Promise<{ id: string; token: string }> {
  const now = input.now ?? new Date();
  const token = newToken();
  const [row] = await db
    .insert(loginChallenges)
    .values({
      tokenHash: hashToken(token),
      userId: input.userId,
      factorRequired: input.factorRequired,
      passedAt: input.factorRequired && !input.passedMethod ? null : now,
      passedMethod: input.passedMethod ?? null,
      ip: input.ip ?? null,
      createdAt: now,
      expiresAt: new Date(now.getTime() + LOGIN_CHALLENGE_LIFETIME_MS),
    })
    .returning({ id: loginChallenges.id });
  return { id: row.id, token };
}
