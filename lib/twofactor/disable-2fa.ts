import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { backupCodes, totpCredentials, type User } from '../db/schema';
import { recordAudit } from '../audit/record';
import { confirmRecentOrPassword } from './confirm-recent';
import { notifyUser } from '../messaging/notify-user';
import { revokeOtherSessions } from '../sessions/sessions';
import { ok, type Result } from '../result';

/**
 * Turns 2FA off at once (after the password, or within the session's re-authentication window): the secret and every backup code are deleted, the user's other sessions
 * end and the change is audited, all in one transaction.
 */
export async function disableTwoFactor(
  db: Db,
  input: { user: User; sessionId: string; password?: string | null; ip?: string | null },
): Promise<Result> {
  const reauth = await confirmRecentOrPassword(db, input);
  if (!reauth.ok) return reauth;
  await db.transaction(async (tx) => {
    await tx.delete(totpCredentials).where(eq(totpCredentials.userId, input.user.id));
    await tx.delete(backupCodes).where(eq(backupCodes.userId, input.user.id));
    await recordAudit(tx, {
      type: '2fa.disabled',
      companyId: input.user.companyId,
      actorUserId: input.user.id,
      targetUserId: input.user.id,
      ip: input.ip,
    });
    await revokeOtherSessions(tx, input.user.id, input.sessionId);
  });
  await notifyUser(db, {
    user: input.user,
    subject: 'Two-factor authentication was disabled',
    paragraphs: [
      'Your Latchkey account no longer asks for an authenticator code, and your backup codes were deleted. Your other sessions were signed out.',
    ],
  });
  return ok();
}
