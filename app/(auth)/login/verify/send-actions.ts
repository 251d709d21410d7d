'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { fail, ok, type Result } from '@/lib/result';
import { readChallengeCookie } from '@/lib/auth/challenge-cookie';
import { runAction } from '@/lib/auth/run-action';
import { getDb } from '@/lib/db/client';
import { EXPIRED_MESSAGE } from '@/lib/sign-in/messages';
import { sendChallengeCode } from '@/lib/sign-in/send-code';

/**
 * Sends (or re-sends) the sign-in code of the current challenge. The page is rendered again with
 * the new code's time and destination, and the form announces "Code sent." (issue 9 #11).
 */
export async function sendCodeAction(_prev: unknown, formData: FormData): Promise<Result<{ destination: string }>> {
  const channel = z.enum(['sms', 'email']).safeParse(formData.get('channel'));
  if (!channel.success) return fail('Choose text message or email.');
  const token = await readChallengeCookie();
  if (!token) return fail(EXPIRED_MESSAGE, { restart: true });
  const sent = await runAction(() => sendChallengeCode(getDb(), { token, channel: channel.data }));
  if (!sent.ok) return sent;
  revalidatePath('/login/verify');
  return ok({ destination: sent.data.destination });
}
