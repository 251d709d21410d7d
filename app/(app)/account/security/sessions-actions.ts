'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { requireUser } from '@/lib/auth/guards';
import { clientIp } from '@/lib/auth/request-info';
import { getDb } from '@/lib/db/client';
import { endSessions } from '@/lib/sessions/end-sessions';

/** Ends one of the user's other sessions, or (without an id) all of them. */
export async function endSessionsAction(formData: FormData): Promise<void> {
  const { user, session } = await requireUser();
  const sessionId = z
    .uuid()
    .optional()
    .safeParse(formData.get('sessionId') ?? undefined);
  if (!sessionId.success || sessionId.data === session.id) return;
  await endSessions(getDb(), { user, currentSessionId: session.id, sessionId: sessionId.data, ip: await clientIp() });
  revalidatePath('/account/security');
}
