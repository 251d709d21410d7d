import type { Db, DbOrTx } from '../db/client';
import type { User } from '../db/schema';
import { confirmPassword } from '../accounts/confirm-password';
import { recordAudit } from '../audit/record';
import { BACKUP_CODES_LOW } from '../limits';
import { notifyUser } from '../messaging/notify-user';
import { firstRefusal, formatWait, hitRateLimits, resetRateLimits } from '../rate-limit/hit';
import { fail, ok, type Result } from '../result';
import { stampReauthentication } from '../sessions/reauthentication';
import { limitKeys, secondFactorKeys } from '../rate-limit/limit-keys';
import { countUnusedBackupCodes, redeemBackupCode } from './backup-code-store';
import {
  REPLAYED_TOTP_MESSAGE,
  USED_BACKUP_CODE_MESSAGE,
  WRONG_BACKUP_CODE_MESSAGE,
  WRONG_TOTP_MESSAGE,
} from './messages';
import { checkTotp } from './totp';
import { consumeTotpStep, findTotpCredential, readTotpSecret } from './totp-credential';

export type ReauthMethod = 'password' | 'totp' | 'backup';
type Input = { user: User; sessionId: string; method: ReauthMethod; secret: string; ip?: string | null; now?: Date };

class SessionGone extends Error {}
const SESSION_GONE = 'Your session has ended. Sign in again.';

/**
 * Confirms the signed-in user again ("sudo mode" for admin screens) with their password, a code
 * from their authenticator app or a backup code, and stamps the session it came from, and no
 * other. Wrong passwords count against the re-authentication limit; wrong codes against the
 * account's second-factor limits (the sign-in's), 100 in a row at most. A code is used up by the
 * same conditional UPDATE as at sign-in, in the transaction that stamps the session.
 */
export async function reauthenticateSession(db: Db, input: Input): Promise<Result> {
  const now = input.now ?? new Date();
  const field = input.method === 'password' ? 'password' : 'code';
  const refuse = (error: string) => fail(error, { fieldErrors: { [field]: error } });
  if (input.method === 'password') {
    const checked = await confirmPassword(db, { userId: input.user.id, password: input.secret, now });
    if (!checked.ok) return refuse(checked.error);
  } else {
    const limits = await hitRateLimits(db, limitKeys.secondFactor(input.user.id), now);
    const refused = firstRefusal(limits);
    if (refused)
      return fail(
        `Too many wrong codes. Try again in ${formatWait(refused.retryAfterSeconds)}, or use your password.`,
        {
          retryAfterSeconds: refused.retryAfterSeconds,
        },
      );
  }
  let problem: string | null;
  try {
    problem = await db.transaction(async (tx) => {
      const wrong = input.method === 'password' ? null : await useSecondFactor(tx, input, now);
      if (wrong) return wrong;
      if (!(await stampReauthentication(tx, { sessionId: input.sessionId, userId: input.user.id, now })))
        throw new SessionGone();
      await recordAudit(tx, {
        type: 'session.reauthenticated',
        companyId: input.user.companyId,
        actorUserId: input.user.id,
        targetUserId: input.user.id,
        detail: { method: input.method },
        ip: input.ip,
      });
      return null;
    });
  } catch (error) {
    if (error instanceof SessionGone) return fail(SESSION_GONE, { restart: true });
    throw error;
  }
  if (problem) return refuse(problem);
  if (input.method !== 'password') await resetRateLimits(db, secondFactorKeys(input.user.id));
  if (input.method === 'backup') await notifyBackupCodeUsed(db, input.user);
  return ok();
}

/** Checks and uses up a TOTP step or a backup code; the reason it failed, or null. */
async function useSecondFactor(tx: DbOrTx, input: Input, now: Date): Promise<string | null> {
  if (input.method === 'backup') {
    const used = await redeemBackupCode(tx, { userId: input.user.id, code: input.secret, now });
    if (used.ok) return null;
    return used.reason === 'used' ? USED_BACKUP_CODE_MESSAGE : WRONG_BACKUP_CODE_MESSAGE;
  }
  const credential = await findTotpCredential(tx, input.user.id);
  if (!credential?.confirmedAt) return 'No authenticator app is set up for your account. Use your password.';
  const check = checkTotp({ secret: readTotpSecret(credential), code: input.secret, now });
  if (!check.valid) return WRONG_TOTP_MESSAGE;
  // A code is accepted once: the step must be later than the last one used (sign-in included).
  return (await consumeTotpStep(tx, { userId: input.user.id, step: check.timeStep })) ? null : REPLAYED_TOTP_MESSAGE;
}

async function notifyBackupCodeUsed(db: Db, user: User): Promise<void> {
  const left = await countUnusedBackupCodes(db, user.id);
  await notifyUser(db, {
    user,
    subject: 'A backup code was used to confirm it’s you',
    paragraphs: [
      `One of your backup codes was used to confirm your identity in Latchkey’s admin screens. You have ${left} backup code${left === 1 ? '' : 's'} left.`,
      left <= BACKUP_CODES_LOW
        ? 'You are running low: create a new set from Account › Security.'
        : 'Each code works once.',
    ],
  });
}
