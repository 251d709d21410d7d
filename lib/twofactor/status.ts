import type { DbOrTx } from '../db/client';
import { countUnusedBackupCodes } from './backup-code-store';
import { findTotpCredential } from './totp-credential';
import { totpState } from './totp-state';

export type TwoFactorStatus =
  { state: 'off' } | { state: 'pending' } | { state: 'on'; method: 'totp'; since: Date; backupCodesLeft: number };

/** What the Security page and the header need to know about a user's own 2FA (the user is the viewer). */
export async function getTwoFactorStatus(db: DbOrTx, userId: string): Promise<TwoFactorStatus> {
  const credential = await findTotpCredential(db, userId);
  // A setup an admin started for this user is theirs to finish: for the user it is still off.
  const state = totpState(credential, userId);
  if (state !== 'on') return { state };
  return {
    state: 'on',
    method: 'totp',
    since: credential!.confirmedAt!,
    backupCodesLeft: await countUnusedBackupCodes(db, userId),
  };
}
