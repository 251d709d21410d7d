import { and, eq, isNull } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/client';
import { companies, invitations, users, type User } from '../db/schema';
import { recordAudit } from '../audit/record';
import { appUrl } from '../app-url';
import { hashToken, newToken } from '../crypto/tokens';
import {
  DAY_MS,
  HOUR_MS,
  INVITATION_LIFETIME_MS,
  INVITATIONS_PER_ADMIN_PER_HOUR,
  INVITATIONS_PER_COMPANY_PER_DAY,
} from '../limits';
import { sendEmail } from '../messaging/send-email';
import { InvitationEmail } from '../messaging/templates/invitation';
import { firstRefusal, formatWait, hitRateLimits } from '../rate-limit/hit';
import { fail, ok, type Result } from '../result';

/**
 * Counts one invitation email (new or sent again) against the admin's hourly and the company's
 * daily limit, before any other work: invitations send mail in our name, to any address.
 */
export async function countInvitation(
  db: DbOrTx,
  input: { companyId: string; actorUserId: string; now: Date },
): Promise<Result> {
  const refused = firstRefusal(
    await hitRateLimits(
      db,
      [
        { key: `invite:admin:${input.actorUserId}`, limit: INVITATIONS_PER_ADMIN_PER_HOUR, windowMs: HOUR_MS },
        { key: `invite:company:${input.companyId}`, limit: INVITATIONS_PER_COMPANY_PER_DAY, windowMs: DAY_MS },
      ],
      input.now,
    ),
  );
  if (!refused) return ok();
  return fail(`Too many invitations sent. Try again in ${formatWait(refused.retryAfterSeconds)}.`, {
    retryAfterSeconds: refused.retryAfterSeconds,
  });
}

/**
 * Stores a new invitation for `userId` and returns its token; earlier unused links of the user stop
 * working, so only the newest email is live. Only the token's SHA-256 is stored. Call it inside
 * the transaction that creates or re-invites the user.
 */
export async function createInvitation(
  tx: DbOrTx,
  input: { userId: string; invitedBy: string; now: Date },
): Promise<string> {
  const token = newToken();
  await tx
    .update(invitations)
    .set({ expiresAt: input.now })
    .where(and(eq(invitations.userId, input.userId), isNull(invitations.usedAt)));
  await tx.insert(invitations).values({
    userId: input.userId,
    tokenHash: hashToken(token),
    invitedBy: input.invitedBy,
    createdAt: input.now,
    expiresAt: new Date(input.now.getTime() + INVITATION_LIFETIME_MS),
  });
  return token;
}

/**
 * Emails the invitation link, after the invitation committed. A provider failure is audited and
 * reported as false, not thrown: the admin can send the invitation again.
 */
export async function emailInvitation(
  db: Db,
  input: { user: User; actorUserId: string; token: string },
): Promise<boolean> {
  const [[company], [inviter]] = await Promise.all([
    db.select({ name: companies.name }).from(companies).where(eq(companies.id, input.user.companyId)),
    db.select({ name: users.name }).from(users).where(eq(users.id, input.actorUserId)),
  ]);
  try {
    await sendEmail(db, {
      to: input.user.email,
      subject: `Join ${company.name} on Latchkey`,
      react: InvitationEmail({
        name: input.user.name,
        companyName: company.name,
        inviterName: inviter?.name ?? 'An administrator',
        link: appUrl(`/invite/${input.token}`),
        hours: INVITATION_LIFETIME_MS / HOUR_MS,
      }),
    });
    return true;
  } catch (error) {
    await recordAudit(db, {
      type: 'email.failed',
      companyId: input.user.companyId,
      targetUserId: input.user.id,
      detail: { subject: 'invitation', error: (error as Error).message },
    });
    return false;
  }
}
