'use server';

import { z } from 'zod';
import { tooLong } from '@/lib/field-messages';
import { fail, type Result } from '@/lib/result';
import { clearChallengeCookie, readChallengeCookie } from '@/lib/auth/challenge-cookie';
import { finishSignIn } from '@/lib/auth/finish-sign-in';
import { runAction } from '@/lib/auth/run-action';
import { getDb } from '@/lib/db/client';
import { CODE_INPUT_MAX_LENGTH } from '@/lib/limits';
import { EXPIRED_MESSAGE } from '@/lib/sign-in/messages';
import { verifyFactor } from '@/lib/sign-in/verify-factor';

const schema = z.object({
  method: z.enum(['totp', 'backup', 'otp']),
  code: z.string().trim().min(1, 'Enter the code first.').max(CODE_INPUT_MAX_LENGTH, tooLong(CODE_INPUT_MAX_LENGTH)),
});

export async function verifySecondFactor(_prev: unknown, formData: FormData): Promise<Result> {
  const parsed = schema.safeParse({ method: formData.get('method'), code: formData.get('code') });
  if (!parsed.success) return fail(parsed.error.issues[0]?.message ?? 'Enter the code first.');
  const token = await readChallengeCookie();
  if (!token) return fail(EXPIRED_MESSAGE, { restart: true });
  const passed = await runAction(() => verifyFactor(getDb(), { token, ...parsed.data }));
  if (!passed.ok) return passed;
  await clearChallengeCookie();
  return finishSignIn(token, passed.data.method === 'backup' ? '/account/security?backupCodeUsed=1' : '/');
}
