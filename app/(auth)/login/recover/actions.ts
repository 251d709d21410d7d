'use server';

import { z } from 'zod';
import type { ActionResult } from '@/lib/action-result';
import { readChallengeCookie } from '@/lib/auth/challenge-cookie';
import { clientIp } from '@/lib/auth/request-info';
import { runAction } from '@/lib/auth/run-action';
import { getDb } from '@/lib/db/client';
import { RECOVERY_RESTART_MESSAGE, startRecovery } from '@/lib/recovery/start-recovery';

const schema = z.object({ answer: z.string().trim().min(1).max(200) });

export type RecoverState = ActionResult<{ maskedEmail: string }> & { restart?: boolean };

/** The answer is never sent back: a failed try shows an empty field and a generic message. */
export async function startRecoveryAction(_prev: unknown, formData: FormData): Promise<RecoverState> {
  const parsed = schema.safeParse({ answer: formData.get('answer') });
  if (!parsed.success) return { ok: false, error: 'Enter the answer to your security question.' };
  const token = await readChallengeCookie();
  if (!token) return { ok: false, error: RECOVERY_RESTART_MESSAGE, restart: true };
  let restart = false;
  const result = await runAction<{ maskedEmail: string }, undefined>(async () => {
    const outcome = await startRecovery(getDb(), { token, answer: parsed.data.answer, ip: await clientIp() });
    if (!outcome.ok) {
      restart = Boolean(outcome.restart);
      return { ok: false, error: outcome.error };
    }
    return { ok: true, data: { maskedEmail: outcome.maskedEmail } };
  });
  return result.ok ? result : { ok: false, error: result.error, restart };
}
