'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { requireRecentReauth } from '@/lib/auth/guards';
import { clientIp } from '@/lib/auth/request-info';
import { runAction } from '@/lib/auth/run-action';
import { getDb } from '@/lib/db/client';
import { approveRecovery } from '@/lib/recovery/approve-recovery';
import { fail, ok, type Result } from '@/lib/result';

const schema = z.object({ requestId: z.uuid() });

export type ApproveState = Result<{ name: string }>;

/**
 * "Reset 2FA" on a recovery request: the pressed button names the request, and its own box must be
 * ticked. The company comes from the admin's session, never the form.
 */
export async function approveRecoveryAction(_prev: unknown, formData: FormData): Promise<ApproveState> {
  // Approving resets the user's 2FA: like Reset 2FA, only in a session that confirmed its admin recently.
  const { user, company } = await requireRecentReauth('/admin/users', 'users:2fa');
  const parsed = schema.safeParse({ requestId: formData.get('requestId') });
  if (!parsed.success) return fail('That request was not complete. Reload the page and try again.');
  const { requestId } = parsed.data;
  if (!formData.getAll('checked').includes(requestId)) {
    const message = 'First confirm that you checked who you are talking to, then choose Reset 2FA.';
    return fail(message, { fieldErrors: { [`checked-${requestId}`]: message } });
  }
  return runAction(async () => {
    const result = await approveRecovery(getDb(), {
      companyId: company.id,
      actorUserId: user.id,
      requestId,
      ip: await clientIp(),
    });
    if (!result.ok) return result;
    revalidatePath('/admin/users');
    return ok({ name: result.data.user.name });
  });
}
