import { and, eq } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/client';
import { backupCodes, totpCredentials, users, webauthnCredentials, type User } from '../db/schema';
import { recordAudit } from '../audit/record';
import { notifyUser } from '../messaging/notify-user';
import { ADMIN_CHANGE_FOOTER } from '../messaging/templates/security-notice';
import { revokeOtherSessions } from '../sessions/sessions';
import { secondFactorKeys } from '../rate-limit/limit-keys';
import { resetRateLimits } from '../rate-limit/hit';
import { fail, ok, type Result } from '../result';
import { isUserId } from './find-company-user';
import { isSelf, SELF_SERVICE_ONLY, USER_NOT_FOUND } from './messages';

export const RESET_NOTICE = {
  subject: 'Your two-factor authentication was reset',
  paragraphs: [
    'An administrator of your company reset two-factor authentication on your Latchkey account: your authenticator app, backup codes, passkeys and security keys no longer work, and you were signed out everywhere.',
    'Next time you sign in you may get a code by SMS or email; you can then set up an authenticator app again from Account › Security.',
  ],
};

type ResetInput = { companyId: string; actorUserId: string; targetUserId: string; reason?: string; ip?: string | null };

/**
 * The writes of "Reset 2FA", for a caller's transaction: clears the user's authenticator, backup
 * codes, passkeys and preferred method, ends their sessions and audits. The company id is part of the
 * query, so an id from another company matches nothing (returns null). Sends no email: the
 * caller does that after its commit.
 */
export async function resetUserTwoFactorInTx(tx: DbOrTx, input: ResetInput): Promise<User | null> {
  // Own account: the self-service pages ask for the password again; a hijacked admin session must
  // not be able to strip its own second factor here.
  if (!isUserId(input.targetUserId) || isSelf(input)) return null;
  const [user] = await tx
    .update(users)
    .set({ preferredMethod: null })
    .where(and(eq(users.id, input.targetUserId), eq(users.companyId, input.companyId)))
    .returning();
  if (!user) return null;
  await tx.delete(totpCredentials).where(eq(totpCredentials.userId, user.id));
  await tx.delete(backupCodes).where(eq(backupCodes.userId, user.id));
  await tx.delete(webauthnCredentials).where(eq(webauthnCredentials.userId, user.id));
  await revokeOtherSessions(tx, user.id);
  // A user locked out by wrong codes starts afresh with their new method.
  await resetRateLimits(tx, secondFactorKeys(user.id));
  await recordAudit(tx, {
    type: '2fa.reset_by_admin',
    companyId: input.companyId,
    actorUserId: input.actorUserId,
    targetUserId: user.id,
    detail: input.reason ? { reason: input.reason } : {},
    ip: input.ip,
  });
  return user;
}

/** "Reset 2FA" by an admin of the user's company, in one transaction, then the user is emailed (`emailed`: it went). */
export async function resetUserTwoFactor(db: Db, input: ResetInput): Promise<Result<{ emailed: boolean }>> {
  const target = await db.transaction((tx) => resetUserTwoFactorInTx(tx, input));
  if (!target) return fail(isSelf(input) ? SELF_SERVICE_ONLY : USER_NOT_FOUND);
  const emailed = await notifyUser(db, { user: target, ...RESET_NOTICE, footer: ADMIN_CHANGE_FOOTER });
  return ok({ emailed });
}
