'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import { fail, type Result } from '@/lib/result';
import { readChallengeCookie } from '@/lib/auth/challenge-cookie';
import { runAction } from '@/lib/auth/run-action';
import { getDb } from '@/lib/db/client';
import { EXPIRED_MESSAGE } from '@/lib/sign-in/messages';
import { sendChallengeCode } from '@/lib/sign-in/send-code';

/** Sends (or re-sends) the SMS/email code of the current sign-in challenge. */
export async function sendCodeAction(_prev: unknown, formData: FormData): Promise<Result> {
  const channel = z.enum(['sms', 'email']).safeParse(formData.get('channel'));
  if (!channel.success) return fail('Choose SMS or email.');
  const token = await readChallengeCookie();
  if (!token) return fail(EXPIRED_MESSAGE, { restart: true });
  const sent = await runAction(() => sendChallengeCode(getDb(), { token, channel: channel.data }));
  if (!sent.ok) return sent;
  redirect('/login/verify?method=otp');
}
