import { cache } from 'react';
import { notFound, redirect } from 'next/navigation';
import { confirmPath } from '../admin/return-path';
import { readReauthentication, reauthenticatedRecently } from '../sessions/reauthentication';
import { getDb } from '../db/client';
import { findActiveSession, whySessionEnded, type ActiveSession } from '../sessions/sessions';
import { getTwoFactorStatus, type TwoFactorStatus } from '../twofactor/status';
import { twoFactorEnforced } from '../twofactor/enforcement';
import { auth } from './auth';
import { loadPage } from './load-page';
import { hasPermission, type Permission } from '../roles/permissions';

/** The current request's session row, user and company, or null. Cached per request. */
export const getCurrentSession = cache(async (): Promise<ActiveSession | null> => {
  const jwt = await auth();
  if (!jwt?.sid) return null;
  const sid = jwt.sid;
  return loadPage(() => findActiveSession(getDb(), sid));
});

/**
 * True when the company's 2FA requirement applies now (its enforcement date, if any, has passed)
 * and this session never passed a second factor: it must pass one before it can do anything else.
 */
export function needsStepUp({ session, company }: ActiveSession): boolean {
  return twoFactorEnforced(company) && !session.secondFactorAt;
}

/**
 * A signed-in user, or a redirect to the sign-in page, which says why a session that was there
 * has ended (idle, too old, or ended elsewhere). Use in every page, action and route.
 */
export async function requireUser(): Promise<ActiveSession> {
  const current = await getCurrentSession();
  if (!current) {
    const sid = (await auth())?.sid;
    redirect(sid ? `/login?ended=${await whySessionEnded(getDb(), sid)}` : '/login');
  }
  if (needsStepUp(current)) redirect('/login/step-up');
  return current;
}

/** True when the signed-in user's role holds `permission` (read with the session, every request). */
export function can(current: ActiveSession, permission: Permission): boolean {
  return hasPermission(current.role.permissions, permission);
}

/**
 * A signed-in user whose role holds `permission`; anyone else gets a 404, so the page's existence
 * is not revealed. Every admin page and action names the one permission it needs.
 */
export async function requirePermission(permission: Permission): Promise<ActiveSession> {
  const current = await requireUser();
  if (!can(current, permission)) notFound();
  return current;
}

/** The signed-in user's own 2FA status, read once per request (the layout and pages both need it). */
export const getCurrentTwoFactorStatus = cache(async (userId: string): Promise<TwoFactorStatus> =>
  getTwoFactorStatus(getDb(), userId),
);

/**
 * A user holding `permission`, in "sudo mode": their session confirmed its user within
 * REAUTH_WINDOW_MS. For the admin pages and actions that change who can sign in or what they may
 * do (Reset 2FA, a user's method, TOTP, email, role or API flag, roles, company settings). Anyone
 * else is sent to /admin/confirm, which asks once and comes back to `returnTo`. Actions call it
 * too: a page that was loaded in time proves nothing now.
 */
export async function requireRecentReauth(returnTo: string, permission: Permission): Promise<ActiveSession> {
  const current = await requirePermission(permission);
  if (reauthenticatedRecently(current.session)) return current;
  // The row cached for this request may predate a confirmation made earlier in the same request
  // (the confirm action redirects, and the page it returns to renders in that request).
  const stored = await readReauthentication(getDb(), current.session.id);
  if (stored && reauthenticatedRecently(stored)) return current;
  redirect(confirmPath(returnTo));
}
