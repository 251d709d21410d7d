import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { uniqueViolation } from '../db/errors';
import { type User, invitations, users } from '../db/schema';
import { normalizeEmail } from '../accounts/normalize';
import { recordAudit } from '../audit/record';
import { notifyUser } from '../messaging/notify-user';
import { ADMIN_CHANGE_FOOTER } from '../messaging/templates/security-notice';
import { revokeOtherSessions } from '../sessions/sessions';
import { isUserId } from './find-company-user';
import { fail, ok, type Result } from '../result';
import { USER_NOT_FOUND } from './messages';
import { parseMobile } from './parse-mobile';

export type UserChanges = {
  name: string;
  email: string;
  mobile: string;
  role: 'admin' | 'member';
  isApiAccount: boolean;
};

const LAST_ADMIN = 'This is the company’s last admin who can sign in. Make someone else an admin first.';
const EDITABLE = ['name', 'email', 'mobile', 'role', 'isApiAccount'] as const;

/** An admin who can still sign in to the web app and manage the company. */
const canAdminister = (u: Pick<User, 'role' | 'isApiAccount' | 'disabled'>) =>
  u.role === 'admin' && !u.isApiAccount && !u.disabled;

/**
 * Saves an admin's edit of one user of their company. The company's admin rows are locked first,
 * so two admins demoting each other at once cannot leave the company with no admin.
 */
export async function updateUser(
  db: Db,
  input: UserChanges & { companyId: string; actorUserId: string; targetUserId: string; ip?: string | null },
): Promise<Result<User>> {
  if (!isUserId(input.targetUserId)) return fail(USER_NOT_FOUND);
  const mobile = parseMobile(input.mobile);
  if (!mobile.ok) return fail(mobile.error, { fieldErrors: { mobile: mobile.error } });
  const values = {
    name: input.name.trim(),
    email: normalizeEmail(input.email),
    mobile: mobile.data,
    role: input.role,
    isApiAccount: input.isApiAccount,
  };
  const inCompany = and(eq(users.id, input.targetUserId), eq(users.companyId, input.companyId));
  let outcome: { before: User; after: User; changed: string[] } | string;
  try {
    outcome = await db.transaction(async (tx) => {
      const admins = await tx
        .select()
        .from(users)
        .where(and(eq(users.companyId, input.companyId), eq(users.role, 'admin')))
        .for('update');
      const [before] = await tx.select().from(users).where(inCompany).for('update');
      if (!before) return USER_NOT_FOUND;
      const othersLeft = admins.filter((a) => a.id !== before.id && canAdminister(a)).length;
      if (canAdminister(before) && !canAdminister({ ...before, ...values }) && othersLeft === 0) return LAST_ADMIN;
      const changed = EDITABLE.filter((key) => before[key] !== values[key]);
      const [after] = await tx.update(users).set(values).where(inCompany).returning();
      // API accounts never hold a web session: turning the flag on ends the ones it had.
      if (values.isApiAccount && !before.isApiAccount) await revokeOtherSessions(tx, after.id);
      // A link already sent to the old (perhaps mistyped) address must not set this account's password.
      if (before.email !== after.email) {
        await tx
          .update(invitations)
          .set({ expiresAt: sql`now()` })
          .where(and(eq(invitations.userId, after.id), isNull(invitations.usedAt)));
      }
      await recordAudit(tx, {
        type: 'user.updated',
        companyId: input.companyId,
        actorUserId: input.actorUserId,
        targetUserId: after.id,
        detail: { changed },
        ip: input.ip,
      });
      return { before, after, changed: [...changed] };
    });
  } catch (error) {
    if (uniqueViolation(error) === 'users_email_lower_idx') {
      const message = 'Another account already uses this email.';
      return fail(message, { fieldErrors: { email: message } });
    }
    throw error;
  }
  if (typeof outcome === 'string')
    return fail(outcome, outcome === LAST_ADMIN ? { fieldErrors: { role: outcome } } : {});
  const { before, after, changed } = outcome;
  if (changed.length > 0) {
    const notice = {
      subject: 'Your account details were changed',
      paragraphs: [`An administrator of your company changed your ${describe(changed)} on Latchkey.`],
    };
    // The old address hears about an email change too: it is the one an attacker would replace.
    if (before.email !== after.email) await notifyUser(db, { user: before, ...notice, footer: ADMIN_CHANGE_FOOTER });
    await notifyUser(db, { user: after, ...notice, footer: ADMIN_CHANGE_FOOTER });
  }
  return ok(after);
}

const FIELD_NAMES: Record<string, string> = {
  name: 'name',
  email: 'email address',
  mobile: 'mobile number',
  role: 'role',
  isApiAccount: 'API account setting',
};

function describe(changed: string[]): string {
  const names = changed.map((key) => FIELD_NAMES[key]);
  return names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}
