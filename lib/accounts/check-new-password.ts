import type { DbOrTx } from '../db/client';
import {
  NEW_PASSWORD_CHECK_WINDOW_MS,
  NEW_PASSWORD_CHECKS_PER_ACCOUNT,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  PASSWORD_MIN_SCORE,
} from '../limits';
import { firstRefusal, formatWait, hitRateLimits, type RateLimitClaim } from '../rate-limit/hit';
import { fail, ok, type Result } from '../result';
import { scorePassword } from './password-strength';

/** New passwords tried for one account (change, reset, invitation), whatever their verdict. */
export const newPasswordLimit = (userId: string): RateLimitClaim => ({
  key: `newpw:${userId}`,
  limit: NEW_PASSWORD_CHECKS_PER_ACCOUNT,
  windowMs: NEW_PASSWORD_CHECK_WINDOW_MS,
});

/**
 * Checks a new password: length first (free), then the attempt is counted against `countAgainst`
 * (at least one limit, so nobody can make us score passwords without end), then its strength
 * against dictionaries and the user's own details, off the main thread. A failure's `error` tells
 * the user what to do.
 */
export async function checkNewPassword(
  db: DbOrTx,
  input: { password: string; userInputs?: string[]; countAgainst: [RateLimitClaim, ...RateLimitClaim[]]; now?: Date },
): Promise<Result> {
  const { password } = input;
  if (password.length < PASSWORD_MIN_LENGTH) return fail(`Use at least ${PASSWORD_MIN_LENGTH} characters.`);
  if (password.length > PASSWORD_MAX_LENGTH) return fail(`Use at most ${PASSWORD_MAX_LENGTH} characters.`);
  const refused = firstRefusal(await hitRateLimits(db, input.countAgainst, input.now));
  if (refused)
    return fail(`Too many passwords tried. Try again in ${formatWait(refused.retryAfterSeconds)}.`, {
      retryAfterSeconds: refused.retryAfterSeconds,
    });
  const strength = await scorePassword(password, input.userInputs ?? []);
  if (!strength.ok) return strength;
  if (strength.data.score >= PASSWORD_MIN_SCORE) return ok();
  const hint = strength.data.warning || strength.data.suggestion;
  return fail(
    `This password is too easy to guess. ${hint} Try a few unrelated words or a password manager.`.replace(/\s+/g, ' '),
  );
}
