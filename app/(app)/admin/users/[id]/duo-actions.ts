'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { SELF_SERVICE_ONLY } from '@/lib/admin/messages';
import { setUserDuoUsername, startUserDuoSetup } from '@/lib/admin/user-duo-setup';
import { requirePermission, requireRecentReauth } from '@/lib/auth/guards';
import { clientIp } from '@/lib/auth/request-info';
import { runAction } from '@/lib/auth/run-action';
import { getDb } from '@/lib/db/client';
import { DUO_INPUT_MAX_LENGTH } from '@/lib/limits';
import { fail, ok, type Result } from '@/lib/result';

const INVALID = fail('That request was not complete. Reload the page and try again.');

/** The admin, in sudo mode, acting on another user of their company (never themselves). */
async function admin(formData: FormData) {
  const { user, company } = await requirePermission('users:2fa');
  const userId = String(formData.get('userId') ?? '');
  if (!z.uuid().safeParse(userId).success) return INVALID;
  if (userId === user.id) return fail(SELF_SERVICE_ONLY);
  await requireRecentReauth(`/admin/users/${userId}`, 'users:2fa');
  return ok({ companyId: company.id, actorUserId: user.id, targetUserId: userId, ip: await clientIp() });
}

export async function setDuoUsernameAction(_prev: unknown, formData: FormData): Promise<Result<string>> {
  const checked = await admin(formData);
  if (!checked.ok) return checked;
  const who = checked.data;
  const duoUsername = String(formData.get('duoUsername') ?? '').slice(0, DUO_INPUT_MAX_LENGTH + 1);
  return runAction(async () => {
    const result = await setUserDuoUsername(getDb(), { ...who, duoUsername });
    if (!result.ok) return result;
    revalidatePath(`/admin/users/${who.targetUserId}`);
    return ok(duoUsername.trim() ? 'Saved.' : 'Saved. Duo is asked about their email.');
  });
}

/** "Duo Setup" for the user beside the admin: done at once, or the activation appears on this page. */
export async function startUserDuoSetupAction(_prev: unknown, formData: FormData): Promise<Result<string>> {
  const checked = await admin(formData);
  if (!checked.ok) return checked;
  const who = checked.data;
  return runAction(async () => {
    const result = await startUserDuoSetup(getDb(), who);
    if (!result.ok) return result;
    revalidatePath(`/admin/users/${who.targetUserId}`);
    return ok(
      result.data.state === 'done'
        ? 'Duo already knows them: Duo is now their sign-in method.'
        : 'Scan the barcode below with Duo Mobile on their phone.',
    );
  });
}
