'use server';

import { z } from 'zod';
import { requestPasswordReset } from '@/lib/accounts/request-password-reset';
import { clientIp } from '@/lib/auth/request-info';
import { runAction } from '@/lib/auth/run-action';
import { getDb } from '@/lib/db/client';
import { EMAIL_MAX_LENGTH } from '@/lib/limits';
import type { Result } from '@/lib/result';

export async function requestResetAction(
  _prev: unknown,
  formData: FormData,
): Promise<Result<undefined, { email: string }>> {
  const values = { email: String(formData.get('email') ?? '') };
  const parsed = z.string().trim().max(EMAIL_MAX_LENGTH).email().safeParse(values.email);
  if (!parsed.success) {
    const error = 'Enter the email address of your account, like name@example.com.';
    return { ok: false, error, fieldErrors: { email: error }, values };
  }
  return runAction(async () => {
    const result = await requestPasswordReset(getDb(), { email: parsed.data, ip: await clientIp() });
    return result.ok ? result : { ...result, values };
  }, values);
}
