'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { deleteUser } from '@/lib/admin/delete-user';
import { SELF_SERVICE_ONLY, withEmailNote } from '@/lib/admin/messages';
import { setUserDisabled, type UserAccessChange } from '@/lib/admin/set-user-disabled';
import { requirePermission, requireRecentReauth } from '@/lib/auth/guards';
import { clientIp } from '@/lib/auth/request-info';
import { runAction } from '@/lib/auth/run-action';
import { getDb } from '@/lib/db/client';
import { EMAIL_MAX_LENGTH } from '@/lib/limits';
import { fail, ok, type Result } from '@/lib/result';

const INVALID = fail('That request was not complete. Reload the page and try again.');
const accessSchema = z.object({ userId: z.uuid(), disabled: z.enum(['true', 'false']).transform((v) => v === 'true') });
const deleteSchema = z.object({ userId: z.uuid(), confirmation: z.string().max(EMAIL_MAX_LENGTH) });

/**
 * Guard first (users:write), then parse; never the admin's own account, and only in a session that
 * confirmed its admin recently (checked again here: the page having been loaded in time proves
 * nothing now). Null when the form was incomplete; SELF when aimed at the admin.
 */
async function guarded<S extends z.ZodType<{ userId: string }>>(formData: FormData, schema: S) {
  const current = await requirePermission('users:write');
  const parsed = schema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return null;
  if (parsed.data.userId === current.user.id) return SELF;
  await requireRecentReauth(`/admin/users/${parsed.data.userId}`, 'users:write');
  return { ...current, input: parsed.data as z.infer<S> };
}
const SELF = 'self' as const;

const accessDone = ({ user, changed, emailed }: UserAccessChange) => {
  if (!changed) return user.disabled ? 'This user was already deactivated.' : 'This user was already active.';
  return user.disabled
    ? withEmailNote('Deactivated: they were signed out everywhere and can no longer sign in', Boolean(emailed), 'them')
    : withEmailNote('Reactivated: they can sign in again', Boolean(emailed), 'them');
};

/** Deactivate (disabled=true) or reactivate (disabled=false) a user; the answer says what was done. */
export async function setAccessAction(_prev: unknown, formData: FormData): Promise<Result<string>> {
  const current = await guarded(formData, accessSchema);
  if (!current) return INVALID;
  if (current === SELF) return fail(SELF_SERVICE_ONLY);
  const { userId, disabled } = current.input;
  return runAction(async () => {
    const result = await setUserDisabled(getDb(), {
      companyId: current.company.id,
      actorUserId: current.user.id,
      targetUserId: userId,
      disabled,
      ip: await clientIp(),
    });
    if (!result.ok) return result;
    revalidatePath(`/admin/users/${userId}`);
    return ok(accessDone(result.data));
  });
}

/** Deletes a user once the admin typed their email; then back to the Users list, which says so. */
export async function deleteUserAction(_prev: unknown, formData: FormData): Promise<Result<string>> {
  const current = await guarded(formData, deleteSchema);
  if (!current) return INVALID;
  if (current === SELF) return fail(SELF_SERVICE_ONLY);
  const { userId, confirmation } = current.input;
  const values = { confirmation };
  const result = await runAction(async () => {
    const deleted = await deleteUser(getDb(), {
      companyId: current.company.id,
      actorUserId: current.user.id,
      targetUserId: userId,
      confirmation,
      ip: await clientIp(),
    });
    return deleted.ok ? ok('') : { ...deleted, values };
  }, values);
  if (!result.ok) return result;
  revalidatePath('/admin/users');
  redirect('/admin/users?notice=deleted');
}
