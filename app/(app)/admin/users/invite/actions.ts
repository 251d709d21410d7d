'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import { inviteUser } from '@/lib/admin/invite-user';
import { requirePermission } from '@/lib/auth/guards';
import { clientIp } from '@/lib/auth/request-info';
import { runAction } from '@/lib/auth/run-action';
import { getDb } from '@/lib/db/client';
import { EMAIL_MAX_LENGTH, NAME_MAX_LENGTH } from '@/lib/limits';
import { fail, fieldErrorsFrom, ok, type Result } from '@/lib/result';

const schema = z.object({
  name: z
    .string()
    .trim()
    .min(1, 'Enter the person’s name.')
    .max(NAME_MAX_LENGTH, `Use at most ${NAME_MAX_LENGTH} characters.`),
  email: z.string().trim().max(EMAIL_MAX_LENGTH).email('Enter an email address like name@example.com.'),
  roleId: z.string().max(64, 'Choose a role.'),
});
export async function inviteAction(_prev: unknown, formData: FormData): Promise<Result> {
  const { user, company } = await requirePermission('users:write');
  const values = {
    name: String(formData.get('name') ?? ''),
    email: String(formData.get('email') ?? ''),
    role: String(formData.get('role') ?? ''),
  };
  const parsed = schema.safeParse({ ...values, roleId: values.role });
  if (!parsed.success)
    return {
      ...fail('Please correct the highlighted fields.', { fieldErrors: fieldErrorsFrom(parsed.error) }),
      values,
    };
  const result = await runAction(async () => {
    const invited = await inviteUser(getDb(), {
      ...parsed.data,
      companyId: company.id,
      actorUserId: user.id,
      ip: await clientIp(),
    });
    if (!invited.ok) return { ...invited, values };
    if (!invited.data.emailSent) {
      // The account stands; only the email failed. Say so, and where to send it again.
      return fail(
        `We created the account, but could not send the invitation email. Open ${parsed.data.name} in Users and choose “Send invitation again”.`,
      );
    }
    return ok();
  }, values);
  if (!result.ok) return result;
  redirect('/admin/users?notice=invited');
}
