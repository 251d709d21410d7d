import { cookies } from 'next/headers';
import { LOGIN_CHALLENGE_LIFETIME_MS } from '../limits';

const NAME = 'lk_challenge';

/** Secure cookies everywhere but a local trial over plain HTTP (LATCHKEY_INSECURE_HTTP=1). */
export function secureCookies(): boolean {
  return process.env.NODE_ENV === 'production' && process.env.LATCHKEY_INSECURE_HTTP !== '1';
}

/** Only the challenge token travels to the browser: httpOnly, SameSite=Lax, scoped to /login. */
export async function setChallengeCookie(token: string): Promise<void> {
  (await cookies()).set(NAME, token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: secureCookies(),
    path: '/login',
    maxAge: LOGIN_CHALLENGE_LIFETIME_MS / 1000,
  });
}

export async function readChallengeCookie(): Promise<string | null> {
  return (await cookies()).get(NAME)?.value ?? null;
}

export async function clearChallengeCookie(): Promise<void> {
  (await cookies()).set(NAME, '', {
    httpOnly: true,
    sameSite: 'lax',
    secure: secureCookies(),
    path: '/login',
    maxAge: 0,
  });
}
