'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { requireUser } from '@/lib/auth/guards';
import { clientIp } from '@/lib/auth/request-info';
import { runAction } from '@/lib/auth/run-action';
import { getDb } from '@/lib/db/client';
import type { TwoFactorMethod } from '@/lib/db/schema';
import { PASSWORD_INPUT_MAX_LENGTH } from '@/lib/limits';
import { fieldErrorsFrom, ok, type Result } from '@/lib/result';
import { setPreferredMethod } from '@/lib/twofactor/set-preferred-method';

const schema = z.object({
  method: z.enum(['otp', 'totp', 'duo', 'passkey'], 'Choose a method.'),
  password: z.string().max(PASSWORD_INPUT_MAX_LENGTH).optional(),
});

type Values = { method: string };

/** Saves the method asked for first; the answer names it, so "Saved" confirms the new one. */
export async function savePreferredMethod(
  _prev: unknown,
  formData: FormData,
): Promise<Result<{ method: TwoFactorMethod }, Values>> {
  const { user, session } = await requireUser();
  const values = { method: String(formData.get('method') ?? '') };
  const parsed = schema.safeParse(Object.fromEntries(formData));
  if (!parsed.success)
    return { ok: false, error: 'Choose a method.', fieldErrors: fieldErrorsFrom(parsed.error), values };
  const { method } = parsed.data;
  return runAction(async () => {
    const result = await setPreferredMethod(getDb(), {
      user,
      sessionId: session.id,
      ...parsed.data,
      ip: await clientIp(),
    });
    if (!result.ok) return { ...result, values };
    revalidatePath('/account/security');
    return ok({ method });
  }, values);
}
