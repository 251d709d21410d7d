'use server';

import { redirect } from 'next/navigation';
import { setChallengeCookie } from '@/lib/auth/challenge-cookie';
import { getCurrentSession, needsStepUp } from '@/lib/auth/guards';
import { getDb } from '@/lib/db/client';
import { revokeSession } from '@/lib/sessions/sessions';
import { startStepUp } from '@/lib/sign-in/start-sign-in';

/**
 * A session that began before the company required 2FA trades itself for a sign-in challenge:
 * the password-only session ends here, and a new one is issued once a second factor passes.
 */
export async function stepUpAction(): Promise<void> {
  const current = await getCurrentSession();
  if (!current) redirect('/login');
  if (!needsStepUp(current)) redirect('/');
  const db = getDb();
  await revokeSession(db, current.session.id);
  const started = await startStepUp(db, { userId: current.user.id, ip: current.session.ip });
  if (!started) redirect('/login');
  await setChallengeCookie(started.token);
  redirect(`/login/verify?stepUp=1${started.sendFailed ? '&sendFailed=1' : ''}`);
}
