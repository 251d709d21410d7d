'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import type { ActionResult } from '@/lib/action-result';
import { resetPassword } from '@/lib/accounts/reset-password';
import { runAction } from '@/lib/auth/run-action';
import { getDb } from '@/lib/db/client';

const schema = z.object({ token: z.string().min(20).max(100), password: z.string().max(1024) });

export async function resetPasswordAction(_prev: unknown, formData: FormData): Promise<ActionResult> {
  const parsed = schema.safeParse({ token: formData.get('token'), password: formData.get('password') });
  if (!parsed.success) return { ok: false, error: 'Enter a new password.' };
  const result = await runAction<undefined, undefined>(async () => {
    const outcome = await resetPassword(getDb(), { token: parsed.data.token, newPassword: parsed.data.password });
    if (!outcome.ok)
      return { ok: false, error: outcome.error, fieldErrors: outcome.field ? { password: outcome.error } : undefined };
    return { ok: true, data: undefined };
  });
  if (!result.ok) return result;
  redirect('/login?notice=password-reset');
}
