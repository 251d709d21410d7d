import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { backupCodes, totpCredentials, users } from '../db/schema';
import { recordAudit } from '../audit/record';
import { notifyUser } from '../messaging/notify-user';
import { revokeOtherSessions } from '../sessions/sessions';

/**
 * "Reset 2FA": clears a user's authenticator, backup codes and preferred method and ends their
 * sessions, in one transaction. The target must belong to the admin's company: the company id
 * is part of the query, so an id from another company matches nothing.
 */
export async function resetUserTwoFactor(
  db: Db,
  input: { companyId: string; actorUserId: string; targetUserId: string; reason?: string; ip?: string | null },
): Promise<{ ok: true } | { ok: false; error: string }> {
  const target = await db.transaction(async (tx) => {
    const [user] = await tx
      .update(users)
      .set({ preferredMethod: null })
      .where(and(eq(users.id, input.targetUserId), eq(users.companyId, input.companyId)))
      .returning();
    if (!user) return null;
    await tx.delete(totpCredentials).where(eq(totpCredentials.userId, user.id));
    await tx.delete(backupCodes).where(eq(backupCodes.userId, user.id));
    await revokeOtherSessions(tx, user.id);
    await recordAudit(tx, {
      type: '2fa.reset_by_admin',
      companyId: input.companyId,
      actorUserId: input.actorUserId,
      targetUserId: user.id,
      detail: input.reason ? { reason: input.reason } : {},
      ip: input.ip,
    });
    return user;
  });
  if (!target) return { ok: false, error: 'No such user in your company.' };
  await notifyUser(db, {
    user: target,
    subject: 'Your two-factor authentication was reset',
    paragraphs: [
      'An administrator of your company reset two-factor authentication on your Latchkey account: your authenticator app and backup codes no longer work, and you were signed out everywhere.',
      'Next time you sign in you will get a code by SMS or email; you can then set up an authenticator app again from Account › Security.',
    ],
  });
  return { ok: true };
}
