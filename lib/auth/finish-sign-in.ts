import { signIn } from './auth';

/**
 * Exchanges a passed login challenge for an Auth.js session and redirects to `redirectTo`.
 * On success this throws Next's redirect signal: call it last and do not catch it.
 */
export async function finishSignIn(ticket: string, redirectTo = '/'): Promise<never> {
  await signIn('credentials', { ticket, redirectTo });
  throw new Error('signIn returned without redirecting');
}
