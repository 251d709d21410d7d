'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import type { ActionResult } from '@/lib/action-result';
import { checkPassword } from '@/lib/accounts/check-password';
import { formatWait } from '@/lib/rate-limit/hit';
import { finishSignIn } from '@/lib/auth/finish-sign-in';
import { clientIp } from '@/lib/auth/request-info';
import { runAction } from '@/lib/auth/run-action';
import { getDb } from '@/lib/db/client';
import { setChallengeCookie } from '@/lib/auth/challenge-cookie';
import { startChallenge } from '@/lib/sessions/start-challenge';

const schema = z.object({ identifier: z.string().trim().min(1).max(320), password: z.string().min(1).max(1024) });

const INVALID = 'That email, username or password is not right. Check them and try again.';

export async function signInWithPassword(
  _prev: unknown,
  formData: FormData,
): Promise<ActionResult<undefined, { identifier: string }>> {
  const parsed = schema.safeParse({ identifier: formData.get('identifier'), password: formData.get('password') });
  const values = { identifier: String(formData.get('identifier') ?? '') };
  if (!parsed.success) return { ok: false, error: 'Enter your email or username and your password.', values };
  const ticket = await runAction(async () => {
    const db = getDb();
    const ip = await clientIp();
    const check = await checkPassword(db, { ...parsed.data, ip });
    if (!check.ok && check.reason === 'locked') {
      return {
        ok: false,
        error: `Too many attempts. For your security, sign-in is paused: try again in ${formatWait(check.retryAfterSeconds)}.`,
        values,
      };
    }
    if (!check.ok) return { ok: false, error: INVALID, values };
    if (check.user.isApiAccount) {
      return {
        ok: false,
        error: 'This is an API account: it calls the HTTP API and cannot sign in to the web app.',
        values,
      };
    }
    return { ok: true, data: await startChallenge(db, { user: check.user, ip }) };
  }, values);
  if (!ticket.ok) return ticket;
  if (!ticket.data.required) return finishSignIn(ticket.data.token);
  // No session yet: the browser holds only the challenge token until a second factor passes.
  await setChallengeCookie(ticket.data.token);
  redirect(ticket.data.sendFailed ? '/login/verify?sendFailed=1' : '/login/verify');
}
