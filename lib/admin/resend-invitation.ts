import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../db/client';
import { users } from '../db/schema';
import { recordAudit } from '../audit/record';
import { isUserId } from './find-company-user';
import { countInvitation, createInvitation, emailInvitation } from './issue-invitation';
import { fail, ok, type Result } from '../result';
import { USER_NOT_FOUND } from './messages';

export const RESEND_DEACTIVATED = 'This user is deactivated. Reactivate them first, then send the invitation again.';

/**
 * Sends a fresh invitation link to a user of the admin's company who has not set a password yet;
 * the older links stop working. A user with a password is not re-invited (that would let an admin
 * take over their account by link), nor is a deactivated one.
 */
export async function resendInvitation(
  db: Db,
  input: { companyId: string; actorUserId: string; targetUserId: string; ip?: string | null; now?: Date },
): Promise<Result<{ emailSent: boolean }>> {
  if (!isUserId(input.targetUserId)) return fail(USER_NOT_FOUND);
  const now = input.now ?? new Date();
  const counted = await countInvitation(db, { ...input, now });
  if (!counted.ok) return counted;
  const issued = await db.transaction(async (tx) => {
    const [user] = await tx
      .select()
      .from(users)
      .where(and(eq(users.id, input.targetUserId), eq(users.companyId, input.companyId), isNull(users.passwordHash)))
      .for('update');
    if (!user) return null;
    if (user.disabled) return 'deactivated' as const;
    const token = await createInvitation(tx, { userId: user.id, invitedBy: input.actorUserId, now });
    await recordAudit(tx, {
      type: 'user.reinvited',
      companyId: input.companyId,
      actorUserId: input.actorUserId,
      targetUserId: user.id,
      ip: input.ip,
    });
    return { user, token };
  });
  if (!issued) return fail('No invited user of your company is waiting for this link.');
  if (issued === 'deactivated') return fail(RESEND_DEACTIVATED);
  return ok({
    emailSent: await emailInvitation(db, { user: issued.user, actorUserId: input.actorUserId, token: issued.token }),
  });
}
