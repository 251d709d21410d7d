import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { companies, users } from '../db/schema';
import { recordAudit } from '../audit/record';
import { notifyUser } from '../messaging/notify-user';
import { ADMIN_CHANGE_FOOTER } from '../messaging/templates/security-notice';
import { isUserId } from './find-company-user';
import { isSelf, SELF_SERVICE_ONLY, USER_NOT_FOUND } from './messages';
import { fail, ok, type Result } from '../result';
import { revokeOtherSessions } from '../sessions/sessions';

export type AdminMethod = 'otp' | 'duo';

const NOTICES: Record<AdminMethod, string> = {
  otp: 'When Latchkey asks for a second step, it will send you a 6-digit code by text message (or by email if your profile has no mobile number).',
  duo: 'Your administrator chose Duo as your second step: at your next sign-in Latchkey asks Duo (a push to your phone, a call or a passcode from Duo Mobile).',
};

/**
 * Sets the method a user of the admin's company is offered first: SMS/email codes, or Duo when
 * the company allows Duo. The company scope and the Duo check are part of the same queries.
 * `emailed` says whether the notice to the user really went.
 */
export async function setUserMethod(
  db: Db,
  input: { companyId: string; actorUserId: string; targetUserId: string; method: AdminMethod; ip?: string | null },
): Promise<Result<{ emailed: boolean }>> {
  if (!isUserId(input.targetUserId)) return fail(USER_NOT_FOUND);
  if (isSelf(input)) return fail(SELF_SERVICE_ONLY);
  const outcome = await db.transaction(async (tx) => {
    if (input.method === 'duo') {
      const [company] = await tx
        .select({ allowDuo: companies.allowDuo })
        .from(companies)
        .where(eq(companies.id, input.companyId));
      if (!company?.allowDuo)
        return 'Duo is not enabled for your company. Turn it on under Company › 2F Authentication first.';
    }
    const [user] = await tx
      .update(users)
      .set({ preferredMethod: input.method })
      .where(and(eq(users.id, input.targetUserId), eq(users.companyId, input.companyId)))
      .returning();
    if (!user) return USER_NOT_FOUND;
    await revokeOtherSessions(tx, user.id);
    await recordAudit(tx, {
      type: '2fa.method_set_by_admin',
      companyId: input.companyId,
      actorUserId: input.actorUserId,
      targetUserId: user.id,
      detail: { method: input.method },
      ip: input.ip,
    });
    return user;
  });
  if (typeof outcome === 'string') return fail(outcome);
  const emailed = await notifyUser(db, {
    user: outcome,
    subject: 'Your sign-in method was changed',
    paragraphs: [NOTICES[input.method]],
    footer: ADMIN_CHANGE_FOOTER,
  });
  return ok({ emailed });
}
