import { and, eq, gt, isNull } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/client';
import { uniqueViolation } from '../db/errors';
import { emailChanges, users } from '../db/schema';
import { recordAudit } from '../audit/record';
import { hashToken } from '../crypto/tokens';
import { notifyUser } from '../messaging/notify-user';
import { ADMIN_CHANGE_FOOTER } from '../messaging/templates/security-notice';
import { fail, ok, type Result } from '../result';
import { createInvitation, emailInvitation } from './issue-invitation';
import { voidLinksToOldAddress } from './request-email-change';

export const EMAIL_CHANGE_LINK_PROBLEM = 'This link has expired, was already used, or was replaced by a newer one.';
const TAKEN = 'This address now belongs to another account, so the change was not made.';

const live = (token: string, now: Date) =>
  and(eq(emailChanges.tokenHash, hashToken(token)), isNull(emailChanges.usedAt), gt(emailChanges.expiresAt, now));

/** The address a live link would confirm (reading it changes nothing: mail scanners fetch links). */
export async function findEmailChange(db: DbOrTx, token: string, now = new Date()): Promise<string | null> {
  const [row] = await db.select({ newEmail: emailChanges.newEmail }).from(emailChanges).where(live(token, now));
  return row?.newEmail ?? null;
}

/**
 * The new address confirms an admin's change of a user's email: the link is used up by one
 * conditional UPDATE in the transaction that changes the address, and links still out to the old
 * address die with it. A user invited but without a password gets their invitation at the new address.
 */
export async function confirmEmailChange(
  db: Db,
  input: { token: string; ip?: string | null; now?: Date },
): Promise<Result<{ email: string }>> {
  const now = input.now ?? new Date();
  let done;
  try {
    done = await db.transaction(async (tx) => {
      const [change] = await tx.update(emailChanges).set({ usedAt: now }).where(live(input.token, now)).returning();
      if (!change) return null;
      const [before] = await tx.select().from(users).where(eq(users.id, change.userId)).for('update');
      const [after] = await tx.update(users).set({ email: change.newEmail }).where(eq(users.id, before.id)).returning();
      await voidLinksToOldAddress(tx, after.id, now);
      const invitation =
        after.passwordHash || !change.requestedBy
          ? null
          : await createInvitation(tx, { userId: after.id, invitedBy: change.requestedBy, now });
      await recordAudit(tx, {
        type: 'user.email_changed',
        companyId: after.companyId,
        actorUserId: change.requestedBy,
        targetUserId: after.id,
        ip: input.ip,
      });
      return { before, after, invitation, requestedBy: change.requestedBy };
    });
  } catch (error) {
    if (uniqueViolation(error) === 'users_email_lower_idx') return fail(TAKEN);
    throw error;
  }
  if (!done) return fail(EMAIL_CHANGE_LINK_PROBLEM);
  const notice = {
    subject: 'Your email address was changed',
    paragraphs: [`Your Latchkey account now uses ${done.after.email}. Sign in with this address from now on.`],
    footer: ADMIN_CHANGE_FOOTER,
  };
  await notifyUser(db, { user: done.before, ...notice });
  if (done.invitation && done.requestedBy)
    await emailInvitation(db, { user: done.after, actorUserId: done.requestedBy, token: done.invitation });
  return ok({ email: done.after.email });
}
