import type { DbOrTx } from '../db/client';
import { admitPasswordCheck, verifyPassword } from '../crypto/password';
import { firstRefusal, hitRateLimits, refundRateLimits, resetRateLimits } from '../rate-limit/hit';
import { fail, ok, type Result } from '../result';
import { formatWait } from '../rate-limit/hit';
import { findAccount, type Account } from '../accounts/find-account';
import { limitKeys } from '../rate-limit/limit-keys';
import { INVALID_PASSWORD_MESSAGE } from './messages';

/**
 * Step one of sign-in (and of an API call). An unknown identifier and a wrong password give the
 * same answer after the same argon2 work. Every attempt is counted before the password is
 * checked, in one upsert for all keys, so a burst of parallel guesses cannot slip past the limits:
 * per IP, per account per 15 minutes (unknown identifiers too, so a lockout reveals nothing),
 * and at most 100 consecutive failures per account. A web sign-in's success clears the account's
 * counts; `onSuccess: 'refund'` only gives its own attempt back (the API: an integration's
 * frequent successes must not erase an attacker's failures). A lockout's failure carries
 * `retryAfterSeconds`, and so does a refusal when too many checks are already in progress.
 */
export async function checkPassword(
  db: DbOrTx,
  input: { identifier: string; password: string; ip: string; now?: Date; onSuccess?: 'reset' | 'refund' },
): Promise<Result<Account>> {
  // Before any work: a crowd beyond what the hash slots can serve soon is told to come back.
  const admission = admitPasswordCheck();
  if (!admission.admitted) {
    const seconds = admission.retryAfterSeconds;
    return fail(`Latchkey is busy signing people in. Try again in ${seconds} second${seconds === 1 ? '' : 's'}.`, {
      retryAfterSeconds: seconds,
    });
  }
  try {
    return await checkAdmitted(db, input);
  } finally {
    admission.release();
  }
}

async function checkAdmitted(
  db: DbOrTx,
  input: { identifier: string; password: string; ip: string; now?: Date; onSuccess?: 'reset' | 'refund' },
): Promise<Result<Account>> {
  const now = input.now ?? new Date();
  const account = await findAccount(db, { identifier: input.identifier });
  const accountClaims = limitKeys.password(account?.user.id ?? input.identifier.trim().toLowerCase());
  const refused = firstRefusal(await hitRateLimits(db, [limitKeys.passwordIp(input.ip), ...accountClaims], now));
  if (refused) {
    const wait = formatWait(refused.retryAfterSeconds);
    return fail(`Too many attempts. For your security, sign-in is paused: try again in ${wait}.`, {
      retryAfterSeconds: refused.retryAfterSeconds,
    });
  }
  const valid = await verifyPassword(account?.user.passwordHash, input.password);
  if (!valid || !account || account.user.disabled) return fail(INVALID_PASSWORD_MESSAGE);
  const keys = accountClaims.map((c) => c.key);
  await (input.onSuccess === 'refund' ? refundRateLimits(db, keys) : resetRateLimits(db, keys));
  return ok(account);
}
