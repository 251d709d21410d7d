'use server';

import { signOut } from '@/lib/auth/auth';
import { getCurrentSession } from '@/lib/auth/guards';
import { getDb } from '@/lib/db/client';
import { revokeSession } from '@/lib/sessions/sessions';

/** Ends the session on the server first, so the cookie is worthless even if it was copied. */
export async function signOutAction(): Promise<void> {
  const current = await getCurrentSession();
  if (current) await revokeSession(getDb(), current.session.id);
  await signOut({ redirectTo: '/login' });
}
