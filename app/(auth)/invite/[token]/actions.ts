'use server';

import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { secureCookies } from '@/lib/auth/challenge-cookie';
import { z } from 'zod';
import { acceptInvitation } from '@/lib/admin/accept-invitation';
import { clientIp } from '@/lib/auth/request-info';
import { runAction } from '@/lib/auth/run-action';
import { getDb } from '@/lib/db/client';
import { tooLong } from '@/lib/field-messages';
import { LINK_TOKEN_MAX_LENGTH, PASSWORD_MAX_LENGTH } from '@/lib/limits';
import { fail, fieldErrorsFrom, type Result } from '@/lib/result';

const INVITED_COOKIE = 'lk_invited';

// Capped before any work; an over-long password says so on its field.
const schema = z.object({
  token: z.string().min(1).max(LINK_TOKEN_MAX_LENGTH),
  password: z.string().max(PASSWORD_MAX_LENGTH, tooLong(PASSWORD_MAX_LENGTH)),
  confirm: z.string().max(PASSWORD_MAX_LENGTH, tooLong(PASSWORD_MAX_LENGTH)),
});

/** Sets the invited user's password; the token is bound by the page, never typed or stored in a field. */
export async function acceptInvitationAction(token: string, _prev: unknown, formData: FormData): Promise<Result> {
  const parsed = schema.safeParse({
    token,
    password: String(formData.get('password') ?? ''),
    confirm: String(formData.get('confirm') ?? ''),
  });
  if (!parsed.success)
    return fail('Please correct the highlighted fields.', { fieldErrors: fieldErrorsFrom(parsed.error) });
  if (parsed.data.password !== parsed.data.confirm)
    return fail('The two passwords are different.', { fieldErrors: { confirm: 'Type the same password again.' } });
  const result = await runAction(async () =>
    acceptInvitation(getDb(), { token, password: parsed.data.password, ip: await clientIp() }),
  );
  // A refused password comes back as the password field's error; a used or expired link as the message.
  if (!result.ok) return result;
  // The sign-in page that follows fills in the address (issue 9 #11). A cookie for that page only,
  // not the URL: addresses do not belong in logs and browser history.
  (await cookies()).set(INVITED_COOKIE, result.data.email, {
    httpOnly: true,
    sameSite: 'lax',
    secure: secureCookies(),
    path: '/invite/accepted',
    maxAge: 600,
  });
  redirect('/invite/accepted');
}
