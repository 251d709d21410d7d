import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { roles } from '../db/schema';
import { recordAudit } from '../audit/record';
import { fail, ok, type Result } from '../result';
import { lockCompanyUsers } from './last-administrator';
import { hasPermission, missingPermissions } from './permissions';
import {
  actorPermissions,
  BUILT_IN_READ_ONLY,
  CANNOT_CHANGE_ROLES,
  holdersOf,
  holdsMore,
  lockCompanyRole,
  roleInUse,
  ROLE_NOT_FOUND,
} from './role-rules';

/**
 * Deletes a custom role that nobody holds. The company's users are locked first, so a user cannot
 * be given the role while it is being deleted (the foreign key would refuse the delete anyway);
 * a role someone holds stays until each of them has another one.
 */
export async function deleteRole(
  db: Db,
  input: { companyId: string; actorUserId: string; roleId: string; ip?: string | null },
): Promise<Result<{ name: string }>> {
  return db.transaction(async (tx): Promise<Result<{ name: string }>> => {
    await lockCompanyUsers(tx, input.companyId);
    const role = await lockCompanyRole(tx, input);
    if (!role) return fail(ROLE_NOT_FOUND);
    if (role.builtIn) return fail(BUILT_IN_READ_ONLY);
    const held = await actorPermissions(tx, input);
    if (!hasPermission(held, 'company:write')) return fail(CANNOT_CHANGE_ROLES);
    const above = missingPermissions(held, role.permissions);
    if (above.length > 0) return fail(holdsMore(above));
    const holders = await holdersOf(tx, role.id);
    if (holders.length > 0) return fail(roleInUse(holders.length));
    await tx.delete(roles).where(eq(roles.id, role.id));
    await recordAudit(tx, {
      type: 'role.deleted',
      companyId: input.companyId,
      actorUserId: input.actorUserId,
      detail: { roleId: role.id, name: role.name, permissions: role.permissions },
      ip: input.ip,
    });
    return ok({ name: role.name });
  });
}
