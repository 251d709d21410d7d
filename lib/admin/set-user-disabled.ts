import { and, eq, inArray } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/client';
import { recoveryRequests, users, type User } from '../db/schema';
import { recordAudit } from '../audit/record';
import { notifyUser } from '../messaging/notify-user';
import { ADMIN_CHANGE_FOOTER } from '../messaging/templates/security-notice';
import { revokeOtherSessions } from '../sessions/sessions';
import { LAST_ADMINISTRATOR, leavesNoKeeper, lockCompanyUsers } from '../roles/last-administrator';
import { fail, ok, type Result } from '../result';
import { isUserId } from './find-company-user';
import { isSelf, SELF_SERVICE_ONLY, USER_NOT_FOUND } from './messages';
import { offboardingRefusal } from './offboarding-checks';
import { voidEmailChanges, voidLinksToOldAddress } from './request-email-change';

export type SetUserDisabledInput = {
  companyId: string;
  actorUserId: string;
  targetUserId: string;
  disabled: boolean;
  ip?: string | null;
  now?: Date;
};

/**
 * `user` as it is now; `changed` false when it already was so (nothing written, nobody emailed);
 * `emailed`: whether the notice reached the provider (null when nothing changed).
 */
export type UserAccessChange = { user: User; changed: boolean; emailed: boolean | null };

/** Recovery requests that could still lead somewhere: waiting, or approved and not yet used. */
const LIVE_RECOVERY = ['awaiting_email', 'awaiting_admin', 'approved'] as const;

/**
 * Deactivates or reactivates a user of the admin's company. Deactivating, in one transaction with
 * its audit row: sets `users.disabled`, ends every session and sign-in in progress, and voids every
 * link that could still lead into the account (password reset, invitation, email change) and every
 * live recovery request, so reactivating later revives none of them. API keys stay but are refused
 * while the flag is set (the API checks it on every call). Reactivating only clears the flag.
 * The company's users are locked first, so two admins deactivating each other at once cannot leave
 * it without an active holder of company:write, nor both succeed. The user is emailed after commit.
 */
export async function setUserDisabled(db: Db, input: SetUserDisabledInput): Promise<Result<UserAccessChange>> {
  if (!isUserId(input.targetUserId)) return fail(USER_NOT_FOUND);
  if (isSelf(input)) return fail(SELF_SERVICE_ONLY);
  const now = input.now ?? new Date();
  const inCompany = and(eq(users.id, input.targetUserId), eq(users.companyId, input.companyId));
  const outcome = await db.transaction(async (tx) => {
    const locked = await lockCompanyUsers(tx, input.companyId);
    const target = locked.find((u) => u.id === input.targetUserId);
    if (!target) return USER_NOT_FOUND;
    const refused = offboardingRefusal(
      'deactivate',
      locked.find((u) => u.id === input.actorUserId),
      target,
    );
    if (refused) return refused;
    if (target.disabled === input.disabled) {
      const [user] = await tx.select().from(users).where(inCompany);
      return { user, changed: false };
    }
    if (input.disabled && leavesNoKeeper(locked, new Map([[target.id, { ...target, disabled: true }]])))
      return LAST_ADMINISTRATOR;
    const [user] = await tx.update(users).set({ disabled: input.disabled }).where(inCompany).returning();
    const event = { companyId: input.companyId, actorUserId: input.actorUserId, targetUserId: user.id, ip: input.ip };
    if (input.disabled) {
      await endAccess(tx, { userId: user.id, actorUserId: input.actorUserId, now });
      await recordAudit(tx, { type: 'user.deactivated', ...event });
    } else await recordAudit(tx, { type: 'user.reactivated', ...event });
    return { user, changed: true };
  });
  if (typeof outcome === 'string') return fail(outcome);
  if (!outcome.changed) return ok({ ...outcome, emailed: null });
  const emailed = await notifyUser(db, { ...notice(outcome.user), footer: ADMIN_CHANGE_FOOTER });
  return ok({ ...outcome, emailed });
}

/**
 * Everything that lets a deactivated user in, or would once they are reactivated, ends now:
 * sessions and sign-ins in progress (with their codes), unused reset, invitation and email-change
 * links (expired, the way a newer link expires an older one) and live recovery requests (cancelled).
 */
async function endAccess(tx: DbOrTx, input: { userId: string; actorUserId: string; now: Date }) {
  const { userId, now } = input;
  await revokeOtherSessions(tx, userId);
  await voidLinksToOldAddress(tx, userId, now);
  await voidEmailChanges(tx, userId, now);
  await tx
    .update(recoveryRequests)
    .set({ status: 'cancelled', resolvedBy: input.actorUserId, resolvedAt: now })
    .where(and(eq(recoveryRequests.userId, userId), inArray(recoveryRequests.status, [...LIVE_RECOVERY])));
}

/**
 * The notice to the user. A deactivated user is emailed too: the message tells them only what they
 * will find out at their next sign-in anyway, and if an admin account was misused to lock people
 * out, the people locked out hear of it at once.
 */
function notice(user: User): { user: User; subject: string; paragraphs: string[] } {
  if (user.disabled)
    return {
      user,
      subject: 'Your Latchkey account was deactivated',
      paragraphs: [
        'An administrator of your company deactivated your Latchkey account. You were signed out everywhere, and you can no longer sign in or reset your password.',
        'If you think this is a mistake, contact your company’s Latchkey administrator.',
      ],
    };
  return {
    user,
    subject: 'Your Latchkey account was reactivated',
    paragraphs: [
      user.passwordHash
        ? 'An administrator of your company reactivated your Latchkey account: you can sign in again with your password and, if your company asks for one, your second factor.'
        : 'An administrator of your company reactivated your Latchkey account. To choose your password, ask them to send you a new invitation.',
      'Links emailed to you before the account was deactivated no longer work: if you need a password reset, ask for a new one from the sign-in page.',
    ],
  };
}
