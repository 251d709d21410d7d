import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../db/client';
import { totpCredentials, users } from '../db/schema';
import { recordAudit } from '../audit/record';
import { notifyUser } from '../messaging/notify-user';
import { ADMIN_CHANGE_FOOTER } from '../messaging/templates/security-notice';
import { revokeOtherSessions } from '../sessions/sessions';
import { WRONG_TOTP_MESSAGE } from '../twofactor/messages';
import { checkTotp } from '../twofactor/totp';
import { readTotpSecret } from '../twofactor/totp-credential';
import { totpState } from '../twofactor/totp-state';
import { TOTP_DIGITS } from '../limits';
import { fail, ok, type Result } from '../result';
import { findCompanyUser } from './find-company-user';
import { isSelf, SELF_SERVICE_ONLY, USER_NOT_FOUND } from './messages';

/**
 * Activates the authenticator an admin set up for a user of their company, with a code from the
 * user's phone. The matched time step is stored as used in the same UPDATE that confirms the
 * credential, so the code shown to the admin cannot be replayed to sign in as the user.
 * No backup codes are made here: the admin must never see them; the user creates their own.
 */
export async function activateUserTotp(
  db: Db,
  input: {
    companyId: string;
    actorUserId: string;
    actorSessionId?: string;
    targetUserId: string;
    code: string;
    ip?: string | null;
    now?: Date;
  },
): Promise<Result<{ emailed: boolean }>> {
  // Own account: enrolling here would skip the password Account › Security asks for.
  if (isSelf(input)) return fail(SELF_SERVICE_ONLY);
  const now = input.now ?? new Date();
  const target = await findCompanyUser(db, { companyId: input.companyId, userId: input.targetUserId });
  if (!target) return fail(USER_NOT_FOUND);
  // Only a setup this admin started, and is therefore showing, can be activated here.
  if (!target.totp || totpState(target.totp, input.actorUserId) !== 'pending')
    return fail('There is no authenticator setup in progress for this user. Choose “Set up authenticator app” first.');
  const check = checkTotp({ secret: readTotpSecret(target.totp), code: input.code, now });
  if (!check.valid) return fail(WRONG_TOTP_MESSAGE, { fieldErrors: { code: WRONG_TOTP_MESSAGE } });
  const user = await db.transaction(async (tx) => {
    const confirmed = await tx
      .update(totpCredentials)
      .set({ confirmedAt: now, lastUsedStep: check.timeStep })
      .where(
        and(
          eq(totpCredentials.userId, target.user.id),
          isNull(totpCredentials.confirmedAt),
          eq(totpCredentials.secretEncrypted, target.totp!.secretEncrypted),
        ),
      )
      .returning({ userId: totpCredentials.userId });
    if (confirmed.length !== 1) return null;
    const [updated] = await tx
      .update(users)
      .set({ preferredMethod: 'totp' })
      .where(and(eq(users.id, target.user.id), eq(users.companyId, input.companyId)))
      .returning();
    await recordAudit(tx, {
      type: '2fa.enabled_by_admin',
      companyId: input.companyId,
      actorUserId: input.actorUserId,
      targetUserId: updated.id,
      detail: { method: 'totp' },
      ip: input.ip,
    });
    // Like enabling it yourself: sessions that passed no authenticator end (the admin's own stays).
    await revokeOtherSessions(tx, updated.id, input.actorSessionId);
    return updated;
  });
  if (!user) return fail('This authenticator was activated meanwhile. Reload the page.');
  const emailed = await notifyUser(db, {
    user,
    footer: ADMIN_CHANGE_FOOTER,
    subject: 'An authenticator app was set up for you',
    paragraphs: [
      `An administrator of your company set up an authenticator app on your Latchkey account with you. From now on, sign-in asks for the ${TOTP_DIGITS}-digit code it shows.`,
      'Create your backup codes now from Account › Security: each one signs you in once if you lose your phone. Your other sessions were signed out.',
    ],
  });
  return ok({ emailed });
}
