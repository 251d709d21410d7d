import { and, eq, gt, inArray, isNotNull } from 'drizzle-orm';
import type { Db } from '../db/client';
import { companies, loginChallenges, users } from '../db/schema';
import { hashToken } from '../crypto/tokens';
import { recordAudit } from '../audit/record';
import { trustBrowser, trustedBrowserDays } from '../sessions/trusted-browsers';

/** The factors that may make a browser trusted: a real second factor, never an approval or a trust. */
const TRUSTING_METHODS = ['totp', 'backup', 'otp', 'duo', 'passkey'];

/**
 * "Don't ask again on this browser": called after the second factor passed the challenge behind
 * `challengeToken` and before it is redeemed. Trusts the browser for the company's trust period
 * when the company allows it, audited in the same transaction; returns the cookie's token and its
 * expiry, or null (nothing passed, or the company does not allow it).
 */
export async function trustBrowserAfterFactor(
  db: Db,
  input: { challengeToken: string; userAgent?: string | null; ip?: string | null; now?: Date },
): Promise<{ token: string; expiresAt: Date } | null> {
  const now = input.now ?? new Date();
  const [row] = await db
    .select({ userId: users.id, companyId: users.companyId, days: companies.trustedBrowserDays })
    .from(loginChallenges)
    .innerJoin(users, eq(users.id, loginChallenges.userId))
    .innerJoin(companies, eq(companies.id, users.companyId))
    .where(
      and(
        eq(loginChallenges.tokenHash, hashToken(input.challengeToken)),
        isNotNull(loginChallenges.passedAt),
        inArray(loginChallenges.passedMethod, TRUSTING_METHODS),
        gt(loginChallenges.expiresAt, now),
        eq(loginChallenges.factorRequired, true),
      ),
    )
    .limit(1);
  if (!row || trustedBrowserDays(row.days) === 0) return null;
  return db.transaction(async (tx) => {
    const trusted = await trustBrowser(tx, { ...input, userId: row.userId, companyDays: row.days, now });
    if (!trusted) return null;
    await recordAudit(tx, {
      type: 'trusted_browser.added',
      companyId: row.companyId,
      actorUserId: row.userId,
      targetUserId: row.userId,
      detail: { days: trustedBrowserDays(row.days) },
      ip: input.ip,
    });
    return trusted;
  });
}
