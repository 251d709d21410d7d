import { AuthError } from 'next-auth';
import { isDatabaseUnavailable } from '../db/errors';
import { DATABASE_DOWN_MESSAGE, fail, type Failure } from '../result';
import { signIn } from './auth';

/**
 * Exchanges a passed login challenge for an Auth.js session and redirects to `redirectTo`.
 * On success this throws Next's redirect signal: call it last and do not catch it. If the
 * challenge can no longer be exchanged (expired, or used by a parallel request), it says so.
 */
export async function finishSignIn(ticket: string, redirectTo = '/'): Promise<Failure<never>> {
  try {
    await signIn('credentials', { ticket, redirectTo });
  } catch (error) {
    if (!(error instanceof AuthError)) throw error;
    // Auth.js wraps what authorize() threw as cause.err: an unreachable database is not an expired sign-in.
    if (isDatabaseUnavailable(error) || isDatabaseUnavailable((error.cause as { err?: unknown } | undefined)?.err))
      return fail(DATABASE_DOWN_MESSAGE);
    return fail('This sign-in has expired. Sign in again with your password.', { restart: true });
  }
  throw new Error('signIn returned without redirecting');
}
