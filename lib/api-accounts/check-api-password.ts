import type { DbOrTx } from '../db/client';
import type { User } from '../db/schema';
import { newPasswordLimit } from '../accounts/check-new-password';
import { scorePassword } from '../accounts/password-strength';
import { API_ACCOUNT_PASSWORD_MIN_LENGTH, API_ACCOUNT_PASSWORD_MIN_SCORE, PASSWORD_MAX_LENGTH } from '../limits';
import { firstRefusal, formatWait, hitRateLimits } from '../rate-limit/hit';
import { fail, ok, type Result } from '../result';

export const API_PASSWORD_TOO_SHORT = `An API Account’s password needs at least ${API_ACCOUNT_PASSWORD_MIN_LENGTH} characters. Use a longer one, or let Latchkey generate one.`;

/**
 * An admin's chosen password for an API Account: stricter than a person's (at least
 * API_ACCOUNT_PASSWORD_MIN_LENGTH characters and zxcvbn's top score), since nobody has to
 * remember it and it opens the API without a second factor. Length first (free), then the try is
 * counted against the account, then the strength check runs off the main thread.
 */
export async function checkApiPassword(
  db: DbOrTx,
  input: { password: string; user: User; now?: Date },
): Promise<Result> {
  const { password, user } = input;
  if (password.length < API_ACCOUNT_PASSWORD_MIN_LENGTH) return fail(API_PASSWORD_TOO_SHORT);
  if (password.length > PASSWORD_MAX_LENGTH) return fail(`Use at most ${PASSWORD_MAX_LENGTH} characters.`);
  const refused = firstRefusal(await hitRateLimits(db, [newPasswordLimit(user.id)], input.now));
  if (refused)
    return fail(`Too many passwords tried. Try again in ${formatWait(refused.retryAfterSeconds)}.`, {
      retryAfterSeconds: refused.retryAfterSeconds,
    });
  const strength = await scorePassword(password, [user.email, user.name, user.username ?? '']);
  if (!strength.ok) return strength;
  if (strength.data.score >= API_ACCOUNT_PASSWORD_MIN_SCORE) return ok();
  const hint = strength.data.warning || strength.data.suggestion;
  return fail(
    `This password is not strong enough for an API Account, which needs the top strength score. ${hint} Let Latchkey generate one, or use more unrelated words.`.replace(
      /\s+/g,
      ' ',
    ),
  );
}
