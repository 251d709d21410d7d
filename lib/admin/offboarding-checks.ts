import { PERMISSION_LABELS, hasPermission, missingPermissions, type Permission } from '../roles/permissions';
import type { KeeperCandidate } from '../roles/last-administrator';

/** The actor lost users:write (or their account) while the request was on its way: nothing changed. */
export const NO_LONGER_ALLOWED = 'You can no longer manage users: your account or role changed. Reload the page.';

/** "… Theirs also include: Change company settings." */
export function outranked(verb: 'deactivate' | 'delete', missing: readonly Permission[]): string {
  const names = missing.map((p) => PERMISSION_LABELS[p].label);
  return `You can only ${verb} users whose permissions your own role holds. Theirs also include: ${names.join(', ')}.`;
}

/**
 * Why `actor` may not deactivate or delete `target`, from the company's rows locked by
 * lockCompanyUsers (so a concurrent change of either is already applied), or null when they may.
 * Checked inside the lock, not only by the page's guard: two admins deactivating each other at once
 * must not both succeed, and nobody takes away access from someone who holds more than they do
 * (a user manager cannot lock out the company's administrator).
 */
export function offboardingRefusal(
  verb: 'deactivate' | 'delete',
  actor: KeeperCandidate | undefined,
  target: KeeperCandidate,
): string | null {
  if (!actor || actor.disabled || !hasPermission(actor.permissions, 'users:write')) return NO_LONGER_ALLOWED;
  const missing = missingPermissions(actor.permissions, target.permissions);
  return missing.length > 0 ? outranked(verb, missing) : null;
}
