'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { updateUser, type UserUpdate } from '@/lib/admin/update-user';
import { SELF_SERVICE_ONLY } from '@/lib/admin/messages';
import { requirePermission, requireRecentReauth } from '@/lib/auth/guards';
import { clientIp } from '@/lib/auth/request-info';
import { runAction } from '@/lib/auth/run-action';
import { getDb } from '@/lib/db/client';
import { EMAIL_MAX_LENGTH, MOBILE_INPUT_MAX_LENGTH, NAME_MAX_LENGTH } from '@/lib/limits';
import { fail, fieldErrorsFrom, ok, type Result } from '@/lib/result';

const schema = z.object({
  userId: z.uuid(),
  name: z.string().trim().min(1, 'Enter a name.').max(NAME_MAX_LENGTH, `Use at most ${NAME_MAX_LENGTH} characters.`),
  email: z.string().trim().max(EMAIL_MAX_LENGTH).email('Enter an email address like name@example.com.'),
  mobile: z.string().max(MOBILE_INPUT_MAX_LENGTH, 'That is too long for a phone number.'),
  roleId: z.string().max(64, 'Choose a role.'),
});
/**
 * What the admin typed, handed back after a failure (a form posted without JavaScript shows it again).
 * The API Account flag is not among them: a post that sends it anyway is ignored (mass assignment);
 * it changes only through the API Account panel, which asks for a strong password.
 */
export type EditValues = { name: string; email: string; mobile: string; role: string };

export async function editUserAction(_prev: unknown, formData: FormData): Promise<Result<UserUpdate>> {
  const { user, company } = await requirePermission('users:write');
  const text = (key: string) => String(formData.get(key) ?? '');
  const values: EditValues = {
    name: text('name'),
    email: text('email'),
    mobile: text('mobile'),
    role: text('role'),
  };
  const parsed = schema.safeParse({ ...values, roleId: values.role, userId: text('userId') });
  if (!parsed.success) {
    const fieldErrors = fieldErrorsFrom(parsed.error);
    return { ...fail('Please correct the highlighted fields.', { fieldErrors }), values };
  }
  const { userId, ...changes } = parsed.data;
  if (userId === user.id) return { ...fail(SELF_SERVICE_ONLY), values };
  // Email and role change who can sign in: the page's confirmation must still hold now.
  await requireRecentReauth(`/admin/users/${userId}`, 'users:write');
  return runAction(async () => {
    const result = await updateUser(getDb(), {
      ...changes,
      companyId: company.id,
      actorUserId: user.id,
      targetUserId: userId,
      ip: await clientIp(),
    });
    if (!result.ok) return { ...result, values };
    revalidatePath(`/admin/users/${userId}`);
    return ok(result.data);
  }, values);
}
