'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { requireUser } from '@/lib/auth/guards';
import { clientIp } from '@/lib/auth/request-info';
import { runAction } from '@/lib/auth/run-action';
import { getDb } from '@/lib/db/client';
import { fail, ok, type Result } from '@/lib/result';
import { endSessions } from '@/lib/sessions/end-sessions';

/** Ends one of the user's other sessions (the pressed button's `sessionId`), or without an id all of them. */
export async function endSessionsAction(_prev: unknown, formData: FormData): Promise<Result> {
  const { user, session } = await requireUser();
  const sessionId = z
    .uuid()
    .optional()
    .safeParse(formData.get('sessionId') || undefined);
  if (!sessionId.success || sessionId.data === session.id) return fail('That session can’t be signed out here.');
  return runAction(async () => {
    await endSessions(getDb(), { user, currentSessionId: session.id, sessionId: sessionId.data, ip: await clientIp() });
    revalidatePath('/account/security');
    return ok();
  });
}
