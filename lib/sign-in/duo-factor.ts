import { recordAudit } from '../audit/record';
import type { DbOrTx } from '../db/client';
import { duoClientFor } from '../duo/company-client';
import type { DuoClient, DuoFailure } from '../duo/types';
import { CHALLENGE_MAX_ATTEMPTS } from '../limits';
import { formatWait } from '../rate-limit/hit';
import { fail, type Failure } from '../result';
import type { DuoAttempt } from './duo-attempt';
import { count } from './factor-checks';
import type { OpenChallenge } from './find-challenge';
import { EXPIRED_MESSAGE, METHOD_UNAVAILABLE_MESSAGE, TOO_MANY_FOR_CHALLENGE_MESSAGE } from './messages';

/** A Duo step that did not work; `fallback` says the page should offer the SMS/email code instead. */
export type DuoSignInFailure = Failure<never> & { fallback?: boolean };

export const DUO_DOWN_MESSAGE = 'Duo isn’t answering right now, so we couldn’t ask it.';
export const DUO_MISCONFIGURED_MESSAGE =
  'Duo can’t be used for your company right now: your administrator needs to check its settings.';

/** Who Duo is asked about: the Duo username an admin set, else the Latchkey email. */
export const duoUsername = (user: OpenChallenge['user']) => user.duoUsername ?? user.email;

/**
 * The company's Duo client for a challenge that may use Duo now, or why not. The policy decides
 * (the company allows Duo and the user chose it); a company without keys cannot be asked.
 */
export function duoFor(open: OpenChallenge | null): { client: DuoClient; username: string } | DuoSignInFailure {
  if (!open) return fail(EXPIRED_MESSAGE, { restart: true });
  if (open.challenge.attempts >= CHALLENGE_MAX_ATTEMPTS) return fail(TOO_MANY_FOR_CHALLENGE_MESSAGE, { restart: true });
  if (!open.policy.methods.includes('duo')) return fail(METHOD_UNAVAILABLE_MESSAGE);
  const client = duoClientFor(open.company);
  if (!client) return { ...fail(DUO_MISCONFIGURED_MESSAGE), fallback: true };
  return { client, username: duoUsername(open.user) };
}

/**
 * Duo could not be asked (down, slow, keys revoked, clock off): the user reads what to do next, the
 * audit log keeps Duo's code and words. Nothing was counted or bound.
 */
export async function duoUnavailable(
  db: DbOrTx,
  input: { open: OpenChallenge; failure: DuoFailure; step: string },
): Promise<DuoSignInFailure> {
  const { open, failure } = input;
  await recordAudit(db, {
    type: 'auth.duo_unavailable',
    companyId: open.user.companyId,
    actorUserId: open.user.id,
    targetUserId: open.user.id,
    detail: { method: 'duo', factor: input.step, duo: failure.duo },
    ip: open.challenge.ip,
  });
  const kind = failure.duo.kind;
  if (kind === 'bad-request') {
    return {
      ...fail(`Duo could not do this${failure.duo.message ? `: ${failure.duo.message}` : ''}.`),
      fallback: true,
    };
  }
  const words = ['credentials', 'clock', 'forbidden'].includes(kind) ? DUO_MISCONFIGURED_MESSAGE : DUO_DOWN_MESSAGE;
  return { ...fail(words), fallback: true };
}

/** What the user reads after a Duo try that did not pass: a lockout, no tries left, or how many remain. */
export function refusal(
  attempt: DuoAttempt | { attempts: number | null; blockedUntil?: null },
  error: string,
  now: Date,
) {
  if (attempt.blockedUntil) {
    const seconds = Math.max(1, Math.ceil((new Date(attempt.blockedUntil).getTime() - now.getTime()) / 1000));
    return fail(`Too many failed tries for this account. For your security, try again in ${formatWait(seconds)}.`, {
      retryAfterSeconds: seconds,
    });
  }
  if (attempt.attempts === null) return fail(EXPIRED_MESSAGE, { restart: true });
  const left = CHALLENGE_MAX_ATTEMPTS - attempt.attempts;
  if (left <= 0) return fail(`${error} No tries left: sign in again with your password.`, { restart: true });
  return fail(`${error} ${count(left, 'try', 'tries')} left.`);
}
