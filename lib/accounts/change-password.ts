import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { users, type User } from '../db/schema';
import { recordAudit } from '../audit/record';
import { hashPassword } from '../crypto/password';
import { notifyUser } from '../messaging/notify-user';
import { revokeOtherSessions } from '../sessions/sessions';
import { confirmPassword } from './confirm-password';
import { fail, ok, type Result } from '../result';
import { checkNewPassword, newPasswordLimit } from './check-new-password';

const onField = (field: 'currentPassword' | 'newPassword', error: string, retryAfterSeconds?: number) =>
  fail(error, { fieldErrors: { [field]: error }, retryAfterSeconds });

/**
 * Changes a signed-in user's password: the current one first (rate-limited), then the strength
 * rules. The new hash, the end of every other session and the audit row commit together.
 */
export async function changePassword(
  db: Db,
  input: { user: User; sessionId: string; currentPassword: string; newPassword: string; ip?: string | null },
): Promise<Result> {
  const reauth = await confirmPassword(db, { userId: input.user.id, password: input.currentPassword });
  if (!reauth.ok) return onField('currentPassword', reauth.error, reauth.retryAfterSeconds);
  if (input.newPassword === input.currentPassword)
    return onField('newPassword', 'Choose a password different from your current one.');
  const check = await checkNewPassword(db, {
    password: input.newPassword,
    userInputs: [input.user.email, input.user.name, input.user.username ?? ''],
    countAgainst: [newPasswordLimit(input.user.id)],
  });
  if (!check.ok) return onField('newPassword', check.error, check.retryAfterSeconds);
  const passwordHash = await hashPassword(input.newPassword);
  await db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash }).where(eq(users.id, input.user.id));
    await revokeOtherSessions(tx, input.user.id, input.sessionId);
    await recordAudit(tx, {
      type: 'password.changed',
      companyId: input.user.companyId,
      actorUserId: input.user.id,
      targetUserId: input.user.id,
      ip: input.ip,
    });
  });
  await notifyUser(db, {
    user: input.user,
    subject: 'Your password was changed',
    paragraphs: ['The password of your Latchkey account was changed, and your other sessions were signed out.'],
  });
  return ok();
}
