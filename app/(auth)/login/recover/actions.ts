'use server';

import { z } from 'zod';
import { readChallengeCookie } from '@/lib/auth/challenge-cookie';
import { clientIp } from '@/lib/auth/request-info';
import { runAction } from '@/lib/auth/run-action';
import { getDb } from '@/lib/db/client';
import { SECURITY_ANSWER_MAX_LENGTH } from '@/lib/limits';
import { RECOVERY_RESTART_MESSAGE, startRecovery } from '@/lib/recovery/start-recovery';
import { fail, ok, type Result } from '@/lib/result';

const schema = z.object({ answer: z.string().trim().min(1).max(SECURITY_ANSWER_MAX_LENGTH) });

export type RecoverState = Result<{ maskedEmail: string }>;

/** The answer is never sent back: a failed try shows an empty field and a generic message. */
export async function startRecoveryAction(_prev: unknown, formData: FormData): Promise<RecoverState> {
  const parsed = schema.safeParse({ answer: formData.get('answer') });
  if (!parsed.success) return fail('Enter the answer to your security question.');
  const token = await readChallengeCookie();
  if (!token) return fail(RECOVERY_RESTART_MESSAGE, { restart: true });
  return runAction(async () => {
    const started = await startRecovery(getDb(), { token, answer: parsed.data.answer, ip: await clientIp() });
    // Only the masked address goes to the browser; the request id stays on the server.
    return started.ok ? ok({ maskedEmail: started.data.maskedEmail }) : started;
  });
}
