import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { roles, users, type User } from '../db/schema';
import { hasPermission } from './permissions';

/** A user as the company-keeper rule sees them. */
export type KeeperCandidate = Pick<User, 'id' | 'isApiAccount' | 'disabled'> & { permissions: readonly string[] };

/**
 * Someone who can still sign in to the web app and change the company's settings (and so give
 * the permission back to others): an active, non-API user whose role holds company:write.
 */
export const keepsCompany = (u: KeeperCandidate) =>
  hasPermission(u.permissions, 'company:write') && !u.isApiAccount && !u.disabled;

export const LAST_ADMINISTRATOR =
  'This is the company’s last active user who may change company settings. Give a role with “Change company settings” to someone else first.';

/**
 * Every user of the company with their role's permissions, locked: call it first in any
 * transaction that could take company:write from someone (a role change or edit, deactivation,
 * deletion, the API Account flag), so two admins demoting each other at once cannot leave the
 * company with nobody who can administer it.
 */
export async function lockCompanyUsers(tx: DbOrTx, companyId: string): Promise<KeeperCandidate[]> {
  // Lock first, then read in a statement of its own. Under READ COMMITTED a statement that waited
  // for these locks still returns the roles as they were when it began: a role whose permissions
  // the transaction we waited for just edited (Company › Roles) would be read stale, and two admins
  // removing company:write from their own roles at once could both see the other one keeping it.
  await tx.select({ id: users.id }).from(users).where(eq(users.companyId, companyId)).for('update');
  return tx
    .select({
      id: users.id,
      isApiAccount: users.isApiAccount,
      disabled: users.disabled,
      permissions: roles.permissions,
    })
    .from(users)
    .innerJoin(roles, eq(roles.id, users.roleId))
    .where(eq(users.companyId, companyId));
}

/**
 * True when applying `change` to the locked users would leave nobody who keeps the company.
 * `change` maps a user id to what they become (null: deleted).
 */
export function leavesNoKeeper(locked: KeeperCandidate[], change: Map<string, KeeperCandidate | null>): boolean {
  const before = locked.some(keepsCompany);
  if (!before) return false; // nothing to lose (should not happen; never block on it)
  return !locked.some((u) => {
    const after = change.has(u.id) ? change.get(u.id) : u;
    return after != null && keepsCompany(after);
  });
}
