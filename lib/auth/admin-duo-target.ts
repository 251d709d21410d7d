import { requireRecentReauth } from './guards';

/**
 * For the admin's Duo Setup routes: the admin (in sudo mode) and the user they act on, scoped to the
 * admin's company by the lib calls. Null for a malformed id or the admin's own account.
 */
export async function adminDuoTarget(userId: string) {
  const { user, company } = await requireRecentReauth(`/admin/users/${userId}`, 'users:2fa');
  if (!/^[0-9a-f-]{36}$/i.test(userId) || userId === user.id) return null;
  return { companyId: company.id, actorUserId: user.id, targetUserId: userId, userId };
}
