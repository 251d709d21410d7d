import { and, count, eq, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { roles, users, type Role } from '../db/schema';
import { tooLong } from '../field-messages';
import { ROLE_NAME_MAX_LENGTH } from '../limits';
import { fail, ok, type Result } from '../result';
import { PERMISSION_LABELS, PERMISSIONS, isPermission, readPermissions, type Permission } from './permissions';

/** The rules every change of a custom role shares: its name, its permissions, who may change it. */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const CONTROL = /[\u0000-\u001f\u007f]/;

export const ROLE_NOT_FOUND = 'That role no longer exists. Go back to Roles and reload the page.';
export const BUILT_IN_READ_ONLY =
  'Built-in roles (Administrator, Member, Auditor) can’t be changed or deleted. Create a custom role instead.';
export const UNKNOWN_PERMISSION = 'Some permissions could not be read. Reload the page and try again.';
export const CANNOT_CHANGE_ROLES = 'Only someone whose role can change company settings can change roles.';
export const ENTER_NAME = 'Enter a name for the role.';
export const LAST_COMPANY_KEEPER =
  'After this change nobody could change the company’s settings. Keep “Change company settings” in this role, or give another user a role with it first.';

export const nameTaken = (name: string) => `Your company already has a role called “${name}”. Choose another name.`;

/** "Helpdesk holds permissions your own role lacks: See activity. Only someone who holds them can change it." */
export const holdsMore = (missing: Permission[]) =>
  `This role holds permissions your own role lacks: ${labelsOf(missing).join(', ')}. Only someone who holds them can change it.`;

/** "2 users have this role. Give them another role first (on each user’s page), then delete it." */
export const roleInUse = (holders: number) =>
  `${holders} ${holders === 1 ? 'user has' : 'users have'} this role. Give ${holders === 1 ? 'them' : 'each of them'} another role first (on their page in Users), then delete it.`;

export function isRoleId(value: string): boolean {
  return UUID.test(value);
}

/** The permissions' names as the Roles page shows them, in the order of PERMISSIONS. */
export function labelsOf(permissions: readonly string[]): string[] {
  return readPermissions(permissions).map((p) => PERMISSION_LABELS[p].label);
}

/**
 * A role name as stored: trimmed, runs of spaces made one (so “Help  desk” cannot sit beside
 * “Help desk”), no control characters, at most ROLE_NAME_MAX_LENGTH characters.
 */
export function parseRoleName(typed: string): Result<string> {
  const name = typed.normalize('NFC').trim().replace(/\s+/g, ' ');
  const refuse = (message: string) => fail(message, { fieldErrors: { name: message } });
  if (!name) return refuse(ENTER_NAME);
  if (name.length > ROLE_NAME_MAX_LENGTH) return refuse(tooLong(ROLE_NAME_MAX_LENGTH));
  if (CONTROL.test(name)) return refuse('Use letters, digits, spaces and punctuation only.');
  return ok(name);
}

/**
 * The permissions a form asked for, each known, once, in the order of PERMISSIONS. An unknown
 * string is refused outright, never dropped: a form that sends one was not made by this page.
 */
export function parsePermissionList(typed: readonly string[]): Result<Permission[]> {
  if (!typed.every(isPermission)) return fail(UNKNOWN_PERMISSION, { fieldErrors: { permissions: UNKNOWN_PERMISSION } });
  return ok(PERMISSIONS.filter((p) => typed.includes(p)));
}

/**
 * The actor's permissions as the database says now, read only through a user of `companyId`: an
 * actor of another company (or none) holds nothing here.
 */
export async function actorPermissions(
  tx: DbOrTx,
  input: { companyId: string; actorUserId: string },
): Promise<Permission[]> {
  const [row] = await tx
    .select({ permissions: roles.permissions })
    .from(users)
    .innerJoin(roles, eq(roles.id, users.roleId))
    .where(and(eq(users.id, input.actorUserId), eq(users.companyId, input.companyId), eq(users.disabled, false)));
  return readPermissions(row?.permissions);
}

/** One role of the company, locked until the transaction ends; another company's id finds nothing. */
export async function lockCompanyRole(
  tx: DbOrTx,
  input: { companyId: string; roleId: string },
): Promise<Role | undefined> {
  if (!isRoleId(input.roleId)) return undefined;
  const [role] = await tx
    .select()
    .from(roles)
    .where(and(eq(roles.id, input.roleId), eq(roles.companyId, input.companyId)))
    .for('update');
  return role;
}

/** The ids of the users who hold a role (invited users and API Accounts included). */
export async function holdersOf(tx: DbOrTx, roleId: string): Promise<string[]> {
  const rows = await tx.select({ id: users.id }).from(users).where(eq(users.roleId, roleId));
  return rows.map((r) => r.id);
}

/** How many custom roles the company has (the built-in three are not counted). */
export async function customRoleCount(tx: DbOrTx, companyId: string): Promise<number> {
  const [row] = await tx
    .select({ n: count() })
    .from(roles)
    .where(and(eq(roles.companyId, companyId), isNull(roles.builtIn)));
  return row?.n ?? 0;
}
