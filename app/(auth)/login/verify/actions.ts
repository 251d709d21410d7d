'use server';

import { z } from 'zod';
import type { ActionResult } from '@/lib/action-result';
import { clearChallengeCookie, readChallengeCookie } from '@/lib/auth/challenge-cookie';
import { finishSignIn } from '@/lib/auth/finish-sign-in';
import { runAction } from '@/lib/auth/run-action';
import { getDb } from '@/lib/db/client';
import { verifyChallenge } from '@/lib/sessions/verify-challenge';

const schema = z.object({ method: z.enum(['totp', 'backup', 'otp']), code: z.string().trim().min(1).max(40) });

export type VerifyState = ActionResult<undefined> & { restart?: boolean };

export async function verifySecondFactor(_prev: unknown, formData: FormData): Promise<VerifyState> {
  const parsed = schema.safeParse({ method: formData.get('method'), code: formData.get('code') });
  if (!parsed.success) return { ok: false, error: 'Enter the code first.' };
  const token = await readChallengeCookie();
  if (!token) return { ok: false, error: 'This sign-in has expired. Sign in again with your password.', restart: true };
  let restart = false;
  const result = await runAction<string, undefined>(async () => {
    const outcome = await verifyChallenge(getDb(), { token, ...parsed.data });
    if (!outcome.ok) {
      restart = Boolean(outcome.restart);
      return { ok: false, error: outcome.error };
    }
    const next = outcome.method === 'backup' ? `/account/security?backupCodeUsed=1` : '/';
    return { ok: true, data: next };
  });
  if (!result.ok) return { ...result, restart };
  await clearChallengeCookie();
  return finishSignIn(token, result.data);
}
