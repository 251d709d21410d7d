import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/client';
import { emailChanges, invitations, passwordResets, users, type User } from '../db/schema';
import { appUrl } from '../app-url';
import { hashToken, newToken } from '../crypto/tokens';
import { formatDuration } from '../format-duration';
import { EMAIL_CHANGE_LIFETIME_MS } from '../limits';
import { maskEmail } from '../messaging/mask';
import { notifyUser } from '../messaging/notify-user';
import { ADMIN_CHANGE_FOOTER } from '../messaging/templates/security-notice';

export type EmailChangeRequest = { user: User; newEmail: string; token: string; taken: boolean };

/**
 * The writes of an admin's email change, for the edit's transaction. The account keeps its address
 * until the new one confirms by link, so the admin's answer never depends on whether the address
 * belongs to someone else (another company's user). Links already sent to the old address die now
 * (an invitation, a password reset): the admin is moving the account off that mailbox.
 */
export async function requestEmailChangeInTx(
  tx: DbOrTx,
  input: { user: User; newEmail: string; actorUserId: string; now: Date },
): Promise<EmailChangeRequest> {
  const { user, now } = input;
  await voidEmailChanges(tx, user.id, now);
  await voidLinksToOldAddress(tx, user.id, now);
  const token = newToken();
  await tx.insert(emailChanges).values({
    userId: user.id,
    newEmail: input.newEmail,
    tokenHash: hashToken(token),
    requestedBy: input.actorUserId,
    createdAt: now,
    expiresAt: new Date(now.getTime() + EMAIL_CHANGE_LIFETIME_MS),
  });
  const [owner] = await tx
    .select({ id: users.id })
    .from(users)
    .where(sql`lower(${users.email}) = ${input.newEmail}`);
  return { user, newEmail: input.newEmail, token, taken: Boolean(owner) };
}

/** Pending changes of a user's email stop working (a newer one replaces them, or it was cancelled). */
export async function voidEmailChanges(tx: DbOrTx, userId: string, now: Date): Promise<void> {
  await tx
    .update(emailChanges)
    .set({ expiresAt: now })
    .where(and(eq(emailChanges.userId, userId), isNull(emailChanges.usedAt)));
}

/** Unused invitation and password-reset links of a user stop working. */
export async function voidLinksToOldAddress(tx: DbOrTx, userId: string, now: Date): Promise<void> {
  await tx
    .update(invitations)
    .set({ expiresAt: now })
    .where(and(eq(invitations.userId, userId), isNull(invitations.usedAt)));
  await tx
    .update(passwordResets)
    .set({ expiresAt: now })
    .where(and(eq(passwordResets.userId, userId), isNull(passwordResets.usedAt)));
}

/**
 * After the commit: the new address gets the confirmation link, or, when it already belongs to an
 * account, a note that nothing changed (no link, and nothing the admin's screen can see); the old
 * address hears that a change was asked for. Both are sent either way, so timing tells nothing.
 * True when the message to the new address went (the link, or the note when it is taken).
 */
export async function sendEmailChangeMail(db: Db, request: EmailChangeRequest): Promise<boolean> {
  const { user, newEmail, token, taken } = request;
  const valid = formatDuration(EMAIL_CHANGE_LIFETIME_MS);
  const linkSent = await notifyUser(db, {
    user: taken ? { ...user, name: 'there', email: newEmail } : { ...user, email: newEmail },
    subject: 'Confirm your new email address for Latchkey',
    paragraphs: taken
      ? [
          'An administrator asked to use this address for an account on Latchkey, but it already belongs to an account. Nothing was changed.',
          'If you expected this, ask the administrator to choose another address.',
        ]
      : [
          `An administrator of your company asked to change the email address of your Latchkey account to this one. To confirm, open this link within ${valid}: ${appUrl(`/confirm-email/${token}`)}`,
          'Until you confirm, you keep signing in with your current address.',
        ],
    footer: ADMIN_CHANGE_FOOTER,
  });
  await notifyUser(db, {
    user,
    subject: 'A change of your email address was requested',
    paragraphs: [
      `An administrator of your company asked to change the email address of your Latchkey account to ${maskEmail(newEmail)}. It changes only when someone opens the link we sent to that address.`,
      'Password-reset links sent to this address before no longer work.',
    ],
    footer: ADMIN_CHANGE_FOOTER,
  });
  return linkSent;
}
