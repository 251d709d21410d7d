'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import type { ActionResult } from '@/lib/action-result';
import { readChallengeCookie } from '@/lib/auth/challenge-cookie';
import { runAction } from '@/lib/auth/run-action';
import { getDb } from '@/lib/db/client';
import { findOpenChallenge } from '@/lib/sessions/verify-challenge';
import { loadPolicy } from '@/lib/twofactor/requirement';
import { sendLoginCode } from '@/lib/twofactor/send-login-code';
import { formatWait } from '@/lib/rate-limit/hit';

const CHANNEL_NAMES = { sms: 'by SMS', email: 'by email' } as const;

/** Sends (or re-sends) the SMS/email code of the current sign-in challenge. */
export async function sendCodeAction(_prev: unknown, formData: FormData): Promise<ActionResult> {
  const channel = z.enum(['sms', 'email']).safeParse(formData.get('channel'));
  if (!channel.success) return { ok: false, error: 'Choose SMS or email.' };
  const token = await readChallengeCookie();
  const result = await runAction<undefined, undefined>(async () => {
    const db = getDb();
    const open = token ? await findOpenChallenge(db, token) : null;
    if (!open) return { ok: false, error: 'This sign-in has expired. Sign in again with your password.' };
    const policy = await loadPolicy(db, open.user);
    if (!policy.methods.includes('otp'))
      return { ok: false, error: 'Codes by SMS or email are not available for your account.' };
    const sent = await sendLoginCode(db, { challengeId: open.challenge.id, user: open.user, channel: channel.data });
    if (sent.ok) return { ok: true, data: undefined };
    if (sent.reason !== 'delivery') {
      const error =
        sent.reason === 'cooldown'
          ? `Please wait ${sent.retryAfterSeconds} seconds before asking for a new code.`
          : `Too many codes were sent recently. Try again in ${formatWait(sent.retryAfterSeconds)}, or use another method.`;
      return { ok: false, error };
    }
    const other = sent.channel === 'sms' ? ' or get it by email instead' : '';
    return {
      ok: false,
      error: `We couldn't send your code ${CHANNEL_NAMES[sent.channel]}. Try again${other}. Nothing was used up.`,
    };
  });
  if (!result.ok) return result;
  redirect('/login/verify?method=otp');
}
