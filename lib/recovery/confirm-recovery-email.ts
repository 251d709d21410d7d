import { and, eq, gt } from 'drizzle-orm';
import type { Db } from '../db/client';
import { recoveryRequests, users } from '../db/schema';
import { appUrl } from '../app-url';
import { recordAudit } from '../audit/record';
import { hashToken } from '../crypto/tokens';
import { notifyCompanyAdmins } from '../messaging/notify-company-admins';
import { notifyUser } from '../messaging/notify-user';
import { fail, ok, type Result } from '../result';
import { recoveryCancelToken } from './cancel-token';
import { describeRecoveryLink, RECOVERY_LINK_MESSAGES } from './describe-recovery-link';

/**
 * The emailed link: proves the requester reads the account's inbox and hands the request to
 * the company's admins. One conditional UPDATE moves it from 'awaiting_email' exactly once,
 * and only before it expires. Nothing about the user's factors changes here.
 */
export async function confirmRecoveryEmail(
  db: Db,
  input: { token: string; ip?: string | null; now?: Date },
): Promise<Result> {
  const now = input.now ?? new Date();
  const confirmed = await db.transaction(async (tx) => {
    const [request] = await tx
      .update(recoveryRequests)
      .set({ status: 'awaiting_admin', emailVerifiedAt: now })
      .where(
        and(
          eq(recoveryRequests.emailTokenHash, hashToken(input.token)),
          eq(recoveryRequests.status, 'awaiting_email'),
          gt(recoveryRequests.expiresAt, now),
        ),
      )
      .returning();
    if (!request) return null;
    await recordAudit(tx, {
      type: 'recovery.email_confirmed',
      companyId: request.companyId,
      targetUserId: request.userId,
      detail: { requestId: request.id },
      ip: input.ip,
    });
    return request;
  });
  if (!confirmed) {
    const { state } = await describeRecoveryLink(db, { kind: 'confirm', token: input.token, now });
    return fail(state === 'open' ? RECOVERY_LINK_MESSAGES.unknown : RECOVERY_LINK_MESSAGES[state]);
  }

  const [user] = await db.select().from(users).where(eq(users.id, confirmed.userId));
  await notifyUser(db, {
    user,
    subject: 'Your recovery request was sent to your administrators',
    paragraphs: [
      'You confirmed your email address, so your request to reset two-factor authentication is now with your company’s Latchkey administrators.',
      'An administrator will check who you are, for example by calling you, before approving it. You will get another email when they do.',
      `If this wasn’t you, cancel the request and change your password: ${appUrl(`/recover/cancel/${recoveryCancelToken(confirmed.id)}`)}`,
    ],
  });
  await notifyCompanyAdmins(db, {
    permission: 'users:2fa',
    companyId: confirmed.companyId,
    subject: `Recovery request from ${user.name}`,
    paragraphs: [
      `${user.name} (${user.email}) lost their authenticator app and backup codes. They answered their security question and confirmed their email address.`,
      `Before you approve, make sure you are talking to ${user.name}: call them on a number you already know, or meet in person. Then open ${appUrl('/admin/users')} and choose “Reset 2FA”.`,
    ],
  });
  return ok();
}
