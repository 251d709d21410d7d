import type { Db } from '../db/client';
import type { User } from '../db/schema';
import type { Result } from '../result';
import { confirmRecentOrPassword } from './confirm-recent';
import { startDuoSetup, type DuoSetupStarted } from './start-duo-setup';

/**
 * A user's own Duo Setup (Account › Security): like every change of method it needs the session's
 * re-authentication window or the password, since whoever activates a phone here signs in with it.
 */
export async function startOwnDuoSetup(
  db: Db,
  input: { user: User; sessionId: string; password?: string | null; ip?: string | null },
): Promise<Result<DuoSetupStarted>> {
  const confirmed = await confirmRecentOrPassword(db, input);
  if (!confirmed.ok) return confirmed;
  return startDuoSetup(db, {
    companyId: input.user.companyId,
    userId: input.user.id,
    actorUserId: input.user.id,
    sessionId: input.sessionId,
    ip: input.ip,
  });
}
