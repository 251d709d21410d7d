import { and, eq, gt, ne } from 'drizzle-orm';
import type { Db } from '../db/client';
import { recoveryRequests, users } from '../db/schema';
import { resetUserTwoFactorInTx } from '../admin/reset-user-2fa';
import { recordAudit } from '../audit/record';
import { formatDuration } from '../format-duration';
import { RECOVERY_SIGN_IN_LIFETIME_MS } from '../limits';
import { notifyUser } from '../messaging/notify-user';
import { fail, ok, type Result } from '../result';

export const NOT_PENDING_MESSAGE =
  'This request is no longer waiting for approval: it was cancelled, expired or already handled.';

class ResetRefused extends Error {}

/**
 * An admin's "Reset 2FA" on a recovery request. The request is claimed with one conditional
 * UPDATE scoped to the admin's company (another company's id matches nothing), still waiting,
 * unexpired and not the admin's own; then resetUserTwoFactor removes the factors. Both happen in
 * one transaction, so a request is never marked approved without the reset, nor the reverse.
 * The approval also stands in for the lost factor once: until its new expiry the user's next
 * sign-in needs only the password (signInWithApprovedRecovery), so a user whose codes go to an
 * inbox they cannot open is not sent back to it.
 */
export async function approveRecovery(
  db: Db,
  input: { companyId: string; actorUserId: string; requestId: string; ip?: string | null; now?: Date },
): Promise<Result<{ user: { id: string; name: string; email: string } }>> {
  const now = input.now ?? new Date();
  let approved;
  try {
    approved = await db.transaction(async (tx) => {
      const [request] = await tx
        .update(recoveryRequests)
        .set({
          status: 'approved',
          resolvedBy: input.actorUserId,
          resolvedAt: now,
          expiresAt: new Date(now.getTime() + RECOVERY_SIGN_IN_LIFETIME_MS),
        })
        .where(
          and(
            eq(recoveryRequests.id, input.requestId),
            eq(recoveryRequests.companyId, input.companyId),
            eq(recoveryRequests.status, 'awaiting_admin'),
            gt(recoveryRequests.expiresAt, now),
            ne(recoveryRequests.userId, input.actorUserId),
          ),
        )
        .returning();
      if (!request) return null;
      const reset = await resetUserTwoFactorInTx(tx, {
        companyId: input.companyId,
        actorUserId: input.actorUserId,
        targetUserId: request.userId,
        reason: 'recovery request',
        ip: input.ip,
      });
      if (!reset) throw new ResetRefused();
      await recordAudit(tx, {
        type: 'recovery.approved',
        companyId: input.companyId,
        actorUserId: input.actorUserId,
        targetUserId: request.userId,
        detail: { requestId: request.id },
        ip: input.ip,
      });
      return request;
    });
  } catch (error) {
    if (error instanceof ResetRefused) return fail(NOT_PENDING_MESSAGE);
    throw error;
  }
  if (!approved) return fail(NOT_PENDING_MESSAGE);

  const [user] = await db.select().from(users).where(eq(users.id, approved.userId));
  await notifyUser(db, {
    user,
    subject: 'Your recovery request was approved',
    paragraphs: [
      'An administrator of your company approved your request: two-factor authentication on your Latchkey account was reset, and you were signed out everywhere. Your authenticator app and backup codes no longer work.',
      `Sign in with your password within ${formatDuration(RECOVERY_SIGN_IN_LIFETIME_MS)}: that once, you won’t be asked for a second factor. Then set up your authenticator app again from Account › Security and save a new set of backup codes.`,
    ],
  });
  return ok({ user: { id: user.id, name: user.name, email: user.email } });
}
