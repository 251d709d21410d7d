import { and, eq, ne, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/client';
import { type User, users } from '../db/schema';
import { normalizeEmail } from '../accounts/normalize';
import { recordAudit } from '../audit/record';
import { notifyUser } from '../messaging/notify-user';
import { ADMIN_CHANGE_FOOTER } from '../messaging/templates/security-notice';
import { revokeOtherSessions } from '../sessions/sessions';
import { isUserId } from './find-company-user';
import { fail, ok, type Result } from '../result';
import { isSelf, SELF_SERVICE_ONLY, USER_NOT_FOUND } from './messages';
import { parseMobile } from './parse-mobile';
import { requestEmailChangeInTx, sendEmailChangeMail, type EmailChangeRequest } from './request-email-change';

export type UserChanges = {
  name: string;
  email: string;
  mobile: string;
  role: 'admin' | 'member';
  isApiAccount: boolean;
};

/**
 * What the admin is told: the fields saved now, whether a new email awaits its confirmation, and
 * whether the emails really went (`userEmailed`: the notice of the change, null when nothing changed;
 * `linkSent`: the message to the new address, null when the email was not changed).
 */
export type UserUpdate = {
  changed: string[];
  emailChangePending: boolean;
  userEmailed: boolean | null;
  linkSent: boolean | null;
};

const LAST_ADMIN = 'This is the company’s last admin who can sign in. Make someone else an admin first.';
const IN_COMPANY = 'Another user in your company already uses this email.';
const EDITABLE = ['name', 'mobile', 'role', 'isApiAccount'] as const;

/** An admin who can still sign in to the web app and manage the company. */
const canAdminister = (u: Pick<User, 'role' | 'isApiAccount' | 'disabled'>) =>
  u.role === 'admin' && !u.isApiAccount && !u.disabled;

/**
 * Saves an admin's edit of another user of their company. The company's admin rows are locked
 * first, so two admins demoting each other at once cannot leave the company with no admin. A new
 * email is only requested: it applies once the new address confirms (see requestEmailChangeInTx).
 */
export async function updateUser(
  db: Db,
  input: UserChanges & { companyId: string; actorUserId: string; targetUserId: string; ip?: string | null; now?: Date },
): Promise<Result<UserUpdate>> {
  if (!isUserId(input.targetUserId)) return fail(USER_NOT_FOUND);
  if (isSelf(input)) return fail(SELF_SERVICE_ONLY);
  const now = input.now ?? new Date();
  const mobile = parseMobile(input.mobile);
  if (!mobile.ok) return fail(mobile.error, { fieldErrors: { mobile: mobile.error } });
  const values = { name: input.name.trim(), mobile: mobile.data, role: input.role, isApiAccount: input.isApiAccount };
  const email = normalizeEmail(input.email);
  const inCompany = and(eq(users.id, input.targetUserId), eq(users.companyId, input.companyId));
  const outcome = await db.transaction(async (tx) => {
    const admins = await tx
      .select()
      .from(users)
      .where(and(eq(users.companyId, input.companyId), eq(users.role, 'admin')))
      .for('update');
    const [before] = await tx.select().from(users).where(inCompany).for('update');
    if (!before) return USER_NOT_FOUND;
    const othersLeft = admins.filter((a) => a.id !== before.id && canAdminister(a)).length;
    if (canAdminister(before) && !canAdminister({ ...before, ...values }) && othersLeft === 0) return LAST_ADMIN;
    // The admin's own company is theirs to see; an address elsewhere is never mentioned.
    if (email !== before.email && (await companyUses(tx, { companyId: input.companyId, email, except: before.id })))
      return IN_COMPANY;
    const changed = EDITABLE.filter((key) => before[key] !== values[key]);
    const [after] = await tx.update(users).set(values).where(inCompany).returning();
    // API accounts never hold a web session: turning the flag on ends the ones it had.
    if (values.isApiAccount && !before.isApiAccount) await revokeOtherSessions(tx, after.id);
    const emailChange =
      email === before.email
        ? null
        : await requestEmailChangeInTx(tx, { user: after, newEmail: email, actorUserId: input.actorUserId, now });
    await recordAudit(tx, {
      type: 'user.updated',
      companyId: input.companyId,
      actorUserId: input.actorUserId,
      targetUserId: after.id,
      // `to` lets Activity say "Marked as API Account" rather than name the field.
      detail: {
        changed: emailChange ? [...changed, 'email (awaiting confirmation)'] : changed,
        to: { role: values.role, isApiAccount: values.isApiAccount },
      },
      ip: input.ip,
    });
    return { after, changed: [...changed], emailChange };
  });
  if (typeof outcome === 'string') {
    const field = outcome === LAST_ADMIN ? 'role' : outcome === IN_COMPANY ? 'email' : null;
    return fail(outcome, field ? { fieldErrors: { [field]: outcome } } : {});
  }
  const sent = await notify(db, outcome);
  return ok({ changed: outcome.changed, emailChangePending: Boolean(outcome.emailChange), ...sent });
}

/** True when another user of the company already has this address. */
async function companyUses(tx: DbOrTx, input: { companyId: string; email: string; except: string }) {
  const [row] = await tx
    .select({ id: users.id })
    .from(users)
    .where(
      and(
        eq(users.companyId, input.companyId),
        sql`lower(${users.email}) = ${input.email}`,
        ne(users.id, input.except),
      ),
    );
  return Boolean(row);
}

async function notify(
  db: Db,
  outcome: { after: User; changed: string[]; emailChange: EmailChangeRequest | null },
): Promise<Pick<UserUpdate, 'userEmailed' | 'linkSent'>> {
  const linkSent = outcome.emailChange ? await sendEmailChangeMail(db, outcome.emailChange) : null;
  if (outcome.changed.length === 0) return { userEmailed: null, linkSent };
  const userEmailed = await notifyUser(db, {
    user: outcome.after,
    subject: 'Your account details were changed',
    paragraphs: [`An administrator of your company changed your ${describe(outcome.changed)} on Latchkey.`],
    footer: ADMIN_CHANGE_FOOTER,
  });
  return { userEmailed, linkSent };
}

const FIELD_NAMES: Record<string, string> = {
  name: 'name',
  mobile: 'mobile number',
  role: 'role',
  isApiAccount: 'API account setting',
};

function describe(changed: string[]): string {
  const names = changed.map((key) => FIELD_NAMES[key]);
  return names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}
