'use server';

import { redirect } from 'next/navigation';
import { setChallengeCookie } from '@/lib/auth/challenge-cookie';
import { getCurrentSession, needsStepUp } from '@/lib/auth/guards';
import { runAction } from '@/lib/auth/run-action';
import { getDb } from '@/lib/db/client';
import { ok, type Result } from '@/lib/result';
import { revokeSession } from '@/lib/sessions/sessions';
import { startStepUp, type StartedSignIn } from '@/lib/sign-in/start-sign-in';

/**
 * A session that began before the company required 2FA trades itself for a sign-in challenge:
 * the password-only session ends here, and a new one is issued once a second factor passes.
 */
export async function stepUpAction(): Promise<Result> {
  const current = await getCurrentSession();
  if (!current) redirect('/login');
  if (!needsStepUp(current)) redirect('/');
  const started = await runAction<StartedSignIn | null, Record<string, string>>(async () => {
    const db = getDb();
    await revokeSession(db, current.session.id);
    return ok(await startStepUp(db, { userId: current.user.id, ip: current.session.ip }));
  });
  if (!started.ok) return started;
  if (!started.data) redirect('/login');
  await setChallengeCookie(started.data.token);
  redirect(`/login/verify?stepUp=1${started.data.sendFailed ? '&sendFailed=1' : ''}`);
}
