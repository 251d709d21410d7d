import { inArray } from 'drizzle-orm';
import type { Db } from '../db/client';
import { rateLimits } from '../db/schema';
import { recordAudit } from '../audit/record';
import { notifyUser } from '../messaging/notify-user';
import { ADMIN_CHANGE_FOOTER } from '../messaging/templates/security-notice';
import { lockoutKeys } from '../rate-limit/limit-keys';
import { findCompanyUser } from './find-company-user';
import { fail, ok, type Result } from '../result';
import { isSelf, SELF_SERVICE_ONLY, USER_NOT_FOUND } from './messages';

/**
 * Clears the failure counters of a user of the admin's company, for someone locked out after too
 * many wrong passwords or codes (the cap of 100 consecutive failures otherwise lasts 30 days).
 * It changes no password and no factor. Audited, and the user is emailed (`emailed`: it went).
 */
export async function unlockUserSignIn(
  db: Db,
  input: { companyId: string; actorUserId: string; targetUserId: string; ip?: string | null },
): Promise<Result<{ cleared: number; emailed: boolean }>> {
  // Own account: a stolen session must not clear the lockout that stops it guessing the password.
  if (isSelf(input)) return fail(SELF_SERVICE_ONLY);
  const target = await findCompanyUser(db, { companyId: input.companyId, userId: input.targetUserId });
  if (!target) return fail(USER_NOT_FOUND);
  const cleared = await db.transaction(async (tx) => {
    const rows = await tx
      .delete(rateLimits)
      .where(inArray(rateLimits.key, lockoutKeys(target.user.id)))
      .returning({ key: rateLimits.key });
    await recordAudit(tx, {
      type: 'user.sign_in_unlocked',
      companyId: input.companyId,
      actorUserId: input.actorUserId,
      targetUserId: target.user.id,
      detail: { cleared: rows.length },
      ip: input.ip,
    });
    return rows.length;
  });
  const emailed = await notifyUser(db, {
    user: target.user,
    subject: 'Sign-in was unlocked for your account',
    paragraphs: [
      'An administrator cleared the failed sign-in attempts on your Latchkey account, so you can try again. Your password and second factor are unchanged.',
    ],
    footer: ADMIN_CHANGE_FOOTER,
  });
  return ok({ cleared, emailed });
}
