import type { Db } from '../db/client';
import type { User } from '../db/schema';
import { recordAudit } from '../audit/record';
import { confirmRecentOrPassword } from './confirm-recent';
import { notifyUser } from '../messaging/notify-user';
import { revokeOtherSessions } from '../sessions/sessions';
import { fail, ok, type Result } from '../result';
import { replaceBackupCodes } from './backup-code-store';
import { findTotpCredential } from './totp-credential';

/**
 * A new set of backup codes, after the password (or within the session's re-authentication window);
 * the old set stops working in the same commit.
 */
export async function regenerateBackupCodes(
  db: Db,
  input: { user: User; sessionId: string; password?: string | null; ip?: string | null },
): Promise<Result<{ codes: string[] }>> {
  const credential = await findTotpCredential(db, input.user.id);
  if (!credential?.confirmedAt) return fail('Enable two-factor authentication first.');
  const reauth = await confirmRecentOrPassword(db, input);
  if (!reauth.ok) return reauth;
  const codes = await db.transaction(async (tx) => {
    const created = await replaceBackupCodes(tx, input.user.id);
    await recordAudit(tx, {
      type: '2fa.backup_codes_regenerated',
      companyId: input.user.companyId,
      actorUserId: input.user.id,
      targetUserId: input.user.id,
      ip: input.ip,
    });
    await revokeOtherSessions(tx, input.user.id, input.sessionId);
    return created;
  });
  await notifyUser(db, {
    user: input.user,
    subject: 'New backup codes were created',
    paragraphs: [
      'You created a new set of backup codes for your Latchkey account. The old codes no longer work. Your other sessions were signed out.',
    ],
  });
  return ok({ codes });
}
