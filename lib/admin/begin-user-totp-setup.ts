import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { companies } from '../db/schema';
import { recordAudit } from '../audit/record';
import { fail, ok, type Result } from '../result';
import { beginTotpSetup } from '../twofactor/totp-credential';
import { findCompanyUser } from './find-company-user';
import { isSelf, SELF_SERVICE_ONLY, USER_NOT_FOUND } from './messages';

/**
 * Starts authenticator enrolment for a user of the admin's company: a pending secret the admin's
 * screen shows as a QR for the user's phone. Nothing is active until a code proves the phone.
 * Only this action writes: the user's page merely reads the pending secret back.
 */
export async function beginUserTotpSetup(
  db: DbOrTx,
  input: { companyId: string; actorUserId: string; targetUserId: string; ip?: string | null },
): Promise<Result> {
  if (isSelf(input)) return fail(SELF_SERVICE_ONLY);
  const target = await findCompanyUser(db, { companyId: input.companyId, userId: input.targetUserId });
  if (!target) return fail(USER_NOT_FOUND);
  const [company] = await db
    .select({ allowTotp: companies.allowTotp })
    .from(companies)
    .where(eq(companies.id, input.companyId));
  if (!company?.allowTotp)
    return fail('Your company does not allow authenticator apps. Allow them under Company › 2F Authentication first.');
  const secret = await beginTotpSetup(db, target.user.id, input.actorUserId);
  if (!secret)
    return fail('This user’s authenticator app is already active. Choose Reset 2FA first to set up a new one.');
  await recordAudit(db, {
    type: '2fa.setup_started_by_admin',
    companyId: input.companyId,
    actorUserId: input.actorUserId,
    targetUserId: target.user.id,
    ip: input.ip,
  });
  return ok();
}
