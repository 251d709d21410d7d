'use server';

import { z } from 'zod';
import type { ActionResult } from '@/lib/action-result';
import { changePassword } from '@/lib/accounts/change-password';
import { requireUser } from '@/lib/auth/guards';
import { clientIp } from '@/lib/auth/request-info';
import { runAction } from '@/lib/auth/run-action';
import { getDb } from '@/lib/db/client';

const schema = z.object({ currentPassword: z.string().min(1).max(1024), newPassword: z.string().max(1024) });

export async function changePasswordAction(_prev: unknown, formData: FormData): Promise<ActionResult> {
  const { user, session } = await requireUser();
  const parsed = schema.safeParse({
    currentPassword: formData.get('currentPassword'),
    newPassword: formData.get('newPassword'),
  });
  if (!parsed.success) return { ok: false, error: 'Enter your current password and a new one.' };
  return runAction(async () => {
    const result = await changePassword(getDb(), { user, sessionId: session.id, ...parsed.data, ip: await clientIp() });
    if (!result.ok) return { ok: false, error: result.error, fieldErrors: { [result.field]: result.error } };
    return { ok: true, data: undefined };
  });
}
