import type { DbOrTx } from '../db/client';
import type { User } from '../db/schema';
import { recordAudit } from '../audit/record';
import { sendEmail } from './send-email';
import { SecurityNoticeEmail } from './templates/security-notice';

/**
 * Emails a user about a change to their account. Sent after the change committed: a provider
 * outage must not undo a security change, so a failure is audited instead of thrown.
 */
export async function notifyUser(
  db: DbOrTx,
  input: { user: User; subject: string; paragraphs: string[]; footer?: string },
): Promise<boolean> {
  try {
    await sendEmail(db, {
      to: input.user.email,
      subject: input.subject,
      react: SecurityNoticeEmail({
        name: input.user.name,
        heading: input.subject,
        paragraphs: input.paragraphs,
        footer: input.footer,
      }),
    });
    return true;
  } catch (error) {
    await recordAudit(db, {
      type: 'email.failed',
      companyId: input.user.companyId,
      targetUserId: input.user.id,
      detail: { subject: input.subject, error: (error as Error).message },
    }).catch(() => {});
    return false;
  }
}
