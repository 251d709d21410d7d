'use server';

import { z } from 'zod';
import { requireUser } from '@/lib/auth/guards';
import { clientIp } from '@/lib/auth/request-info';
import { runAction } from '@/lib/auth/run-action';
import { getDb } from '@/lib/db/client';
import { PASSWORD_INPUT_MAX_LENGTH } from '@/lib/limits';
import { fail, type Result } from '@/lib/result';
import type { DuoSetupStarted } from '@/lib/twofactor/start-duo-setup';
import { startOwnDuoSetup } from '@/lib/twofactor/start-own-duo-setup';

const schema = z.object({ password: z.string().max(PASSWORD_INPUT_MAX_LENGTH).optional() });

/** "Duo Setup" for the signed-in user: Duo is asked about them, and an activation made if needed. */
export async function startDuoSetupAction(_prev: unknown, formData: FormData): Promise<Result<DuoSetupStarted>> {
  const { user, session } = await requireUser();
  const parsed = schema.safeParse({ password: formData.get('password') || undefined });
  if (!parsed.success) return fail('Your password is too long.', { fieldErrors: { password: 'Too long.' } });
  return runAction(async () =>
    startOwnDuoSetup(getDb(), { user, sessionId: session.id, password: parsed.data.password, ip: await clientIp() }),
  );
}
