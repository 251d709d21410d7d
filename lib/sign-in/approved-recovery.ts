import { and, desc, eq, gt, isNull, lt } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/client';
import { loginChallenges, recoveryRequests, users } from '../db/schema';
import { recordAudit } from '../audit/record';
import { CHALLENGE_MAX_ATTEMPTS } from '../limits';
import { fail, ok, type Result } from '../result';
import { findChallenge } from './find-challenge';
import { EXPIRED_MESSAGE } from './messages';

export const NO_APPROVED_RECOVERY_MESSAGE =
  'There is no approved recovery request for your account, or it was already used. Use your second factor, or ask your administrator again.';

/** An admin's approval that can still stand in for the user's second factor once, and until when. */
export async function findApprovedRecovery(
  db: DbOrTx,
  input: { userId: string; now?: Date },
): Promise<{ until: Date; approvedBy: string | null } | null> {
  const now = input.now ?? new Date();
  const [row] = await db
    .select({ until: recoveryRequests.expiresAt, approvedBy: users.name })
    .from(recoveryRequests)
    .leftJoin(users, eq(users.id, recoveryRequests.resolvedBy))
    .where(
      and(
        eq(recoveryRequests.userId, input.userId),
        eq(recoveryRequests.status, 'approved'),
        gt(recoveryRequests.expiresAt, now),
      ),
    )
    .orderBy(desc(recoveryRequests.expiresAt))
    .limit(1);
  return row ?? null;
}

/**
 * Passes the sign-in behind `token` (password proven) with an admin-approved recovery request
 * instead of the lost factor. In one transaction: the challenge row is locked while still open,
 * the approval is spent with one conditional UPDATE (of two sign-ins racing, one wins; it works
 * once), and the challenge is passed with method 'recovery', audited with the request's id. The
 * session is then redeemed like any other (redeemChallenge).
 */
export async function signInWithApprovedRecovery(
  db: Db,
  input: { token: string; ip?: string | null; now?: Date },
): Promise<Result<{ userId: string }>> {
  const now = input.now ?? new Date();
  const open = await findChallenge(db, input.token, now);
  if (!open) return fail(EXPIRED_MESSAGE, { restart: true });
  const { challenge, user } = open;
  if (!open.policy.required) return fail(NO_APPROVED_RECOVERY_MESSAGE);
  const passed = await db.transaction(async (tx) => {
    const stillOpen = and(
      eq(loginChallenges.id, challenge.id),
      isNull(loginChallenges.passedAt),
      gt(loginChallenges.expiresAt, now),
      lt(loginChallenges.attempts, CHALLENGE_MAX_ATTEMPTS),
    );
    const [locked] = await tx.select({ id: loginChallenges.id }).from(loginChallenges).where(stillOpen).for('update');
    if (!locked) return 'expired' as const;
    const [request] = await tx
      .update(recoveryRequests)
      .set({ status: 'used' })
      .where(
        and(
          eq(recoveryRequests.userId, user.id),
          eq(recoveryRequests.status, 'approved'),
          gt(recoveryRequests.expiresAt, now),
        ),
      )
      .returning({ id: recoveryRequests.id });
    if (!request) return 'none' as const;
    await tx.update(loginChallenges).set({ passedAt: now, passedMethod: 'recovery' }).where(stillOpen);
    // The same event as any passed factor; its method and request say an admin's approval stood in.
    await recordAudit(tx, {
      type: 'auth.second_factor_passed',
      companyId: user.companyId,
      actorUserId: user.id,
      targetUserId: user.id,
      detail: { method: 'recovery', requestId: request.id },
      ip: challenge.ip,
    });
    return 'passed' as const;
  });
  if (passed === 'expired') return fail(EXPIRED_MESSAGE, { restart: true });
  if (passed === 'none') return fail(NO_APPROVED_RECOVERY_MESSAGE);
  return ok({ userId: user.id });
}
