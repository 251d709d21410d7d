import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { roles, users, type Role } from '../db/schema';
import { fail, ok, type Result } from '../result';
import { PERMISSIONS, PERMISSION_LABELS, missingPermissions, readPermissions, type Permission } from './permissions';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const CHOOSE_ROLE = 'Choose one of your company’s roles.';

/** The permissions a user's role holds now, read from the database (not from what a form claims). */
export async function permissionsOf(db: DbOrTx, userId: string): Promise<Permission[]> {
  const [row] = await db
    .select({ permissions: roles.permissions })
    .from(users)
    .innerJoin(roles, eq(roles.id, users.roleId))
    .where(eq(users.id, userId));
  return readPermissions(row?.permissions);
}

/** "You don't hold: Manage users, See activity." */
export function cannotGrant(missing: Permission[]): string {
  return `You can only give permissions your own role holds. Yours lacks: ${missing.map((p) => PERMISSION_LABELS[p].label).join(', ')}.`;
}

/**
 * A role of `companyId` that `actorUserId` may hand out: one whose every permission the actor's
 * own role holds, so nobody can raise anyone (themselves through a colleague included) above their
 * own level. Another company's role id reads as no role at all.
 */
export async function findAssignableRole(
  db: DbOrTx,
  input: { companyId: string; actorUserId: string; roleId: string },
): Promise<Result<Role>> {
  if (!UUID.test(input.roleId)) return fail(CHOOSE_ROLE, { fieldErrors: { role: CHOOSE_ROLE } });
  const [role] = await db
    .select()
    .from(roles)
    .where(and(eq(roles.id, input.roleId), eq(roles.companyId, input.companyId)));
  if (!role) return fail(CHOOSE_ROLE, { fieldErrors: { role: CHOOSE_ROLE } });
  const missing = missingPermissions(await permissionsOf(db, input.actorUserId), role.permissions);
  if (missing.length > 0) return fail(cannotGrant(missing), { fieldErrors: { role: cannotGrant(missing) } });
  return ok(role);
}

/** A company's roles, built-in first (Administrator, Member, Auditor), then custom ones by name. */
export async function listRoles(db: DbOrTx, companyId: string): Promise<Role[]> {
  const rows = await db.select().from(roles).where(eq(roles.companyId, companyId));
  const order = { administrator: 0, member: 1, auditor: 2 } as const;
  return rows.sort((a, b) =>
    a.builtIn && b.builtIn
      ? order[a.builtIn] - order[b.builtIn]
      : a.builtIn
        ? -1
        : b.builtIn
          ? 1
          : a.name.localeCompare(b.name, 'en', { sensitivity: 'base' }),
  );
}

/** A role as a role picker shows it: its name, a short summary, and whether `held` may hand it out. */
export function roleOption(role: Role, held: readonly string[]) {
  const permissions = readPermissions(role.permissions);
  const summary =
    permissions.length === 0
      ? 'their own account only'
      : permissions.length === PERMISSIONS.length
        ? 'everything'
        : permissions.map((p) => PERMISSION_LABELS[p].label.toLowerCase()).join(', ');
  return { id: role.id, name: role.name, summary, assignable: missingPermissions(held, permissions).length === 0 };
}

/** The company's roles as options for a picker, for an admin holding `held`. */
export async function roleOptions(db: DbOrTx, companyId: string, held: readonly string[]) {
  return (await listRoles(db, companyId)).map((role) => roleOption(role, held));
}
