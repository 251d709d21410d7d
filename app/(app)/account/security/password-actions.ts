'use server';

import { z } from 'zod';
import { changePassword } from '@/lib/accounts/change-password';
import { requireUser } from '@/lib/auth/guards';
import { clientIp } from '@/lib/auth/request-info';
import { runAction } from '@/lib/auth/run-action';
import { getDb } from '@/lib/db/client';
import { PASSWORD_INPUT_MAX_LENGTH } from '@/lib/limits';
import { fail, fieldErrorsFrom, type Result } from '@/lib/result';

const schema = z.object({
  currentPassword: z.string().min(1, 'Enter your current password.').max(PASSWORD_INPUT_MAX_LENGTH),
  newPassword: z.string().min(1, 'Enter a new password.').max(PASSWORD_INPUT_MAX_LENGTH),
});

/**
 * Always asks for the current password, even inside the re-authentication window: changing the
 * password proves knowing the old one (OWASP ASVS V2.1.6), and the form names it anyway.
 */
export async function changePasswordAction(_prev: unknown, formData: FormData): Promise<Result> {
  const { user, session } = await requireUser();
  const parsed = schema.safeParse({
    currentPassword: formData.get('currentPassword') ?? '',
    newPassword: formData.get('newPassword') ?? '',
  });
  if (!parsed.success)
    return fail('Enter your current password and a new one.', { fieldErrors: fieldErrorsFrom(parsed.error) });
  return runAction(async () =>
    changePassword(getDb(), { user, sessionId: session.id, ...parsed.data, ip: await clientIp() }),
  );
}
