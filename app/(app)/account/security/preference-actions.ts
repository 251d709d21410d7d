'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { requireUser } from '@/lib/auth/guards';
import { clientIp } from '@/lib/auth/request-info';
import { runAction } from '@/lib/auth/run-action';
import { getDb } from '@/lib/db/client';
import { PASSWORD_INPUT_MAX_LENGTH } from '@/lib/limits';
import { fail, ok, type Result } from '@/lib/result';
import { setPreferredMethod } from '@/lib/twofactor/set-preferred-method';

const schema = z.object({
  method: z.enum(['otp', 'totp', 'duo']),
  password: z.string().min(1).max(PASSWORD_INPUT_MAX_LENGTH),
});

export async function savePreferredMethod(_prev: unknown, formData: FormData): Promise<Result> {
  const { user, session } = await requireUser();
  const parsed = schema.safeParse({ method: formData.get('method'), password: formData.get('password') });
  if (!parsed.success) return fail('Choose a method and enter your password.');
  return runAction(async () => {
    const result = await setPreferredMethod(getDb(), {
      user,
      sessionId: session.id,
      ...parsed.data,
      ip: await clientIp(),
    });
    if (!result.ok) return result;
    revalidatePath('/account/security');
    return ok();
  });
}
