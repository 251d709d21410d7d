import type { Db } from '../db/client';
import { findCompanyUser } from '../admin/find-company-user';
import { USER_NOT_FOUND } from '../admin/messages';
import { setUserDisabled } from '../admin/set-user-disabled';
import { updateUser } from '../admin/update-user';
import { fail, ok, type Result } from '../result';
import { findApiUser } from './list-api-users';
import type { ApiUser } from './schemas';

export type ApiUserChanges = { name?: string; roleId?: string; mobile?: string | null; disabled?: boolean };

export const DISABLED_ALONE =
  'Send `disabled` on its own: deactivating or reactivating is a separate change from name, role or mobile.';

/**
 * PATCH /api/v1/users/:id: the fields sent change, the others keep their values, through the same
 * updateUser as the admin's edit form (company scope, row locks, nobody grants or removes more than
 * their own role holds, the last administrator keeps company:write, audit, the user's email). The
 * email never changes through the API; the API Account flag is not updateUser's to change.
 * `disabled` goes through setUserDisabled (the admin's Deactivate and Reactivate), sent on its
 * own so each call is one transaction: nothing is ever half-applied.
 * A partial body is completed from the row read just before, as the web form is completed from the
 * page the admin loaded; updateUser re-reads the row under its lock for every check it makes.
 */
export async function updateApiUser(
  db: Db,
  input: { companyId: string; actorUserId: string; targetUserId: string; changes: ApiUserChanges; ip: string },
): Promise<Result<{ user: ApiUser; changed: string[] }>> {
  const current = await findCompanyUser(db, { companyId: input.companyId, userId: input.targetUserId });
  if (!current) return fail(USER_NOT_FOUND);
  const { user } = current;
  const { disabled, ...changes } = input.changes;
  if (disabled !== undefined) {
    if (Object.values(changes).some((v) => v !== undefined))
      return fail(DISABLED_ALONE, { fieldErrors: { disabled: DISABLED_ALONE } });
    const access = await setUserDisabled(db, {
      companyId: input.companyId,
      actorUserId: input.actorUserId,
      targetUserId: user.id,
      disabled,
      ip: input.ip,
    });
    if (!access.ok) return access;
    const after = await findApiUser(db, { companyId: input.companyId, viewerId: input.actorUserId, userId: user.id });
    if (!after) return fail(USER_NOT_FOUND);
    return ok({ user: after, changed: access.data.changed ? ['disabled'] : [] });
  }
  const updated = await updateUser(db, {
    companyId: input.companyId,
    actorUserId: input.actorUserId,
    targetUserId: user.id,
    name: changes.name ?? user.name,
    email: user.email,
    mobile: changes.mobile === undefined ? (user.mobile ?? '') : (changes.mobile ?? ''),
    roleId: changes.roleId ?? user.roleId,
    ip: input.ip,
  });
  if (!updated.ok) return { ...updated, fieldErrors: apiFields(updated.fieldErrors) };
  const after = await findApiUser(db, { companyId: input.companyId, viewerId: input.actorUserId, userId: user.id });
  if (!after) return fail(USER_NOT_FOUND);
  return ok({ user: after, changed: updated.data.changed });
}

/** The web form calls the role field `role`; the API's body calls it `roleId`. */
function apiFields(fields: Record<string, string> | undefined) {
  if (!fields) return undefined;
  const { role, ...rest } = fields;
  return role === undefined ? rest : { ...rest, roleId: role };
}
