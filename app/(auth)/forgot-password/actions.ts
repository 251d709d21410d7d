'use server';

import { z } from 'zod';
import type { ActionResult } from '@/lib/action-result';
import { requestPasswordReset } from '@/lib/accounts/request-password-reset';
import { clientIp } from '@/lib/auth/request-info';
import { runAction } from '@/lib/auth/run-action';
import { getDb } from '@/lib/db/client';

export async function requestResetAction(
  _prev: unknown,
  formData: FormData,
): Promise<ActionResult<undefined, { email: string }>> {
  const values = { email: String(formData.get('email') ?? '') };
  const parsed = z.string().trim().max(320).email().safeParse(values.email);
  if (!parsed.success) return { ok: false, error: 'Enter the email address of your account.', values };
  return runAction(async () => {
    const result = await requestPasswordReset(getDb(), { email: parsed.data, ip: await clientIp() });
    return result.ok ? { ok: true, data: undefined } : { ...result, values };
  }, values);
}
