import type { Db } from '../db/client';
import { uniqueViolation } from '../db/errors';
import { users, type User } from '../db/schema';
import { normalizeEmail } from '../accounts/normalize';
import { recordAudit } from '../audit/record';
import { createInvitation, emailInvitation } from './issue-invitation';
import { fail, ok, type Result } from '../result';

export type InviteInput = {
  companyId: string;
  actorUserId: string;
  name: string;
  email: string;
  role: 'admin' | 'member';
  ip?: string | null;
  now?: Date;
};

/**
 * Creates a user of the admin's company with no password, and emails them a single-use link to
 * choose one. `emailSent` is false when the provider failed: the admin can send it again.
 */
export async function inviteUser(db: Db, input: InviteInput): Promise<Result<{ user: User; emailSent: boolean }>> {
  const now = input.now ?? new Date();
  let created: { user: User; token: string };
  try {
    created = await db.transaction(async (tx) => {
      const [user] = await tx
        .insert(users)
        .values({
          companyId: input.companyId,
          name: input.name.trim(),
          email: normalizeEmail(input.email),
          role: input.role,
        })
        .returning();
      const token = await createInvitation(tx, { userId: user.id, invitedBy: input.actorUserId, now });
      await recordAudit(tx, {
        type: 'user.invited',
        companyId: input.companyId,
        actorUserId: input.actorUserId,
        targetUserId: user.id,
        detail: { role: input.role },
        ip: input.ip,
      });
      return { user, token };
    });
  } catch (error) {
    if (uniqueViolation(error) === 'users_email_lower_idx') {
      const message = 'An account with this email already exists.';
      return fail(message, { fieldErrors: { email: message } });
    }
    throw error;
  }
  const emailSent = await emailInvitation(db, {
    user: created.user,
    actorUserId: input.actorUserId,
    token: created.token,
  });
  return ok({ user: created.user, emailSent });
}
