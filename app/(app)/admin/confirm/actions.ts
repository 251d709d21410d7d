'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import { reauthenticateSession } from '@/lib/twofactor/reauthenticate-session';
import { safeReturnPath } from '@/lib/admin/return-path';
import { requireUser } from '@/lib/auth/guards';
import { clientIp } from '@/lib/auth/request-info';
import { runAction } from '@/lib/auth/run-action';
import { getDb } from '@/lib/db/client';
import { CODE_INPUT_MAX_LENGTH, PASSWORD_INPUT_MAX_LENGTH } from '@/lib/limits';
import { fail, type Result } from '@/lib/result';

const schema = z.discriminatedUnion('method', [
  z.object({
    method: z.literal('password'),
    password: z.string().min(1, 'Enter your password.').max(PASSWORD_INPUT_MAX_LENGTH),
  }),
  z.object({
    method: z.enum(['totp', 'backup']),
    code: z.string().trim().min(1, 'Enter the code.').max(CODE_INPUT_MAX_LENGTH),
  }),
]);

const secretField = (method: unknown) => (method === 'password' ? 'password' : 'code');

/**
 * "Confirm your password": the admin's password or a second factor stamps this session for the admin
 * screens that change who can sign in, then goes back to the page that asked (an admin path only).
 * Never echoes the password or the code.
 */
export async function confirmIdentityAction(_prev: unknown, formData: FormData): Promise<Result> {
  const { user, session } = await requireUser();
  const parsed = schema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) {
    const message = parsed.error.issues[0]?.message ?? 'Enter your password or a code.';
    return fail(message, { fieldErrors: { [secretField(formData.get('method'))]: message } });
  }
  const input = parsed.data;
  const result = await runAction(async () =>
    reauthenticateSession(getDb(), {
      user,
      sessionId: session.id,
      method: input.method,
      secret: input.method === 'password' ? input.password : input.code,
      ip: await clientIp(),
    }),
  );
  // The message belongs to the one field of this form: focus goes back to it.
  if (!result.ok)
    return { ...result, fieldErrors: result.fieldErrors ?? { [secretField(input.method)]: result.error } };
  redirect(safeReturnPath(formData.get('next')));
}
