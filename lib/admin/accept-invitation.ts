import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { invitations, users } from '../db/schema';
import { checkNewPassword, newPasswordLimit } from '../accounts/check-new-password';
import { recordAudit } from '../audit/record';
import { hashPassword } from '../crypto/password';
import { hashToken } from '../crypto/tokens';
import { fail, ok, type Result } from '../result';
import { findInvitation, INVITATION_MESSAGES } from './find-invitation';

/**
 * Sets an invited user's first password; a password the rules refuse comes back as the
 * `password` field's error, a link that cannot be used as the page's message. The invitation is consumed by one conditional UPDATE
 * (unused and unexpired, RETURNING), in the transaction that sets the password and writes the
 * audit row: of any number of concurrent submissions exactly one wins. A deactivated user's
 * invitation never works.
 */
export async function acceptInvitation(
  db: Db,
  input: { token: string; password: string; ip?: string | null; now?: Date },
): Promise<Result<{ email: string }>> {
  const now = input.now ?? new Date();
  const found = await findInvitation(db, { token: input.token, now });
  if (found.state !== 'valid') return fail(INVITATION_MESSAGES[found.state]);
  const check = await checkNewPassword(db, {
    password: input.password,
    userInputs: [found.email, found.name, found.companyName],
    countAgainst: [newPasswordLimit(found.userId)],
    now,
  });
  if (!check.ok)
    return fail(check.error, { fieldErrors: { password: check.error }, retryAfterSeconds: check.retryAfterSeconds });
  const passwordHash = await hashPassword(input.password);
  const accepted = await db.transaction(async (tx) => {
    const [invitation] = await tx
      .update(invitations)
      .set({ usedAt: now })
      .where(
        and(
          eq(invitations.tokenHash, hashToken(input.token)),
          isNull(invitations.usedAt),
          gt(invitations.expiresAt, now),
          sql`exists (select 1 from ${users} where ${users.id} = ${invitations.userId} and not ${users.disabled})`,
        ),
      )
      .returning({ userId: invitations.userId });
    if (!invitation) return null;
    const [user] = await tx.update(users).set({ passwordHash }).where(eq(users.id, invitation.userId)).returning();
    await recordAudit(tx, {
      type: 'invitation.accepted',
      companyId: user.companyId,
      actorUserId: user.id,
      targetUserId: user.id,
      ip: input.ip,
    });
    return user;
  });
  if (accepted) return ok({ email: accepted.email });
  // Lost a race with another submission, or expired meanwhile: say which.
  const after = await findInvitation(db, { token: input.token, now });
  return fail(INVITATION_MESSAGES[after.state === 'valid' ? 'invalid' : after.state]);
}
