import type { DbOrTx } from '../db/client';
import { countUnusedBackupCodes } from './backup-code-store';
import { findTotpCredential, startedByOf } from './totp-credential';

export type TwoFactorStatus =
  { state: 'off' } | { state: 'pending' } | { state: 'on'; method: 'totp'; since: Date; backupCodesLeft: number };

/** What the Security page and the header need to know about a user's own 2FA. */
export async function getTwoFactorStatus(db: DbOrTx, userId: string): Promise<TwoFactorStatus> {
  const credential = await findTotpCredential(db, userId);
  if (!credential) return { state: 'off' };
  // A setup an admin started for this user is theirs to finish: for the user it is still off.
  if (!credential.confirmedAt) return startedByOf(credential) === userId ? { state: 'pending' } : { state: 'off' };
  return {
    state: 'on',
    method: 'totp',
    since: credential.confirmedAt,
    backupCodesLeft: await countUnusedBackupCodes(db, userId),
  };
}
