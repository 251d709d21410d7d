import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { uniqueViolation } from '../db/errors';
import { roles, type Role } from '../db/schema';
import { recordAudit } from '../audit/record';
import { fail, ok, type Result } from '../result';
import { cannotGrant } from './assignable-role';
import { leavesNoKeeper, lockCompanyUsers } from './last-administrator';
import { hasPermission, missingPermissions, readPermissions } from './permissions';
import {
  actorPermissions,
  BUILT_IN_READ_ONLY,
  CANNOT_CHANGE_ROLES,
  holdersOf,
  holdsMore,
  labelsOf,
  LAST_COMPANY_KEEPER,
  lockCompanyRole,
  nameTaken,
  parsePermissionList,
  parseRoleName,
  ROLE_NOT_FOUND,
} from './role-rules';
import type { RoleInput } from './create-role';

/** The role after the save, and whether anything changed (nothing is written or audited otherwise). */
export type RoleUpdate = { role: Role; changed: boolean };

/**
 * Renames a custom role and sets its permissions; its holders get the new permissions on their
 * next request (every request reads the role). Built-in roles never change. The actor must hold
 * company:write, every permission the role holds now (nobody edits a role above their own) and
 * every one it will hold. The company's users are locked first, then the role, as every change that
 * can take company:write does, so the company always keeps an active user who can administer it.
 */
export async function updateRole(db: Db, input: RoleInput & { roleId: string }): Promise<Result<RoleUpdate>> {
  const name = parseRoleName(input.name);
  if (!name.ok) return name;
  const wanted = parsePermissionList(input.permissions);
  if (!wanted.ok) return wanted;
  try {
    return await db.transaction(async (tx): Promise<Result<RoleUpdate>> => {
      const locked = await lockCompanyUsers(tx, input.companyId);
      const before = await lockCompanyRole(tx, input);
      if (!before) return fail(ROLE_NOT_FOUND);
      if (before.builtIn) return fail(BUILT_IN_READ_ONLY);
      const held = await actorPermissions(tx, input);
      if (!hasPermission(held, 'company:write')) return fail(CANNOT_CHANGE_ROLES);
      const above = missingPermissions(held, before.permissions);
      if (above.length > 0) return fail(holdsMore(above));
      const missing = missingPermissions(held, wanted.data);
      if (missing.length > 0) return fail(cannotGrant(missing), { fieldErrors: { permissions: cannotGrant(missing) } });

      const from = readPermissions(before.permissions);
      const added = wanted.data.filter((p) => !from.includes(p));
      const removed = from.filter((p) => !wanted.data.includes(p));
      const renamed = name.data !== before.name;
      if (!renamed && added.length === 0 && removed.length === 0) return ok({ role: before, changed: false });

      const holders = new Set(await holdersOf(tx, before.id));
      const becomes = new Map(
        locked.filter((u) => holders.has(u.id)).map((u) => [u.id, { ...u, permissions: wanted.data }]),
      );
      if (leavesNoKeeper(locked, becomes))
        return fail(LAST_COMPANY_KEEPER, { fieldErrors: { permissions: LAST_COMPANY_KEEPER } });

      const [after] = await tx
        .update(roles)
        .set({ name: name.data, permissions: wanted.data })
        .where(eq(roles.id, before.id))
        .returning();
      await recordAudit(tx, {
        type: 'role.updated',
        companyId: input.companyId,
        actorUserId: input.actorUserId,
        detail: {
          roleId: after.id,
          name: after.name,
          ...(renamed ? { renamedFrom: before.name } : {}),
          from,
          to: wanted.data,
          added: labelsOf(added),
          removed: labelsOf(removed),
        },
        ip: input.ip,
      });
      return ok({ role: after, changed: true });
    });
  } catch (error) {
    if (uniqueViolation(error) === 'roles_company_name_idx')
      return fail(nameTaken(name.data), { fieldErrors: { name: nameTaken(name.data) } });
    throw error;
  }
}
