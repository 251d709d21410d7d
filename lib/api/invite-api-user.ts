import type { Db } from '../db/client';
import { normalizeEmail } from '../accounts/normalize';
import { inviteUser } from '../admin/invite-user';
import { ok, type Result } from '../result';

/**
 * POST /api/v1/users: inviteUser as the admin's Invite form runs it (the role must be one the API
 * account could hold out: findAssignableRole; invitations counted per inviter and per company). The
 * answer is the address and whether the email went, and nothing else: inviteUser creates nobody for
 * an address of another company and tells its owner instead, and that must read exactly like an
 * invitation, so the new user (or its absence) is not part of the answer.
 */
export async function inviteApiUser(
  db: Db,
  input: { companyId: string; actorUserId: string; name: string; email: string; roleId: string; ip: string },
): Promise<Result<{ email: string; emailSent: boolean }>> {
  const invited = await inviteUser(db, input);
  if (!invited.ok) {
    const { role, ...fields } = invited.fieldErrors ?? {};
    return { ...invited, fieldErrors: role === undefined ? fields : { ...fields, roleId: role } };
  }
  return ok({ email: normalizeEmail(input.email), emailSent: invited.data.emailSent });
}
