import { cookies, headers } from 'next/headers';
import { getDb } from '../db/client';
import { trustBrowserAfterFactor } from '../sign-in/trust-browser';
import { clientIp } from './request-info';
import { readTrustedBrowserToken, signTrustedBrowserToken } from '../sessions/trusted-browsers';
import { secureCookies } from './challenge-cookie';

const NAME = 'lk_trusted_browser';

/**
 * The trusted-browser token, signed with the app's keyed hash: httpOnly, SameSite=Lax, Secure in
 * production, and scoped to /login like the challenge cookie (only the sign-in reads it). It lives
 * as long as the trust; the database row decides whether it still counts.
 */
export async function setTrustedBrowserCookie(token: string, expiresAt: Date): Promise<void> {
  (await cookies()).set(NAME, signTrustedBrowserToken(token), {
    httpOnly: true,
    sameSite: 'lax',
    secure: secureCookies(),
    path: '/login',
    maxAge: Math.max(0, Math.floor((expiresAt.getTime() - Date.now()) / 1000)),
  });
}

/** The token of a trusted-browser cookie whose signature holds; a tampered cookie is null, unlooked-up. */
export async function readTrustedBrowserCookie(): Promise<string | null> {
  return readTrustedBrowserToken((await cookies()).get(NAME)?.value);
}

/**
 * "Don't ask again on this browser" was ticked and the second factor passed the challenge behind
 * `challengeToken`: trusts the browser (when the company allows it) and sets its cookie. Call it
 * before finishSignIn redeems the challenge.
 */
export async function trustThisBrowser(challengeToken: string): Promise<void> {
  const trusted = await trustBrowserAfterFactor(getDb(), {
    challengeToken,
    userAgent: (await headers()).get('user-agent'),
    ip: await clientIp(),
  });
  if (trusted) await setTrustedBrowserCookie(trusted.token, trusted.expiresAt);
}
