import { AuthError } from 'next-auth';
import { signIn } from './auth';

/**
 * Exchanges a passed login challenge for an Auth.js session and redirects to `redirectTo`.
 * On success this throws Next's redirect signal: call it last and do not catch it. If the
 * challenge can no longer be exchanged (expired, or used by a parallel request), it says so.
 */
export async function finishSignIn(
  ticket: string,
  redirectTo = '/',
): Promise<{ ok: false; error: string; restart: true }> {
  try {
    await signIn('credentials', { ticket, redirectTo });
  } catch (error) {
    if (error instanceof AuthError)
      return { ok: false, error: 'This sign-in has expired. Sign in again with your password.', restart: true };
    throw error;
  }
  throw new Error('signIn returned without redirecting');
}
