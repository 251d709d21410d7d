'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import { resetPassword } from '@/lib/accounts/reset-password';
import { runAction } from '@/lib/auth/run-action';
import { getDb } from '@/lib/db/client';
import { LINK_TOKEN_MAX_LENGTH, LINK_TOKEN_MIN_LENGTH, PASSWORD_INPUT_MAX_LENGTH } from '@/lib/limits';
import { fail, type Result } from '@/lib/result';

const schema = z.object({
  token: z.string().min(LINK_TOKEN_MIN_LENGTH).max(LINK_TOKEN_MAX_LENGTH),
  password: z.string().max(PASSWORD_INPUT_MAX_LENGTH),
});

export async function resetPasswordAction(_prev: unknown, formData: FormData): Promise<Result> {
  const parsed = schema.safeParse({ token: formData.get('token'), password: formData.get('password') });
  if (!parsed.success) return fail('Enter a new password.', { fieldErrors: { password: 'Enter a new password.' } });
  const result = await runAction(async () =>
    resetPassword(getDb(), { token: parsed.data.token, newPassword: parsed.data.password }),
  );
  if (!result.ok) return result;
  redirect('/login?notice=password-reset');
}
