'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import { tooLong } from '@/lib/field-messages';
import { fail, fieldErrorsFrom, type Result } from '@/lib/result';
import { finishSignIn } from '@/lib/auth/finish-sign-in';
import { clientIp } from '@/lib/auth/request-info';
import { runAction } from '@/lib/auth/run-action';
import { getDb } from '@/lib/db/client';
import { setChallengeCookie } from '@/lib/auth/challenge-cookie';
import { readTrustedBrowserCookie } from '@/lib/auth/trusted-browser-cookie';
import { IDENTIFIER_MAX_LENGTH, PASSWORD_INPUT_MAX_LENGTH } from '@/lib/limits';
import { INVALID_PASSWORD_MESSAGE } from '@/lib/sign-in/messages';
import { startSignIn } from '@/lib/sign-in/start-sign-in';

const EMPTY = 'Enter your email or username and your password.';
const schema = z.object({
  identifier: z
    .string()
    .trim()
    .min(1, 'Enter your email or username.')
    .max(IDENTIFIER_MAX_LENGTH, tooLong(IDENTIFIER_MAX_LENGTH)),
  password: z
    .string()
    .min(1, 'Enter your password.')
    .max(PASSWORD_INPUT_MAX_LENGTH, tooLong(PASSWORD_INPUT_MAX_LENGTH)),
});

export async function signInWithPassword(
  _prev: unknown,
  formData: FormData,
): Promise<Result<undefined, { identifier: string }>> {
  const values = { identifier: String(formData.get('identifier') ?? '') };
  const parsed = schema.safeParse({ identifier: formData.get('identifier'), password: formData.get('password') });
  if (!parsed.success) {
    const fieldErrors = fieldErrorsFrom(parsed.error);
    const messages = Object.values(fieldErrors);
    return { ...fail(messages.length === 1 ? messages[0] : EMPTY, { fieldErrors }), values };
  }
  const trustedBrowser = await readTrustedBrowserCookie();
  const started = await runAction(
    async () => startSignIn(getDb(), { ...parsed.data, ip: await clientIp(), trustedBrowser }),
    values,
  );
  // A wrong identifier or password lands on the password field (the message names both, so it
  // tells nothing about which was wrong); the email or username stays as typed.
  if (!started.ok) {
    const wrong = started.error === INVALID_PASSWORD_MESSAGE;
    return { ...started, fieldErrors: wrong ? { password: started.error } : undefined, values };
  }
  // No second factor applies, or this browser's trust passed it (after the password).
  if (!started.data.required || started.data.trusted) return finishSignIn(started.data.token);
  // No session yet: the browser holds only the challenge token until a second factor passes.
  await setChallengeCookie(started.data.token);
  redirect(started.data.sendFailed ? '/login/verify?sendFailed=1' : '/login/verify');
}
