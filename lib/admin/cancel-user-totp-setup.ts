import type { DbOrTx } from '../db/client';
import { recordAudit } from '../audit/record';
import { fail, ok, type Result } from '../result';
import { cancelTotpSetup } from '../twofactor/totp-credential';
import { findCompanyUser } from './find-company-user';
import { isSelf, SELF_SERVICE_ONLY, USER_NOT_FOUND } from './messages';

/** Abandons a pending enrolment of a user of the admin's company; an active authenticator stays. */
export async function cancelUserTotpSetup(
  db: DbOrTx,
  input: { companyId: string; actorUserId: string; targetUserId: string; ip?: string | null },
): Promise<Result> {
  if (isSelf(input)) return fail(SELF_SERVICE_ONLY);
  const target = await findCompanyUser(db, { companyId: input.companyId, userId: input.targetUserId });
  if (!target) return fail(USER_NOT_FOUND);
  await cancelTotpSetup(db, target.user.id);
  await recordAudit(db, {
    type: '2fa.setup_cancelled_by_admin',
    companyId: input.companyId,
    actorUserId: input.actorUserId,
    targetUserId: target.user.id,
    ip: input.ip,
  });
  return ok();
}
