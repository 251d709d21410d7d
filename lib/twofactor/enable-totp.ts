import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../db/client';
import { companies, totpCredentials, users, type User } from '../db/schema';
import { recordAudit } from '../audit/record';
import { confirmRecentOrPassword } from './confirm-recent';
import { notifyUser } from '../messaging/notify-user';
import { revokeOtherSessions } from '../sessions/sessions';
import { replaceBackupCodes } from './backup-code-store';
import { checkTotp } from './totp';
import { findPendingTotp, readTotpSecret } from './totp-credential';
import { WRONG_TOTP_MESSAGE } from './messages';
import { fail, ok, type Result } from '../result';

/**
 * Turns on authenticator-app 2FA: the password (or the session's re-authentication window) and a code from the pending secret prove the
 * user and the device. The confirming code is consumed, so it cannot be replayed to sign in.
 * Confirmation, backup codes, audit and revoking other sessions commit together.
 */
export async function enableTotp(
  db: Db,
  input: { user: User; sessionId: string; password?: string | null; code: string; ip?: string | null; now?: Date },
): Promise<Result<{ codes: string[] }>> {
  const now = input.now ?? new Date();
  const [company] = await db.select().from(companies).where(eq(companies.id, input.user.companyId));
  if (company?.twoFactorRequired && !company.allowTotp)
    return fail(
      'Your company does not use authenticator apps: you get a sign-in code by text message or email instead.',
    );
  const pending = await findPendingTotp(db, { userId: input.user.id, startedBy: input.user.id });
  if (!pending) return fail('There is no setup in progress. Choose “Set up” to start again.');
  const reauth = await confirmRecentOrPassword(db, { ...input, now });
  if (!reauth.ok) return reauth;
  const check = checkTotp({ secret: readTotpSecret(pending), code: input.code, now });
  if (!check.valid) return fail(WRONG_TOTP_MESSAGE, { fieldErrors: { code: WRONG_TOTP_MESSAGE } });

  const codes = await db.transaction(async (tx) => {
    const confirmed = await tx
      .update(totpCredentials)
      .set({ confirmedAt: now, lastUsedStep: check.timeStep })
      .where(
        and(
          eq(totpCredentials.userId, input.user.id),
          isNull(totpCredentials.confirmedAt),
          eq(totpCredentials.secretEncrypted, pending.secretEncrypted),
        ),
      )
      .returning({ userId: totpCredentials.userId });
    if (confirmed.length !== 1) return null;
    await tx.update(users).set({ preferredMethod: 'totp' }).where(eq(users.id, input.user.id));
    const created = await replaceBackupCodes(tx, input.user.id);
    await recordAudit(tx, {
      type: '2fa.enabled',
      companyId: input.user.companyId,
      actorUserId: input.user.id,
      targetUserId: input.user.id,
      detail: { method: 'totp' },
      ip: input.ip,
    });
    await revokeOtherSessions(tx, input.user.id, input.sessionId);
    return created;
  });
  if (!codes) return fail('Two-factor authentication is already on.');
  await notifyUser(db, {
    user: input.user,
    subject: 'Two-factor authentication is on',
    paragraphs: [
      'Your Latchkey account now asks for a code from your authenticator app when you sign in.',
      'Keep your backup codes somewhere safe: each one signs you in once if you lose your phone. Your other sessions were signed out.',
    ],
  });
  return ok({ codes });
}
