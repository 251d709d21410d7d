import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../db/client';
import { invitations, passwordResets, users } from '../db/schema';
import { recordAudit } from '../audit/record';
import { hashPassword } from '../crypto/password';
import { lockCompanyUsers, leavesNoKeeper, LAST_ADMINISTRATOR } from '../roles/last-administrator';
import { revokeOtherSessions } from '../sessions/sessions';
import { fail, ok, type Result } from '../result';
import { checkApiPassword } from './check-api-password';
import { generateApiPassword } from './generate-api-password';
import { findManagedUser, MARK_NEEDS, type ManagedUserInput } from './managed-user';
import { notifyApiChange } from './notify-api-change';

export type MarkInput = ManagedUserInput & {
  /** The admin's own choice; ignored when `generate`. */
  password?: string;
  generate: boolean;
  ip?: string | null;
  now?: Date;
};

/**
 * Makes a user an API Account: it then calls /api/v1 with this password (or its keys) and can no
 * longer sign in to the web app. The password is either generated (returned once, never stored in
 * clear) or the admin's, which must pass the stricter API Account rule. In one transaction, after
 * locking the company's users (an API Account cannot keep the company, see lockCompanyUsers): the
 * flag and the new hash, the end of the user's sessions and sign-ins in progress, and of any
 * invitation or reset link that would set a password behind the admin's back, and the audit row.
 */
export async function markApiAccount(db: Db, input: MarkInput): Promise<Result<{ generatedPassword: string | null }>> {
  const now = input.now ?? new Date();
  // Cheap checks first: nobody spends a strength check or a hash on a user they cannot manage.
  const found = await findManagedUser(db, input, { need: MARK_NEEDS, apiAccount: false });
  if (!found.ok) return found;
  const password = input.generate ? generateApiPassword() : (input.password ?? '');
  if (!input.generate) {
    const check = await checkApiPassword(db, { password, user: found.data, now });
    if (!check.ok)
      return fail(check.error, { fieldErrors: { password: check.error }, retryAfterSeconds: check.retryAfterSeconds });
  }
  const passwordHash = await hashPassword(password);
  const outcome = await db.transaction(async (tx) => {
    const locked = await lockCompanyUsers(tx, input.companyId);
    const target = await findManagedUser(tx, input, { need: MARK_NEEDS, apiAccount: false });
    if (!target.ok) return target;
    const before = locked.find((u) => u.id === target.data.id);
    if (before && leavesNoKeeper(locked, new Map([[before.id, { ...before, isApiAccount: true }]])))
      return fail(LAST_ADMINISTRATOR);
    const [after] = await tx
      .update(users)
      .set({ isApiAccount: true, passwordHash })
      .where(eq(users.id, target.data.id))
      .returning();
    await revokeOtherSessions(tx, after.id);
    await tx
      .update(invitations)
      .set({ usedAt: now })
      .where(and(eq(invitations.userId, after.id), isNull(invitations.usedAt)));
    await tx
      .update(passwordResets)
      .set({ usedAt: now })
      .where(and(eq(passwordResets.userId, after.id), isNull(passwordResets.usedAt)));
    await recordAudit(tx, {
      type: 'api_account.marked',
      companyId: input.companyId,
      actorUserId: input.actorUserId,
      targetUserId: after.id,
      detail: { generated: input.generate },
      ip: input.ip,
    });
    return ok(after);
  });
  if (!outcome.ok) return outcome;
  const user = outcome.data;
  await notifyApiChange(db, {
    actorUserId: input.actorUserId,
    user,
    admins: {
      subject: `${user.name} was marked as an API Account`,
      text: (actor) =>
        `${actor} marked ${user.name} (${user.email}) as an API Account: it now calls the Latchkey API with a new password and can no longer sign in to the web app.`,
    },
    owner: {
      subject: 'Your account is now an API Account',
      text: 'An administrator of your company marked your Latchkey account as an API Account. It now calls the HTTP API with a new password and can no longer sign in to the web app; you were signed out everywhere.',
    },
  });
  return ok({ generatedPassword: input.generate ? password : null });
}
