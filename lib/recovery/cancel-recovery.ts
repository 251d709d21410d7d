import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client';
import { recoveryRequests, users } from '../db/schema';
import { recordAudit } from '../audit/record';
import { hashToken } from '../crypto/tokens';
import { notifyUser } from '../messaging/notify-user';
import { fail, ok, type Result } from '../result';
import { describeRecoveryLink, RECOVERY_LINK_MESSAGES } from './describe-recovery-link';
import { OPEN_STATUSES } from './start-recovery';

/**
 * The cancel link from the emails: stops an open request so no admin can approve it. One
 * conditional UPDATE, so a cancel and an approval racing each other cannot both succeed.
 */
export async function cancelRecovery(
  db: Db,
  input: { token: string; ip?: string | null; now?: Date },
): Promise<Result> {
  const now = input.now ?? new Date();
  const cancelled = await db.transaction(async (tx) => {
    const [request] = await tx
      .update(recoveryRequests)
      .set({ status: 'cancelled', resolvedAt: now })
      .where(
        and(
          eq(recoveryRequests.cancelTokenHash, hashToken(input.token)),
          inArray(recoveryRequests.status, [...OPEN_STATUSES]),
        ),
      )
      .returning();
    if (!request) return null;
    await recordAudit(tx, {
      type: 'recovery.cancelled',
      companyId: request.companyId,
      targetUserId: request.userId,
      detail: { requestId: request.id },
      ip: input.ip,
    });
    return request;
  });
  if (!cancelled) {
    const { state } = await describeRecoveryLink(db, { kind: 'cancel', token: input.token, now });
    return fail(state === 'open' ? RECOVERY_LINK_MESSAGES.unknown : RECOVERY_LINK_MESSAGES[state]);
  }
  const [user] = await db.select().from(users).where(eq(users.id, cancelled.userId));
  await notifyUser(db, {
    user,
    subject: 'Your recovery request was cancelled',
    paragraphs: [
      'The request to reset two-factor authentication on your Latchkey account was cancelled. Nothing about how you sign in changed.',
      'If you didn’t ask for it in the first place, someone knows your password: change it now.',
    ],
  });
  return ok();
}
