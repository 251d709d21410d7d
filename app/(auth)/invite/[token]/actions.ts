'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import type { ActionResult } from '@/lib/action-result';
import { acceptInvitation } from '@/lib/admin/accept-invitation';
import { clientIp } from '@/lib/auth/request-info';
import { runAction } from '@/lib/auth/run-action';
import { getDb } from '@/lib/db/client';

const schema = z.object({
  token: z.string().min(1).max(100),
  password: z.string().max(1024),
  confirm: z.string().max(1024),
});

/** Sets the invited user's password; the token is bound by the page, never typed or stored in a field. */
export async function acceptInvitationAction(token: string, _prev: unknown, formData: FormData): Promise<ActionResult> {
  const parsed = schema.safeParse({ token, password: formData.get('password'), confirm: formData.get('confirm') });
  if (!parsed.success) return { ok: false, error: 'Enter your new password twice.' };
  if (parsed.data.password !== parsed.data.confirm) {
    return {
      ok: false,
      error: 'The two passwords are different.',
      fieldErrors: { confirm: 'Type the same password again.' },
    };
  }
  const result = await runAction<undefined, undefined>(async () => {
    const accepted = await acceptInvitation(getDb(), { token, password: parsed.data.password, ip: await clientIp() });
    if (accepted.ok) return { ok: true, data: undefined };
    return {
      ok: false,
      error: accepted.error,
      fieldErrors: accepted.reason === 'password' ? { password: accepted.error } : undefined,
    };
  });
  if (!result.ok) return result;
  redirect('/invite/accepted');
}
