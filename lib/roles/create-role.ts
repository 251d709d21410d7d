import type { Db } from '../db/client';
import { uniqueViolation } from '../db/errors';
import { roles, type Role } from '../db/schema';
import { recordAudit } from '../audit/record';
import { CUSTOM_ROLES_MAX } from '../limits';
import { fail, ok, type Result } from '../result';
import { cannotGrant } from './assignable-role';
import { hasPermission, missingPermissions } from './permissions';
import {
  actorPermissions,
  CANNOT_CHANGE_ROLES,
  customRoleCount,
  labelsOf,
  nameTaken,
  parsePermissionList,
  parseRoleName,
} from './role-rules';

export type RoleInput = {
  companyId: string;
  actorUserId: string;
  name: string;
  /** Permission strings as a form sent them; an unknown one is refused. */
  permissions: readonly string[];
  ip?: string | null;
};

/**
 * Creates a custom role in the actor's company. The actor must hold company:write and every
 * permission they give the role (read from the database now, not from what the page showed), so
 * nobody can make a role above their own and then hand it out.
 */
export async function createRole(db: Db, input: RoleInput): Promise<Result<Role>> {
  const name = parseRoleName(input.name);
  if (!name.ok) return name;
  const wanted = parsePermissionList(input.permissions);
  if (!wanted.ok) return wanted;
  try {
    return await db.transaction(async (tx): Promise<Result<Role>> => {
      const held = await actorPermissions(tx, input);
      if (!hasPermission(held, 'company:write')) return fail(CANNOT_CHANGE_ROLES);
      const missing = missingPermissions(held, wanted.data);
      if (missing.length > 0) return fail(cannotGrant(missing), { fieldErrors: { permissions: cannotGrant(missing) } });
      // Counted without a lock: two creations at once may pass the cap by one, which only bounds a page's length.
      if ((await customRoleCount(tx, input.companyId)) >= CUSTOM_ROLES_MAX)
        return fail(`Your company has ${CUSTOM_ROLES_MAX} custom roles, the most it can have. Delete one first.`);
      const [role] = await tx
        .insert(roles)
        .values({ companyId: input.companyId, name: name.data, permissions: wanted.data })
        .returning();
      await recordAudit(tx, {
        type: 'role.created',
        companyId: input.companyId,
        actorUserId: input.actorUserId,
        detail: {
          roleId: role.id,
          name: role.name,
          permissions: role.permissions,
          granted: labelsOf(role.permissions),
        },
        ip: input.ip,
      });
      return ok(role);
    });
  } catch (error) {
    // The unique index on lower(name) decides, so two admins creating "Helpdesk" at once get one role.
    if (uniqueViolation(error) === 'roles_company_name_idx')
      return fail(nameTaken(name.data), { fieldErrors: { name: nameTaken(name.data) } });
    throw error;
  }
}
