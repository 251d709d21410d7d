import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { roles, users, type User } from '../db/schema';
import { isUserId } from '../admin/find-company-user';
import { isSelf, SELF_SERVICE_ONLY, USER_NOT_FOUND } from '../admin/messages';
import { permissionsOf } from '../roles/assignable-role';
import { missingPermissions, PERMISSION_LABELS, type Permission } from '../roles/permissions';
import { fail, ok, type Result } from '../result';

export const NOT_API_ACCOUNT = 'This user is not an API Account. Mark them as an API Account first.';
export const ALREADY_API_ACCOUNT = 'This user is already an API Account.';

/** Marking and unmarking change who the user is (users:write); everything else is key management. */
export const MARK_NEEDS: Permission[] = ['users:write', 'api-keys:manage'];
export const MANAGE_NEEDS: Permission[] = ['api-keys:manage'];

const names = (permissions: Permission[]) => permissions.map((p) => PERMISSION_LABELS[p].label).join(', ');

export type ManagedUserInput = { companyId: string; actorUserId: string; targetUserId: string };

/**
 * The user of `companyId` an admin manages as an API Account, checked on the server whatever the
 * page showed: never the admin themselves; the admin's role (read now) holds `need`; and it holds
 * every permission of the user's own role. Whoever marks, rotates or makes a key gets that
 * account's credentials, so an admin without company:write must not be able to borrow an
 * Administrator's role through the API. Another company's user reads as no user at all.
 */
export async function findManagedUser(
  db: DbOrTx,
  input: ManagedUserInput,
  options: { need: Permission[]; apiAccount: boolean; lock?: boolean },
): Promise<Result<User>> {
  if (!isUserId(input.targetUserId)) return fail(USER_NOT_FOUND);
  if (isSelf(input)) return fail(SELF_SERVICE_ONLY);
  const held = await permissionsOf(db, input.actorUserId);
  const lacking = missingPermissions(held, options.need);
  if (lacking.length > 0) return fail(`Your role does not allow this. It needs: ${names(lacking)}.`);
  const query = db
    .select({ user: users, permissions: roles.permissions })
    .from(users)
    .innerJoin(roles, eq(roles.id, users.roleId))
    .where(and(eq(users.id, input.targetUserId), eq(users.companyId, input.companyId)));
  const [row] = options.lock ? await query.for('update', { of: users }) : await query;
  if (!row) return fail(USER_NOT_FOUND);
  if (row.user.isApiAccount !== options.apiAccount)
    return fail(options.apiAccount ? NOT_API_ACCOUNT : ALREADY_API_ACCOUNT);
  const beyond = missingPermissions(held, row.permissions);
  if (beyond.length > 0)
    return fail(
      `This user’s role can do more than yours (${names(beyond)}), so you cannot manage them as an API Account. Ask someone whose role holds those permissions.`,
    );
  return ok(row.user);
}
