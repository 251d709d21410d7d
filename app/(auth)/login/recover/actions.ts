'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import { readChallengeCookie } from '@/lib/auth/challenge-cookie';
import { clientIp } from '@/lib/auth/request-info';
import { runAction } from '@/lib/auth/run-action';
import { getDb } from '@/lib/db/client';
import { tooLong } from '@/lib/field-messages';
import { SECURITY_ANSWER_MAX_LENGTH } from '@/lib/limits';
import { RECOVERY_RESTART_MESSAGE, startRecovery, WRONG_ANSWER_MESSAGE } from '@/lib/recovery/start-recovery';
import { fail, ok, type Result } from '@/lib/result';
import { sendChallengeCode } from '@/lib/sign-in/send-code';

const ENTER_ANSWER = 'Enter the answer to your security question.';
const answer = z
  .string()
  .trim()
  .min(1, ENTER_ANSWER)
  .max(SECURITY_ANSWER_MAX_LENGTH, tooLong(SECURITY_ANSWER_MAX_LENGTH));

export type RecoverState = Result<{ maskedEmail: string; awaiting: 'email' | 'admin' }>;

/**
 * Sends a recovery request. The form has an answer field only when the user set a security
 * question; the answer is never sent back (a wrong one is tied to its field, and only says it
 * didn't match).
 */
export async function startRecoveryAction(_prev: unknown, formData: FormData): Promise<RecoverState> {
  let given: string | null = null;
  if (formData.has('answer')) {
    const parsed = answer.safeParse(formData.get('answer'));
    if (!parsed.success) {
      const error = parsed.error.issues[0]?.message ?? ENTER_ANSWER;
      return fail(error, { fieldErrors: { answer: error } });
    }
    given = parsed.data;
  }
  const token = await readChallengeCookie();
  if (!token) return fail(RECOVERY_RESTART_MESSAGE, { restart: true });
  return runAction(async () => {
    const started = await startRecovery(getDb(), { token, answer: given, ip: await clientIp() });
    if (!started.ok) {
      return started.error === WRONG_ANSWER_MESSAGE
        ? fail(started.error, { fieldErrors: { answer: started.error } })
        : started;
    }
    // Only the masked address goes to the browser; the request id stays on the server.
    return ok({ maskedEmail: started.data.maskedEmail, awaiting: started.data.awaiting });
  });
}

/** Lost the phone: the sign-in code goes by email instead, and the user is back at the challenge. */
export async function sendByEmailInsteadAction(): Promise<Result> {
  const token = await readChallengeCookie();
  if (!token) return fail(RECOVERY_RESTART_MESSAGE, { restart: true });
  const sent = await runAction(() => sendChallengeCode(getDb(), { token, channel: 'email' }));
  if (!sent.ok) return sent;
  redirect('/login/verify?method=otp');
}
