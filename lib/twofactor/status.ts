import type { DbOrTx } from '../db/client';
import { countUnusedBackupCodes } from './backup-code-store';
import { findTotpCredential } from './totp-credential';

export type TwoFactorStatus =
  | { state: 'off' }
  | { state: 'pending' }
  | { state: 'on'; method: 'totp'; since: Date; backupCodesLeft: number };

/** What the Security page and the header need to know about a user's own 2FA. */
export async function getTwoFactorStatus(db: DbOrTx, userId: string): Promise<TwoFactorStatus> {
  const credential = await findTotpCredential(db, userId);
  if (!credential) return { state: 'off' };
  if (!credential.confirmedAt) return { state: 'pending' };
  return { state: 'on', method: 'totp', since: credential.confirmedAt, backupCodesLeft: await countUnusedBackupCodes(db, userId) };
}
