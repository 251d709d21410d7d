import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { uniqueViolation } from '../db/errors';
import { companies, users, type User } from '../db/schema';
import { normalizeEmail } from '../accounts/normalize';
import { recordAudit } from '../audit/record';
import { DAY_MS, INVITATION_NOTICES_PER_ADDRESS_PER_DAY } from '../limits';
import { notifyUser } from '../messaging/notify-user';
import { hitRateLimit } from '../rate-limit/hit';
import { createInvitation, countInvitation, emailInvitation } from './issue-invitation';
import { fail, ok, type Result } from '../result';
import { findAssignableRole } from '../roles/assignable-role';

export type InviteInput = {
  companyId: string;
  actorUserId: string;
  name: string;
  email: string;
  /** One of the company's roles that the inviting admin may hand out (findAssignableRole). */
  roleId: string;
  ip?: string | null;
  now?: Date;
};

export const ALREADY_IN_COMPANY = 'This person is already a user of your company.';

/**
 * Creates a user of the admin's company with no password, and emails them a single-use link to
 * choose one. `emailSent` is false when the provider failed: the admin can send it again.
 *
 * An address that belongs to another company gets the answer a new address gets, so admins
 * cannot learn who uses Latchkey elsewhere: nothing is created (`user` is null) and the address's
 * owner is told someone tried to invite them. Invitations are counted per admin and per company
 * before anything else, since each sends mail in our name.
 */
export async function inviteUser(
  db: Db,
  input: InviteInput,
): Promise<Result<{ user: User | null; emailSent: boolean }>> {
  const now = input.now ?? new Date();
  const role = await findAssignableRole(db, input);
  if (!role.ok) return role;
  const counted = await countInvitation(db, { ...input, now });
  if (!counted.ok) return counted;
  const email = normalizeEmail(input.email);
  const [existing] = await db
    .select()
    .from(users)
    .where(eq(sql`lower(${users.email})`, email))
    .limit(1);
  if (existing?.companyId === input.companyId)
    return fail(ALREADY_IN_COMPANY, { fieldErrors: { email: ALREADY_IN_COMPANY } });
  if (existing) return ok({ user: null, emailSent: await tellOwner(db, { ...input, owner: existing, now }) });
  let created: { user: User; token: string };
  try {
    created = await db.transaction(async (tx) => {
      const [user] = await tx
        .insert(users)
        .values({ companyId: input.companyId, name: input.name.trim(), email, roleId: role.data.id })
        .returning();
      const token = await createInvitation(tx, { userId: user.id, invitedBy: input.actorUserId, now });
      await recordAudit(tx, {
        type: 'user.invited',
        companyId: input.companyId,
        actorUserId: input.actorUserId,
        targetUserId: user.id,
        detail: { role: role.data.name },
        ip: input.ip,
      });
      return { user, token };
    });
  } catch (error) {
    // Taken a moment ago (a sign-up or another invitation): answered like any taken address.
    if (uniqueViolation(error) === 'users_email_lower_idx') return ok({ user: null, emailSent: true });
    throw error;
  }
  const emailSent = await emailInvitation(db, {
    user: created.user,
    actorUserId: input.actorUserId,
    token: created.token,
  });
  return ok({ user: created.user, emailSent });
}

/**
 * Emails the owner of a taken address that an admin of another company tried to invite them, at
 * most a few a day per address. Says "sent" like a real invitation would (false only when the
 * provider failed, as an invitation's would), so the admin's answer never differs.
 */
async function tellOwner(db: Db, input: InviteInput & { owner: User; now: Date }): Promise<boolean> {
  const perAddress = await hitRateLimit(db, {
    key: `invite:notice:${input.owner.id}`,
    limit: INVITATION_NOTICES_PER_ADDRESS_PER_DAY,
    windowMs: DAY_MS,
    now: input.now,
  });
  if (!perAddress.allowed) return true;
  const [company] = await db.select({ name: companies.name }).from(companies).where(eq(companies.id, input.companyId));
  return notifyUser(db, {
    user: input.owner,
    subject: 'Someone tried to invite you to Latchkey',
    paragraphs: [
      `An administrator of “${company.name}” tried to invite this email address to their company on Latchkey. The address already belongs to your Latchkey account, so nothing was created and your account is unchanged. They were not told that you have an account.`,
      'If you want to join them, ask them to invite a different email address of yours.',
    ],
    footer: 'If you don’t know them, you can ignore this email.',
  });
}
