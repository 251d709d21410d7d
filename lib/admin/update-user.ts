import { and, eq, ne, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/client';
import { type User, users } from '../db/schema';
import { normalizeEmail } from '../accounts/normalize';
import { recordAudit } from '../audit/record';
import { notifyUser } from '../messaging/notify-user';
import { ADMIN_CHANGE_FOOTER } from '../messaging/templates/security-notice';
import { isUserId } from './find-company-user';
import { fail, ok, type Result } from '../result';
import { isSelf, SELF_SERVICE_ONLY, USER_NOT_FOUND } from './messages';
import { parseMobile } from './parse-mobile';
import { cannotGrant, findAssignableRole, permissionsOf } from '../roles/assignable-role';
import { lockCompanyUsers, leavesNoKeeper, LAST_ADMINISTRATOR } from '../roles/last-administrator';
import { missingPermissions } from '../roles/permissions';
import { requestEmailChangeInTx, sendEmailChangeMail, type EmailChangeRequest } from './request-email-change';

export type UserChanges = {
  name: string;
  email: string;
  mobile: string;
  /** One of the company's roles (findAssignableRole: no more than the admin's own permissions). */
  roleId: string;
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

const IN_COMPANY = 'Another user in your company already uses this email.';
const EDITABLE = ['name', 'mobile', 'roleId'] as const;

/**
 * Saves an admin's edit of another user of their company. The company's users are locked first
 * (lockCompanyUsers), so two admins demoting each other at once cannot leave the company with
 * nobody who holds company:write. A role change must stay within the admin's own permissions, for
 * the new role and for the one it replaces (nobody demotes someone who holds more than they do). A new
 * email is only requested: it applies once the new address confirms (see requestEmailChangeInTx).
 * The API Account flag is not editable here, whatever the caller passes: it changes only through
 * lib/api-accounts (markApiAccount asks for a strong password, unmarkApiAccount revokes the keys).
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
  const email = normalizeEmail(input.email);
  const inCompany = and(eq(users.id, input.targetUserId), eq(users.companyId, input.companyId));
  const outcome = await db.transaction(async (tx) => {
    const locked = await lockCompanyUsers(tx, input.companyId);
    const [before] = await tx.select().from(users).where(inCompany);
    if (!before) return USER_NOT_FOUND;
    const role = await findAssignableRole(tx, { ...input, roleId: input.roleId });
    if (!role.ok) return role.error;
    const values = {
      name: input.name.trim(),
      mobile: mobile.data,
      roleId: role.data.id,
    };
    if (values.roleId !== before.roleId) {
      const missing = missingPermissions(
        await permissionsOf(tx, input.actorUserId),
        await permissionsOf(tx, before.id),
      );
      if (missing.length > 0) return cannotGrant(missing);
    }
    const becomes = {
      id: before.id,
      isApiAccount: before.isApiAccount,
      disabled: before.disabled,
      permissions: role.data.permissions,
    };
    if (leavesNoKeeper(locked, new Map([[before.id, becomes]]))) return LAST_ADMINISTRATOR;
    // The admin's own company is theirs to see; an address elsewhere is never mentioned.
    if (email !== before.email && (await companyUses(tx, { companyId: input.companyId, email, except: before.id })))
      return IN_COMPANY;
    // Named as the form and Activity name them ('role', not the column roleId), like older rows.
    const changed = EDITABLE.filter((key) => before[key] !== values[key]).map((key) =>
      key === 'roleId' ? 'role' : key,
    );
    const [after] = await tx.update(users).set(values).where(inCompany).returning();
    const emailChange =
      email === before.email
        ? null
        : await requestEmailChangeInTx(tx, { user: after, newEmail: email, actorUserId: input.actorUserId, now });
    await recordAudit(tx, {
      type: 'user.updated',
      companyId: input.companyId,
      actorUserId: input.actorUserId,
      targetUserId: after.id,
      // `to` lets Activity name the new role rather than the field.
      detail: {
        changed: emailChange ? [...changed, 'email (awaiting confirmation)'] : changed,
        to: { role: role.data.name },
      },
      ip: input.ip,
    });
    return { after, changed, emailChange };
  });
  if (typeof outcome === 'string') {
    const field = outcome === IN_COMPANY ? 'email' : outcome === USER_NOT_FOUND ? null : 'role';
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
};

function describe(changed: string[]): string {
  const names = changed.map((key) => FIELD_NAMES[key]);
  return names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}
