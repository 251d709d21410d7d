'use server';

import { z } from 'zod';
import { tooLong } from '@/lib/field-messages';
import { DATABASE_DOWN_MESSAGE, fail, type Result } from '@/lib/result';
import { clearChallengeCookie, readChallengeCookie } from '@/lib/auth/challenge-cookie';
import { finishSignIn } from '@/lib/auth/finish-sign-in';
import { runAction } from '@/lib/auth/run-action';
import { trustThisBrowser } from '@/lib/auth/trusted-browser-cookie';
import { getDb } from '@/lib/db/client';
import { CODE_INPUT_MAX_LENGTH } from '@/lib/limits';
import { signInWithApprovedRecovery } from '@/lib/sign-in/approved-recovery';
import { EXPIRED_MESSAGE } from '@/lib/sign-in/messages';
import { verifyFactor } from '@/lib/sign-in/verify-factor';

const ENTER_CODE = 'Enter the code first.';
const schema = z.object({
  method: z.enum(['totp', 'backup', 'otp']),
  code: z.string().trim().min(1, ENTER_CODE).max(CODE_INPUT_MAX_LENGTH, tooLong(CODE_INPUT_MAX_LENGTH)),
});

export async function verifySecondFactor(_prev: unknown, formData: FormData): Promise<Result> {
  const parsed = schema.safeParse({ method: formData.get('method'), code: formData.get('code') });
  if (!parsed.success) {
    const error = parsed.error.issues[0]?.message ?? ENTER_CODE;
    return fail(error, { fieldErrors: { code: error } });
  }
  const token = await readChallengeCookie();
  if (!token) return fail(EXPIRED_MESSAGE, { restart: true });
  const passed = await runAction(() => verifyFactor(getDb(), { token, ...parsed.data }));
  // A wrong, used or expired code is the code field's error; a lockout or a void sign-in is not.
  if (!passed.ok) {
    const notTheCode = passed.restart || passed.retryAfterSeconds || passed.error === DATABASE_DOWN_MESSAGE;
    const field = notTheCode ? undefined : { code: passed.error };
    return { ...passed, fieldErrors: field };
  }
  // "Don't ask again on this browser": only after the factor passed, before the challenge is redeemed.
  if (formData.get('trustBrowser') === 'on') await trustThisBrowser(token);
  await clearChallengeCookie();
  return finishSignIn(token, passed.data.method === 'backup' ? '/account/security?backupCodeUsed=1' : '/');
}

/** Signs in with the admin-approved recovery request instead of the lost second factor (once). */
export async function continueWithApprovedRecovery(): Promise<Result> {
  const token = await readChallengeCookie();
  if (!token) return fail(EXPIRED_MESSAGE, { restart: true });
  const passed = await runAction(() => signInWithApprovedRecovery(getDb(), { token }));
  if (!passed.ok) return passed;
  await clearChallengeCookie();
  return finishSignIn(token, '/account/security');
}
